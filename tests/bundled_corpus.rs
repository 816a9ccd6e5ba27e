//! The bundled corpus is exactly what the importer makes of the seed pages,
//! and it carries everything those pages say.

mod common;

use paperboat::corpus::{Corpus, LinkKind, Paper};
use tempfile::TempDir;

const PAGES: [&str; 2] = [
    "assets/source/000_5cb48626e3663509.txt",
    "assets/source/003_1653ec0e3aa11146.txt",
];
const NAME: &str = "Medical AI — Hugging Face Daily Papers";

fn corpus() -> Corpus {
    Corpus::bundled().expect("the bundled corpus loads")
}

fn by_title<'a>(corpus: &'a Corpus, start: &str) -> &'a Paper {
    let found: Vec<&Paper> = corpus
        .papers
        .iter()
        .filter(|p| p.title.starts_with(start))
        .collect();
    assert_eq!(found.len(), 1, "exactly one paper titled {start:?}");
    found[0]
}

#[test]
fn the_asset_is_the_importers_output_byte_for_byte() {
    let dir = TempDir::new().unwrap();
    let out = common::paperboat(dir.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "import", "hf-page", PAGES[0], PAGES[1], "--year", "2025", "--name", NAME,
        ])
        .assert()
        .success();
    let asset = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/papers.json")).unwrap();
    assert!(
        out.get_output().stdout == asset,
        "assets/papers.json is stale: re-run the import command in docs/files.md"
    );
}

/// Titles found without the importer: the line before each abstract (every
/// abstract on these pages is a line of more than 300 characters).
fn seed_titles(page: &str) -> Vec<String> {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(page))
        .unwrap();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines
        .windows(2)
        .filter(|w| w[1].chars().count() > 300)
        .map(|w| w[0].replace(r"\&", "&"))
        .collect()
}

#[test]
fn every_seed_paper_is_in_the_corpus_exactly_once() {
    let corpus = corpus();
    let first = seed_titles(PAGES[0]);
    let second = seed_titles(PAGES[1]);
    assert_eq!((first.len(), second.len()), (121, 90));
    let mut all: Vec<&String> = first.iter().chain(&second).collect();
    all.sort();
    all.dedup();
    assert_eq!(
        corpus.papers.len(),
        all.len(),
        "duplicates across pages merge"
    );
    for title in all {
        let n = corpus.papers.iter().filter(|p| &p.title == title).count();
        assert_eq!(n, 1, "{title}");
    }
    let mut ids: Vec<&str> = corpus.papers.iter().map(|p| p.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), corpus.papers.len());
}

#[test]
fn metadata_from_the_pages_is_kept() {
    let c = corpus();
    let p = by_title(&c, "Medical Image Classification with KAN-Integrated");
    assert_eq!((p.author_count, p.upvotes), (Some(5), Some(1)));
    assert_eq!(p.published.unwrap().to_string(), "2025-02-19");
    let p = by_title(&c, "A Comprehensive Survey of Mamba Architectures");
    assert_eq!(p.published.unwrap().to_string(), "2024-10-03");
    assert_eq!(p.upvotes, Some(4));
    let p = by_title(&c, "Computation-Efficient Era");
    assert_eq!((p.author_count, p.upvotes), (Some(11), Some(0)));
    assert_eq!(p.published.unwrap().to_string(), "2024-06-05");
    let orgs: Vec<&str> = c
        .papers
        .iter()
        .filter_map(|p| p.organization.as_deref())
        .collect();
    assert_eq!(orgs, ["UCSC-VLAA"]);
    // On both pages, with metadata only on the first: the richer one wins.
    let p = by_title(&c, "MMed-RAG: Versatile Multimodal RAG System");
    assert_eq!((p.author_count, p.upvotes), (Some(9), Some(3)));
    assert_eq!(p.published.unwrap().to_string(), "2024-10-16");
    // A paper listed with no metadata at all.
    let p = by_title(&c, "MedMax: Mixed-Modal Instruction Tuning");
    assert_eq!((p.author_count, p.published, p.upvotes), (None, None, None));
    let dated = c.papers.iter().filter(|p| p.published.is_some()).count();
    assert_eq!(dated, 114);
}

