//! One frame of the reader, drawn into an off-screen buffer, on the
//! bundled corpus and on a million synthetic papers with a query typed:
//! what each keystroke costs besides the search.

#[path = "../examples/synthetic/generator.rs"]
mod generator;

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use paperboat::corpus::Corpus;
use paperboat::tui::action::Action;
use paperboat::tui::app::App;
use paperboat::tui::line_edit::Edit;
use paperboat::tui::theme::Theme;
use paperboat::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(corpus: Corpus, query: &str) -> App {
    let mut app = App::new(corpus, (160, 48), Theme::plain());
    app.update(Action::EditQuery);
    for c in query.chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    // A large corpus leaves the search to the event loop: run it here.
    if app.search_pending()
        && let Some(searched) = app.run_search(&std::sync::atomic::AtomicBool::new(false))
    {
        app.searched(searched);
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
                    .draw(|f| view::draw(f, &app))
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

criterion_group!(benches, frame);
criterion_main!(benches);
