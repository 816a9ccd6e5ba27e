//! Colours and attributes. With `NO_COLOR` everything stays readable by
//! bold, reverse, underline and symbols alone.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{Colour, StyleSpec};

/// The styles every view draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Header bar.
    pub header: Style,
    /// Secondary text: dates, counts, hints.
    pub dim: Style,
    /// Matched characters.
    pub matched: Style,
    /// The selected row.
    pub selected: Style,
    /// The selected row when the list is not focused.
    pub selected_unfocused: Style,
    /// Border of the focused pane.
    pub focused_border: Style,
    /// Border of other panes.
    pub border: Style,
    /// Titles in the detail pane.
    pub title: Style,
    /// Field labels in the detail pane.
    pub label: Style,
    /// Tags.
    pub tag: Style,
    /// Links.
    pub link: Style,
    /// Errors in the query and status lines.
    pub error: Style,
    /// Keys in hints and help.
    pub key: Style,
    /// The title of an unread paper in the list.
    pub unread: Style,
    /// The mark before an unread paper.
    pub unread_mark: Style,
    /// The bookmark star.
    pub star: Style,
    /// The loading gauge.
    pub gauge: Style,
}

/// `style` with what `spec` sets.
fn apply(style: Style, spec: &StyleSpec) -> Style {
    let mut style = style;
    if let Some(fg) = spec.fg {
        style = style.fg(color(fg));
    }
    if let Some(bg) = spec.bg {
        style = style.bg(color(bg));
    }
    for (on, modifier) in [
        (spec.bold, Modifier::BOLD),
        (spec.dim, Modifier::DIM),
        (spec.italic, Modifier::ITALIC),
        (spec.underline, Modifier::UNDERLINED),
        (spec.reverse, Modifier::REVERSED),
    ] {
        style = match on {
            Some(true) => style.add_modifier(modifier),
            Some(false) => style.remove_modifier(modifier),
            None => style,
        };
    }
    style
}

