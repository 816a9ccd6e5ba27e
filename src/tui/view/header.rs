//! The top bar: corpus name, result counts and the order.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::App;
use crate::tui::wrap::str_width;

/// ` paperboat · NAME          12 / 192 · sort: date `
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let right = format!(
        "{} / {} · sort: {} ",
        app.hits.len(),
        app.corpus.papers.len(),
        app.query.effective_sort()
    );
    let room = (area.width as usize).saturating_sub(str_width(&right) + 1);
    let left = format!(" paperboat · {}", app.corpus.name);
    let left: String =
        super::text::highlighted(&left, &[], app.theme.header, app.theme.header, room)
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
    let pad = (area.width as usize).saturating_sub(str_width(&left) + str_width(&right));
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(pad)),
        Span::raw(right),
    ])
    .style(app.theme.header);
    frame.render_widget(Paragraph::new(line), area);
}
