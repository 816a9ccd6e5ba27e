//! How bare words match and rank on the bundled corpus: in tiers, every
//! match of a better tier above every match of a worse one.

mod common;

use paperboat::catalog::Catalog;
use paperboat::corpus::Paper;
use paperboat::query::{Papers, parse};

fn catalog() -> Catalog {
    Catalog::bundled().expect("the bundled corpus loads")
}

/// The papers `query` finds, best first.
fn found(catalog: &Catalog, query: &str) -> Vec<Paper> {
    catalog
        .index
        .search(catalog, &parse(query).unwrap())
        .iter()
        .map(|h| catalog.paper(h.index).into_owned())
        .collect()
}

/// The papers `query` finds in their headlines (not only in their
/// abstracts), best first.
fn in_headlines(catalog: &Catalog, query: &str) -> Vec<Paper> {
    catalog
        .index
        .search(catalog, &parse(query).unwrap())
        .iter()
        // Abstract-only matches score below any headline level.
        .filter(|h| h.score >= 100_000)
        .map(|h| catalog.paper(h.index).into_owned())
        .collect()
}

fn has_tag(paper: &Paper, tag: &str) -> bool {
    paper.tags.iter().any(|t| t.as_str() == tag)
}

/// Whether `word` is a whole word of `text`, ignoring case.
fn has_word(text: &str, word: &str) -> bool {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == word)
}

/// Every paper for which `better` holds comes before every one for which
/// `worse` holds, and there are some of each.
fn ranked_above(papers: &[Paper], better: impl Fn(&Paper) -> bool, worse: impl Fn(&Paper) -> bool) {
    let last_better = papers.iter().rposition(&better).expect("some better");
    let first_worse = papers.iter().position(&worse).expect("some worse");
    assert!(
        last_better < first_worse,
        "{:?} at {last_better} after {:?} at {first_worse}",
        papers[last_better].title,
        papers[first_worse].title
    );
}

#[test]
fn a_tag_namespace_is_no_part_of_a_word() {
    let catalog = catalog();
    let hits = in_headlines(&catalog, "mllm");
    let llm_tagged = (0..catalog.len())
        .filter(|&i| has_tag(&catalog.paper(i), "method/llm"))
        .count();
    assert!(
        hits.len() < llm_tagged / 2,
        "{} of {llm_tagged}",
        hits.len()
    );
    // What it finds, it finds in a title: `MLLM`, or the initials of
    // `Multimodal Large Language Model`.
    for paper in &hits {
        let title = paper.title.to_lowercase();
        let mut rest = title.as_str();
        for c in "mllm".chars() {
            let at = rest.find(c).unwrap_or_else(|| panic!("{}", paper.title));
            rest = &rest[at + 1..];
        }
    }
    // `method` finds the papers that say it (`type/method` does), not
    // every `method/...` tag.
    for paper in in_headlines(&catalog, "method") {
        let names: Vec<&str> = paper.tags.iter().map(|t| t.name()).collect();
        let said = format!("{} {:?} {names:?}", paper.title, paper.organization).to_lowercase();
        assert!(said.contains("method"), "{}", paper.title);
    }
}

#[test]
fn whole_words_and_tags_rank_above_letters_inside_words() {
    let catalog = catalog();
    // `ct`: papers tagged CT or with CT in the title before Impact,
    // Effect and Subject.
    let hits = found(&catalog, "ct");
    ranked_above(
        &hits,
        |p| has_tag(p, "modality/ct") || has_word(&p.title, "ct"),
        |p| {
            !has_tag(p, "modality/ct")
                && !has_word(&p.title, "ct")
                && p.title.to_lowercase().contains("ct")
        },
    );
    // `rag`: papers tagged RAG before Leveraging.
    let hits = found(&catalog, "rag");
    ranked_above(
        &hits,
        |p| has_tag(p, "method/rag"),
        |p| p.title.contains("Leveraging") && !has_tag(p, "method/rag"),
    );
    // `gan`: GANs before the initials of "Generalizable and".
    let hits = found(&catalog, "gan");
    ranked_above(
        &hits,
        |p| {
            has_word(&p.title, "gan")
                || has_word(&p.title, "gans")
                || p.tags.iter().any(|t| t.name() == "gan")
        },
        |p| p.title.starts_with("EHRMamba"),
    );
}

#[test]
fn a_title_with_the_word_ranks_above_every_other() {
    let catalog = catalog();
    let hits = found(&catalog, "transformer");
    ranked_above(
        &hits,
        |p| p.title.to_lowercase().contains("transformer"),
        |p| !p.title.to_lowercase().contains("transformer"),
    );
}

#[test]
fn letters_scattered_over_words_never_match() {
    let catalog = catalog();
    let titles: Vec<String> = found(&catalog, "mamba")
        .into_iter()
        .map(|p| p.title)
        .collect();
    assert!(!titles.is_empty());
    assert!(
        titles.iter().all(|t| !t.starts_with("Model Breadcrumbs")),
        "{titles:?}"
    );
}

