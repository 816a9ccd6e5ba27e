//! Colours and styles as the config file writes them: a name, `#rrggbb`
//! or a palette number 0–255, alone or in a table with attributes.

use serde::Deserialize;

/// A colour a terminal can draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// The terminal's own foreground or background.
    Default,
    /// One of the 16 named palette colours (0 black ... 15 bright white).
    Named(u8),
    /// A palette entry 0–255.
    Indexed(u8),
    /// A true colour.
    Rgb(u8, u8, u8),
}

/// The 16 names, in palette order; `grey` and `gray` both work.
const NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "white",
    "bright-black",
    "bright-red",
    "bright-green",
    "bright-yellow",
    "bright-blue",
    "bright-magenta",
    "bright-cyan",
    "bright-white",
];

impl Colour {
    /// Parses `red`, `bright-blue`, `grey`, `default`, `#1e90ff` or `42`.
    pub fn parse(text: &str) -> Result<Colour, String> {
        let lower = text.trim().to_ascii_lowercase();
        if let Some(hex) = lower.strip_prefix('#') {
            let byte = |i: usize| {
                hex.get(i..i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            };
            return match (hex.len(), byte(0), byte(2), byte(4)) {
                (6, Some(r), Some(g), Some(b)) => Ok(Colour::Rgb(r, g, b)),
                _ => Err(format!(
                    "`{text}` is not a colour: `#rrggbb` takes six hex digits"
                )),
            };
        }
        if let Ok(n) = lower.parse::<u16>() {
            return u8::try_from(n).map(Colour::Indexed).map_err(|_| {
                format!("`{text}` is not a colour: palette numbers go from 0 to 255")
            });
        }
        match lower.as_str() {
            "default" | "reset" => return Ok(Colour::Default),
            "grey" | "gray" | "bright-black" | "dark-grey" | "dark-gray" => {
                return Ok(Colour::Named(8));
            }
            _ => {}
        }
        NAMES
            .iter()
            .position(|n| *n == lower)
            .map(|i| Colour::Named(i as u8))
            .ok_or_else(|| {
                format!(
                    "`{text}` is not a colour: use a name ({}, grey, default), `#rrggbb` or 0-255",
                    NAMES[..8].join(", ")
                )
            })
    }
}

/// One element's look: a colour alone (the foreground), or a table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StyleSpec {
    pub fg: Option<Colour>,
    pub bg: Option<Colour>,
    pub bold: Option<bool>,
    pub dim: Option<bool>,
    pub italic: Option<bool>,
    pub underline: Option<bool>,
    pub reverse: Option<bool>,
}

/// What the file holds for an element, before its colours are read.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum RawStyle {
    Name(String),
    Number(i64),
    Table(RawStyleTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStyleTable {
    fg: Option<RawColour>,
    bg: Option<RawColour>,
    bold: Option<bool>,
    dim: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
    reverse: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawColour {
    Name(String),
    Number(i64),
}

fn colour(raw: &RawColour) -> Result<Colour, String> {
    match raw {
        RawColour::Name(name) => Colour::parse(name),
        RawColour::Number(n) => Colour::parse(&n.to_string()),
    }
}

impl RawStyle {
    pub(super) fn read(&self) -> Result<StyleSpec, String> {
        Ok(match self {
            RawStyle::Name(name) => StyleSpec {
                fg: Some(Colour::parse(name)?),
                ..StyleSpec::default()
            },
            RawStyle::Number(n) => StyleSpec {
                fg: Some(Colour::parse(&n.to_string())?),
                ..StyleSpec::default()
            },
            RawStyle::Table(t) => StyleSpec {
                fg: t.fg.as_ref().map(colour).transpose()?,
                bg: t.bg.as_ref().map(colour).transpose()?,
                bold: t.bold,
                dim: t.dim,
                italic: t.italic,
                underline: t.underline,
                reverse: t.reverse,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_hex_and_numbers_are_colours() {
        assert_eq!(Colour::parse("Red"), Ok(Colour::Named(1)));
        assert_eq!(Colour::parse("bright-white"), Ok(Colour::Named(15)));
        assert_eq!(Colour::parse("grey"), Ok(Colour::Named(8)));
        assert_eq!(Colour::parse("#1E90ff"), Ok(Colour::Rgb(0x1e, 0x90, 0xff)));
        assert_eq!(Colour::parse("200"), Ok(Colour::Indexed(200)));
        assert_eq!(Colour::parse("default"), Ok(Colour::Default));
        for bad in ["#12345", "#gg0000", "256", "purple", ""] {
            assert!(Colour::parse(bad).is_err(), "{bad}");
        }
    }
}
