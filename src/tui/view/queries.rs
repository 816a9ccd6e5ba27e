//! The saved queries popup: key, name, papers found, query.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::highlighted;
use crate::tui::keymap::Context;
use crate::tui::state::App;
use crate::tui::theme::Theme;
use crate::tui::wrap::str_width;
use crate::units::thousands;

/// A centred box with one row per saved query, `cursor` on one of them,
/// with what each finds once counted.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, cursor: usize, area: Rect) {
    let saved = app.saved();
    let counts = app.inbox().counted().map_or(&[][..], |c| &c.per_query[..]);
    let popup = crate::tui::layout::centered(area, 90, saved.len() as u16 + 2);
    let inner = popup.width.saturating_sub(2) as usize;
    let visible = popup.height.saturating_sub(2) as usize;
    let skip = (cursor + 1).saturating_sub(visible);
    let names = saved
        .iter()
        .map(|q| str_width(&q.name))
        .max()
        .unwrap_or(0)
        .min(24);
    let lines: Vec<Line> = saved
        .iter()
        .enumerate()
        .skip(skip)
        .take(visible)
        .map(|(i, q)| {
            let key = if i < 9 {
                format!(" {} ", i + 1)
            } else {
                "   ".into()
            };
            let (count, new) = match counts.get(i).copied().flatten() {
                Some((n, 0)) => (format!("{:>7} ", thousands(n)), String::new()),
                Some((n, new)) => (
                    format!("{:>7} ", thousands(n)),
                    format!("+{} new ", thousands(new)),
                ),
                None => (format!("{:>7} ", "-"), String::new()),
            };
            let name: String = highlighted(&q.name, &[], theme.title, theme.title, names)
                .iter()
                .map(|s| s.content.as_ref())
                .collect();
            let pad = " ".repeat(names.saturating_sub(str_width(&name)) + 1);
            let used = 3 + names + 1 + count.len() + new.len();
            let mut spans = vec![
                Span::styled(key, theme.key),
                Span::styled(name, theme.title),
                Span::raw(pad),
                Span::styled(count, theme.dim),
                Span::styled(new, theme.matched),
            ];
            spans.extend(highlighted(
                &q.query,
                &[],
                ratatui::style::Style::new(),
                theme.matched,
                inner.saturating_sub(used),
            ));
            let line = Line::from(spans);
            if i == cursor {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    let block = Block::bordered()
        .border_style(theme.focused_border)
        .title(" saved queries ")
        .title_bottom(Line::from(Context::Queries.title()).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
