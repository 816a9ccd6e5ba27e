//! The detail pane: everything about the selected paper, from its layout
//! (wrapped once, see `detail_layout`), scrolled by `App::detail_scroll`.
//! Only the lines on screen are built, whatever the length of the text.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::text::{highlighted, marked};
use crate::tui::action::Command;
use crate::tui::detail_layout::{DetailLayout, DetailLine, TextKind};
use crate::tui::keymap::{self, Section};
use crate::tui::layout::Areas;
use crate::tui::state::{App, Focus};
use crate::tui::theme::Theme;

/// Draws the selected paper, or a bare pane when there is none.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, areas: &Areas) {
    let border = theme.border(app.focus() == Focus::Detail);
    let mut block = Block::bordered().border_style(border).title(" detail ");
    let Some(layout) = app.detail_layout() else {
        frame.render_widget(block, areas.detail_block);
        return;
    };
    let height = areas.detail.height as usize;
    let total = layout.lines.len() + app.related_lines();
    if total > height {
        let shown_to = (app.detail_scroll() + height).min(total);
        block = block.title_bottom(Line::from(format!(" {shown_to}/{total} ")).right_aligned());
    }
    frame.render_widget(block, areas.detail_block);
    let width = areas.detail.width as usize;
    let from = app.detail_scroll();
    let mut visible: Vec<Line> = layout
        .lines
        .iter()
        .skip(from)
        .take(height)
        .map(|line| draw_line(line, &layout, theme, width))
        .collect();
    let room = height - visible.len();
    if room > 0 {
        let related = related_lines(app, theme, width);
        let skip = from.saturating_sub(layout.lines.len());
        visible.extend(related.into_iter().skip(skip).take(room));
    }
    frame.render_widget(Paragraph::new(visible), areas.detail);
}

/// The lines the pane ends with: `Related`, then the papers most like
/// this one, numbered, the one under the cursor marked.
fn related_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let Some(related) = app.related().filter(|r| !r.papers.is_empty()) else {
        return Vec::new();
    };
    let cursor = app.related_cursor();
    let keys = [
        Command::RelatedNext,
        Command::RelatedPrev,
        Command::JumpRelated,
    ]
    .map(|c| keymap::first_key(Section::Detail, &c));
    let heading = format!("Related ({}/{}, {})", keys[0], keys[1], keys[2]);
    let mut lines = vec![Line::default(), Line::styled(heading, theme.label)];
    for (k, (_, title)) in related.papers.iter().enumerate() {
        let number = format!("{} ", k + 1);
        let room = width.saturating_sub(number.len());
        let mut spans = vec![Span::styled(number, theme.key)];
        spans.extend(highlighted(title, &[], Style::new(), Style::new(), room));
        let line = Line::from(spans);
        lines.push(if cursor == Some(k) && app.focus() == Focus::Detail {
            line.style(theme.selected)
        } else {
            line
        });
    }
    lines
}

/// One line of the layout as styled spans.
fn draw_line(
    line: &DetailLine,
    layout: &DetailLayout,
    theme: &Theme,
    width: usize,
) -> Line<'static> {
    let paper = &layout.paper;
    match line {
        DetailLine::Blank => Line::default(),
        DetailLine::Title(range) => Line::from(marked(
            &paper.title,
            range.clone(),
            &layout.title_marks,
            theme.title,
            theme.matched.patch(theme.title),
            width,
        )),
        DetailLine::Abstract(range) => Line::from(marked(
            &paper.abstract_text,
            range.clone(),
            &layout.abstract_marks,
            Style::new(),
            theme.matched,
            width,
        )),
        DetailLine::Text { text, range, kind } => {
            let style = match kind {
                TextKind::Facts => theme.label,
                TextKind::Orphan => theme.dim,
                TextKind::Bookmarked => theme.matched,
                TextKind::Note => theme.title,
                TextKind::Authors => Style::new(),
                TextKind::Tags => theme.tag,
                TextKind::Summary | TextKind::Body => theme.dim,
            };
            let marks = layout.text_marks.get(*text).map_or(&[][..], Vec::as_slice);
            let text = &layout.texts[*text];
            Line::from(marked(
                text,
                range.clone(),
                marks,
                style,
                theme.matched,
                width,
            ))
        }
        DetailLine::Link(i) => {
            let Some(link) = paper.links.get(*i) else {
                return Line::default();
            };
            // As wide for every link, so that kinds line up past link 9.
            let digits = paper.links.len().to_string().len();
            let number = format!("[{}]", i + 1);
            let prefix = format!("{number:<w$} {:<8}", link.kind, w = digits + 2);
            let room = width.saturating_sub(prefix.len());
            let mut spans = vec![Span::styled(prefix, theme.label)];
            spans.extend(highlighted(&link.url, &[], theme.link, theme.link, room));
            Line::from(spans)
        }
    }
}
