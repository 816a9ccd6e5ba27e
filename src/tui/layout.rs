//! Where each pane goes for a terminal size. Pure, so that the views and
//! the mouse handling in `App::update` agree on every rectangle.

use ratatui::layout::{Constraint, Layout, Rect};

/// Columns before a row's title (`★●▤ 2024-10-03 ▲  4 {} `), where the
/// abstract's words under it start too.
pub const SNIPPET_INDENT: usize = 23;
/// Below this many columns or rows the reader shows a notice instead.
pub const MIN_SIZE: (u16, u16) = (40, 10);
/// From this many columns on, facets, list and detail sit side by side.
pub const WIDE: u16 = 100;
/// From this many columns on, the facets panel shows until hidden; below,
/// the list gets the room (titles of about 60 characters at 120 columns
/// rather than 28) and `f` shows the panel.
pub const FACETS_BY_DEFAULT: u16 = 140;
/// Width of the facets panel in the wide layout.
const FACETS_WIDTH: u16 = 26;

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
    /// The detail text inside the border (empty when facets take its place).
    pub detail: Rect,
    /// The facets panel with its border, when shown.
    pub facets_block: Rect,
    /// The facet rows inside the border.
    pub facets: Rect,
    /// The timeline strip at the bottom of the facets panel, when it is
    /// tall enough to keep rows for the facets too.
    pub timeline: Rect,
    /// The query line.
    pub query: Rect,
    /// The status line.
    pub status: Rect,
}

/// Rows of the timeline strip: its heading, the chart, the first and
/// last periods.
pub const TIMELINE_ROWS: u16 = 5;

/// The facet rows and the timeline strip under them; no strip when the
/// panel would keep fewer than 10 rows for the facets.
fn split_timeline(panel: Rect) -> (Rect, Rect) {
    if panel.height < TIMELINE_ROWS + 10 {
        return (panel, Rect::default());
    }
    let [facets, timeline] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(TIMELINE_ROWS)]).areas(panel);
    (facets, timeline)
}

/// True when a terminal this wide shows facets unless the user hides them.
pub fn facets_by_default(width: u16) -> bool {
    width >= FACETS_BY_DEFAULT
}

/// The panes for a terminal of `size`, or `None` when it is too small. In
/// the narrow layout, shown facets take the detail pane's place.
pub fn areas(size: (u16, u16), show_facets: bool) -> Option<Areas> {
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
    let (facets_block, list_block, detail_block) = match (width >= WIDE, show_facets) {
        (true, true) => {
            let [f, l, d] = Layout::horizontal([
                Constraint::Length(FACETS_WIDTH),
                Constraint::Fill(11),
                Constraint::Fill(9),
            ])
            .areas(body);
            (f, l, d)
        }
        (true, false) => {
            let [l, d] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                    .areas(body);
            (Rect::default(), l, d)
        }
        (false, show) => {
            let [l, d] = Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(body);
            if show {
                (d, l, Rect::default())
            } else {
                (Rect::default(), l, d)
            }
        }
    };
    let (facets, timeline) = split_timeline(inner(facets_block));
    Some(Areas {
        header,
        list_block,
        list: inner(list_block),
        detail_block,
        detail: inner(detail_block),
        facets_block,
        facets,
        timeline,
        query,
        status,
    })
}

/// The panes for a terminal of `size`: in the reading view the detail
/// over the whole screen but the status line, else as [`areas`] has them.
pub fn areas_for(size: (u16, u16), show_facets: bool, reading: bool) -> Option<Areas> {
    if !reading {
        return areas(size, show_facets);
    }
    let (width, height) = size;
    if width < MIN_SIZE.0 || height < MIN_SIZE.1 {
        return None;
    }
    let screen = Rect::new(0, 0, width, height);
    let [detail_block, status] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(screen);
    let none = Rect::default();
    Some(Areas {
        header: none,
        list_block: none,
        list: none,
        detail_block,
        detail: inner(detail_block),
        facets_block: none,
        facets: none,
        timeline: none,
        query: none,
        status,
    })
}

/// A rectangle of at most `width` x `height` centred in `area`, for popups.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// Inside a one-cell border.
fn inner(block: Rect) -> Rect {
    if block.is_empty() {
        return block;
    }
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
        let wide = areas((120, 40), true).unwrap();
        assert_eq!(wide.list_block.y, wide.detail_block.y);
        assert!(wide.facets_block.x < wide.list_block.x && wide.list_block.x < wide.detail_block.x);
        let no_facets = areas((120, 40), false).unwrap();
        assert!(no_facets.facets_block.is_empty() && no_facets.list_block.x == 0);
        let narrow = areas((60, 20), false).unwrap();
        assert!(narrow.list_block.y < narrow.detail_block.y);
        assert!(narrow.list.height >= 3 && narrow.detail.height >= 3);
        assert!(narrow.facets_block.is_empty());
        let narrow_facets = areas((60, 20), true).unwrap();
        assert!(narrow_facets.detail_block.is_empty());
        assert!(narrow_facets.list_block.y < narrow_facets.facets_block.y);
        assert!(areas((39, 20), false).is_none());
        assert!(areas((80, 9), true).is_none());
        assert!(areas((40, 10), true).is_some());
    }

    #[test]
    fn the_reading_view_gives_the_detail_all_but_the_status_line() {
        let reading = areas_for((80, 24), true, true).unwrap();
        assert_eq!(reading.detail_block, Rect::new(0, 0, 80, 23));
        assert_eq!(reading.status, Rect::new(0, 23, 80, 1));
        assert!(reading.list_block.is_empty() && reading.facets_block.is_empty());
        assert!(reading.header.is_empty() && reading.query.is_empty());
        assert_eq!(areas_for((80, 24), true, false), areas((80, 24), true));
        assert!(areas_for((39, 24), false, true).is_none());
    }

    #[test]
    fn facets_show_by_default_from_140_columns() {
        assert!(!facets_by_default(WIDE));
        assert!(!facets_by_default(120));
        assert!(!facets_by_default(139));
        assert!(facets_by_default(140));
        assert!(facets_by_default(160));
        let list = areas((120, 40), false).unwrap().list;
        assert!(list.width >= 60, "{list:?}");
    }
}
