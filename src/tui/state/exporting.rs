//! `E`: the picked papers (or the selected one) written to a file, in the
//! format its name asks for: BibTeX, Markdown or JSON.

use std::path::PathBuf;

use super::{App, Overlay};
use crate::tui::action::{Command, Effect};
use crate::tui::export_plan::{ExportFormat, ExportPlan};
use crate::tui::line_edit::LineEdit;

impl App {
    /// `E` asks for a file name; `Enter` in the popup writes it.
    pub(super) fn export(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::AskExport => {
                if self.chosen.is_empty() && self.selected_paper().is_none() {
                    self.say("no paper to export");
                } else {
                    let mut line = LineEdit::default();
                    line.insert("papers.bib");
                    self.screen.overlay = Overlay::Export(line);
                }
                Vec::new()
            }
            Command::Export => {
                let Overlay::Export(line) = std::mem::take(&mut self.screen.overlay) else {
                    return Vec::new();
                };
                self.export_to(line.text().trim())
            }
            _ => Vec::new(),
        }
    }

    /// The export of the picks (or the selected paper) to `typed`, checked
    /// but not read: reading 100,000 picks takes seconds, which are spent
    /// beside the keyboard.
    fn export_to(&mut self, typed: &str) -> Vec<Effect> {
        if typed.is_empty() {
            self.say("not exported: no file named");
            return Vec::new();
        }
        let path = expand_home(typed);
        let Some(format) = ExportFormat::of(&path) else {
            self.fail("not exported: name the file .bib, .md or .json");
            return Vec::new();
        };
        let papers = self.chosen.len().max(1);
        vec![Effect::Export(ExportPlan {
            path,
            format,
            papers,
        })]
    }
}

/// `~/x` as the home directory's `x`; anything else as written.
fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(typed),
    }
}
