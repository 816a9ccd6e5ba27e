//! Reading: `[reader] mark-read-after` checked through the real binary,
//! and the reading view as drawn (`INSTA_UPDATE=always` after an intended
//! change, then read the snapshots).

mod common;

use common::paperboat;
use paperboat::corpus::Corpus;
use paperboat::tui::action::Command;
use paperboat::tui::state::App;
use paperboat::tui::theme::Theme;
use paperboat::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

/// The screen of `app` as text, one line a row.
fn screen(app: &App) -> String {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| view::draw(frame, app, &Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..height)
        .map(|y| {
            let line: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_reading_view_shows_the_abstract_at_every_size() {
    for size in [(120, 40), (80, 24), (60, 15)] {
        let mut app = App::new(Corpus::bundled().unwrap(), size);
        // `+` from anywhere; Enter where the panes are stacked.
        let key = if size.0 >= 100 {
            Command::ToggleReading
        } else {
            Command::FocusDetail
        };
        app.update(Command::Move(1));
        app.update(key);
        assert!(app.reading_view());
        let shown = screen(&app);
        let abstract_start = app.selected_paper().unwrap().abstract_text[..20].to_string();
        let row = shown
            .lines()
            .position(|l| l.contains(&abstract_start))
            .expect("the abstract is on screen");
        if size == (80, 24) {
            assert!(row < 8, "the abstract starts on row {row}:\n{shown}");
        }
        insta::assert_snapshot!(format!("reading_view_{}x{}", size.0, size.1), shown);
        assert!(!shown.contains("192 / 192"), "no header, no list");
        app.update(Command::Back);
        assert!(screen(&app).contains("192 / 192"), "the panes are back");
    }
}

/// `config check` on `text`: exit status and standard error.
fn check(text: &str) -> (Option<i32>, String) {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("config.toml"), text).unwrap();
    let out = paperboat(dir.path())
        .args(["config", "check"])
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn mark_read_after_is_checked_at_its_line_and_column() {
    assert_eq!(check("[reader]\nmark-read-after = \"2s\"\n").0, Some(0));
    for (text, at, says) in [
        (
            "[reader]\nmark-read-after = \"two\"\n",
            "config.toml:2:19: ",
            "`mark-read-after` must be a duration such as \"2s\" or \"1500ms\", not `two`",
        ),
        (
            "[reader]\nsort = \"date\"\nmark-read-after = \"0ms\"\n",
            "config.toml:3:19: ",
            "`mark-read-after` must be above zero",
        ),
        (
            "[reader]\nmark-read-after = true\n",
            "config.toml:2:19: ",
            "expected a string, found boolean `true`",
        ),
    ] {
        let (status, stderr) = check(text);
        assert_eq!(status, Some(2), "{text}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(at) && stderr.contains(says), "{stderr}");
        assert!(!stderr.contains("panick"), "{stderr}");
    }
}

#[test]
fn ctrl_o_alt_arrows_and_a_told_apart_ctrl_i_go_back_and_forward_in_a_terminal() {
    use common::pty::Reader;
    let dir = TempDir::new().unwrap();
    let mut reader = Reader::start(&[], dir.path(), 120, 40);
    reader.wait_for("the start screen", |s| s.contains("192 / 192"));
    // Read the first paper, then the fourth.
    reader.send_settled("\r");
    reader.send_settled("\x1b");
    reader.send_settled("jjj\r");
    // Ctrl-o.
    reader.send("\x0f");
    reader.wait_for("back", |s| s.contains("back to “"));
    // Ctrl-i as a terminal that tells it from Tab sends it.
    reader.send("\x1b[105;5u");
    reader.wait_for("forward", |s| s.contains("forward to “"));
    // Alt-← in the legacy form.
    reader.send("\x1b[1;3D");
    reader.wait_for("back again", |s| {
        s.contains("back to “") && !s.contains("forward")
    });
    // Tab stays "next pane": from the list to the detail.
    reader.send("\x1b");
    reader.wait_for("the list focused", |s| s.contains("j/k move"));
    reader.send("\t");
    reader.wait_for("the detail focused", |s| s.contains("j/k scroll"));
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}
