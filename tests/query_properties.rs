//! Properties of the query language over the bundled corpus: any text
//! parses or errors without panicking, and adding a clause never adds
//! results.

use std::collections::HashSet;
use std::sync::LazyLock;

use paperboat::corpus::Corpus;
use paperboat::query::{Index, parse};
use proptest::prelude::*;

static CORPUS: LazyLock<(Corpus, Index)> = LazyLock::new(|| {
    let corpus = Corpus::bundled().unwrap();
    let index = Index::new(&corpus.papers);
    (corpus, index)
});

/// Pieces queries are made of, including awkward ones.
fn clause() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z]{1,8}",
        "'[a-z]{1,6}",
        "\\^[A-Za-z]{1,5}",
        "[a-z]{1,5}\\$",
        "![a-z]{1,6}",
        Just("tag:segmentation".to_string()),
        Just("tag:modality/ct".to_string()),
        Just("has:code".to_string()),
        Just("has:links".to_string()),
        Just("!has:code".to_string()),
        "year:(>=|<=|>|<)?20(19|2[0-5])",
        "upvotes:(>=|<)?[0-5]",
        "authors:[1-9]\\.\\.1[0-9]",
        "date:>=202[3-5]-0[1-9]",
        "(title|author|org|abstract):[a-z]{2,6}",
        "\"[a-z]{2,6} [a-z]{2,6}\"",
        "[a-z]{2,5} \\| [a-z]{2,5}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text_parses_or_errors_without_panicking(text in "\\PC{0,40}") {
        if let Err(e) = parse(&text) {
            prop_assert!(e.start <= e.end && e.end <= text.len());
            prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        }
    }

    #[test]
    fn query_like_text_parses_or_errors_without_panicking(
        parts in proptest::collection::vec(prop_oneof![clause(), "[|!^$'\":<>=.a-z0-9 -]{0,6}"], 0..6)
    ) {
        let text = parts.join(" ");
        let _ = parse(&text);
    }

    #[test]
    fn adding_a_clause_never_adds_results(
        base in proptest::collection::vec(clause(), 0..3),
        extra in clause(),
    ) {
        let (corpus, index) = &*CORPUS;
        let text = base.join(" ");
        let (Ok(q), Ok(narrower)) = (parse(&text), parse(&format!("{text} {extra}"))) else {
            return Ok(());
        };
        let wide: HashSet<usize> = index.search(&corpus.papers, &q).iter().map(|h| h.index).collect();
        let narrow = index.search(&corpus.papers, &narrower);
        for hit in &narrow {
            prop_assert!(wide.contains(&hit.index), "{text:?} + {extra:?}");
        }
        // And refining the wider results gives exactly the same as searching.
        if narrower.narrows(&q) {
            let wide_hits = index.search(&corpus.papers, &q);
            prop_assert_eq!(index.refine(&corpus.papers, &narrower, &wide_hits), narrow);
        }
    }
}
