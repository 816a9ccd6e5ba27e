//! Where each pane goes for a terminal size. Pure, so that the views and
//! the mouse handling in `App::update` agree on every rectangle.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this many columns or rows the reader shows a notice instead.
pub const MIN_SIZE: (u16, u16) = (40, 10);
/// From this many columns on, the list and detail sit side by side.
pub const WIDE: u16 = 100;

/// The rectangles of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Title, counts and sort.
    pub header: Rect,
    /// The list pane with its border.
    pub list_block: Rect,
    /// The result rows inside the border.
    pub list: Rect,
    /// The detail pane with its border.
    pub detail_block: Rect,
    /// The detail text inside the border.
    pub detail: Rect,
    /// The query line.
    pub query: Rect,
    /// The status line.
    pub status: Rect,
}

/// The panes for a terminal of `size`, or `None` when it is too small.
pub fn areas(size: (u16, u16)) -> Option<Areas> {
    let (width, height) = size;
    if width < MIN_SIZE.0 || height < MIN_SIZE.1 {
        return None;
    }
    let screen = Rect::new(0, 0, width, height);
    let [header, body, query, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(screen);
    let [list_block, detail_block] = if width >= WIDE {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body)
    };
    Some(Areas {
        header,
        list_block,
        list: inner(list_block),
        detail_block,
        detail: inner(detail_block),
        query,
        status,
    })
}

/// Inside a one-cell border.
fn inner(block: Rect) -> Rect {
    Rect::new(
        block.x + 1,
        block.y + 1,
        block.width.saturating_sub(2),
        block.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_is_side_by_side_narrow_is_stacked_tiny_is_none() {
        let wide = areas((120, 40)).unwrap();
        assert_eq!(wide.list_block.y, wide.detail_block.y);
        assert!(wide.list_block.x < wide.detail_block.x);
        let narrow = areas((60, 20)).unwrap();
        assert!(narrow.list_block.y < narrow.detail_block.y);
        assert!(narrow.list.height >= 3 && narrow.detail.height >= 3);
        assert!(areas((39, 20)).is_none());
        assert!(areas((80, 9)).is_none());
        assert!(areas((40, 10)).is_some());
    }
}
