//! `y`: what is copied, of which papers, and what the status line says.

use super::marks::settle;
use super::*;
use crate::cite::Cited;
use crate::cite::copy::{self, Copied};
use crate::store::bookmarks::{Bookmark, Change};
use crate::tui::keymap::Context;

fn copied(effects: &[Effect]) -> &str {
    match effects {
        [Effect::Copy(text)] => text,
        other => panic!("expected one copy, got {other:?}"),
    }
}

#[test]
fn y_asks_what_to_copy_and_the_answer_is_copied() {
    let mut app = app();
    app.update(Command::ShowCopy);
    assert_eq!(app.context(), Context::Copy);
    let id = app.selected_paper().unwrap().id.clone();
    let effects = app.update(Command::Copy(Copied::Id));
    assert_eq!(copied(&effects), id);
    assert!(normal(&app), "the popup closes");
    assert_eq!(
        app.message().unwrap().text,
        format!("copied the id ({} characters)", id.chars().count())
    );
    // Esc closes the chooser without copying.
    app.update(Command::ShowCopy);
    assert!(app.update(Command::Back).is_empty());
    assert!(normal(&app));
}

#[test]
fn a_copy_through_tmux_says_what_was_sent_and_what_tmux_needs() {
    let mut app = app();
    let id = app.selected_paper().unwrap().id.clone();
    app.update(Command::Copy(Copied::Id));
    app.update(Action::CopyUnconfirmed);
    let said = &app.message().unwrap().text;
    assert_eq!(
        *said,
        format!(
            "sent the id ({} characters) to tmux; it copies only with `set -s set-clipboard on`",
            id.chars().count()
        )
    );
    assert!(!said.contains("copied"), "{said}");
    // Nothing was being copied: nothing to say.
    app.update(Command::Move(1));
    app.update(Action::CopyUnconfirmed);
    assert!(app.message().is_none());
}

#[test]
fn picked_papers_are_copied_together_in_the_order_picked() {
    let mut app = app();
    let titles: Vec<String> = (0..3)
        .map(|i| {
            app.catalog()
                .title(app.search().hits()[i].index)
                .to_string()
        })
        .collect();
    app.update(Command::Move(2));
    app.update(Command::ToggleChosen);
    app.update(Command::Top);
    app.update(Command::ToggleChosen);
    let effects = app.update(Command::Copy(Copied::Title));
    assert_eq!(copied(&effects), format!("{}\n{}", titles[2], titles[0]));
    assert!(
        app.message()
            .unwrap()
            .text
            .starts_with("copied the title of 2 papers (")
    );
    let effects = app.update(Command::Copy(Copied::Bibtex));
    assert_eq!(copied(&effects).matches("@misc{").count(), 2);
}

#[test]
fn a_paper_without_links_has_no_url_to_copy() {
    let mut app = app();
    let without = (0..app.search().hits().len())
        .find(|&i| {
            app.catalog()
                .paper(app.search().hits()[i].index)
                .links
                .is_empty()
        })
        .unwrap();
    app.update(Command::Move(without as i32));
    assert!(app.update(Command::Copy(Copied::Url)).is_empty());
    assert_eq!(app.message().unwrap().text, "no code or paper link to copy");
}

#[test]
fn a_bookmarked_paper_is_cited_under_the_key_it_was_bookmarked_with() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
    let mut app = app();
    let paper = app.selected_paper().unwrap();
    let mut bookmark = Bookmark::of(&paper, "");
    bookmark.cite = Some(Box::new(Cited {
        key: "kept2020key".into(),
        ..Cited::of(&paper)
    }));
    store.apply(Change::Add(bookmark)).unwrap();
    settle(&mut app, vec![Effect::ReloadBookmarks], &store);
    let effects = app.update(Command::Copy(Copied::Bibtex));
    assert!(
        copied(&effects).starts_with("@misc{kept2020key,\n"),
        "{effects:?}"
    );
}

#[test]
fn too_many_picks_are_refused_before_any_is_read() {
    let papers: Vec<Paper> = (0..5_001)
        .map(|i| {
            let mut p = Paper::titled(format!("Paper {i}"));
            p.id = format!("p{i}");
            p
        })
        .collect();
    let mut app = App::new(
        crate::catalog::Catalog::loaded("many".into(), papers),
        (120, 40),
    );
    app.update(Command::ChooseShown);
    assert_eq!(app.chosen_count(), 5_001);
    assert!(app.update(Command::Copy(Copied::Id)).is_empty());
    let message = app.message().unwrap();
    assert!(message.is_error);
    assert!(
        message.text.starts_with("not copied: 5,001 papers"),
        "{}",
        message.text
    );
}

