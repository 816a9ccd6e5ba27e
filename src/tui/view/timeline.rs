//! When the results came out: a sparkline strip at the bottom of the
//! facets panel, and the `t` popup's bar chart with a period under the
//! cursor.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Clear, Paragraph, Sparkline};

use crate::query::timeline::Timeline;
use crate::tui::keymap::Context;
use crate::tui::state::App;
use crate::tui::theme::Theme;
use crate::units::thousands;

/// `values` summed into at most `width` bins, in order.
fn bins(values: &[u64], width: usize) -> Vec<u64> {
    if values.len() <= width || width == 0 {
        return values.to_vec();
    }
    (0..width)
        .map(|i| {
            let (from, to) = (i * values.len() / width, (i + 1) * values.len() / width);
            values[from..to.max(from + 1)].iter().sum()
        })
        .collect()
}

/// `first … last`, spread over `width` columns.
fn ends(timeline: &Timeline, width: usize) -> String {
    let first = timeline
        .periods
        .first()
        .map(|(p, _)| p.label())
        .unwrap_or_default();
    let last = timeline
        .periods
        .last()
        .map(|(p, _)| p.label())
        .unwrap_or_default();
    if timeline.periods.len() == 1 {
        return first;
    }
    let gap = width.saturating_sub(first.len() + last.len()).max(1);
    format!("{first}{}{last}", " ".repeat(gap))
}

/// The strip: a heading with the busiest period, a sparkline of every
/// period (binned to the width) and the first and last periods under it.
pub fn draw_strip(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let timeline = app.timeline();
    let width = area.width as usize;
    let [heading, chart, labels] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(area.height.saturating_sub(2)),
        Constraint::Length(1),
    ])
    .areas(area);
    let busiest = match timeline.busiest() {
        Some((period, n)) if n > 0 => format!(" max {} {}", thousands(n), period.label()),
        _ => " no dates".to_string(),
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("timeline", theme.title),
            Span::styled(busiest, theme.dim),
        ])),
        heading,
    );
    let values: Vec<u64> = timeline.periods.iter().map(|(_, n)| *n as u64).collect();
    frame.render_widget(
        Sparkline::default()
            .data(bins(&values, width))
            .style(theme.gauge),
        chart,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(ends(&timeline, width), theme.dim)),
        labels,
    );
}

/// The popup: one bar per period, the one under `cursor` marked, and what
/// it holds; the window of bars follows the cursor.
pub fn draw_popup(frame: &mut Frame, app: &App, theme: &Theme, cursor: usize, area: Rect) {
    let timeline = app.timeline();
    let popup = crate::tui::layout::centered(area, 100, 16);
    let block = Block::bordered()
        .border_style(theme.focused_border)
        .title(" timeline ")
        .title_bottom(Line::from(Context::Timeline.title()).right_aligned());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    if timeline.is_empty() {
        frame.render_widget(Paragraph::new(" no result has a date"), inner);
        return;
    }
    let cursor = cursor.min(timeline.periods.len() - 1);
    let [chart, info, labels] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    // Wide bars while they fit, one column each when they do not.
    let count = timeline.periods.len();
    let width = chart.width as usize;
    let (bar, gap) = if count * 3 <= width {
        (2, 1)
    } else if count * 2 <= width {
        (1, 1)
    } else {
        (1, 0)
    };
    let fit = (width / (bar + gap)).max(1);
    // The cursor kept in the middle of the window while it can be.
    let start = cursor
        .saturating_sub(fit / 2)
        .min(count.saturating_sub(fit));
    let window = Timeline {
        periods: timeline.periods[start..(start + fit).min(count)].to_vec(),
    };
    let bars: Vec<Bar> = window
        .periods
        .iter()
        .enumerate()
        .map(|(i, (_, n))| {
            let style = if start + i == cursor {
                theme.selected
            } else {
                theme.gauge
            };
            Bar::default()
                .value(*n as u64)
                .text_value(String::new())
                .style(style)
        })
        .collect();
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(bar as u16)
            .bar_gap(gap as u16),
        chart,
    );
    let (period, n) = timeline.periods[cursor];
    let busiest = timeline
        .busiest()
        .map(|(p, m)| format!(" · busiest {} ({})", p.label(), thousands(m)))
        .unwrap_or_default();
    let papers = if n == 1 { "paper" } else { "papers" };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {}", period.label()), theme.key),
            Span::raw(format!(": {} {papers}", thousands(n))),
            Span::styled(busiest, theme.dim),
        ])),
        info,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(
                " {}",
                ends(&window, (inner.width as usize).saturating_sub(2))
            ),
            theme.dim,
        )),
        labels,
    );
}
