//! The status line: a message, the query's error, or key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::state::{App, Loading, thousands};
use crate::tui::theme::Theme;
use crate::tui::wrap::str_width;

/// Draws the most important thing there is to say: a message, the query's
/// error, loading progress, or the keys of the context (from the keymap).
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let line = if let Some(message) = app.message() {
        // The state says which command; the keymap names its key.
        let text = message.shown(crate::tui::keymap::browsing_keys);
        if message.is_error {
            Line::styled(format!(" {text}"), theme.error)
        } else {
            // Work going on beside the reader is told after the message,
            // never hidden behind it.
            let mut spans = vec![Span::raw(format!(" {text}"))];
            if let Some(beside) = beside(app) {
                spans.push(Span::styled(format!(" · {beside}"), theme.dim));
            }
            Line::from(spans)
        }
    } else if let Some(error) = app.search().error() {
        Line::styled(format!(" {error}"), theme.error)
    } else if let Some(loading) = app.loading_progress() {
        progress(app, theme, loading, area.width as usize)
    } else if let Some(beside) = beside(app) {
        Line::styled(format!(" {beside}"), theme.dim)
    } else if let Some(syncing) = app.syncing() {
        Line::styled(format!(" {syncing}"), theme.dim)
    } else {
        hints(app, theme, area.width as usize)
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// What is being built beside the reader after a corpus is read: the
/// index kept for next time, then the abstracts.
fn beside(app: &App) -> Option<String> {
    if let Some((done, total)) = app.indexing_abstracts() {
        let percent = done * 100 / total.max(1);
        Some(format!(
            "indexing abstracts {percent}% · until then words match titles, authors and tags only"
        ))
    } else if app.keeping_index() {
        Some("keeping the index for next time… (searches work; abstracts next)".into())
    } else {
        app.pdf_activity().map(str::to_string)
    }
}

/// The keys of the context, in the keymap's order, as many as fit; help
/// and quit are always among them (the others give way first). Whole
/// hints only: a hint cut in half helps no one.
fn hints<'a>(app: &App, theme: &Theme, width: usize) -> Line<'a> {
    let context = app.context();
    let essential = context.essential_hints();
    let cost = |(key, what): &(String, &str)| str_width(key) + str_width(what) + 3;
    // One space before the first hint; the two after the last may fall
    // off the edge.
    let mut room = (width + 1).saturating_sub(essential.iter().map(cost).sum());
    let mut kept = Vec::new();
    for hint in context.hints() {
        if essential.contains(&hint) {
            kept.push(hint);
        } else if cost(&hint) <= room {
            room -= cost(&hint);
            kept.push(hint);
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for (key, what) in kept {
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {what}  "), theme.dim));
    }
    Line::from(spans)
}

/// ` searching 1,000,000 papers… (keys still work)`, over whatever the
/// status line said.
pub fn searching(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let papers = crate::units::papers(app.catalog().distinct_len());
    let text = if app.search().is_growing() {
        format!(" best-ranked first · searching the rest of {papers}… (keys still work)")
    } else {
        format!(" searching {papers}… (keys still work)")
    };
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(Paragraph::new(Line::styled(text, theme.key)), area);
}

/// ` exporting 100,000 papers to refs.bib… 45% · Esc cancels`, over
/// whatever the status line said.
pub fn exporting(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    plan: &crate::tui::export_plan::ExportPlan,
    percent: usize,
) {
    let papers = if plan.papers == 1 { "paper" } else { "papers" };
    let cancel = crate::tui::keymap::first_key(
        crate::tui::keymap::Section::Export,
        &crate::tui::action::Command::Back,
    );
    let text = crate::corpus::sanitize::clean_line(&format!(
        " exporting {} {papers} to {}… {percent}% · {cancel} cancels",
        thousands(plan.papers),
        plan.path.display()
    ));
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(
        Paragraph::new(Line::styled(format!(" {text}"), theme.key)),
        area,
    );
}

/// ` loading ━━━━━━━━────── 45% · 123,456 papers · 610 / 1,400 MB`: a gauge
/// of bytes read, then as much of the counts as fits.
fn progress<'a>(app: &App, theme: &Theme, loading: &Loading, width: usize) -> Line<'a> {
    let fraction = if loading.total_bytes == 0 {
        0.0
    } else {
        (loading.bytes_read as f64 / loading.total_bytes as f64).clamp(0.0, 1.0)
    };
    let mb = |b: u64| thousands((b / 1_000_000) as usize);
    let mut counts = format!(
        " {:>3.0}% · {} papers · {} / {} MB",
        fraction * 100.0,
        thousands(app.catalog().distinct_len()),
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
        Span::styled(label, theme.dim),
        Span::styled("━".repeat(filled), theme.gauge),
        Span::styled("─".repeat(bar - filled), theme.dim),
        Span::raw(counts),
    ])
}
