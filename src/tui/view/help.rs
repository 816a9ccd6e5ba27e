//! The help overlay, generated from the key tables themselves.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::app::App;
use crate::tui::keymap::{ANYWHERE, Binding, FACETS, LINE, NORMAL, NOTE, QUERY};

/// Every key of the reader, in a centred box.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let lines = content(app);
    let popup = super::layout::centered(area, 72, lines.len() as u16 + 2);
    let height = popup.height;
    let inner_height = height.saturating_sub(2) as usize;
    let scroll = app
        .help_scroll
        .min(lines.len().saturating_sub(inner_height));
    let block = Block::bordered()
        .border_style(app.theme.focused_border)
        .title(" keys ")
        .title_bottom(Line::from(" any key closes ").right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()).block(block),
        popup,
    );
}

fn content(app: &App) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    section(&mut lines, app, "Browsing", NORMAL);
    lines.push(Line::default());
    section(&mut lines, app, "Anywhere", ANYWHERE);
    lines.push(Line::default());
    section(&mut lines, app, "Facets panel", FACETS);
    lines.push(Line::default());
    section(&mut lines, app, "Query line", QUERY);
    lines.push(Line::default());
    section(&mut lines, app, "Note popup", NOTE);
    lines.push(Line::default());
    section(&mut lines, app, "Editing (query and note)", LINE);
    lines.push(Line::default());
    lines.push(Line::styled(
        " Mouse: wheel scrolls the pane under it, click selects",
        app.theme.dim,
    ));
    lines
}

fn section(lines: &mut Vec<Line<'static>>, app: &App, title: &str, table: &[Binding]) {
    lines.push(Line::styled(format!(" {title}"), app.theme.title));
    for binding in table {
        lines.push(Line::from(vec![
            Span::styled(format!("   {:<12}", binding.label), app.theme.key),
            Span::raw(binding.help),
        ]));
    }
}
