//! The detail pane: everything about the selected paper, wrapped to the
//! pane and scrolled by `App::detail_scroll`.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::layout::Areas;
use super::text::{highlighted, highlighted_range};
use crate::corpus::Paper;
use crate::tui::app::{App, Focus};
use crate::tui::wrap::wrap;

/// Draws the selected paper, or a hint when there is none.
pub fn draw(frame: &mut Frame, app: &App, areas: &Areas) {
    let border = if app.focus == Focus::Detail {
        app.theme.focused_border
    } else {
        app.theme.border
    };
    let mut block = Block::bordered().border_style(border).title(" detail ");
    let Some(paper) = app.selected_paper() else {
        frame.render_widget(block, areas.detail_block);
        return;
    };
    let lines = content(app, paper, areas.detail.width);
    let height = areas.detail.height as usize;
    if lines.len() > height {
        let shown_to = (app.detail_scroll + height).min(lines.len());
        block =
            block.title_bottom(Line::from(format!(" {shown_to}/{} ", lines.len())).right_aligned());
    }
    frame.render_widget(block, areas.detail_block);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(app.detail_scroll)
        .take(height)
        .collect();
    frame.render_widget(Paragraph::new(visible), areas.detail);
}

/// The pane's lines for `paper` at `width` columns; `App` uses the count to
/// bound scrolling, so this is the single source of the layout.
pub fn content(app: &App, paper: &Paper, width: u16) -> Vec<Line<'static>> {
    let width = width.max(1) as usize;
    let theme = &app.theme;
    let mut lines = Vec::new();

    let positions = app
        .hits
        .get(app.selected)
        .map(|h| app.title_positions(h.index))
        .unwrap_or_default();
    for range in wrap(&paper.title, width) {
        lines.push(Line::from(highlighted_range(
            &paper.title,
            range,
            &positions,
            theme.title,
            theme.matched.patch(theme.title),
            width,
        )));
    }
    lines.push(Line::default());

    let mut facts = vec![
        paper
            .published
            .map_or("date unknown".to_string(), |d| d.to_string()),
    ];
    match (&paper.organization, paper.display_author_count()) {
        (Some(org), _) => facts.push(org.clone()),
        (None, 0) => {}
        (None, 1) => facts.push("1 author".into()),
        (None, n) => facts.push(format!("{n} authors")),
    }
    if let Some(n) = paper.upvotes {
        facts.push(format!("▲ {n}"));
    }
    push_wrapped(&mut lines, &facts.join(" · "), width, theme.label);
    if let Some(index) = app.hits.get(app.selected).map(|h| h.index) {
        if app.is_orphan(index) {
            push_wrapped(
                &mut lines,
                "not in this corpus: title and links kept by your bookmark",
                width,
                theme.dim,
            );
        }
        if let Some(bookmark) = app.bookmark(index) {
            let added = bookmark.added.get(..10).unwrap_or(&bookmark.added);
            push_wrapped(
                &mut lines,
                &format!("★ bookmarked {added}"),
                width,
                theme.matched,
            );
            if !bookmark.note.is_empty() {
                push_wrapped(
                    &mut lines,
                    &format!("✎ {}", bookmark.note),
                    width,
                    theme.title,
                );
            }
        }
    }
    if !paper.authors.is_empty() {
        push_wrapped(&mut lines, &paper.authors.join(", "), width, Style::new());
    }
    if !paper.tags.is_empty() {
        let tags: Vec<&str> = paper.tags.iter().map(|t| t.as_str()).collect();
        push_wrapped(&mut lines, &tags.join("  "), width, theme.tag);
    }
    if !paper.links.is_empty() {
        lines.push(Line::default());
        for (i, link) in paper.links.iter().enumerate() {
            let prefix = format!("[{}] {:<8}", i + 1, link.kind);
            let room = width.saturating_sub(prefix.len());
            let mut spans = vec![Span::styled(prefix, theme.label)];
            spans.extend(highlighted(&link.url, &[], theme.link, theme.link, room));
            lines.push(Line::from(spans));
        }
    }
    if !paper.abstract_text.is_empty() {
        // Highlights are character positions in the whole abstract; each
        // paragraph shifts them by the characters before it.
        let positions = app.abstract_positions();
        let mut offset = 0;
        for paragraph in paper.abstract_text.split("\n\n") {
            lines.push(Line::default());
            let local: Vec<usize> = positions
                .iter()
                .filter_map(|&p| p.checked_sub(offset))
                .collect();
            for range in wrap(paragraph, width) {
                lines.push(Line::from(highlighted_range(
                    paragraph,
                    range,
                    &local,
                    Style::new(),
                    theme.matched,
                    width,
                )));
            }
            offset += paragraph.chars().count() + 2;
        }
    }
    lines
}

fn push_wrapped(lines: &mut Vec<Line<'static>>, text: &str, width: usize, style: Style) {
    let chars: Vec<char> = text.chars().collect();
    for range in wrap(text, width) {
        let piece: String = chars[range].iter().collect();
        lines.push(Line::styled(piece, style));
    }
}
