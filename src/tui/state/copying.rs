//! `y`: copying the selected paper's (or every picked paper's) id, URL,
//! title, Markdown link or BibTeX to the clipboard.

use std::sync::Arc;

use super::{App, Overlay};
use crate::cite::Citation;
use crate::cite::copy::{self, Copied};
use crate::corpus::Paper;
use crate::tui::action::{Command, Effect};
use crate::tui::clipboard::MAX_TEXT;

/// How the status line starts once a copy is written.
const COPIED: &str = "copied ";

/// The most papers one copy reads: their shortest texts, the ids, fill
/// what a terminal takes at once ([`MAX_TEXT`]) well before this.
const MAX_PAPERS: usize = 5_000;

impl App {
    /// `y` opens the chooser; a key in it copies.
    pub(super) fn copy(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::ShowCopy => {
                if self.chosen.is_empty() && self.selected_paper().is_none() {
                    self.say("no paper to copy");
                } else {
                    self.screen.overlay = Overlay::Copy;
                }
                Vec::new()
            }
            Command::Copy(kind) => {
                self.screen.overlay = Overlay::None;
                self.copy_text(kind)
            }
            _ => Vec::new(),
        }
    }

    /// The papers a copy is of: the picked ones in the order picked (those
    /// in the open corpus), else the selected one.
    pub fn copy_targets(&self) -> Vec<Arc<Paper>> {
        self.targets().collect()
    }

    /// [`App::copy_targets`] one by one, each read from the corpus only
    /// when it is reached (an export of 100,000 picks reads them beside
    /// the keyboard).
    pub fn targets(&self) -> Box<dyn Iterator<Item = Arc<Paper>> + '_> {
        if self.chosen.is_empty() {
            return Box::new(self.selected_paper().into_iter());
        }
        // A few picks are looked up directly; many through one index of
        // the corpus's ids, not one scan of the corpus each.
        let index: Option<rustc_hash::FxHashMap<&str, usize>> =
            (self.chosen.len() > 8).then(|| {
                self.catalog
                    .ids()
                    .enumerate()
                    .map(|(i, id)| (id, i))
                    .collect()
            });
        Box::new(self.chosen.ids().iter().filter_map(move |id| {
            let at = match &index {
                Some(index) => index.get(id.as_str()).copied(),
                None => self.catalog.position(id),
            };
            match at {
                Some(i) => Some(Arc::new(
                    crate::query::Papers::paper(&self.catalog, i).into_owned(),
                )),
                // A bookmark whose paper is not in this corpus.
                None => self
                    .bookmarks
                    .orphans()
                    .iter()
                    .find(|p| p.id == *id)
                    .map(|p| Arc::new(p.clone())),
            }
        }))
    }

    /// How `paper` is cited: a bookmarked paper as it was bookmarked, so
    /// that a copy or an export agrees with `paperboat bookmarks export`.
    pub fn citation(&self, paper: &Paper) -> Citation {
        match self.bookmarks.of(&paper.id) {
            Some(b) if b.cite.is_some() => b.citation(Some(paper)),
            _ => Citation::of(paper),
        }
    }

    fn copy_text(&mut self, kind: Copied) -> Vec<Effect> {
        // Even ids alone of this many papers are more than a terminal takes
        // at once: they are not read from the corpus only to be refused.
        if self.chosen.len() > MAX_PAPERS {
            self.fail(format!(
                "not copied: {} papers are more than a copy carries ({} at most); `paperboat search --format bibtex` prints any number",
                crate::units::thousands(self.chosen.len()),
                crate::units::thousands(MAX_PAPERS)
            ));
            return Vec::new();
        }
        let papers = self.copy_targets();
        let cite = |paper: &Paper| self.citation(paper);
        let Some((text, count)) = copy::text_citing(kind, papers.iter().map(|p| &**p), cite) else {
            self.say(match (kind, papers.len()) {
                (_, 0) => "no picked paper is in this corpus".to_string(),
                (_, 1) => "no code or paper link to copy".to_string(),
                _ => "no picked paper has a code or paper link".to_string(),
            });
            return Vec::new();
        };
        let chars = text.chars().count();
        if text.len() > MAX_TEXT {
            self.fail(format!(
                "not copied: {} KB is more than a terminal takes at once ({} KB); `paperboat search --format bibtex` prints any amount",
                text.len() / 1000,
                MAX_TEXT / 1000
            ));
            return Vec::new();
        }
        let of = match count {
            1 => String::new(),
            n => format!(" of {n} papers"),
        };
        let unit = if chars == 1 {
            "character"
        } else {
            "characters"
        };
        self.say(format!(
            "{COPIED}the {}{of} ({} {unit})",
            kind.label(),
            crate::units::thousands(chars)
        ));
        vec![Effect::Copy(text)]
    }

    /// The copy went out through tmux, which takes it only with
    /// `set-clipboard on` (or passes it on with `allow-passthrough on`):
    /// the status line says what was sent rather than that it was copied.
    pub(super) fn copy_unconfirmed(&mut self) {
        let Some(what) = self
            .screen
            .message
            .as_ref()
            .and_then(|m| m.text.strip_prefix(COPIED))
        else {
            return;
        };
        let text = format!("sent {what} to tmux; it copies only with `set -s set-clipboard on`");
        self.say(text);
    }
}
