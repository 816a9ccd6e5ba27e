//! Citations read back: `search --format bibtex` and `show --format
//! bibtex` parsed as BibTeX reads them, for hostile titles and authors,
//! arXiv and DOI papers, and `bookmarks export` agreeing across corpora.

mod common;

use common::{fixture, paperboat, write};
use tempfile::TempDir;

/// Titles and names holding every character BibTeX or LaTeX acts on,
/// unbalanced braces, a lone backslash, the word `and`, and terminal
/// escapes (which the corpus loader has already made harmless).
const HOSTILE: &str = r#"{"format":"paperboat-corpus","version":1,"name":"h","papers":[
{"id":"arXiv:2401.00001v2","title":"A {hostile} \\ & title ~ ^ % $ # _ }{ \\end{document}","authors":["Tom and Jerry","José Müller","O{x}\\","}} @misc{evil,"],"author_count":6,"published":"2024-03-05","links":[{"kind":"code","url":"https://github.com/a/b_c%20d"},{"kind":"paper","url":"https://arxiv.org/abs/2401.00001"}],"tags":["arxiv/cs.CV","arxiv/eess.IV"]},
{"id":"doi-paper","title":"}}}} Über {Segmentation \u001b]52;c;eA==\u0007","authors":["Zoë O'Brien"],"published":"2023-12-01","links":[{"kind":"paper","url":"https://doi.org/10.1000/abc_def%7B"}]},
{"id":"untitled-ish","title":"% #"}
]}"#;

/// One entry as parsed: its type, key and fields (name, raw value).
#[derive(Debug)]
struct Entry {
    kind: String,
    key: String,
    fields: Vec<(String, String)>,
}

impl Entry {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A BibTeX reader as strict as BibTeX itself: `@type{key,`, then
/// `name = {value},` or `name = macro,` fields, braces counted through
/// every value, whatever backslashes precede them.
fn parse(text: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let body = rest.strip_prefix('@').expect("an entry starts with @");
        let open = body.find('{').expect("an entry type ends at {");
        let kind = body[..open].to_string();
        let body = &body[open + 1..];
        let comma = body.find(',').expect("a key ends at a comma");
        let key = body[..comma].to_string();
        assert!(
            key.bytes().all(|b| b.is_ascii_alphanumeric()),
            "key `{key}`"
        );
        let mut body = body[comma + 1..].trim_start();
        let mut fields = Vec::new();
        while !body.starts_with('}') {
            let eq = body.find('=').expect("a field has =");
            let name = body[..eq].trim().to_string();
            let value_text = body[eq + 1..].trim_start();
            let (value, after) = if let Some(inner) = value_text.strip_prefix('{') {
                let mut depth = 1;
                let mut end = None;
                for (i, c) in inner.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 {
                        end = Some(i);
                        break;
                    }
                }
                let end = end.unwrap_or_else(|| panic!("field {name} never closes"));
                (inner[..end].to_string(), &inner[end + 1..])
            } else {
                let end = value_text.find(',').expect("a macro ends at a comma");
                let word = &value_text[..end];
                assert!(word.bytes().all(|b| b.is_ascii_lowercase()), "macro {word}");
                (word.to_string(), &value_text[end..])
            };
            let after = after.strip_prefix(',').expect("a field ends with a comma");
            assert!(
                after.starts_with('\n'),
                "field {name} is not alone on its line"
            );
            fields.push((name, value));
            body = after.trim_start();
        }
        entries.push(Entry { kind, key, fields });
        rest = body[1..].trim_start();
    }
    entries
}