/// Each misspelling finds every paper whose title has the word it means
/// (`radiolgy` means radiology), ranked above every paper whose title does
/// not; an exact term spelt so finds nothing.
#[test]
fn dropped_letters_and_typos_find_the_word_meant() {
    let catalog = catalog();
    let titles_with = |word: &str| -> usize {
        (0..catalog.len())
            .filter(|&i| catalog.title(i).to_lowercase().contains(word))
            .count()
    };
    for (typed, word) in [
        ("segmentaion", "segmentation"),
        ("transfrmr", "transformer"),
        ("radiolgy", "radiology"),
        ("halucination", "hallucination"),
        ("segmnetation", "segmentation"),
        ("pathalogy", "pathology"),
    ] {
        let hits = found(&catalog, typed);
        let with = hits
            .iter()
            .filter(|p| p.title.to_lowercase().contains(word))
            .count();
        assert!(with > 0, "{typed}");
        assert_eq!(with, titles_with(word), "{typed}: every title with {word}");
        let last_with = hits
            .iter()
            .rposition(|p| p.title.to_lowercase().contains(word))
            .unwrap();
        assert_eq!(last_with + 1, with, "{typed}: titles with {word} first");
        assert!(found(&catalog, &format!("'{typed}")).is_empty(), "'{typed}");
    }
}

/// The reader and `paperboat search` find the same papers in the same
/// order for misspelt and exact words alike.
#[test]
fn the_reader_and_search_agree() {
    use common::pty::Reader;
    let dir = tempfile::TempDir::new().unwrap();
    let mut reader = Reader::start(&[], dir.path(), 120, 50);
    reader.wait_for("the start screen", |s| s.contains("192 / 192"));
    for query in [
        "segmentaion",
        "transfrmr",
        "radiolgy",
        "halucination",
        "segmnetation",
        "pathalogy",
        "mllm",
        "ct",
    ] {
        let out = common::paperboat(dir.path())
            .args(["search", query, "--format", "tsv"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{query}");
        let text = String::from_utf8(out.stdout).unwrap();
        let titles: Vec<&str> = text
            .lines()
            .map(|l| l.split('\t').nth(3).unwrap())
            .collect();
        reader.send(&format!("/{query}"));
        let count = format!(" {} / 192 ", titles.len());
        let screen = reader.wait_for(&format!("{query}: {count}"), |s| {
            s.contains(&count) && s.contains(&format!("/ {query}"))
        });
        // The first rows, in order: each row shows at least the first
        // word of its title (a long one, the part with the match after it).
        let lines: Vec<&str> = screen.lines().collect();
        let mut last_row = 1;
        for title in titles.iter().take(8) {
            let start: String = title.split(' ').next().unwrap().chars().take(9).collect();
            let row = last_row
                + 1
                + lines[last_row + 1..]
                    .iter()
                    .position(|l| l.contains(&format!(" {start}")))
                    .unwrap_or_else(|| panic!("{query}: {start:?} not in order:\n{screen}"));
            last_row = row;
        }
        // Back to the list, the query cleared.
        reader.send("\x15\x1b");
        reader.wait_for("the query cleared", |s| s.contains("192 / 192"));
    }
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}

/// A word that finds nothing at all gets the nearest corpus word: on
/// stderr from `search`, and in the reader, where Tab takes it.
#[test]
fn a_word_found_nowhere_gets_the_nearest_one() {
    use common::pty::Reader;
    let dir = tempfile::TempDir::new().unwrap();
    let out = common::paperboat(dir.path())
        .args(["search", "zegmentatoin"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "paperboat: nothing matches `zegmentatoin`; did you mean `segmentation`?\n"
    );
    let found = common::paperboat(dir.path())
        .args(["search", "segmentation"])
        .output()
        .unwrap();
    let count = String::from_utf8_lossy(&found.stdout).lines().count();
    let mut reader = Reader::start(&[], dir.path(), 100, 30);
    reader.wait_for("the start screen", |s| s.contains("192 / 192"));
    reader.send("/zegmentatoin");
    reader.wait_for("the suggestion", |s| {
        s.contains("did you mean segmentation?") && s.contains("(Tab takes")
    });
    reader.send("\t");
    let wanted = format!(" {count} / 192 ");
    reader.wait_for("the word taken", |s| {
        s.contains(&wanted) && s.contains("/ segmentation")
    });
    reader.send("\x1b");
    reader.wait_for("the list focused again", |s| s.contains("Tab pane"));
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}

/// The words of the abstracts forgive as the headline words do, ranked
/// below every headline match.
#[test]
fn abstract_words_forgive_too() {
    let catalog = catalog();
    let mentions = |p: &Paper| p.abstract_text.to_lowercase().contains("mimic");
    let all = (0..catalog.len())
        .filter(|&i| mentions(&catalog.paper(i)))
        .count();
    let hits = catalog.index.search(&catalog, &parse("mimc").unwrap());
    let found: Vec<Paper> = hits
        .iter()
        .map(|h| catalog.paper(h.index).into_owned())
        .collect();
    assert_eq!(found.iter().filter(|p| mentions(p)).count(), all);
    let headline = hits.iter().filter(|h| h.score >= 100_000).count();
    assert!(
        hits[headline..]
            .iter()
            .all(|h| mentions(&catalog.paper(h.index)))
    );
    // A typo, for a word no abstract word starts with.
    let typo = found_count(&catalog, "mimci");
    assert!(typo >= all - 2 && typo <= all, "{typo} of {all}");
}

fn found_count(catalog: &Catalog, query: &str) -> usize {
    catalog.index.search(catalog, &parse(query).unwrap()).len()
}
