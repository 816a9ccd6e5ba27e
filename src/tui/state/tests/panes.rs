//! Focus, scrolling, mouse, facets and popups.

use super::*;

#[test]
fn focus_detail_scrolling_and_back() {
    let mut app = app();
    app.screen.size = (60, 20);
    app.update(Command::FocusDetail);
    assert_eq!(app.focus(), Focus::Detail);
    app.update(Command::Move(3));
    assert_eq!(app.detail_scroll(), 3);
    app.update(Command::Bottom);
    let bottom = app.detail_scroll();
    assert!(bottom > 3);
    app.update(Command::Move(1));
    assert_eq!(app.detail_scroll(), bottom, "clamped at the end");
    app.update(Command::Back);
    assert_eq!(app.focus(), Focus::List);
    app.update(Command::Move(1));
    assert_eq!(app.detail_scroll(), 0, "a new paper starts at the top");
}

#[test]
fn query_editing_keys() {
    let mut app = app();
    typed(&mut app, "ab");
    app.update(Command::Edit(Edit::Left));
    app.update(Command::Edit(Edit::Insert('é')));
    assert_eq!(text(&app), "aéb");
    app.update(Command::Edit(Edit::Home));
    app.update(Command::Edit(Edit::Delete));
    assert_eq!(text(&app), "éb");
    app.update(Command::Edit(Edit::End));
    app.update(Command::Edit(Edit::Backspace));
    app.update(Command::Edit(Edit::Backspace));
    app.update(Command::Edit(Edit::Backspace));
    assert_eq!((text(&app), app.search().line().cursor()), ("", 0));
    app.update(Command::LeaveQuery);
    assert!(normal(&app));
}

#[test]
fn mouse_wheel_and_click() {
    let mut app = app();
    let areas = app.areas().unwrap();
    app.update(Command::ScrollAt {
        column: areas.list.x + 1,
        row: areas.list.y + 1,
        delta: 3,
    });
    assert_eq!(app.selected(), 3);
    app.update(Command::ClickAt {
        column: areas.list.x + 2,
        row: areas.list.y + 5,
    });
    assert_eq!(app.selected(), 5);
    app.update(Command::ClickAt {
        column: areas.detail.x + 1,
        row: areas.detail.y,
    });
    assert_eq!(app.focus(), Focus::Detail);
    app.update(Command::ClickAt {
        column: areas.query.x + 3,
        row: areas.query.y,
    });
    assert_eq!(app.context(), Context::Query);
}

#[test]
fn facets_toggle_clauses_and_follow_the_results() {
    let mut app = wide_app();
    assert!(app.show_facets(), "shown by default when wide");
    app.update(Command::FocusPrev);
    assert_eq!(app.focus(), Focus::Facets);
    let first = app.facet_rows().into_iter().find_map(|r| match r {
        FacetRow::Entry { entry, .. } => Some(entry),
        _ => None,
    });
    let first = first.unwrap();
    assert_eq!(first.group, "Type");
    app.update(Command::ToggleFacetEntry);
    assert_eq!(text(&app), first.clause);
    assert_eq!(app.search().hits().len(), first.count);
    let marked: Vec<_> = app
        .facet_rows()
        .into_iter()
        .filter(|r| matches!(r, FacetRow::Entry { selected: true, .. }))
        .collect();
    assert_eq!(marked.len(), 1);
    // Counts are over the current results: the selected entry has them all.
    assert!(
        matches!(&marked[0], FacetRow::Entry { entry, .. } if entry.count == app.search().hits().len())
    );
    // A second entry of the same group: either one (OR), more papers.
    let before = app.search().hits().len();
    app.update(Command::Move(1));
    app.update(Command::ToggleFacetEntry);
    let parts: Vec<String> = text(&app).split(" | ").map(str::to_string).collect();
    assert_eq!(parts.len(), 2, "{}", text(&app));
    assert_eq!(parts[0], first.clause);
    assert!(app.search().hits().len() > before);
    typed(&mut app, " mamba");
    app.update(Command::LeaveQuery);
    app.update(Command::ClearFacets);
    assert_eq!(text(&app), "mamba");
    app.update(Command::ToggleFacetEntry);
    app.update(Command::ToggleFacetEntry);
    assert_eq!(text(&app), "mamba", "toggling twice restores the query");
}

