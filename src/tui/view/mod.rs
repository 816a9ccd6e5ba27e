//! Drawing: every function here reads `&App` and changes nothing.

pub mod detail;
mod facets;
mod header;
mod help;
pub mod layout;
mod links;
mod list;
mod note;
mod query_line;
mod status;
mod text;
mod too_small;

use ratatui::Frame;

use super::app::{App, Mode};

/// Draws one frame.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let show_facets = layout::facets_by_default(area.width) != app.facets_flipped;
    let Some(areas) = layout::areas((area.width, area.height), show_facets) else {
        too_small::draw(frame, area);
        return;
    };
    header::draw(frame, app, areas.header);
    if !areas.facets_block.is_empty() {
        facets::draw(frame, app, &areas);
    }
    list::draw(frame, app, &areas);
    if !areas.detail_block.is_empty() {
        detail::draw(frame, app, &areas);
    }
    query_line::draw(frame, app, areas.query);
    status::draw(frame, app, areas.status);
    match app.mode {
        Mode::Help => help::draw(frame, app, area),
        Mode::Note => note::draw(frame, app, area),
        Mode::Links => links::draw(frame, app, area),
        _ => {}
    }
}
