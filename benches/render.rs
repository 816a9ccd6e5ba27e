//! One frame of the reader, drawn into an off-screen buffer, on the
//! bundled corpus and on a million synthetic papers with a query typed:
//! what each keystroke costs besides the search. And the detail pane of a
//! paper with a huge abstract or title: a frame, scrolled to the middle,
//! and a frame that lays the text out again (a new width).

#[path = "../examples/synthetic/generator.rs"]
mod generator;

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use paperboat::corpus::{Corpus, Paper};
use paperboat::tui::action::{Action, Command};
use paperboat::tui::line_edit::Edit;
use paperboat::tui::state::App;
use paperboat::tui::theme::Theme;
use paperboat::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(corpus: Corpus, query: &str) -> App {
    let mut app = App::new(corpus, (160, 48));
    app.update(Command::EditQuery);
    for c in query.chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
    // A large corpus leaves the search to the event loop: run it here.
    if app.search_pending()
        && let Some(searched) = app.run_search(&std::sync::atomic::AtomicBool::new(false))
    {
        app.update(Action::Searched(searched));
    }
    app
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(300));
    let cases = [
        (
            "bundled",
            Corpus::bundled().expect("the bundled corpus loads"),
        ),
        (
            "1000k",
            Corpus {
                name: "synthetic".into(),
                papers: generator::papers(1_000_000, 42),
            },
        ),
    ];
    for (name, corpus) in cases {
        let app = app(corpus, "mamba seg");
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("a test terminal");
        group.bench_function(format!("{name}/160x48"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| view::draw(f, &app, &Theme::plain()))
                    .map(|_| ())
                    .expect("drawing into a buffer")
            })
        });
    }
    group.finish();
}

/// A corpus of one paper whose abstract (or title) is about `bytes` long,
/// words of the bundled corpus' kind, with paragraphs.
fn huge_paper(bytes: usize, in_title: bool) -> Corpus {
    let sentence = "We propose a state space model for medical image segmentation that \
        outperforms transformer baselines on CT and MRI. ";
    let mut text = String::with_capacity(bytes + sentence.len());
    while text.len() < bytes {
        text.push_str(sentence);
        if text.len() % 4096 < sentence.len() {
            text.push_str("\n\n");
        }
    }
    let mut paper = Paper::titled("A Paper With A Long Text");
    paper.id = "huge".into();
    if in_title {
        paper.title = text.replace("\n\n", " ").trim().to_string();
    } else {
        paper.abstract_text = text.trim().to_string();
    }
    Corpus {
        name: "huge".into(),
        papers: vec![paper],
    }
}

fn detail(c: &mut Criterion) {
    let mut group = c.benchmark_group("detail");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(300));
    let cases = [
        ("abstract-1KB", 1_000, false),
        ("abstract-100KB", 100_000, false),
        ("abstract-3MB", 3_000_000, false),
        ("title-1MB", 1_000_000, true),
    ];
    for (name, bytes, in_title) in cases {
        let mut app = app(huge_paper(bytes, in_title), "'segmentation");
        assert_eq!(app.search().hits().len(), 1, "the paper is shown");
        app.update(Command::FocusDetail);
        let lines = app.detail_layout().map_or(0, |l| l.lines.len());
        for _ in 0..lines / 2 / 40 {
            app.update(Command::PageDown);
        }
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("a test terminal");
        group.bench_function(format!("{name}/frame"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| view::draw(f, &app, &Theme::plain()))
                    .map(|_| ())
                    .expect("drawing into a buffer")
            })
        });
        let mut wide = true;
        group.bench_function(format!("{name}/relayout"), |b| {
            b.iter(|| {
                // Another width: the text is wrapped again, then drawn.
                wide = !wide;
                let width = if wide { 160 } else { 150 };
                app.update(Command::Resize(width, 48));
                terminal
                    .resize(ratatui::layout::Rect::new(0, 0, width, 48))
                    .expect("resize");
                terminal
                    .draw(|f| view::draw(f, &app, &Theme::plain()))
                    .map(|_| ())
                    .expect("drawing into a buffer")
            })
        });
    }
    group.finish();
}

/// The allocator the binary uses, so the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

criterion_group!(benches, frame, detail);
criterion_main!(benches);