#[test]
fn focus_cycles_through_the_visible_panes() {
    let mut app = wide_app();
    let mut seen = vec![app.focus()];
    for _ in 0..3 {
        app.update(Command::FocusNext);
        seen.push(app.focus());
    }
    assert_eq!(
        seen,
        [Focus::List, Focus::Detail, Focus::Facets, Focus::List]
    );
    app.update(Command::ShowFacets);
    assert!(!app.show_facets());
    app.update(Command::FocusPrev);
    assert_eq!(app.focus(), Focus::Detail);
    // From 100 to 139 columns the list gets the room: facets beside it
    // only after `f`.
    let mut middle = app_sized((120, 40));
    assert!(!middle.show_facets());
    middle.update(Command::ShowFacets);
    assert!(middle.show_facets());
    let areas = middle.areas().unwrap();
    assert!(areas.facets_block.x < areas.list_block.x);
    assert_eq!(areas.list_block.y, areas.facets_block.y);
    // Narrow: facets are hidden until `f`, and then stand in for the detail.
    let mut narrow = app_sized((60, 20));
    assert!(!narrow.show_facets());
    narrow.update(Command::ShowFacets);
    assert_eq!(narrow.focus(), Focus::Facets);
    assert!(narrow.areas().unwrap().detail.is_empty());
    narrow.update(Command::FocusDetail);
    assert!(
        !narrow.show_facets(),
        "reading a paper brings the detail back"
    );
    assert_eq!(narrow.focus(), Focus::Detail);
}

#[test]
fn clicking_a_facet_toggles_it() {
    let mut app = wide_app();
    let areas = app.areas().unwrap();
    // Row 0 is the "Type" header, row 1 its first entry.
    app.update(Command::ClickAt {
        column: areas.facets.x + 2,
        row: areas.facets.y + 1,
    });
    assert!(text(&app).starts_with("tag:type/"), "{}", text(&app));
    assert_eq!(app.focus(), Focus::Facets);
    app.update(Command::ClickAt {
        column: areas.facets.x + 2,
        row: areas.facets.y,
    });
    assert!(
        text(&app).starts_with("tag:type/"),
        "a header click changes nothing"
    );
}

#[test]
fn quit_and_help() {
    let mut app = app();
    app.update(Command::ToggleHelp);
    assert_eq!(app.context(), Context::Help);
    app.update(Command::Back);
    assert!(normal(&app));
    assert_eq!(app.update(Command::Quit), [Effect::Quit]);
}

#[test]
fn facets_open_with_their_first_heading_after_a_resize() {
    let mut app = App::new(Corpus::bundled().unwrap(), (160, 48));
    app.update(Command::Resize(80, 24));
    assert!(!app.show_facets());
    app.update(Command::ShowFacets);
    assert!(app.show_facets());
    let rows = app.facet_rows();
    let top = &rows[app.facets_panel().offset()];
    assert!(matches!(top, FacetRow::Header("Type")), "{top:?}");
    // Moving down a group and back keeps its heading in view.
    for _ in 0..3 {
        app.update(Command::Move(1));
    }
    for _ in 0..3 {
        app.update(Command::Move(-1));
    }
    assert_eq!(app.facets_panel().offset(), 0);
}

