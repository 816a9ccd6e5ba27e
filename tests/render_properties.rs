//! Rendering any text in any pane at any size never panics, and the
//! sanitizer's output is always safe and stable.

use paperboat::corpus::sanitize::{clean_line, clean_text, is_unsafe};
use paperboat::corpus::{Corpus, Link, LinkKind, Paper, Tag};
use paperboat::tui::action::Command;
use paperboat::tui::line_edit::Edit;
use paperboat::tui::state::App;
use paperboat::tui::theme::Theme;
use paperboat::tui::view;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Text with the awkward characters over-represented: controls, bidi,
/// zero-width, wide, combining, and plain words.
fn nasty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z ]{0,12}",
        Just("\u{1b}[2J".to_string()),
        Just("\u{1b}]0;t\u{7}".to_string()),
        Just("\u{9b}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{200d}\u{200d}".to_string()),
        Just("日本語".to_string()),
        Just("e\u{301}".to_string()),
        Just("\r\n\n".to_string()),
        Just("\t".to_string()),
        Just("👩‍🔬".to_string()),
        "\\PC{0,6}",
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn sanitized_text_is_safe_and_stable(text in nasty()) {
        let line = clean_line(&text);
        prop_assert!(!line.chars().any(is_unsafe));
        prop_assert!(!line.contains('\n'));
        prop_assert_eq!(clean_line(&line), line.clone());
        let para = clean_text(&text);
        prop_assert!(!para.chars().any(|c| c != '\n' && is_unsafe(c)));
        prop_assert_eq!(clean_text(&para), para.clone());
    }

    #[test]
    fn any_text_renders_in_any_pane_at_any_size(
        title in nasty(),
        abstract_text in nasty(),
        author in nasty(),
        note in nasty(),
        query in nasty(),
        width in 1u16..140,
        height in 1u16..45,
        screen in 0usize..7,
    ) {
        // What a loaded corpus can hold: sanitized text.
        let mut paper = Paper::titled(clean_line(&format!("T{title}")));
        paper.id = "p".into();
        paper.abstract_text = clean_text(&abstract_text);
        paper.authors = vec![clean_line(&author)];
        paper.organization = Some(clean_line(&note));
        paper.tags = vec![Tag::parse("task/x").unwrap()];
        paper.links = vec![Link { kind: LinkKind::Code, url: clean_line(&format!("https://x.org/{title}")) }];
        let corpus = Corpus { name: clean_line(&note), papers: vec![paper, Paper { id: "q".into(), ..Paper::titled("Q") }] };
        let mut app = App::new(corpus, (width, height));
        app.update(Command::EditQuery);
        for c in query.chars().filter(|c| !c.is_control()) {
            app.update(Command::Edit(Edit::Insert(c)));
        }
        app.update(Command::LeaveQuery);
        app.update(Command::Edit(Edit::Clear));
        match screen {
            0 => {}
            1 => { app.update(Command::FocusDetail); app.update(Command::Bottom); }
            2 => { app.update(Command::ToggleHelp); }
            3 => { app.update(Command::ShowLinks); }
            4 => { app.update(Command::EditNote); for c in note.chars().filter(|c| !c.is_control()) { app.update(Command::Edit(Edit::Insert(c))); } }
            5 => { app.update(Command::ShowFacets); app.update(Command::ToggleFacetEntry); }
            _ => { app.update(Command::EditQuery); }
        }
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| view::draw(frame, &app, &Theme::plain())).unwrap();
    }
}
