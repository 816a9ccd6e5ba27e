//! The query line: `/` and the query, the bad clause marked, the cursor
//! placed while editing.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::scroll_start;
use crate::tui::state::App;
use crate::tui::theme::Theme;
use crate::tui::wrap::{char_width, str_width};

/// The prompt before the query.
const PROMPT: &str = "/ ";

/// Draws the query, scrolled so that the cursor is always visible.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let search = app.search();
    let (text, cursor) = (search.line().text(), search.line().cursor());
    let editing = search.editing();
    if text.is_empty() && !editing {
        // Until there is a library, the way to one is the hint.
        let example = match app.first_run() {
            true => " to filter · `paperboat sync hf` brings in the latest Daily Papers",
            false => " to filter, e.g. mamba segmentation",
        };
        let hint = Line::from(vec![
            Span::styled("/", theme.key),
            Span::styled(example, theme.dim),
        ]);
        frame.render_widget(Paragraph::new(hint), area);
        return;
    }
    let room = (area.width as usize)
        .saturating_sub(PROMPT.len() + 1)
        .max(1);
    let start = scroll_start(text, cursor, room);
    let error = search.error().map(|e| e.start..e.end);
    let mut spans = vec![Span::styled(PROMPT, theme.key)];
    let mut used = 0;
    for (i, c) in text[start..].char_indices() {
        let at = start + i;
        let w = char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        let style = match &error {
            Some(r) if r.contains(&at) => theme.error,
            _ => ratatui::style::Style::new(),
        };
        spans.push(Span::styled(c.to_string(), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if editing {
        let x = area.x + (PROMPT.len() + str_width(&text[start..cursor])) as u16;
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
    }
}
