//! The headline words index scores a term's runs from the distinct words
//! holding it instead of reading every headline: every search must find
//! the same papers with the same scores in the same order either way,
//! forgiving tiers included, typed key by key as the reader does.

#[allow(dead_code)]
#[path = "../examples/synthetic/generator.rs"]
mod generator;

use paperboat::corpus::{Paper, Tag};
use paperboat::query::{Hit, Index, Query, parse};

/// Headlines that exercise the edges: word starts inside a word, plurals,
/// letters beyond ASCII, one word longer than a bitmap word, a word twice,
/// a term at the start of a part and in the middle of one, initials
/// across words and fields.
fn awkward() -> Vec<Paper> {
    let titles = [
        "MedSAM: Segment Anything in Medical Images",
        "Large Language Models Report Reasoning",
        "LLMs as Reporters: re-reading retinal reports",
        "Über die Straße: retina ÜberNet für Retinopathie",
        "Transformers transformer TRANSFORMERS trans-former",
        "Re Re re: a re-evaluation of REtinaNet",
        "Seg",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaresegmentation",
        "EHRMamba and SAM2 meet MRI-based segmentation",
        "federated MRI; fed-avg; FedProx",
        "ré-évaluation des réseaux",
        "T cells and B cells",
    ];
    titles
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let mut p = Paper::titled(*t);
            p.id = format!("awkward-{k}");
            p.authors = vec!["Rémi Segal".into(), "Ada Lovelace-Reyes".into()];
            p.organization = Some("Retina Research Lab".into());
            p.tags = vec![Tag::parse("method/segmentation").unwrap()];
            p
        })
        .collect()
}

fn corpus() -> Vec<Paper> {
    let mut papers = generator::papers(24_000, 9);
    // Spread the awkward ones so that some fall in each core's part.
    for (k, p) in awkward().into_iter().enumerate() {
        papers.insert(k * 1_900, p);
    }
    papers
}

/// Every prefix of `text`, as typed.
fn typed(text: &str) -> Vec<String> {
    text.char_indices()
        .map(|(i, c)| text[..i + c.len_utf8()].to_string())
        .collect()
}

fn same(plain: &[Hit], words: &[Hit], query: &str) {
    assert_eq!(plain.len(), words.len(), "{query}: hit counts differ");
    for (k, (a, b)) in plain.iter().zip(words).enumerate() {
        assert_eq!(
            (a.index, a.score),
            (b.index, b.score),
            "{query}: hit {k} differs"
        );
    }
}

#[test]
fn searches_with_the_words_index_equal_the_plain_scan() {
    let papers = corpus();
    let plain = Index::new(&papers);
    let mut indexed = Index::new(&papers);
    indexed.index_words();
    let queries = [
        "mamba seg",
        "retina transformer",
        "llm report",
        "federated mri year:2024",
        "re",
        "ret",
        "ms",
        "sam2",
        "uber",
        "über",
        "ré",
        "aaaa",
        "trans-former",
        "transfrmr",
        "segmnetation",
        "reasonig",
        "cells",
        "t cells",
        "-re mamba",
        "re | seg",
        "title:re",
        "Re",
        "eh",
        "lr",
        "zz",
    ];
    for text in queries {
        for prefix in typed(text) {
            let Ok(query) = parse(&prefix) else { continue };
            let a = plain.search(&papers[..], &query);
            let b = indexed.search(&papers[..], &query);
            same(&a, &b, &prefix);
        }
    }
}

#[test]
fn refining_with_the_words_index_equals_the_plain_scan() {
    let papers = corpus();
    let plain = Index::new(&papers);
    let mut indexed = Index::new(&papers);
    indexed.index_words();
    for text in ["mamba seg", "retina transformer", "llm report", "re ret"] {
        let mut previous: (Query, Vec<Hit>) = (
            parse("").unwrap(),
            plain.search(&papers[..], &parse("").unwrap()),
        );
        for prefix in typed(text) {
            let query = parse(&prefix).unwrap();
            let (a, b) = if query.narrows(&previous.0) {
                (
                    plain.refine(&papers[..], &query, &previous.1),
                    indexed.refine(&papers[..], &query, &previous.1),
                )
            } else {
                (
                    plain.search(&papers[..], &query),
                    indexed.search(&papers[..], &query),
                )
            };
            same(&a, &b, &prefix);
            previous = (query, a);
        }
    }
}

#[test]
fn papers_added_after_the_words_were_indexed_are_found_by_their_text() {
    let mut papers = corpus();
    let mut indexed = Index::new(&papers);
    indexed.index_words();
    let mut late = Paper::titled("Retinal reports, late arrival");
    late.id = "late".into();
    indexed.extend(std::slice::from_ref(&late));
    papers.push(late);
    let plain = Index::new(&papers);
    for text in ["re", "ret", "lat", "la"] {
        let query = parse(text).unwrap();
        let (a, b) = (
            plain.search(&papers[..], &query),
            indexed.search(&papers[..], &query),
        );
        same(&a, &b, text);
        assert!(b.iter().any(|h| h.index == papers.len() - 1), "{text}");
    }
}
