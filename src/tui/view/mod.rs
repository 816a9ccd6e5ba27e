//! Drawing: every function here reads `&App` and the theme and changes
//! nothing.

mod copy;
pub mod detail;
mod excerpt;
mod facets;
mod header;
mod help;
mod links;
pub mod list;
mod note;
mod queries;
mod query_line;
mod status;
mod text;
mod timeline;
mod too_small;

use ratatui::Frame;

use super::layout;
use super::state::{App, Overlay};
use super::theme::Theme;

/// Draws one frame while a search runs long: the results shown are those
/// of the query before, and the status line says so.
pub fn draw_searching(frame: &mut Frame, app: &App, theme: &Theme) {
    draw(frame, app, theme);
    let area = frame.area();
    if let Some(areas) = areas_of(app, area) {
        status::searching(frame, app, theme, areas.status);
    }
}

/// Draws a frame with an export's progress in the status line.
pub fn draw_exporting(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    plan: &crate::tui::export_plan::ExportPlan,
    percent: usize,
) {
    draw(frame, app, theme);
    let area = frame.area();
    if let Some(areas) = areas_of(app, area) {
        status::exporting(frame, theme, areas.status, plan, percent);
    }
}

/// Where the panes of a frame of `area` go: from the frame's own size,
/// as the state learns of a resize a moment later.
fn areas_of(app: &App, area: ratatui::layout::Rect) -> Option<layout::Areas> {
    let show_facets = layout::facets_by_default(area.width) != app.facets_panel().flipped();
    layout::areas_for((area.width, area.height), show_facets, app.reading_view())
}

/// Draws one frame.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let Some(areas) = areas_of(app, area) else {
        too_small::draw(frame, area);
        return;
    };
    if !areas.header.is_empty() {
        header::draw(frame, app, theme, areas.header);
    }
    if !areas.facets_block.is_empty() {
        facets::draw(frame, app, theme, &areas);
    }
    if !areas.timeline.is_empty() {
        timeline::draw_strip(frame, app, theme, areas.timeline);
    }
    if !areas.list_block.is_empty() {
        list::draw(frame, app, theme, &areas);
    }
    if !areas.detail_block.is_empty() {
        detail::draw(frame, app, theme, &areas);
    }
    if !areas.query.is_empty() {
        query_line::draw(frame, app, theme, areas.query);
    }
    status::draw(frame, app, theme, areas.status);
    match app.overlay() {
        Overlay::Help { scroll } => help::draw(frame, theme, *scroll, area),
        Overlay::Note(note) => note::draw(frame, app, theme, note, area),
        Overlay::Name(name) => note::draw_name(frame, app, theme, name, area),
        Overlay::Export(path) => note::draw_export(frame, app, theme, path, area),
        Overlay::Links { cursor } => links::draw(frame, app, theme, *cursor, area),
        Overlay::Queries { cursor } => queries::draw(frame, app, theme, *cursor, area),
        Overlay::Copy => copy::draw(frame, app, theme, area),
        Overlay::Timeline { cursor } => timeline::draw_popup(frame, app, theme, *cursor, area),
        Overlay::None => {}
    }
}
