//! BibTeX entries that LaTeX reads back as the text they were made from:
//! balanced braces whatever a title holds, and every character BibTeX or
//! LaTeX would act on written as a command that prints it.

use std::fmt::Write as _;

use super::Citation;
use super::key::Keys;
use super::percent_encode;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Entries for `citations`, one blank line apart, with keys made unique
/// (`a`, `b`, ... on clashes): the keys bookmarks were made with first,
/// as they are (they may be in someone's paper already), then the others
/// in order.
pub fn entries<'a>(citations: impl IntoIterator<Item = &'a Citation>) -> String {
    let citations: Vec<&Citation> = citations.into_iter().collect();
    let keys = keys(&citations);
    let mut out = String::new();
    for (i, (c, key)) in citations.iter().zip(keys).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        entry(c, &key, &mut out);
    }
    out
}

/// The key each citation is written under, in order: fixed keys (a
/// bookmark's) first, then the others made unique around them.
pub fn keys(citations: &[&Citation]) -> Vec<String> {
    let mut keys = Keys::default();
    let mut given: Vec<Option<String>> = citations
        .iter()
        .map(|c| c.fixed.then(|| keys.unique(&c.cited.key)))
        .collect();
    for (c, key) in citations.iter().zip(&mut given) {
        if key.is_none() {
            *key = Some(keys.unique(&c.cited.key));
        }
    }
    given.into_iter().map(Option::unwrap_or_default).collect()
}

/// One entry of [`entries`] under `key`, to be written on its own; the
/// entries are separated by a blank line.
pub fn entry_text(c: &Citation, key: &str) -> String {
    let mut out = String::new();
    entry(c, key, &mut out);
    out
}

/// One `@misc` entry under `key`; a field only when there is something
/// to say.
fn entry(c: &Citation, key: &str, out: &mut String) {
    let cited = &c.cited;
    let _ = writeln!(out, "@misc{{{key},");
    let mut field = |name: &str, value: &str| {
        let _ = writeln!(out, "  {name} = {value},");
    };
    if !cited.authors.is_empty() {
        field("author", &braced(&authors(&cited.authors, c.more_authors)));
    }
    // Inner braces keep the title's case as written.
    field("title", &braced(&braced(&escape(&c.title))));
    if let Some(year) = cited.year {
        field("year", &braced(&year.to_string()));
    }
    // A month is a macro, not a braced string: BibTeX styles print it in
    // the document's language.
    if let Some(month) = cited
        .month
        .and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)))
    {
        field("month", month);
    }
    if let Some(arxiv) = &cited.arxiv {
        field("eprint", &braced(&url_text(arxiv)));
        field("archivePrefix", "{arXiv}");
        if let Some(class) = &cited.primary_class {
            field("primaryClass", &braced(&escape(class)));
        }
    }
    if let Some(doi) = &cited.doi {
        field("doi", &braced(&url_text(doi)));
    }
    if let Some(url) = &c.url {
        field("url", &braced(&url_text(url)));
    }
    let mut note: Vec<String> = Vec::new();
    let user: Vec<&str> = c.note.lines().filter(|l| !l.trim().is_empty()).collect();
    if !user.is_empty() {
        // A field is one line: the note's lines are joined.
        note.push(escape(&user.join(" ")));
    }
    if let Some(code) = &c.code {
        note.push(format!("Code: {}", escape(code)));
    }
    if !note.is_empty() {
        field("note", &braced(&note.join(". ")));
    }
    out.push_str("}\n");
}

fn braced(text: &str) -> String {
    format!("{{{text}}}")
}

/// Names joined by `and`; a name that itself holds the word `and` is
/// braced whole, so that BibTeX does not split it; `and others` when the
/// corpus knows of more authors than it names.
fn authors(names: &[String], more: bool) -> String {
    let mut out: Vec<String> = names
        .iter()
        .map(|name| {
            let escaped = escape(name);
            let splits = escaped
                .split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("and"));
            if splits {
                format!("{{{escaped}}}")
            } else {
                escaped
            }
        })
        .collect();
    if more {
        out.push("others".into());
    }
    out.join(" and ")
}

