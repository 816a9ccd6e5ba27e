//! The help overlay, made from the key tables themselves.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::keymap::{Bound, Context, sections};
use crate::tui::theme::Theme;
use crate::tui::wrap::str_width;

/// Every key of the reader, in a centred box scrolled by `scroll`.
pub fn draw(frame: &mut Frame, theme: &Theme, scroll: usize, area: Rect) {
    let lines = content(theme);
    let popup = crate::tui::layout::centered(area, 72, lines.len() as u16 + 2);
    let inner_height = popup.height.saturating_sub(2) as usize;
    let scroll = scroll.min(lines.len().saturating_sub(inner_height));
    let block = Block::bordered()
        .border_style(theme.focused_border)
        .title(" keys ")
        .title_bottom(Line::from(Context::Help.title()).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()).block(block),
        popup,
    );
}

/// Every section of the keymap, then the mouse.
pub fn content(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (title, table) in sections() {
        section(&mut lines, theme, title, table);
        lines.push(Line::default());
    }
    lines.push(Line::styled(" Query syntax", theme.title));
    let syntax = crate::query::syntax::SYNTAX;
    let column = syntax.iter().map(|(e, _)| str_width(e)).max().unwrap_or(0) + 2;
    for (example, meaning) in syntax {
        let pad = " ".repeat(column.saturating_sub(str_width(example)));
        lines.push(Line::from(vec![
            Span::styled(format!("   {example}{pad}"), theme.key),
            Span::raw(*meaning),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        " Mouse: wheel scrolls the pane under it, click selects",
        theme.dim,
    ));
    lines
}

fn section(lines: &mut Vec<Line<'static>>, theme: &Theme, title: &str, table: &[Bound]) {
    // One column for every label, as wide as the widest.
    let column = sections()
        .flat_map(|(_, t)| t.iter())
        .map(|b| str_width(&b.label()))
        .max()
        .unwrap_or(0)
        + 1;
    lines.push(Line::styled(format!(" {title}"), theme.title));
    for binding in table {
        let label = binding.label();
        let pad = " ".repeat(column.saturating_sub(str_width(&label)));
        lines.push(Line::from(vec![
            Span::styled(format!("   {label}{pad}"), theme.key),
            Span::raw(binding.help),
        ]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The overlay ends with the query syntax, every line of it inside
    /// the popup's 70 columns.
    #[test]
    fn the_help_lists_the_query_syntax_within_its_width() {
        let lines = content(&Theme::plain());
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let at = text
            .iter()
            .position(|l| l.trim() == "Query syntax")
            .unwrap();
        assert!(text[at + 1].contains("mamba seg"), "{}", text[at + 1]);
        assert!(text.iter().any(|l| l.contains("tag:ct  tag:modality/ct")));
        assert!(text.iter().all(|l| str_width(l) <= 70), "{text:#?}");
    }
}
