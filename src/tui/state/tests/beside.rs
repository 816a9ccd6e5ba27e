//! What runs beside the reader says so on the status line: the index kept
//! for next time, the abstracts being indexed, and when they are ready.

use std::sync::Arc;

use super::*;

fn abstracts(app: &App) -> Arc<crate::fulltext::Abstracts> {
    let built = crate::catalog::index_abstracts(app.catalog(), None, "", &mut |_, _| {});
    Arc::new(built.unwrap())
}

#[test]
fn indexing_beside_the_reader_is_told_from_the_start_to_the_end() {
    let mut app = app();
    assert!(!app.keeping_index());
    app.update(Action::Keeping);
    assert!(app.keeping_index());
    app.update(Action::IndexingAbstracts(0, 40_000));
    assert_eq!(app.indexing_abstracts(), Some((0, 40_000)));
    let built = abstracts(&app);
    app.update(Action::Abstracts(Some(built)));
    assert_eq!(app.indexing_abstracts(), None);
    assert!(
        said(&app).contains("counts may grow"),
        "the user learns that results may grow: {}",
        said(&app)
    );
}

#[test]
fn abstracts_kept_from_before_or_few_arrive_without_a_word() {
    let mut app = app();
    let built = abstracts(&app);
    app.update(Action::Abstracts(Some(Arc::clone(&built))));
    assert!(app.message().is_none());
    let mut app = super::app();
    app.update(Action::IndexingAbstracts(0, 40));
    app.update(Action::Abstracts(Some(built)));
    assert!(app.message().is_none(), "a few abstracts take no time");
}

#[test]
fn a_small_corpus_wants_no_words_index() {
    assert!(!app().words_wanted());
}
