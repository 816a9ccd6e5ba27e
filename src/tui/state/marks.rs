//! What the user keeps and opens: bookmarks, their notes, and links. The
//! store and the browser are effects, carried out by the event loop.

use super::{App, Overlay};
use crate::corpus::LinkKind;
use crate::store::bookmarks::{Bookmark, Change};
use crate::tui::action::{Command, Effect, Said};
use crate::tui::line_edit::LineEdit;

impl App {
    /// Commands about bookmarks, notes and links.
    pub(super) fn mark(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::ToggleBookmark => return self.toggle_bookmark(),
            Command::ToggleBookmarkedFilter => {
                self.toggle_bookmarked_clause();
                return vec![Effect::ReloadBookmarks];
            }
            Command::EditNote => self.edit_note(),
            Command::SaveNote => return self.save_note(),
            Command::OpenCode => return self.open_code_or_paper(),
            // A paper with no link offers the search for its title.
            Command::ShowLinks if self.selected_paper().is_some() => {
                self.screen.overlay = Overlay::Links { cursor: 0 };
            }
            Command::OpenLink(i) => return self.open_link(i),
            Command::OpenSelectedLink => {
                if let Overlay::Links { cursor } = self.screen.overlay {
                    return self.open_link(cursor);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// A bookmark made of the selected paper (keeping its note), unless
    /// bookmarking is off (then the status line says why).
    fn bookmarkable(&mut self) -> Option<Bookmark> {
        if let Some(reason) = self.bookmarks.disabled() {
            let text = format!("bookmarks are off: {reason}");
            self.fail(text);
            return None;
        }
        let row = self.row(self.list.selected())?;
        let note = self.bookmark(row).map_or("", |b| b.note.as_str());
        Some(Bookmark::of(&self.paper(row), note))
    }

    fn toggle_bookmark(&mut self) -> Vec<Effect> {
        if !self.chosen.is_empty() {
            return self.toggle_chosen_bookmarks();
        }
        let Some(bookmark) = self.bookmarkable() else {
            return Vec::new();
        };
        let (change, done) = if self.bookmarks.contains(&bookmark.id) {
            let removed = if bookmark.note.is_empty() {
                "bookmark removed ("
            } else {
                "bookmark and its note removed ("
            };
            let done = Said::with_key(removed, Command::Undo, " undoes)");
            (Change::Remove(bookmark.id), done)
        } else {
            (Change::Add(bookmark), "bookmarked".into())
        };
        self.save(change, done)
    }

    /// `b` with papers picked: bookmarks those not bookmarked yet, or,
    /// when every one is, removes them all; each change undoes on its own.
    fn toggle_chosen_bookmarks(&mut self) -> Vec<Effect> {
        if let Some(reason) = self.bookmarks.disabled() {
            let text = format!("bookmarks are off: {reason}");
            self.fail(text);
            return Vec::new();
        }
        let ids = self.chosen.ids().to_vec();
        let all = ids.iter().all(|id| self.bookmarks.contains(id));
        let changes: Vec<Change> = ids
            .iter()
            .filter(|id| all || !self.bookmarks.contains(id))
            .filter_map(|id| {
                if all {
                    return Some(Change::Remove(id.clone()));
                }
                let i = self.catalog.position(id)?;
                let paper = crate::query::Papers::paper(&self.catalog, i);
                Some(Change::Add(Bookmark::of(&paper, "")))
            })
            .collect();
        let n = changes.len();
        let done = match (all, n) {
            (true, 1) => Said::with_key("1 bookmark removed (", Command::Undo, " undoes)"),
            (true, n) => Said::with_key(
                format!("{n} bookmarks removed ("),
                Command::Undo,
                " undoes, one at a time)",
            ),
            (false, 1) => "1 paper bookmarked".into(),
            (false, n) => format!("{n} papers bookmarked").into(),
        };
        let mut effects = Vec::new();
        for (i, change) in changes.into_iter().enumerate() {
            let said = if i + 1 == n {
                done.clone()
            } else {
                Said::default()
            };
            effects.extend(self.save(change, said));
        }
        // Saved in order: the event loop takes effects from the end.
        effects.reverse();
        effects
    }

    /// Asks for `change` to be saved, remembering what undoes it.
    fn save(&mut self, change: Change, done: Said) -> Vec<Effect> {
        if let Some(undo) = self.bookmarks.inverse(&change) {
            self.remember(super::Undo::Bookmark(undo));
        }
        vec![Effect::SaveBookmarks { change, done }]
    }

    fn edit_note(&mut self) {
        if let Some(bookmark) = self.bookmarkable() {
            self.screen.overlay = Overlay::Note(LineEdit::new(bookmark.note));
        }
    }

    fn save_note(&mut self) -> Vec<Effect> {
        let Overlay::Note(note) = std::mem::take(&mut self.screen.overlay) else {
            return Vec::new();
        };
        let Some(mut bookmark) = self.bookmarkable() else {
            return Vec::new();
        };
        // A note from the bookmarks file may have several lines: kept.
        bookmark.note = crate::corpus::sanitize::clean_lines(note.text());
        let done = if bookmark.note.is_empty() {
            "note cleared"
        } else {
            "note saved"
        };
        self.save(Change::SetNote(bookmark), done.into())
    }

    /// Opens the selected paper's code link, else its own page (arXiv,
    /// Hugging Face, DOI); says so when it has neither.
    fn open_code_or_paper(&mut self) -> Vec<Effect> {
        if !self.chosen.is_empty() {
            return self.open_chosen();
        }
        let Some(paper) = self.selected_paper() else {
            return Vec::new();
        };
        if let Some(i) = paper.main_link() {
            return self.open_link(i);
        }
        if paper.links.is_empty() {
            // Said first: a title search is not the paper.
            if self.links.confirm_search.as_deref() == Some(paper.id.as_str()) {
                self.links.confirm_search = None;
                return self.open_link(0);
            }
            let before = format!("no link for this paper; its id: {}; ", paper.id);
            let again = " again searches arXiv for its title";
            self.say(Said::with_key(before, Command::OpenCode, again));
            self.links.confirm_search = Some(paper.id.clone());
        } else {
            let all = " lists all links)";
            self.say(Said::with_key(
                "no code or paper link (",
                Command::ShowLinks,
                all,
            ));
        }
        Vec::new()
    }

    /// `o` with papers picked: the code link, else the paper's page, of
    /// each; more than [`ASK_ABOVE`] links wait for a second `o`.
    fn open_chosen(&mut self) -> Vec<Effect> {
        let urls: Vec<String> = self
            .chosen
            .ids()
            .iter()
            .filter_map(|id| self.catalog.position(id))
            .filter_map(|i| {
                let paper = crate::query::Papers::paper(&self.catalog, i);
                let link = &paper.links[paper.main_link()?];
                crate::corpus::links::validate(&link.url)
                    .ok()
                    .map(|u| u.to_string())
            })
            .collect();
        if urls.is_empty() {
            self.say("no picked paper has a code or paper link");
            return Vec::new();
        }
        if urls.len() > ASK_ABOVE && self.links.confirm_open != Some(urls.len()) {
            let before = format!("open {} links in the browser? ", urls.len());
            let again = " again opens them all";
            self.say(Said::with_key(before, Command::OpenCode, again));
            self.links.confirm_open = Some(urls.len());
            return Vec::new();
        }
        self.links.confirm_open = None;
        self.links.what = "the link";
        urls.into_iter().rev().map(Effect::Open).collect()
    }

    /// Opens link `i` of the selected paper if it may be opened; the
    /// status line says what happened either way.
    fn open_link(&mut self, i: usize) -> Vec<Effect> {
        let Some(paper) = self.selected_paper() else {
            return Vec::new();
        };
        let links = paper.offered_links();
        let Some(link) = links.get(i) else {
            self.say(format!("no link {}", i + 1));
            return Vec::new();
        };
        let url = link.url.clone();
        self.links.what = if paper.links.is_empty() {
            TITLE_SEARCH
        } else {
            link_name(link.kind)
        };
        self.screen.overlay = Overlay::None;
        match crate::corpus::links::validate(&url) {
            Ok(url) => vec![Effect::Open(url.to_string())],
            Err(refusal) => {
                self.fail(format!("not opened: {refusal}"));
                Vec::new()
            }
        }
    }
}

/// What the status line calls the search offered for a paper with no link
/// once it is opened.
pub const TITLE_SEARCH: &str = "a search for this title on arXiv (the paper has no link)";

/// What the status line calls a link of this kind once it is opened.
fn link_name(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Code => "the code link",
        LinkKind::Paper => "the paper's page",
        LinkKind::Model => "the model",
        LinkKind::Dataset => "the dataset",
        LinkKind::Project => "the project page",
    }
}

/// Picked papers with more links than this ask before opening them all.
const ASK_ABOVE: usize = 5;
