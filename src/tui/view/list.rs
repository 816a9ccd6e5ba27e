//! The result list: one row per paper.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::text::highlighted_in_view;
use crate::query::snippet::Snippet;
use crate::tui::keymap::Context;
use crate::tui::layout::Areas;
use crate::tui::state::{App, Focus, Row};
use crate::tui::theme::Theme;
use crate::tui::wrap::str_width;
use crate::units::thousands;

use crate::tui::layout::SNIPPET_INDENT;
/// The mark of a paper with a code link.
pub const CODE_MARK: &str = "{}";
/// The mark of a bookmarked paper.
pub const BOOKMARK_MARK: &str = "★";
/// The mark of a bookmarked paper with a newer version than the one kept
/// (`is:updated`), in the bookmark's place.
pub const UPDATED_MARK: &str = "↑";
/// Before the title of a paper picked with `v`.
pub const CHOSEN_MARK: &str = "▶ ";
/// The mark of an unread paper (when read state works).
pub const UNREAD_MARK: &str = "●";
/// The mark of a paper whose PDF is on disk (`d`, `has:pdf`).
pub const PDF_MARK: &str = "▤";
/// After the title of a bookmark whose paper is not in the open corpus.
const ORPHAN_NOTE: &str = " (not in this corpus)";

/// Draws the visible rows with the selection and highlights.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, areas: &Areas) {
    let focused = app.context() == Context::List;
    let block = Block::bordered()
        .border_style(theme.border(app.focus() == Focus::List))
        .title(" papers ");
    frame.render_widget(block, areas.list_block);
    let area = areas.list;
    if app.row_count() == 0 {
        let empty = app.catalog().is_empty();
        let text = if empty && app.loading_progress().is_some() {
            "loading…"
        } else if empty {
            "the corpus is empty"
        } else {
            "no papers match"
        };
        let mut lines = vec![Line::from(text).style(theme.dim)];
        if let Some(s) = app.suggestion() {
            let key = if app.context() == Context::Query {
                "Tab takes it"
            } else {
                "/ then Tab takes it"
            };
            lines.push(Line::from(vec![
                Span::styled("did you mean ", theme.dim),
                Span::styled(s.word.clone(), theme.matched),
                Span::styled(format!("? ({key})"), theme.dim),
            ]));
        }
        if let Some(why) = app.search().why_empty() {
            lines.push(Line::styled(why.to_string(), theme.dim));
        }
        if let Some((term, count)) = app.in_abstracts() {
            let papers = if count == 1 {
                "paper has"
            } else {
                "papers have"
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{} {papers} ", thousands(count)), theme.dim),
                Span::styled(term.to_string(), theme.matched),
                Span::styled(
                    " in the abstract: they match once the abstracts are indexed",
                    theme.dim,
                ),
            ]));
        }
        let message = Paragraph::new(lines).centered().wrap(Wrap { trim: true });
        frame.render_widget(message, area);
        return;
    }
    let snippets = app.row_snippets();
    let mut lines: Vec<Line> = Vec::new();
    for position in (app.list_offset()..app.row_count()).take(area.height as usize) {
        let Some(row) = app.row(position) else {
            continue;
        };
        let selected = position == app.selected();
        let line = draw_row(app, theme, row, area.width as usize, selected);
        lines.push(match theme.row(selected, focused) {
            Some(style) => line.style(style),
            None => line,
        });
        let snippet = snippets.as_ref().and_then(|s| s.get(position)?.as_ref());
        if let Some(snippet) = snippet {
            lines.push(snippet_line(snippet, theme));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The abstract's words under a row that matched only there: dim, the
/// matches marked, under the title.
fn snippet_line(snippet: &Snippet, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ".repeat(SNIPPET_INDENT))];
    let mut at = 0;
    for mark in &snippet.marks {
        let (Some(before), Some(marked)) = (
            snippet.text.get(at..mark.start),
            snippet.text.get(mark.clone()),
        ) else {
            continue;
        };
        spans.push(Span::styled(before.to_string(), theme.dim));
        spans.push(Span::styled(marked.to_string(), theme.matched));
        at = mark.end;
    }
    spans.push(Span::styled(
        snippet.text.get(at..).unwrap_or_default().to_string(),
        theme.dim,
    ));
    Line::from(spans)
}

/// `   2024-10-03 ▲  4 {} Title with matches`, marks first
fn draw_row(app: &App, theme: &Theme, row: Row, width: usize, selected: bool) -> Line<'static> {
    let paper = app.row_facts(row);
    let date = paper
        .date
        .map_or_else(|| "          ".to_string(), |d| d.to_string());
    let upvotes = paper
        .upvotes
        .map_or_else(|| "    ".to_string(), |n| format!("▲{n:>3}"));
    let code = if paper.has_code { CODE_MARK } else { "  " };
    let bookmarked = app.is_bookmarked(row);
    let mark = match (bookmarked, app.version_change(row)) {
        (true, Some(_)) => UPDATED_MARK,
        (true, None) => BOOKMARK_MARK,
        (false, _) => " ",
    };
    let unread = app.is_unread(row);
    let dot = if unread { UNREAD_MARK } else { " " };
    let pdf = if app.has_pdf(row) { PDF_MARK } else { " " };
    let pick = if app.is_chosen(row) { CHOSEN_MARK } else { "" };
    let prefix = format!("{mark}{dot}{pdf} {date} {upvotes} {code} ");
    let orphan = if matches!(row, Row::Orphan(_)) {
        ORPHAN_NOTE
    } else {
        ""
    };
    let room = width.saturating_sub(str_width(&prefix) + str_width(pick) + str_width(orphan));
    let positions = app.title_positions(row);
    // On the selection bar dim text would vanish into the bar's colour.
    let prefix_style = if selected { Style::new() } else { theme.dim };
    let mut spans = vec![
        // Styled only when drawn: an underlined blank on every row would
        // read as a rule down the list without colours.
        Span::styled(mark, if bookmarked { theme.star } else { Style::new() }),
        Span::styled(
            dot,
            if unread {
                theme.unread_mark
            } else {
                Style::new()
            },
        ),
        Span::styled(pdf, theme.key),
        Span::styled(
            prefix[mark.len() + dot.len() + pdf.len()..].to_string(),
            prefix_style,
        ),
    ];
    if !pick.is_empty() {
        spans.push(Span::styled(pick, theme.key));
    }
    let title_style = if unread { theme.unread } else { Style::new() };
    spans.extend(highlighted_in_view(
        paper.title,
        &positions,
        title_style,
        theme.matched,
        room,
    ));
    if !orphan.is_empty() {
        spans.push(Span::styled(orphan, prefix_style));
    }
    Line::from(spans)
}