#[test]
fn text_is_clean_and_links_are_tidy() {
    let c = corpus();
    for p in &c.papers {
        for residue in [r"\%", r"\&", r"\textbf", r"{\mu}", "~\\"] {
            assert!(!p.abstract_text.contains(residue), "{residue} in {}", p.id);
            assert!(!p.title.contains(residue), "{residue} in {}", p.id);
        }
        for link in &p.links {
            assert!(!link.url.ends_with(['.', ',', '}', ')']), "{}", link.url);
            assert!(!link.url.contains(['{', '}', '\\']), "{}", link.url);
        }
    }
    let p = by_title(&c, "MMed-RAG: Versatile Multimodal RAG System");
    assert_eq!(
        p.code_link().unwrap().url,
        "https://github.com/richard-peng-xia/MMed-RAG"
    );
    let p = by_title(&c, "xLSTM-UNet can be an Effective 2D & 3D");
    assert_eq!(p.links.len(), 1, "the \\href double is kept once");
    assert_eq!(p.links[0].kind, LinkKind::Project);
    let p = by_title(&c, "InfiMed-Foundation");
    assert_eq!(p.links[0].kind, LinkKind::Model);
    let with_code = c.papers.iter().filter(|p| p.code_link().is_some()).count();
    assert!(with_code >= 60, "{with_code}");
}

#[test]
fn nearly_every_paper_is_tagged_sensibly() {
    let c = corpus();
    let untagged = c.papers.iter().filter(|p| p.tags.is_empty()).count();
    assert!(untagged <= 2, "{untagged} untagged");
    let has = |p: &Paper, tag: &str| p.tags.iter().any(|t| t.as_str() == tag);
    let p = by_title(&c, "A Comprehensive Survey of Mamba Architectures");
    assert!(has(p, "type/survey") && has(p, "method/mamba") && has(p, "task/segmentation"));
    let p = by_title(
        &c,
        "Enforcing temporal consistency in Deep Learning segmentation of brain MR",
    );
    assert!(
        has(p, "task/segmentation") && has(p, "modality/mri"),
        "{:?}",
        p.tags
    );
    let p = by_title(&c, "MedCalc-Bench");
    assert!(
        has(p, "type/benchmark") && has(p, "method/llm"),
        "{:?}",
        p.tags
    );
}

/// A bare word also finds the papers whose abstract has a word starting
/// with it, after every paper that matches in its headline.
#[test]
fn a_bare_word_finds_abstracts_after_headlines() {
    use paperboat::catalog::Catalog;
    use paperboat::query::{Papers, parse};
    let catalog = Catalog::bundled().unwrap();
    let mentions = |i: usize| {
        catalog
            .paper(i)
            .abstract_text
            .to_lowercase()
            .contains("mimic")
    };
    let hits = catalog.index.search(&catalog, &parse("mimic").unwrap());
    assert_eq!(hits.len(), 14);
    let all_mentions = (0..catalog.len()).filter(|&i| mentions(i)).count();
    assert_eq!(all_mentions, 14, "the abstracts that mention MIMIC");
    assert!(hits.iter().all(|h| mentions(h.index)));

    // "report": in some headlines, and only in the abstract of others.
    let hits = catalog.index.search(&catalog, &parse("report").unwrap());
    let in_headline = |i: usize| {
        let p = catalog.paper(i);
        let tags: Vec<&str> = p.tags.iter().map(|t| t.as_str()).collect();
        let headline = format!("{} {} {}", p.title, p.authors.join(" "), tags.join(" "));
        headline.to_lowercase().contains("report")
    };
    let first_abstract_only = hits.iter().position(|h| !in_headline(h.index)).unwrap();
    assert!(first_abstract_only >= 10, "{first_abstract_only}");
    assert!(hits.len() > first_abstract_only + 5, "{}", hits.len());
    assert!(
        hits[first_abstract_only..]
            .iter()
            .all(|h| !in_headline(h.index)),
        "every headline match ranks above every abstract-only match"
    );
}