fn color(colour: Colour) -> Color {
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match colour {
        Colour::Default => Color::Reset,
        Colour::Named(n) => NAMED[usize::from(n) % 16],
        Colour::Indexed(n) => Color::Indexed(n),
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

impl Theme {
    /// The coloured theme. Secondary text and borders are the terminal's
    /// own foreground, dimmed, and the unfocused selection is its colours
    /// reversed and dimmed: palette grey (colour 8) is the background itself in some
    /// schemes (Solarized dark), and would hide them.
    pub fn colored() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let dimmed = Style::new().add_modifier(Modifier::DIM);
        Theme {
            header: Style::new().fg(Color::Black).bg(Color::Cyan),
            dim: dimmed,
            matched: bold.fg(Color::Yellow),
            selected: Style::new().bg(Color::Blue).fg(Color::White),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED | Modifier::DIM),
            focused_border: Style::new().fg(Color::Cyan),
            border: dimmed,
            title: bold,
            label: Style::new().fg(Color::Cyan),
            tag: Style::new().fg(Color::Magenta),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            error: bold.fg(Color::Red).add_modifier(Modifier::UNDERLINED),
            key: bold.fg(Color::Cyan),
            unread: bold,
            unread_mark: bold.fg(Color::Cyan),
            star: bold.fg(Color::Yellow),
            gauge: bold.fg(Color::Cyan),
        }
    }

    /// The look the config asks for: `preset` (`--theme` before the
    /// file's), then each element's override; `NO_COLOR` wins over all.
    pub fn configured(preset: Option<&str>, elements: &[(String, StyleSpec)]) -> Theme {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return Theme::plain();
        }
        let mut theme = match preset.unwrap_or("dark") {
            "light" => Theme::light(),
            "high-contrast" => Theme::high_contrast(),
            "none" => return Theme::plain(),
            _ => Theme::colored(),
        };
        for (element, spec) in elements {
            if let Some(style) = theme.element(element) {
                *style = apply(*style, spec);
            }
        }
        theme
    }

    /// For a light background: no white, yellow or cyan text, which
    /// vanish on it; the selection a pale bar with black text.
    pub fn light() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let dimmed = Style::new().add_modifier(Modifier::DIM);
        Theme {
            header: Style::new().fg(Color::White).bg(Color::Blue),
            dim: dimmed,
            matched: bold.fg(Color::Magenta),
            selected: Style::new().bg(Color::Indexed(153)).fg(Color::Black),
            selected_unfocused: Style::new().bg(Color::Indexed(254)).fg(Color::Black),
            focused_border: Style::new().fg(Color::Blue),
            border: dimmed,
            title: bold,
            label: Style::new().fg(Color::Blue),
            tag: Style::new().fg(Color::Indexed(90)),
            link: Style::new()
                .fg(Color::Indexed(25))
                .add_modifier(Modifier::UNDERLINED),
            error: bold.fg(Color::Red).add_modifier(Modifier::UNDERLINED),
            key: bold.fg(Color::Blue),
            unread: bold,
            unread_mark: bold.fg(Color::Blue),
            star: bold.fg(Color::Indexed(130)),
            gauge: Style::new().fg(Color::Blue),
        }
    }

    /// Bright colours and bold, for low vision or a washed-out screen.
    pub fn high_contrast() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            header: bold.fg(Color::Black).bg(Color::White),
            dim: Style::new(),
            matched: bold
                .fg(Color::LightYellow)
                .add_modifier(Modifier::UNDERLINED),
            selected: bold.fg(Color::Black).bg(Color::LightYellow),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            focused_border: bold.fg(Color::LightYellow),
            border: Style::new(),
            title: bold,
            label: bold.fg(Color::LightCyan),
            tag: bold.fg(Color::LightMagenta),
            link: bold.fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED),
            error: bold.fg(Color::LightRed).add_modifier(Modifier::UNDERLINED),
            key: bold.fg(Color::LightYellow),
            unread: bold,
            unread_mark: bold.fg(Color::LightYellow),
            star: bold.fg(Color::LightYellow),
            gauge: bold.fg(Color::LightGreen),
        }
    }

    /// The style a config element names.
    fn element(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "header" => &mut self.header,
            "dim" => &mut self.dim,
            "match" => &mut self.matched,
            "selection" => &mut self.selected,
            "selection-unfocused" => &mut self.selected_unfocused,
            "border" => &mut self.border,
            "focused-border" => &mut self.focused_border,
            "title" => &mut self.title,
            "label" => &mut self.label,
            "tag" => &mut self.tag,
            "link" => &mut self.link,
            "error" => &mut self.error,
            "key" => &mut self.key,
            "unread" => &mut self.unread,
            "unread-mark" => &mut self.unread_mark,
            "star" => &mut self.star,
            "gauge" => &mut self.gauge,
            _ => return None,
        })
    }

    /// A pane's border, focused or not.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.focused_border
        } else {
            self.border
        }
    }

    /// A row's style: the selection bar (dimmer where the pane is not the
    /// one keys go to), or none.
    pub fn row(&self, selected: bool, focused: bool) -> Option<Style> {
        match (selected, focused) {
            (true, true) => Some(self.selected),
            (true, false) => Some(self.selected_unfocused),
            (false, _) => None,
        }
    }

    /// No colours: attributes only.
    pub fn plain() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            header: Style::new().add_modifier(Modifier::REVERSED),
            dim: Style::new(),
            matched: bold.add_modifier(Modifier::UNDERLINED),
            // Reverse video for the selection, wherever the keys are: an
            // underline alone is easy to lose.
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            focused_border: bold,
            border: Style::new(),
            title: bold,
            label: bold,
            tag: Style::new(),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            error: bold.add_modifier(Modifier::UNDERLINED),
            key: bold,
            // The `●` says it: bold titles everywhere would drown the
            // highlights, which are bold without colour.
            unread: Style::new(),
            unread_mark: bold,
            star: bold.add_modifier(Modifier::UNDERLINED),
            gauge: bold,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(t: &Theme) -> [Style; 14] {
        [
            t.header,
            t.dim,
            t.matched,
            t.selected,
            t.selected_unfocused,
            t.focused_border,
            t.border,
            t.title,
            t.label,
            t.tag,
            t.link,
            t.error,
            t.key,
            t.unread,
        ]
    }

    /// No grey of the palette anywhere: it disappears on some dark
    /// schemes; black only where the background is set with it.
    #[test]
    fn colours_read_on_dark_and_light_backgrounds() {
        let theme = Theme::colored();
        for style in styles(&theme) {
            for colour in [style.fg, style.bg].into_iter().flatten() {
                assert!(
                    !matches!(colour, Color::DarkGray | Color::Gray),
                    "{style:?}"
                );
            }
            if style.fg == Some(Color::Black) {
                assert!(style.bg.is_some(), "{style:?}");
            }
        }
    }

    #[test]
    fn without_colour_the_selection_is_reverse_video() {
        let plain = Theme::plain();
        for style in styles(&plain) {
            assert!(style.fg.is_none() && style.bg.is_none(), "{style:?}");
        }
        assert!(plain.selected.add_modifier.contains(Modifier::REVERSED));
        assert!(
            plain
                .selected_unfocused
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }
}
