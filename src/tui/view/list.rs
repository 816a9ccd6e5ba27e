//! The result list: one row per paper.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::layout::Areas;
use super::text::highlighted;
use crate::corpus::Paper;
use crate::tui::app::{App, Focus, Mode};
use crate::tui::wrap::str_width;

/// The mark of a paper with a code link.
pub const CODE_MARK: &str = "{}";
/// The mark of a bookmarked paper.
pub const BOOKMARK_MARK: &str = "★";
/// After the title of a bookmark whose paper is not in the open corpus.
const ORPHAN_NOTE: &str = " (not in this corpus)";

/// Draws the visible rows with the selection and highlights.
pub fn draw(frame: &mut Frame, app: &App, areas: &Areas) {
    let focused = app.focus == Focus::List && app.mode != Mode::Query;
    let border = if app.focus == Focus::List {
        app.theme.focused_border
    } else {
        app.theme.border
    };
    let block = Block::bordered().border_style(border).title(" papers ");
    frame.render_widget(block, areas.list_block);
    let area = areas.list;
    if app.hits.is_empty() {
        let text = if app.corpus.papers.is_empty() && app.loading.is_some() {
            "loading…"
        } else if app.corpus.papers.is_empty() {
            "the corpus is empty"
        } else {
            "no papers match"
        };
        frame.render_widget(
            Paragraph::new(Line::from(text).style(app.theme.dim)).centered(),
            area,
        );
        return;
    }
    let rows: Vec<Line> = app
        .hits
        .iter()
        .enumerate()
        .skip(app.list_offset)
        .take(area.height as usize)
        .map(|(position, hit)| {
            let paper = &app.corpus.papers[hit.index];
            let selected = position == app.selected;
            let line = row(app, hit.index, paper, area.width as usize, selected);
            match (selected, focused) {
                (true, true) => line.style(app.theme.selected),
                (true, false) => line.style(app.theme.selected_unfocused),
                _ => line,
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), area);
}

/// `  2024-10-03 ▲  4 {} Title with matches`
fn row(app: &App, index: usize, paper: &Paper, width: usize, selected: bool) -> Line<'static> {
    let date = paper
        .published
        .map_or_else(|| "          ".to_string(), |d| d.to_string());
    let upvotes = paper
        .upvotes
        .map_or_else(|| "    ".to_string(), |n| format!("▲{n:>3}"));
    let code = if paper.code_link().is_some() {
        CODE_MARK
    } else {
        "  "
    };
    let mark = if app.is_bookmarked(index) {
        BOOKMARK_MARK
    } else {
        " "
    };
    let prefix = format!("{mark} {date} {upvotes} {code} ");
    let orphan = if app.is_orphan(index) {
        ORPHAN_NOTE
    } else {
        ""
    };
    let room = width.saturating_sub(str_width(&prefix) + str_width(orphan));
    let positions = app.title_positions(index);
    // On the selection bar dim text would vanish into the bar's colour.
    let prefix_style = if selected {
        Style::new()
    } else {
        app.theme.dim
    };
    let mut spans = vec![
        Span::styled(mark, app.theme.matched),
        Span::styled(prefix[mark.len()..].to_string(), prefix_style),
    ];
    spans.extend(highlighted(
        &paper.title,
        &positions,
        Style::new(),
        app.theme.matched,
        room,
    ));
    if !orphan.is_empty() {
        spans.push(Span::styled(orphan, prefix_style));
    }
    Line::from(spans)
}
