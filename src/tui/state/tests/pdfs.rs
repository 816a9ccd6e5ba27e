//! `d` and `P`: which papers a download asks for, what the thread's
//! events change (the mark, `has:pdf`, the status line), and `P` opening
//! at once or after its download.

use super::*;
use crate::tui::pdf_worker::{PdfEvent, PdfJob};

fn ids_of(effects: &[Effect]) -> Vec<(Vec<String>, bool)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::DownloadPdfs(PdfJob { papers, open }) => {
                Some((papers.iter().map(|p| p.id.clone()).collect(), *open))
            }
            _ => None,
        })
        .collect()
}

fn landed(id: &str, open: bool) -> PdfEvent {
    PdfEvent::Landed {
        id: id.into(),
        path: format!("/data/pdfs/{id}.pdf").into(),
        open,
        already: false,
        text: " · 12 pages searchable".into(),
    }
}

#[test]
fn d_asks_for_the_picks_and_the_landing_marks_them() {
    let mut app = app();
    let first = app.selected_paper().unwrap().id.clone();
    app.update(Command::ToggleChosen);
    let second = app.selected_paper().unwrap().id.clone();
    app.update(Command::ToggleChosen);
    app.update(Action::PdfsListed([first.clone()].into_iter().collect()));
    let asked = app.update(Command::DownloadPdf);
    // The one on disk goes too: the thread takes its text if it never was.
    assert_eq!(
        ids_of(&asked),
        vec![(vec![first.clone(), second.clone()], false)]
    );
    assert_eq!(app.pdf_activity(), Some("downloading 2 PDFs…"));

    typed(&mut app, "has:pdf");
    app.update(Command::LeaveQuery);
    settle_search(&mut app);
    assert_eq!(app.row_count(), 1);
    app.update(Action::Pdf(PdfEvent::Progress(
        "downloading… 1.2 MB".into(),
    )));
    assert_eq!(app.pdf_activity(), Some("downloading… 1.2 MB"));
    let effects = app.update(Action::Pdf(landed(&second, false)));
    assert!(effects.is_empty());
    assert!(
        said(&app).contains("is on disk: /data/pdfs/"),
        "{}",
        said(&app)
    );
    settle_search(&mut app);
    assert_eq!(app.row_count(), 2, "has:pdf runs again");
    assert!((0..2).all(|p| app.has_pdf(app.row(p).unwrap())));

    // Once idle with new text, the PDFs' text is indexed again.
    let effects = app.update(Action::Pdf(PdfEvent::Idle {
        landed: 1,
        failed: 0,
    }));
    assert!(
        matches!(effects.as_slice(), [Effect::IndexBodies { papers, .. }] if papers.len() == 2)
    );
    assert_eq!(app.pdf_activity(), None);
}

#[test]
fn p_opens_at_once_when_on_disk_else_after_its_download() {
    let mut app = app();
    let id = app.selected_paper().unwrap().id.clone();
    let asked = app.update(Command::OpenPdf);
    assert_eq!(ids_of(&asked), vec![(vec![id.clone()], true)]);
    let effects = app.update(Action::Pdf(landed(&id, true)));
    assert_eq!(effects, vec![Effect::OpenPdf(id.clone())]);
    app.update(Action::PdfOpened(Ok(id.clone())));
    assert_eq!(said(&app), format!("opened the PDF of {id}"));
    assert_eq!(
        app.update(Command::OpenPdf),
        vec![Effect::OpenPdf(id.clone())]
    );
    app.update(Action::PdfGone(id.clone()));
    assert_eq!(
        said(&app),
        format!("the PDF of {id} is no longer on disk: d downloads it again")
    );
    assert!(!app.has_pdf(app.row(0).unwrap()));
    assert_eq!(
        ids_of(&app.update(Command::OpenPdf)),
        vec![(vec![id.clone()], true)]
    );
    app.update(Action::Pdf(PdfEvent::Failed(
        "x: no PDF to download".into(),
    )));
    assert_eq!(said(&app), "x: no PDF to download");
}

/// Runs the search waiting, if any, as the event loop does.
fn settle_search(app: &mut App) {
    if app.search_pending()
        && let Some(searched) = app.run_search(&AtomicBool::new(false))
    {
        app.update(Action::Searched(searched));
    }
}
