//! The links popup: every link of the selected paper, numbered, with
//! kinds; for a paper with no link, the search for its title on arXiv.

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
    let links = paper.offered_links();
    let searched = paper.links.is_empty();
    let popup = crate::tui::layout::centered(area, 90, links.len() as u16 + 2);
    let (width, height) = (popup.width, popup.height);
    let inner_width = width.saturating_sub(2) as usize;
    let visible = height.saturating_sub(2) as usize;
    let skip = (cursor + 1).saturating_sub(visible);
    let lines: Vec<Line> = links
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
            let kind = if searched {
                "search".to_string()
            } else {
                link.kind.to_string()
            };
            let prefix = format!("{number}{kind:<8} ");
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
        .title(if searched {
            " no links: search arXiv for the title "
        } else {
            " links "
        })
        .title_bottom(Line::from(Context::Links.title()).right_aligned())
        .style(Style::new());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
