//! The note popup: one line to type a bookmark's note.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::highlighted;
use crate::tui::app::App;
use crate::tui::wrap::{char_width, str_width};

/// How a line break of a note shows on the note's one line.
const LINE_BREAK: &str = "↵";

/// A centred box with the paper's title and the note being typed.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let popup = super::layout::centered(area, 70, 4);
    let width = popup.width;
    let inner_width = width.saturating_sub(2) as usize;
    let title = app
        .selected_paper()
        .map_or(String::new(), |p| p.title.clone());
    let title_line = Line::from(highlighted(
        &title,
        &[],
        app.theme.dim,
        app.theme.dim,
        inner_width,
    ));
    // A note from the bookmarks file may hold line breaks: shown as `↵`
    // on this one line (the cursor moves by the extra bytes of each).
    let note = app.note_text.replace('\n', LINE_BREAK);
    let breaks_before = app.note_text[..app.note_cursor].matches('\n').count();
    let note_cursor = app.note_cursor + breaks_before * (LINE_BREAK.len() - 1);
    // Scroll the note so that the cursor stays inside the box.
    let before_cursor = &note[..note_cursor];
    let mut start = 0;
    let mut excess = str_width(before_cursor).saturating_sub(inner_width.saturating_sub(1));
    for (i, c) in note.char_indices() {
        if excess == 0 {
            start = i;
            break;
        }
        excess = excess.saturating_sub(char_width(c));
        start = i + c.len_utf8();
    }
    let shown = &note[start..];
    let note_line = Line::from(highlighted(
        shown,
        &[],
        ratatui::style::Style::new(),
        ratatui::style::Style::new(),
        inner_width,
    ));
    let block = Block::bordered()
        .border_style(app.theme.focused_border)
        .title(" note ")
        .title_bottom(Line::from(" Enter saves · Esc cancels ").right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(vec![title_line, note_line]).block(block),
        popup,
    );
    if popup.height >= 4 {
        let x = popup.x + 1 + str_width(&note[start..note_cursor]) as u16;
        frame.set_cursor_position(Position::new(
            x.min(popup.right().saturating_sub(2)),
            popup.y + 2,
        ));
    }
}