/// Toggles the panel's entry with this clause, as Space on it does.
fn toggle_entry(app: &mut App, clause: &str) {
    let position = app
        .facet_rows()
        .into_iter()
        .find_map(|r| match r {
            FacetRow::Entry {
                entry, position, ..
            } if entry.clause == clause => Some(position),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no entry {clause}"));
    app.toggle_facet(position);
}

fn entry_row(app: &App, clause: &str) -> Option<(usize, bool)> {
    app.facet_rows().into_iter().find_map(|r| match r {
        FacetRow::Entry {
            entry, selected, ..
        } if entry.clause == clause => Some((entry.count, selected)),
        _ => None,
    })
}

#[test]
fn two_years_picked_show_both_and_the_year_counts_stay() {
    let mut app = wide_app();
    let count = |app: &App, clause: &str| entry_row(app, clause).unwrap().0;
    let (y2024, y2025) = (count(&app, "year:2024"), count(&app, "year:2025"));
    toggle_entry(&mut app, "year:2024");
    assert_eq!(app.search().hits().len(), y2024);
    // The other years are still offered, with what they would add.
    assert_eq!(count(&app, "year:2025"), y2025);
    toggle_entry(&mut app, "year:2025");
    assert_eq!(text(&app), "year:2024..2025");
    assert_eq!(app.search().hits().len(), y2024 + y2025);
    assert!(entry_row(&app, "year:2024").unwrap().1 && entry_row(&app, "year:2025").unwrap().1);
    toggle_entry(&mut app, "year:2024");
    assert_eq!(text(&app), "year:2025");
}

#[test]
fn a_typed_tag_shows_as_picked_and_toggling_removes_it() {
    let mut app = wide_app();
    typed(&mut app, "tag:mri");
    app.update(Command::LeaveQuery);
    let (_, selected) = entry_row(&app, "tag:modality/mri").unwrap();
    assert!(selected, "typed by hand, shown as picked");
    toggle_entry(&mut app, "tag:modality/mri");
    assert_eq!(text(&app), "", "the typed clause goes, no duplicate");
}

#[test]
fn undated_papers_have_a_year_entry_and_a_clause() {
    let mut app = wide_app();
    let undated = Corpus::bundled()
        .unwrap()
        .papers
        .iter()
        .filter(|p| p.published.is_none())
        .count();
    assert_eq!(undated, 78);
    assert_eq!(entry_row(&app, "!has:date").unwrap().0, undated);
    toggle_entry(&mut app, "!has:date");
    assert_eq!(text(&app), "!has:date");
    assert_eq!(app.search().hits().len(), undated);
    typed(&mut app, " has:date");
    assert!(app.search().hits().is_empty());
}

#[test]
fn a_paper_matched_in_its_abstract_opens_scrolled_to_the_match() {
    let mut app = app_sized((80, 24));
    // Exact text: found in the abstracts without an index of their words.
    typed(&mut app, "'MIMIC");
    app.update(Command::Back);
    let height = app.areas().unwrap().detail.height as usize;
    let mut scrolled = 0;
    for _ in 0..app.row_count() {
        let layout = app.detail_layout().unwrap();
        let scroll = app.detail_scroll();
        if let Some(line) = layout.first_mark_line() {
            assert!(
                (scroll..scroll + height).contains(&line),
                "the first match (line {line}) is in view from line {scroll}"
            );
            if scroll > 0 {
                scrolled += 1;
            }
        }
        app.update(Command::Move(1));
    }
    assert!(
        scrolled > 0,
        "some match lies below the pane's first page: {} rows, height {height}",
        app.row_count()
    );
}

#[test]
fn a_click_on_a_snippet_line_selects_its_row() {
    let mut app = app();
    typed(&mut app, "'MIMIC-IV");
    app.update(Command::Back);
    let snippets = app.row_snippets().expect("room for the snippets");
    assert!(
        snippets.iter().all(Option::is_some),
        "matched in the abstract only"
    );
    let list = app.areas().unwrap().list;
    // Row 1 is drawn on lines 2 (title) and 3 (snippet).
    for (line, row) in [(0, 0), (1, 0), (2, 1), (3, 1), (4, 2)] {
        app.update(Command::ClickAt {
            column: list.x + 2,
            row: list.y + line,
        });
        assert_eq!(app.selected(), row, "line {line}");
    }
}
