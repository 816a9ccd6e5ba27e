//! The facets panel: groups of entries with their counts over the current
//! results, the selected ones marked.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::text::highlighted;
use crate::tui::keymap::Context;
use crate::tui::layout::Areas;
use crate::tui::state::{App, FacetRow, Focus, row_at};
use crate::tui::theme::Theme;
use crate::tui::wrap::str_width;

/// Draws the visible rows of the panel.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, areas: &Areas) {
    let focused = app.context() == Context::Facets;
    frame.render_widget(
        Block::bordered()
            .border_style(theme.border(app.focus() == Focus::Facets))
            .title(" facets "),
        areas.facets_block,
    );
    let area = areas.facets;
    let width = area.width as usize;
    let panel = app.facets_panel();
    let rows = app.facet_rows();
    let lines: Vec<Line> = (0..area.height as usize)
        .map_while(|line| row_at(&rows, panel.offset(), line))
        .map(|row| match row {
            FacetRow::Header(name) => Line::styled(name, theme.title),
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
                    theme.matched
                } else {
                    Style::new()
                };
                let line = Line::from(vec![
                    Span::styled(mark, style),
                    Span::styled(label, style),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(count, theme.dim),
                ]);
                match theme.row(position == panel.cursor(), focused) {
                    Some(style) => line.style(style),
                    None => line,
                }
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
