//! `d` and `P`: which papers' PDFs are on disk (the list marks them and
//! `has:pdf` asks), what a download beside the keyboard is doing, and the
//! PDF `P` waits for to open it.

use std::collections::HashSet;
use std::sync::Arc;

use super::{App, Row};
use crate::catalog::Catalog;
use crate::corpus::Paper;
use crate::fulltext::Bodies;
use crate::query::{ClauseKind, Mark};
use crate::tui::action::Effect;
use crate::tui::pdf_worker::{PdfEvent, PdfJob};

/// The PDFs as the reader knows them.
#[derive(Debug, Default)]
pub struct PdfState {
    /// The ids of the papers whose PDF is on disk.
    pub(super) on_disk: HashSet<String>,
    /// What the download thread is doing, while it works.
    activity: Option<String>,
    /// A PDF's text was taken since the bodies were last indexed.
    new_text: bool,
}

/// Marks, from paper `from` on, the papers whose PDF is on disk.
pub(super) fn mark_pdfs(catalog: &mut Catalog, from: usize, on_disk: &HashSet<String>) {
    if on_disk.is_empty() && from == 0 {
        catalog.index.set_marks(Mark::Pdf, Vec::new());
        return;
    }
    catalog.mark_from(Mark::Pdf, from, |id| on_disk.contains(id));
}

impl App {
    /// `d`: the PDF of every picked paper, else of the selected one,
    /// downloaded beside the keyboard. A PDF on disk is not downloaded
    /// again, but goes to the thread too: its text is taken if it never
    /// was (the reader quit while it was read).
    pub(super) fn download_pdfs(&mut self) -> Vec<Effect> {
        let papers: Vec<Paper> = if self.chosen.is_empty() {
            self.selected_for_pdf().into_iter().collect()
        } else {
            self.chosen_papers()
        };
        match papers.len() {
            0 => {
                self.say("no paper to download the PDF of");
                Vec::new()
            }
            n => {
                let what = match n {
                    1 => format!("downloading the PDF of {}…", papers[0].id),
                    n => format!("downloading {n} PDFs…"),
                };
                self.pdfs.activity.get_or_insert(what);
                vec![Effect::DownloadPdfs(PdfJob {
                    papers,
                    open: false,
                })]
            }
        }
    }

    /// `P`: the selected paper's PDF opened, downloaded first if needed.
    pub(super) fn open_pdf(&mut self) -> Vec<Effect> {
        let Some(paper) = self.selected_for_pdf() else {
            self.say("no paper to open the PDF of");
            return Vec::new();
        };
        if self.pdfs.on_disk.contains(&paper.id) {
            return vec![Effect::OpenPdf(paper.id)];
        }
        let what = format!("downloading the PDF of {} to open it…", paper.id);
        self.pdfs.activity.get_or_insert(what);
        vec![Effect::DownloadPdfs(PdfJob {
            papers: vec![paper],
            open: true,
        })]
    }

    /// What the download thread told.
    pub(super) fn pdf_event(&mut self, event: PdfEvent) -> Vec<Effect> {
        match event {
            PdfEvent::Progress(text) => self.pdfs.activity = Some(text),
            PdfEvent::Landed {
                id,
                path,
                open,
                already,
                text,
            } => {
                self.pdf_on_disk(&id);
                // Its text may have been taken by `paperboat pdf`: indexed
                // either way.
                self.pdfs.new_text = true;
                if open {
                    return vec![Effect::OpenPdf(id)];
                }
                let how = if already {
                    "was on disk already"
                } else {
                    "is on disk"
                };
                self.say(format!("the PDF of {id} {how}: {}{text}", path.display()));
            }
            PdfEvent::Failed(line) => self.fail(line),
            PdfEvent::Idle { landed, failed } => {
                self.pdfs.activity = None;
                let index = std::mem::take(&mut self.pdfs.new_text);
                if landed + failed > 1 {
                    let text = format!("{landed} PDFs on disk, {failed} could not be downloaded");
                    match failed {
                        0 => self.say(format!("{landed} PDFs on disk")),
                        _ => self.fail(text),
                    }
                }
                if index {
                    return self.index_bodies();
                }
            }
        }
        Vec::new()
    }