/// The text LaTeX prints for a field's value, failing on any character
/// it would act on rather than print.
fn printed(value: &str) -> String {
    const COMMANDS: [(&str, char); 5] = [
        ("\\textbraceleft{}", '{'),
        ("\\textbraceright{}", '}'),
        ("\\textbackslash{}", '\\'),
        ("\\textasciicircum{}", '^'),
        ("\\textasciitilde{}", '~'),
    ];
    let mut out = String::new();
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        if let Some((cmd, shown)) = COMMANDS.iter().find(|(cmd, _)| rest.starts_with(cmd)) {
            out.push(*shown);
            rest = &rest[cmd.len()..];
            continue;
        }
        match c {
            '\\' => {
                let next = rest[1..].chars().next().expect("no lone backslash");
                assert!(
                    "&%$#_".contains(next),
                    "unknown command \\{next} in {value}"
                );
                out.push(next);
                rest = &rest[2..];
            }
            '&' | '%' | '$' | '#' | '_' | '^' | '~' | '{' | '}' => {
                panic!("unescaped {c} in {value}")
            }
            c => {
                assert!(!c.is_control(), "control {c:?} in {value}");
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

fn bibtex(corpus: &std::path::Path, args: &[&str]) -> String {
    let dir = TempDir::new().unwrap();
    let out = paperboat(dir.path())
        .arg("--corpus")
        .arg(corpus)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn hostile_titles_and_authors_read_back_as_written() {
    let dir = TempDir::new().unwrap();
    let corpus = write(dir.path(), "h.json", HOSTILE);
    let text = bibtex(
        &corpus,
        &["search", "", "--sort", "date", "--format", "bibtex"],
    );
    let entries = parse(&text);
    assert_eq!(entries.len(), 3, "{text}");

    let arxiv = entries.iter().find(|e| e.key.starts_with("jerry")).unwrap();
    assert_eq!(arxiv.kind, "misc");
    assert_eq!(arxiv.key, "jerry2024hostile");
    // Title braced twice, so its case is kept; inside, the text as written.
    let title = arxiv.field("title").unwrap();
    let inner = title
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap();
    assert_eq!(
        printed(inner),
        "A {hostile} \\ & title ~ ^ % $ # _ }{ \\end{document}"
    );
    // Four names, a name holding `and` braced whole, `others` for the two
    // the corpus counts but does not name.
    let authors = arxiv.field("author").unwrap();
    assert_eq!(
        authors,
        "{Tom and Jerry} and José Müller and O\\textbraceleft{}x\\textbraceright{}\\textbackslash{} and \\textbraceright{}\\textbraceright{} @misc\\textbraceleft{}evil, and others"
    );
    assert_eq!(arxiv.field("year"), Some("2024"));
    assert_eq!(arxiv.field("month"), Some("mar"));
    assert_eq!(arxiv.field("eprint"), Some("2401.00001"));
    assert_eq!(arxiv.field("archivePrefix"), Some("arXiv"));
    assert_eq!(arxiv.field("primaryClass"), Some("cs.CV"));
    // The paper's page, not its code; the code in the note.
    assert_eq!(arxiv.field("url"), Some("https://arxiv.org/abs/2401.00001"));
    assert_eq!(
        printed(arxiv.field("note").unwrap()),
        "Code: https://github.com/a/b_c%20d"
    );

    let doi = entries
        .iter()
        .find(|e| e.key.starts_with("obrien"))
        .unwrap();
    assert_eq!(doi.key, "obrien2023uber");
    assert_eq!(doi.field("doi"), Some("10.1000/abc_def%7B"));
    assert_eq!(doi.field("url"), Some("https://doi.org/10.1000/abc_def%7B"));
    assert_eq!(doi.field("eprint"), None);
    let title = doi.field("title").unwrap();
    let title = printed(&title[1..title.len() - 1]);
    assert!(title.starts_with("}}}} Über {Segmentation "), "{title}");
    assert!(!title.contains('\u{1b}'));

    // Nothing but punctuation still makes a key.
    let bare = entries.iter().find(|e| e.key.starts_with("paper")).unwrap();
    assert_eq!(bare.key, "papernd");
}

#[test]
fn show_cites_arxiv_snapshot_papers_new_and_old_with_category_and_doi() {
    let corpus = fixture("formats/arxiv-metadata.json");
    let text = bibtex(&corpus, &["show", "arXiv:2410.00001", "--format", "bibtex"]);
    let entries = parse(&text);
    assert_eq!(entries.len(), 1, "{text}");
    let e = &entries[0];
    assert_eq!(e.key, "ma2007segment");
    assert_eq!(e.field("author"), Some("Jun Ma and Bo Wang Jr."));
    assert_eq!(e.field("eprint"), Some("2410.00001"));
    assert_eq!(e.field("archivePrefix"), Some("arXiv"));
    assert_eq!(e.field("primaryClass"), Some("cs.CV"));
    assert_eq!(e.field("doi"), Some("10.1000/a.1"));
    assert_eq!(e.field("url"), Some("https://arxiv.org/abs/2410.00001"));

    let text = bibtex(
        &corpus,
        &["show", "arXiv:math/0406191", "--format", "bibtex"],
    );
    let e = &parse(&text)[0];
    // No date, but the id says June 2004.
    assert_eq!(e.key, "noether2004old");
    assert_eq!(
        (e.field("year"), e.field("month")),
        (Some("2004"), Some("jun"))
    );
    assert_eq!(e.field("eprint"), Some("math/0406191"));
    assert_eq!(e.field("doi"), Some("10.1000/c.3"));
}

#[test]
fn clashing_keys_take_a_and_b_in_listing_order() {
    let dir = TempDir::new().unwrap();
    let corpus = write(
        dir.path(),
        "c.json",
        r#"{"format":"paperboat-corpus","version":1,"name":"c","papers":[
        {"title":"Mamba Seg one","authors":["Ann Lee"],"published":"2024-01-01"},
        {"title":"Mamba Seg two","authors":["Ann Lee"],"published":"2024-02-01"},
        {"title":"Mamba Seg three","authors":["Ann Lee"],"published":"2024-03-01"}]}"#,
    );
    let text = bibtex(
        &corpus,
        &["search", "", "--sort", "-date", "--format", "bibtex"],
    );
    let keys: Vec<String> = parse(&text).into_iter().map(|e| e.key).collect();
    assert_eq!(keys, ["lee2024mamba", "lee2024mambaa", "lee2024mambab"]);
}

#[test]
fn a_bookmark_is_cited_the_same_from_any_corpus() {
    let dir = TempDir::new().unwrap();
    let corpus = fixture("formats/arxiv-metadata.json");
    let run = |args: &[&str]| {
        let out = paperboat(dir.path()).args(args).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let corpus = corpus.to_str().unwrap();
    run(&["--corpus", corpus, "bookmarks", "add", "arXiv:2410.00001"]);
    let there = run(&[
        "--corpus",
        corpus,
        "bookmarks",
        "export",
        "--format",
        "bibtex",
    ]);
    // The bundled corpus does not have the paper; the bookmark says it all.
    let here = run(&["bookmarks", "export", "--format", "bibtex"]);
    assert_eq!(here, there);
    let e = &parse(&here)[0];
    assert_eq!(e.key, "ma2007segment");
    assert_eq!(e.field("author"), Some("Jun Ma and Bo Wang Jr."));
    assert_eq!(e.field("eprint"), Some("2410.00001"));
    assert_eq!(e.field("doi"), Some("10.1000/a.1"));
}