/// A URL, DOI or id as BibTeX's verbatim fields take it: braces and
/// backslashes, which would unbalance or break the field, percent-encoded
/// as a URL may be.
fn url_text(text: &str) -> String {
    percent_encode(text, &['{', '}', '\\'])
}

/// Text with every character LaTeX or BibTeX would act on written as a
/// command that prints it; the commands' own braces are balanced, so the
/// field stays balanced whatever the text holds.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '\\' => out.push_str("\\textbackslash{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            _ => out.push(c),
        }
    }
    out
}

/// What [`escape`] wrote, read back as LaTeX would print it; for tests
/// that check nothing was lost.
#[cfg(test)]
fn unescape(text: &str) -> String {
    const COMMANDS: [(&str, char); 5] = [
        ("\\textbraceleft{}", '{'),
        ("\\textbraceright{}", '}'),
        ("\\textbackslash{}", '\\'),
        ("\\textasciicircum{}", '^'),
        ("\\textasciitilde{}", '~'),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some((command, printed)) = COMMANDS.iter().find(|(cmd, _)| rest.starts_with(cmd)) {
            out.push(*printed);
            rest = &rest[command.len()..];
        } else if c == '\\' && rest[1..].starts_with(['&', '%', '$', '#', '_']) {
            out.push_str(&rest[1..2]);
            rest = &rest[2..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::Cited;

    fn citation(title: &str, authors: &[&str]) -> Citation {
        Citation {
            cited: Cited {
                key: "k".into(),
                authors: authors.iter().map(|a| a.to_string()).collect(),
                ..Cited::default()
            },
            title: title.into(),
            more_authors: false,
            fixed: false,
            url: None,
            code: None,
            note: String::new(),
        }
    }

    #[test]
    fn escaping_reads_back_as_the_text() {
        for text in [
            "a^b ~c {d} \\e & % $ # _",
            "}{",
            "\\textbf{x}",
            "plain",
            "100% {{{",
        ] {
            let escaped = escape(text);
            assert_eq!(unescape(&escaped), text);
            assert!(balanced(&escaped), "{escaped}");
        }
    }

    fn balanced(text: &str) -> bool {
        let mut depth = 0i32;
        for c in text.chars() {
            depth += match c {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            if depth < 0 {
                return false;
            }
        }
        depth == 0
    }

    #[test]
    fn an_arxiv_paper_is_cited_as_arxiv_cites_it() {
        let mut c = citation("MMed-RAG: 50% better", &["Peng Xia", "Kangyu Zhu"]);
        c.cited.key = "xia2024mmed".into();
        c.cited.year = Some(2024);
        c.cited.month = Some(10);
        c.cited.arxiv = Some("2410.13085".into());
        c.cited.primary_class = Some("cs.LG".into());
        c.url = Some("https://arxiv.org/abs/2410.13085".into());
        c.code = Some("https://github.com/richard-peng-xia/MMed_RAG".into());
        c.more_authors = true;
        assert_eq!(
            entries([&c]),
            "@misc{xia2024mmed,\n  author = {Peng Xia and Kangyu Zhu and others},\n  title = {{MMed-RAG: 50\\% better}},\n  year = {2024},\n  month = oct,\n  eprint = {2410.13085},\n  archivePrefix = {arXiv},\n  primaryClass = {cs.LG},\n  url = {https://arxiv.org/abs/2410.13085},\n  note = {Code: https://github.com/richard-peng-xia/MMed\\_RAG},\n}\n"
        );
    }

    #[test]
    fn a_bookmark_keeps_its_key_whatever_comes_before_it() {
        let mut fresh = citation("Mamba", &[]);
        fresh.cited.key = "xia2024mmed".into();
        let mut kept = fresh.clone();
        kept.fixed = true;
        let bib = entries([&fresh, &kept]);
        let keys: Vec<&str> = bib
            .lines()
            .filter_map(|l| l.strip_prefix("@misc{")?.strip_suffix(','))
            .collect();
        assert_eq!(keys, ["xia2024mmeda", "xia2024mmed"]);
    }

    #[test]
    fn a_name_holding_and_stays_one_name() {
        let c = citation("T", &["Tom and Jerry", "Ann Lee"]);
        assert!(entries([&c]).contains("author = {{Tom and Jerry} and Ann Lee},"));
    }
}
