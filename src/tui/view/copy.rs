//! The copy popup: one row per thing to copy, as the keymap lists them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::highlighted;
use crate::tui::action::Command;
use crate::tui::keymap::{Section, current};
use crate::tui::state::App;
use crate::tui::theme::Theme;

/// A small centred box: `KEY  what it copies` for each choice, titled
/// with what is copied from (the paper, or how many are picked).
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let table = current().table(Section::Copy);
    let choices: Vec<_> = table
        .iter()
        .filter(|b| matches!(b.command, Command::Copy(_)))
        .collect();
    let popup = crate::tui::layout::centered(area, 60, choices.len() as u16 + 2);
    let inner = popup.width.saturating_sub(2) as usize;
    let lines: Vec<Line> = choices
        .iter()
        .map(|b| {
            let key = format!(" {:<3}", b.label());
            let room = inner.saturating_sub(key.chars().count());
            let mut spans = vec![Span::styled(key, theme.key)];
            spans.extend(highlighted(b.help, &[], Style::new(), Style::new(), room));
            Line::from(spans)
        })
        .collect();
    let from = match app.chosen_count() {
        0 => " copy ".to_string(),
        n => format!(" copy from {n} picked "),
    };
    let close = table
        .iter()
        .find(|b| b.command == Command::Back)
        .map_or_else(String::new, |b| format!(" {} close ", b.keys[0].name()));
    let block = Block::bordered()
        .border_style(theme.focused_border)
        .title(from)
        .title_bottom(Line::from(close).right_aligned())
        .style(Style::new());
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
