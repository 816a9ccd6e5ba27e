//! The query line: `/` and the query, the bad clause marked, the cursor
//! placed while editing.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, Mode};
use crate::tui::wrap::{char_width, str_width};

/// The prompt before the query.
const PROMPT: &str = "/ ";

/// Draws the query, scrolled so that the cursor is always visible.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let editing = app.mode == Mode::Query;
    if app.query_text.is_empty() && !editing {
        let hint = Line::from(vec![
            Span::styled("/", app.theme.key),
            Span::styled(" to filter, e.g. mamba segmentation", app.theme.dim),
        ]);
        frame.render_widget(Paragraph::new(hint), area);
        return;
    }
    let room = (area.width as usize)
        .saturating_sub(PROMPT.len() + 1)
        .max(1);
    // Scroll horizontally: drop characters from the left until the cursor fits.
    let before_cursor = str_width(&app.query_text[..app.cursor]);
    let mut skip_width = before_cursor.saturating_sub(room);
    let mut start = 0;
    for (i, c) in app.query_text.char_indices() {
        if skip_width == 0 {
            start = i;
            break;
        }
        skip_width = skip_width.saturating_sub(char_width(c));
        start = i + c.len_utf8();
    }
    let error = app.query_error.as_ref().map(|e| e.start..e.end);
    let mut spans = vec![Span::styled(PROMPT, app.theme.key)];
    let mut used = 0;
    for (i, c) in app.query_text[start..].char_indices() {
        let at = start + i;
        let w = char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        let style = match &error {
            Some(r) if r.contains(&at) => app.theme.error,
            _ => ratatui::style::Style::new(),
        };
        spans.push(Span::styled(c.to_string(), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if editing {
        let x = area.x + (PROMPT.len() + str_width(&app.query_text[start..app.cursor])) as u16;
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
    }
}
