//! The note popup: one line to type a bookmark's note.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::{highlighted, scroll_start};
use crate::tui::keymap::Context;
use crate::tui::line_edit::LineEdit;
use crate::tui::state::App;
use crate::tui::theme::Theme;
use crate::tui::wrap::str_width;

/// How a line break of a note shows on the note's one line.
const LINE_BREAK: &str = "↵";

/// A centred box with the paper's title and the note being typed.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, note: &LineEdit, area: Rect) {
    let heading = app.selected_title();
    draw_line(frame, theme, (heading, " note ", Context::Note), note, area);
}

/// A centred box with the query being saved and the name being typed.
pub fn draw_name(frame: &mut Frame, app: &App, theme: &Theme, name: &LineEdit, area: Rect) {
    let heading = app.search().line().text();
    let title = " save the query as ";
    draw_line(frame, theme, (heading, title, Context::Name), name, area);
}

/// The file name being typed for `E`, under what is exported.
pub fn draw_export(frame: &mut Frame, app: &App, theme: &Theme, path: &LineEdit, area: Rect) {
    let heading = match app.chosen_count() {
        0 => "the selected paper: .bib BibTeX, .md Markdown, .json JSON".to_string(),
        1 => "1 picked paper: .bib BibTeX, .md Markdown, .json JSON".to_string(),
        n => format!("{n} picked papers: .bib BibTeX, .md Markdown, .json JSON"),
    };
    draw_line(
        frame,
        theme,
        (&heading, " export to ", Context::Export),
        path,
        area,
    );
}

/// One line being typed under a dim `heading`, in a box titled `title`
/// with the keys of `context` at its foot.
fn draw_line(
    frame: &mut Frame,
    theme: &Theme,
    (heading, title, context): (&str, &str, Context),
    note: &LineEdit,
    area: Rect,
) {
    let popup = crate::tui::layout::centered(area, 70, 4);
    let inner_width = popup.width.saturating_sub(2) as usize;
    let title_line = Line::from(highlighted(heading, &[], theme.dim, theme.dim, inner_width));
    // A note from the bookmarks file may hold line breaks: shown as `↵`
    // on this one line (the cursor moves by the extra bytes of each).
    let text = note.text().replace('\n', LINE_BREAK);
    let breaks_before = note.text()[..note.cursor()].matches('\n').count();
    let cursor = note.cursor() + breaks_before * (LINE_BREAK.len() - 1);
    let start = scroll_start(&text, cursor, inner_width.saturating_sub(1));
    let plain = Style::new();
    let note_line = Line::from(highlighted(&text[start..], &[], plain, plain, inner_width));
    let block = Block::bordered()
        .border_style(theme.focused_border)
        .title(title)
        .title_bottom(Line::from(context.title()).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(vec![title_line, note_line]).block(block),
        popup,
    );
    if popup.height >= 4 {
        let x = popup.x + 1 + str_width(&text[start..cursor]) as u16;
        frame.set_cursor_position(Position::new(
            x.min(popup.right().saturating_sub(2)),
            popup.y + 2,
        ));
    }
}