#[test]
fn a_picked_bookmark_not_in_the_corpus_is_copied_too() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
    let mut app = app();
    let mut elsewhere = Paper::titled("Kept From Elsewhere");
    elsewhere.id = "elsewhere".into();
    store
        .apply(Change::Add(Bookmark::of(&elsewhere, "")))
        .unwrap();
    settle(&mut app, vec![Effect::ReloadBookmarks], &store);
    let effects = app.update(Command::ToggleBookmarkedFilter);
    settle(&mut app, effects, &store);
    app.update(Command::Bottom);
    app.update(Command::ToggleChosen);
    let effects = app.update(Command::Copy(Copied::Title));
    assert_eq!(copied(&effects), "Kept From Elsewhere");
}

#[test]
fn e_exports_the_picks_to_a_new_file_and_never_over_one() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::bookmarks::Store::new(dir.path());
    let mut app = app();
    app.update(Command::ToggleChosen);
    app.update(Command::ToggleChosen);
    let export = |app: &mut App, name: &str| {
        app.update(Command::AskExport);
        assert_eq!(app.context(), Context::Export);
        app.update(Command::Edit(crate::tui::line_edit::Edit::Clear));
        for c in dir.path().join(name).display().to_string().chars() {
            app.update(Command::Edit(crate::tui::line_edit::Edit::Insert(c)));
        }
        let effects = app.update(Command::Export);
        for effect in effects {
            let Effect::Export(plan) = effect else {
                panic!("expected an export, got {effect:?}");
            };
            let progress = crate::tui::export::Progress::default();
            let outcome = crate::tui::export::write(app, &plan, &progress);
            let more = app.update(Action::Exported(outcome));
            settle(app, more, &store);
        }
        app.message().unwrap().clone()
    };
    let said = export(&mut app, "refs.bib");
    assert!(
        !said.is_error && said.text.starts_with("exported 2 papers to "),
        "{}",
        said.text
    );
    let bib = std::fs::read_to_string(dir.path().join("refs.bib")).unwrap();
    assert_eq!(bib.matches("@misc{").count(), 2);
    std::fs::write(dir.path().join("mine.md"), "my notes").unwrap();
    let said = export(&mut app, "mine.md");
    assert!(
        said.is_error && said.text.contains("exists; it was left as it is"),
        "{}",
        said.text
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine.md")).unwrap(),
        "my notes"
    );
    let said = export(&mut app, "list.json");
    assert!(!said.is_error, "{}", said.text);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("list.json")).unwrap())
            .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    let said = export(&mut app, "refs.txt");
    assert!(
        said.is_error && said.text.contains(".bib, .md or .json"),
        "{}",
        said.text
    );
}

/// The export `plan` of `app`'s picks, written.
fn export_plan(app: &mut App, path: &std::path::Path) -> crate::tui::export_plan::ExportPlan {
    app.update(Command::AskExport);
    app.update(Command::Edit(crate::tui::line_edit::Edit::Clear));
    app.update(Command::Paste(path.display().to_string()));
    match app.update(Command::Export).as_slice() {
        [Effect::Export(plan)] => plan.clone(),
        other => panic!("expected an export, got {other:?}"),
    }
}

#[test]
fn an_export_is_written_as_the_copy_would_be_whatever_the_number_of_picks() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut app = app();
    // More picks than are looked up one by one.
    for _ in 0..12 {
        app.update(Command::ToggleChosen);
    }
    let picks = app.copy_targets();
    assert_eq!(picks.len(), 12);
    let progress = crate::tui::export::Progress::default();
    for (name, kind) in [("a.md", Copied::Markdown), ("a.bib", Copied::Bibtex)] {
        let plan = export_plan(&mut app, &dir.path().join(name));
        let said = crate::tui::export::write(&app, &plan, &progress).unwrap();
        assert!(said.starts_with("exported 12 papers to "), "{said}");
        let cite = |p: &Paper| app.citation(p);
        let (text, _) = copy::text_citing(kind, picks.iter().map(|p| &**p), cite).unwrap();
        let written = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(written.trim_end(), text.trim_end(), "{name}");
    }
    let plan = export_plan(&mut app, &dir.path().join("a.json"));
    crate::tui::export::write(&app, &plan, &progress).unwrap();
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("a.json")).unwrap()).unwrap();
    let ids: Vec<&str> = json.iter().map(|p| p["id"].as_str().unwrap()).collect();
    let picked: Vec<&str> = picks.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, picked, "in the order picked");
}

#[test]
fn a_cancelled_export_leaves_no_file_and_no_part_of_one() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut app = app();
    for _ in 0..3 {
        app.update(Command::ToggleChosen);
    }
    for name in ["c.bib", "c.md", "c.json"] {
        let plan = export_plan(&mut app, &dir.path().join(name));
        let progress = crate::tui::export::Progress::default();
        progress.cancel();
        let outcome = crate::tui::export::write(&app, &plan, &progress);
        assert_eq!(outcome, Err("cancelled; no file was written".to_string()));
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{name}: {left:?}");
        app.update(Action::Exported(outcome));
        let said = app.message().unwrap();
        assert!(said.text.contains("cancelled"), "{}", said.text);
    }
}