    /// The text of the PDFs on disk indexed beside the keyboard, for the
    /// papers of the catalog as it is (again when it changes).
    pub(super) fn index_bodies(&mut self) -> Vec<Effect> {
        if self.pdfs.on_disk.is_empty() || self.loading.is_some() {
            return Vec::new();
        }
        let on_disk = &self.pdfs.on_disk;
        let index = &self.catalog.index;
        let papers: Vec<(usize, String)> = (0..self.catalog.len())
            .filter(|&i| !index.is_shadowed(i))
            .filter_map(|i| {
                let id = self.catalog.id(i);
                on_disk.contains(id).then(|| (i, id.to_string()))
            })
            .collect();
        vec![Effect::IndexBodies {
            papers,
            of: self.catalog.len(),
        }]
    }

    /// The bodies indexed for a catalog of `of` papers: searched from now
    /// on, unless the catalog changed meanwhile (another indexing follows).
    pub(super) fn bodies_indexed(&mut self, bodies: Option<Arc<Bodies>>, of: usize) {
        if of != self.catalog.len() {
            return;
        }
        self.catalog.set_bodies(bodies);
        let asks_words = self.search.query().clauses().any(|c| {
            matches!(
                c.kind,
                ClauseKind::Fuzzy(_) | ClauseKind::Field(crate::query::Field::Body, _)
            )
        });
        if asks_words {
            self.search.search_again();
            self.run_inline_search();
        }
    }

    /// The PDFs on disk as listed at start.
    pub(super) fn pdfs_listed(&mut self, ids: HashSet<String>) -> Vec<Effect> {
        self.pdfs.on_disk = ids;
        mark_pdfs(&mut self.catalog, 0, &self.pdfs.on_disk);
        self.search_again_if(ClauseKind::HasPdf);
        self.index_bodies()
    }

    /// The outcome of opening a PDF.
    pub(super) fn pdf_opened(&mut self, result: Result<String, String>) {
        match result {
            Ok(id) => self.say(format!("opened the PDF of {id}")),
            Err(why) => self.fail(why),
        }
    }

    /// `id`'s PDF was removed since it was listed: unmarked, and said.
    pub(super) fn pdf_gone(&mut self, id: &str) {
        self.pdfs.on_disk.remove(id);
        if let Some(i) = self.catalog.position(id) {
            self.catalog.index.set_mark(Mark::Pdf, i, false);
        }
        self.search_again_if(ClauseKind::HasPdf);
        self.fail(format!(
            "the PDF of {id} is no longer on disk: d downloads it again"
        ));
    }

    /// Which index of the PDFs' text searches and snippets read (none:
    /// 0): what they showed is made again when it changes.
    pub(super) fn bodies_generation(&self) -> usize {
        self.catalog
            .bodies()
            .map_or(0, |bodies| Arc::as_ptr(bodies) as usize)
    }

    /// Whether the paper of a row has its PDF on disk.
    pub fn has_pdf(&self, row: Row) -> bool {
        match row {
            Row::Paper(i) => self.catalog.index.is_marked(Mark::Pdf, i),
            Row::Orphan(_) => self.pdfs.on_disk.contains(self.row_id(row)),
        }
    }

    /// What the PDF downloads are doing, while they run.
    pub fn pdf_activity(&self) -> Option<&str> {
        self.pdfs.activity.as_deref()
    }

    /// The PDFs on disk, to mark papers that arrive or replace others.
    pub(super) fn pdfs_on_disk(&self) -> &HashSet<String> {
        &self.pdfs.on_disk
    }

    /// `id`'s PDF landed: its paper is marked, and a query that asks
    /// `has:pdf` runs again.
    fn pdf_on_disk(&mut self, id: &str) {
        if !self.pdfs.on_disk.insert(id.to_string()) {
            return;
        }
        if let Some(i) = self.catalog.position(id) {
            self.catalog.index.set_mark(Mark::Pdf, i, true);
        }
        self.search_again_if(ClauseKind::HasPdf);
    }

    /// The selected paper, whole, for its PDF.
    fn selected_for_pdf(&self) -> Option<Paper> {
        let row = self.row(self.list.selected())?;
        Some(self.paper(row).into_owned())
    }

    /// The picked papers, whole (those in the corpus, or kept only as
    /// bookmarks).
    fn chosen_papers(&self) -> Vec<Paper> {
        self.chosen
            .ids()
            .iter()
            .filter_map(|id| match self.catalog.position(id) {
                Some(i) => Some(crate::query::Papers::paper(&self.catalog, i).into_owned()),
                None => self
                    .bookmarks
                    .orphans()
                    .iter()
                    .find(|p| &p.id == id)
                    .cloned(),
            })
            .collect()
    }
}
