//! The facets panel: groups of entries with their counts over the current
//! results; selected entries are marked.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::layout::Areas;
use super::text::highlighted;
use crate::tui::app::{App, FacetRow, Focus, Mode};
use crate::tui::wrap::str_width;

/// Draws the visible facet rows.
pub fn draw(frame: &mut Frame, app: &App, areas: &Areas) {
    let focused = app.focus == Focus::Facets && app.mode == Mode::Normal;
    let border = if app.focus == Focus::Facets {
        app.theme.focused_border
    } else {
        app.theme.border
    };
    frame.render_widget(
        Block::bordered().border_style(border).title(" facets "),
        areas.facets_block,
    );
    let area = areas.facets;
    let width = area.width as usize;
    let lines: Vec<Line> = app
        .facet_rows()
        .into_iter()
        .skip(app.facet_offset)
        .take(area.height as usize)
        .map(|row| match row {
            FacetRow::Header(name) => Line::styled(name, app.theme.title),
            FacetRow::Entry {
                entry,
                selected,
                position,
            } => {
                let mark = if selected { "✓ " } else { "  " };
                let count = format!(" {}", entry.count);
                let room = width.saturating_sub(2 + str_width(&count));
                let label: String =
                    highlighted(&entry.label, &[], Style::new(), Style::new(), room)
                        .iter()
                        .map(|s| s.content.as_ref())
                        .collect();
                let pad = width.saturating_sub(2 + str_width(&label) + str_width(&count));
                let style = if selected {
                    app.theme.matched
                } else {
                    Style::new()
                };
                let line = Line::from(vec![
                    Span::styled(mark, style),
                    Span::styled(label, style),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(count, app.theme.dim),
                ]);
                match (position == app.facet_cursor, focused) {
                    (true, true) => line.style(app.theme.selected),
                    (true, false) => line.style(app.theme.selected_unfocused),
                    _ => line,
                }
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
