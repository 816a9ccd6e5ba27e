//! The notice shown instead of a layout that cannot fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::layout::MIN_SIZE;

/// Centred text saying how big the terminal must be.
pub fn draw(frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::from("terminal too small"),
        Line::from(format!(
            "{}x{}, need {}x{}",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        )),
    ];
    let top = area.height.saturating_sub(2) / 2;
    let body = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(
        Paragraph::new(lines).centered().wrap(Wrap { trim: true }),
        body,
    );
}
