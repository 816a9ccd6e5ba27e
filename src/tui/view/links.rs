//! The links popup: every link of the selected paper, numbered, with kinds.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::highlighted;
use crate::tui::keymap::Context;
use crate::tui::state::App;
use crate::tui::theme::Theme;

/// A centred box with one row per link, `cursor` on one of them.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, cursor: usize, area: Rect) {
    let Some(paper) = app.selected_paper() else {
        return;
    };
    let popup = super::layout::centered(area, 90, paper.links.len() as u16 + 2);
    let (width, height) = (popup.width, popup.height);
    let inner_width = width.saturating_sub(2) as usize;
    let visible = height.saturating_sub(2) as usize;
    let skip = (cursor + 1).saturating_sub(visible);
    let lines: Vec<Line> = paper
        .links
        .iter()
        .enumerate()
        .skip(skip)
        .take(visible)
        .map(|(i, link)| {
            let number = if i < 9 {
                format!(" {} ", i + 1)
            } else {
                "   ".into()
            };
            let prefix = format!("{number}{:<8} ", link.kind);
            let room = inner_width.saturating_sub(prefix.chars().count());
            let mut spans = vec![Span::styled(prefix, theme.key)];
            spans.extend(highlighted(&link.url, &[], theme.link, theme.link, room));
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
        .title(" links ")
        .title_bottom(Line::from(Context::Links.title()).right_aligned())
        .style(Style::new());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
