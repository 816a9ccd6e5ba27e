//! The PDF work the reader runs beside the keyboard: downloads (`d`,
//! `P`) on their thread, and the PDFs' text indexed once they land.

use std::sync::Arc;
use std::sync::mpsc::TryRecvError;

use super::EventLoop;
use crate::tui::action::Action;
use crate::tui::effects;
use crate::tui::pdf_worker::{self, PdfEvent, PdfJob};

impl EventLoop {
    /// Hands a job to the PDF thread, started at the first.
    pub(super) fn download_pdfs(&mut self, job: PdfJob) -> Result<(), String> {
        let place = self.context.pdfs.as_ref().ok_or(effects::NO_DATA_DIR)?;
        if self.pdf_worker.is_none() {
            let worker = pdf_worker::spawn(place.clone(), Arc::clone(&self.stop_syncing))
                .map_err(|e| format!("could not start downloading: {e}"))?;
            self.pdf_worker = Some(worker);
        }
        let sent = self.pdf_worker.as_ref().is_some_and(|w| w.send(job));
        if !sent {
            self.pdf_worker = None;
            return Err("the download thread stopped; try again".into());
        }
        self.pdfs_busy = true;
        Ok(())
    }

    /// Reads the text of `papers`' PDFs and indexes it on a thread; the
    /// index comes back as [`Action::BodiesIndexed`].
    pub(super) fn index_bodies(&mut self, papers: Vec<(usize, String)>, of: usize) {
        let Some(place) = self.context.pdfs.as_ref() else {
            return;
        };
        let pdfs = place.pdfs.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("pdf-text".into())
            .spawn(move || {
                let texts: Vec<(usize, Vec<String>)> = papers
                    .into_iter()
                    .filter_map(|(i, id)| Some((i, pdfs.text(&id)?)))
                    .collect();
                let bodies = match texts.is_empty() {
                    true => None,
                    false => crate::fulltext::Bodies::build(texts, of).ok(),
                };
                let _ = tx.send(Action::BodiesIndexed(bodies.map(Arc::new), of));
            });
        // Without the thread the PDFs are not searched by their text.
        if spawned.is_ok() {
            self.bodies = Some(rx);
        }
    }

    /// Takes in the PDFs' text once indexed.
    pub(super) fn take_bodies(&mut self) {
        let Some(receiver) = &self.bodies else {
            return;
        };
        match receiver.try_recv() {
            Ok(action) => {
                self.bodies = None;
                let effects = self.app.update(action);
                self.run_effects(effects);
                self.dirty = true;
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.bodies = None,
        }
    }

    /// Takes in what the PDF thread told.
    pub(super) fn take_pdf_events(&mut self) {
        let Some(worker) = self.pdf_worker.take() else {
            return;
        };
        loop {
            match worker.events.try_recv() {
                Ok(event) => {
                    if matches!(event, PdfEvent::Idle { .. }) {
                        self.pdfs_busy = false;
                    }
                    let effects = self.app.update(Action::Pdf(event));
                    self.run_effects(effects);
                    self.dirty = true;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.pdfs_busy = false;
                    return;
                }
            }
        }
        self.pdf_worker = Some(worker);
    }
}
