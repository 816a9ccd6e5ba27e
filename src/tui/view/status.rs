//! The status line: a message, the query's error, or key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, Focus, Loading, Mode, thousands};
use crate::tui::wrap::str_width;

/// Hints per mode: key and what it does.
const NORMAL_HINTS: &[(&str, &str)] = &[
    ("/", "filter"),
    ("j/k", "move"),
    ("Enter", "read"),
    ("b", "bookmark"),
    ("o", "code"),
    ("Tab", "pane"),
    ("s/S", "sort"),
    ("?", "help"),
    ("q", "quit"),
];
const QUERY_HINTS: &[(&str, &str)] = &[
    ("Enter/Esc", "list"),
    ("↑/↓", "move"),
    ("Ctrl-u", "clear"),
    ("Ctrl-w", "delete word"),
];
const HELP_HINTS: &[(&str, &str)] = &[("j/k", "scroll"), ("any key", "close")];
const LINKS_HINTS: &[(&str, &str)] = &[
    ("1-9", "open"),
    ("Enter", "open selected"),
    ("Esc", "close"),
];
const NOTE_HINTS: &[(&str, &str)] = &[("Enter", "save"), ("Esc", "cancel"), ("Ctrl-u", "clear")];
const FACET_HINTS: &[(&str, &str)] = &[
    ("j/k", "move"),
    ("Space", "toggle"),
    ("c", "clear facets"),
    ("Tab", "pane"),
    ("f", "hide"),
    ("?", "help"),
];

/// Draws the most important thing there is to say.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let line = if let Some(message) = &app.message {
        let style = if message.is_error {
            app.theme.error
        } else {
            ratatui::style::Style::new()
        };
        Line::styled(format!(" {}", message.text), style)
    } else if let Some(error) = &app.query_error {
        Line::styled(format!(" {error}"), app.theme.error)
    } else if let Some(loading) = &app.loading {
        progress(app, loading, area.width as usize)
    } else {
        let hints = match app.mode {
            Mode::Normal if app.focus == Focus::Facets => FACET_HINTS,
            Mode::Normal => NORMAL_HINTS,
            Mode::Query => QUERY_HINTS,
            Mode::Help => HELP_HINTS,
            Mode::Note => NOTE_HINTS,
            Mode::Links => LINKS_HINTS,
        };
        // Whole hints only: a hint cut in half helps no one.
        let mut spans = vec![Span::raw(" ")];
        let mut used = 1;
        for (key, what) in hints {
            let width = str_width(key) + str_width(what) + 1;
            if used + width > area.width as usize {
                break;
            }
            used += width + 2;
            spans.push(Span::styled(*key, app.theme.key));
            spans.push(Span::styled(format!(" {what}  "), app.theme.dim));
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// ` loading ━━━━━━━━────── 45% · 123,456 papers · 610 / 1,400 MB`: a gauge
/// of bytes read, then as much of the counts as fits.
fn progress<'a>(app: &App, loading: &Loading, width: usize) -> Line<'a> {
    let fraction = if loading.total_bytes == 0 {
        0.0
    } else {
        (loading.bytes_read as f64 / loading.total_bytes as f64).clamp(0.0, 1.0)
    };
    let mb = |b: u64| thousands((b / 1_000_000) as usize);
    let mut counts = format!(
        " {:>3.0}% · {} papers · {} / {} MB",
        fraction * 100.0,
        thousands(app.orphans_from),
        mb(loading.bytes_read),
        mb(loading.total_bytes)
    );
    if loading.skipped > 0 {
        counts.push_str(&format!(" · {} skipped", thousands(loading.skipped)));
    }
    let label = " loading ";
    let bar = width
        .saturating_sub(str_width(label) + str_width(&counts))
        .min(30);
    if bar < 5 {
        // Too narrow for a bar: the percentage alone.
        return Line::from(format!(" loading {:.0}%", fraction * 100.0));
    }
    let filled = (bar as f64 * fraction).round() as usize;
    Line::from(vec![
        Span::styled(label, app.theme.dim),
        Span::styled("━".repeat(filled), app.theme.key),
        Span::styled("─".repeat(bar - filled), app.theme.dim),
        Span::raw(counts),
    ])
}
