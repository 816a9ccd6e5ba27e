//! `t`: the timeline popup and the period it adds; `R` and the related
//! papers under the abstract.

use super::*;
use crate::tui::keymap::Context;

#[test]
fn t_shows_the_newest_period_and_enter_adds_it_to_the_query() {
    let mut app = app();
    typed(&mut app, "seg");
    app.update(Command::LeaveQuery);
    app.update(Command::ShowTimeline);
    assert_eq!(app.context(), Context::Timeline);
    let timeline = app.timeline();
    let last = timeline.periods.len() - 1;
    assert!(matches!(app.overlay(), Overlay::Timeline { cursor } if *cursor == last));
    app.update(Command::Move(1));
    assert!(
        matches!(app.overlay(), Overlay::Timeline { cursor } if *cursor == last),
        "clamped"
    );
    app.update(Command::Move(-2));
    let (period, count) = timeline.periods[last - 2];
    app.update(Command::AddPeriod);
    assert!(normal(&app));
    assert_eq!(text(&app), format!("seg {}", period.clause()));
    assert_eq!(app.search().hits().len(), count);
    assert_eq!(
        app.message().unwrap().text,
        format!("added {}", period.clause())
    );
}

#[test]
fn r_runs_similar_for_the_selected_paper_and_esc_brings_the_query_back() {
    let mut app = app();
    typed(&mut app, "mamba");
    app.update(Command::LeaveQuery);
    let paper = app.selected_paper().unwrap();
    let effects = app.update(Command::ShowSimilar);
    assert_eq!(text(&app), format!("similar:{}", paper.id));
    assert!(
        matches!(&effects[..], [Effect::SaveHistory(q)] if q == "mamba"),
        "{effects:?}"
    );
    let shown: Vec<usize> = app.search().hits().iter().map(|h| h.index).collect();
    assert!(!shown.is_empty());
    assert!(
        !shown.iter().any(|&i| app.catalog().id(i) == paper.id),
        "not itself"
    );
    assert_eq!(
        app.search().query().effective_sort().key,
        SortKey::Relevance
    );
    app.update(Command::Back);
    assert_eq!(text(&app), "mamba");
    assert!(app.message().unwrap().text.contains("back to `mamba`"));
    // Then Esc clears, as it always did.
    app.update(Command::Back);
    assert_eq!(text(&app), "");
}

#[test]
fn a_unique_id_prefix_is_enough_for_similar_in_the_reader() {
    let mut app = app();
    typed(&mut app, "similar:msvm-unet");
    assert!(!app.search().hits().is_empty());
    assert_eq!(app.search().why_empty(), None);
}

#[test]
fn an_unknown_similar_id_says_why_nothing_matches() {
    let mut app = app();
    typed(&mut app, "similar:no-such-paper");
    assert!(app.search().hits().is_empty());
    assert_eq!(
        app.search().why_empty(),
        Some("no paper with id `no-such-paper`")
    );
}

/// The related papers of the selected paper, worked out as the event loop
/// does beside the keyboard.
fn with_related(app: &mut App) {
    let paper = app
        .related_wanted()
        .expect("the detail pane waits for them");
    let list = app.find_related(paper, &AtomicBool::new(false)).unwrap();
    app.update(Action::Related(Box::new(list)));
    assert_eq!(app.related_wanted(), None);
}

#[test]
fn the_detail_pane_ends_with_five_related_papers_and_enter_shows_one() {
    let mut app = app();
    typed(&mut app, "msvm unet");
    app.update(Command::LeaveQuery);
    with_related(&mut app);
    let related = app.related().unwrap().clone();
    assert_eq!(related.papers.len(), RELATED_SHOWN);
    assert!(
        related
            .papers
            .iter()
            .any(|(_, t)| t.starts_with("LightM-UNet"))
    );
    assert_eq!(app.related_lines(), 2 + RELATED_SHOWN);
    app.update(Command::FocusDetail);
    app.update(Command::RelatedNext);
    app.update(Command::RelatedNext);
    assert_eq!(app.related_cursor(), Some(1));
    // Not among the results of `msvm unet`: shown among the papers like
    // the one read, selected there; Esc goes back.
    let (target, _) = related.papers[1];
    assert!(!app.search().hits().iter().any(|h| h.index == target));
    app.update(Command::JumpRelated);
    assert!(text(&app).starts_with("similar:"));
    let selected = app.search().hits()[app.selected()].index;
    assert_eq!(selected, target);
    app.update(Command::Back);
    app.update(Command::Back);
    assert_eq!(text(&app), "msvm unet");
}

#[test]
fn a_related_paper_in_the_results_is_selected_where_it_is() {
    let mut app = app();
    typed(&mut app, "mamba");
    app.update(Command::LeaveQuery);
    with_related(&mut app);
    let related = app.related().unwrap().clone();
    let (k, &(target, _)) = related
        .papers
        .iter()
        .enumerate()
        .find(|(_, (i, _))| app.search().hits().iter().any(|h| h.index == *i))
        .expect("a related Mamba paper among the Mamba results");
    for _ in 0..=k {
        app.update(Command::RelatedNext);
    }
    app.update(Command::JumpRelated);
    assert_eq!(text(&app), "mamba", "the query stays");
    assert_eq!(app.search().hits()[app.selected()].index, target);
    assert_eq!(
        app.related_wanted(),
        Some(target),
        "its own related papers next"
    );
}

#[test]
fn r_writes_an_id_with_spaces_and_quotes_escaped_and_it_reads_back() {
    let mut corpus = Corpus::bundled().unwrap();
    corpus.papers[0].id = r#"odd "quoted" id \ here"#.into();
    let id = corpus.papers[0].id.clone();
    let title = corpus.papers[0].title.clone();
    let mut app = App::new(corpus, (120, 40));
    typed(&mut app, &format!("\"{title}\""));
    app.update(Command::LeaveQuery);
    while app.selected_paper().unwrap().id != id {
        app.update(Command::Move(1));
    }
    app.update(Command::ShowSimilar);
    assert_eq!(text(&app), r#"similar:"odd \"quoted\" id \\ here""#);
    assert_eq!(app.search().why_empty(), None);
    assert!(!app.search().hits().is_empty());
    let query = parse(text(&app)).unwrap();
    let kinds: Vec<_> = query.clauses().map(|c| c.kind.clone()).collect();
    assert_eq!(
        kinds,
        [crate::query::ClauseKind::Similar(
            crate::query::similar::SimilarTo::Paper(id)
        )]
    );
}
