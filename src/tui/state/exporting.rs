//! `E`: the picked papers (or the selected one) written to a file, in the
//! format its name asks for: BibTeX, Markdown or JSON.

use std::path::PathBuf;
use std::sync::Arc;

use super::{App, Overlay};
use crate::cite::copy::{self, Copied};
use crate::corpus::Paper;
use crate::tui::action::{Command, Effect};
use crate::tui::line_edit::LineEdit;

/// What an export is written as, by the file's extension.
enum Format {
    Bibtex,
    Markdown,
    Json,
}

impl Format {
    fn of(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "bib" => Some(Format::Bibtex),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

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
                    self.overlay = Overlay::Export(line);
                }
                Vec::new()
            }
            Command::Export => {
                let Overlay::Export(line) = std::mem::take(&mut self.overlay) else {
                    return Vec::new();
                };
                self.export_to(line.text().trim())
            }
            _ => Vec::new(),
        }
    }

    fn export_to(&mut self, typed: &str) -> Vec<Effect> {
        if typed.is_empty() {
            self.say("not exported: no file named");
            return Vec::new();
        }
        let path = expand_home(typed);
        let Some(format) = Format::of(&path) else {
            self.fail("not exported: name the file .bib, .md or .json");
            return Vec::new();
        };
        let papers: Vec<Arc<Paper>> = self.copy_targets();
        if papers.is_empty() {
            self.say("not exported: no picked paper is in this corpus");
            return Vec::new();
        }
        let cite = |paper: &Paper| self.citation(paper);
        let text = match format {
            Format::Bibtex => copy::text_citing(Copied::Bibtex, papers.iter().map(|p| &**p), cite),
            Format::Markdown => copy::text(Copied::Markdown, papers.iter().map(|p| &**p)),
            Format::Json => {
                let all: Vec<&Paper> = papers.iter().map(|p| &**p).collect();
                crate::corpus::safe_json::to_string_pretty(&all)
                    .ok()
                    .map(|t| (t, all.len()))
            }
        };
        let Some((mut text, count)) = text else {
            self.fail("not exported: nothing to write");
            return Vec::new();
        };
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let papers = if count == 1 { "paper" } else { "papers" };
        let done = format!("exported {count} {papers} to {}", path.display());
        vec![Effect::Export {
            path,
            text,
            done: crate::corpus::sanitize::clean_line(&done),
        }]
    }
}

/// `~/x` as the home directory's `x`; anything else as written.
fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(typed),
    }
}
