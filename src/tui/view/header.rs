//! The header: the corpus name, how many papers are shown of how many,
//! the bookmarks listed from outside the corpus, and the order.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::state::App;
use crate::tui::theme::Theme;
use crate::tui::wrap::str_width;
use crate::units::thousands;

/// ` paperboat · NAME        3 / 192 · +1 bookmark not in this corpus · sort: date `
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let search = app.search();
    let orphans = app.bookmarks().orphan_hits().len();
    let elsewhere = match orphans {
        0 => String::new(),
        1 => " · +1 bookmark not in this corpus".into(),
        n => format!(" · +{} bookmarks not in this corpus", thousands(n)),
    };
    let picked = match app.chosen_count() {
        0 => String::new(),
        n => format!("{} selected · ", thousands(n)),
    };
    let new = match app.catalog().index.new_count() {
        0 => String::new(),
        n => format!(" · {} new", thousands(n)),
    };
    // Said once there are new papers and the saved queries are counted.
    let in_queries = match app.inbox().counted() {
        Some(counted) if !new.is_empty() => {
            format!(" · {} in your queries", thousands(counted.in_queries))
        }
        _ => String::new(),
    };
    let query = search.query();
    let sort = match query.new_first {
        true => format!("new first, {}", query.effective_sort()),
        false => query.effective_sort().to_string(),
    };
    // A first screen of results: more are being counted.
    let growing = if search.is_growing() { "+" } else { "" };
    let count = format!(
        "{}{growing} / {}",
        thousands(search.hits().len()),
        thousands(app.catalog().distinct_len())
    );
    // The least needed parts give way first on a narrow terminal.
    let fits = |right: &str| str_width(right) + 12 <= area.width as usize;
    let mut right = format!("{picked}{count}{elsewhere}{new}{in_queries} · sort: {sort} ");
    if !fits(&right) {
        right = format!("{picked}{count}{new}{in_queries} · sort: {sort} ");
    }
    if !fits(&right) {
        let in_queries = in_queries.replace(" · ", ", ").replace("your ", "");
        right = format!("{picked}{count}{new}{in_queries} · {sort} ");
    }
    if !fits(&right) {
        right = format!("{picked}{count}{new} · {sort} ");
    }
    let room = (area.width as usize).saturating_sub(str_width(&right) + 1);
    let left = format!(" paperboat · {}", app.catalog().name);
    let left: String = super::text::highlighted(&left, &[], theme.header, theme.header, room)
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    let pad = (area.width as usize).saturating_sub(str_width(&left) + str_width(&right));
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(pad)),
        Span::raw(right),
    ])
    .style(theme.header);
    frame.render_widget(Paragraph::new(line), area);
}
