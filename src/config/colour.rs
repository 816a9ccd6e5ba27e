//! Colours and styles as the config file writes them: a name, `#rrggbb`
//! or a palette number 0–255, alone or in a table with attributes.

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

/// The attributes a style table may set, besides `fg` and `bg`.
const ATTRIBUTES: [&str; 5] = ["bold", "dim", "italic", "underline", "reverse"];

/// What a colour may be, in the words of an error.
const A_COLOUR: &str = "a colour name, a number 0-255 or \"#rrggbb\"";

/// A colour as the file writes it: a name or `#rrggbb` string, or a number.
fn colour(value: &toml::Value) -> Option<Result<Colour, String>> {
    match value {
        toml::Value::String(name) => Some(Colour::parse(name)),
        toml::Value::Integer(n) => Some(Colour::parse(&n.to_string())),
        _ => None,
    }
}

/// The look `element` is given by `value`: a colour alone (the foreground)
/// or a table of colours and attributes. Errors say what is expected in
/// plain words.
pub(super) fn style(element: &str, value: &toml::Value) -> Result<StyleSpec, String> {
    if let Some(fg) = colour(value) {
        return Ok(StyleSpec {
            fg: Some(fg?),
            ..StyleSpec::default()
        });
    }
    let toml::Value::Table(table) = value else {
        return Err(format!(
            "`{element}` must be {A_COLOUR}, or a table {{ fg, bg, {} }}",
            ATTRIBUTES.join(", ")
        ));
    };
    let mut spec = StyleSpec::default();
    for (key, value) in table {
        match key.as_str() {
            "fg" | "bg" => {
                let read = colour(value)
                    .ok_or_else(|| format!("`{element}`: `{key}` must be {A_COLOUR}"))??;
                *(if key == "fg" {
                    &mut spec.fg
                } else {
                    &mut spec.bg
                }) = Some(read);
            }
            _ => {
                let slot = match key.as_str() {
                    "bold" => &mut spec.bold,
                    "dim" => &mut spec.dim,
                    "italic" => &mut spec.italic,
                    "underline" => &mut spec.underline,
                    "reverse" => &mut spec.reverse,
                    _ => {
                        return Err(format!(
                            "`{element}`: unknown `{key}`: a style table takes fg, bg, {}",
                            ATTRIBUTES.join(", ")
                        ));
                    }
                };
                let on = value
                    .as_bool()
                    .ok_or_else(|| format!("`{element}`: `{key}` must be true or false"))?;
                *slot = Some(on);
            }
        }
    }
    Ok(spec)
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

    fn style_of(text: &str) -> Result<StyleSpec, String> {
        let table: toml::Table = toml::from_str(&format!("x = {text}")).unwrap();
        style("match", &table["x"])
    }

    #[test]
    fn a_style_is_a_colour_or_a_table_and_errors_say_which() {
        assert_eq!(style_of("\"red\"").unwrap().fg, Some(Colour::Named(1)));
        assert_eq!(style_of("42").unwrap().fg, Some(Colour::Indexed(42)));
        let table = style_of("{ fg = \"#000000\", bg = 7, bold = true, reverse = false }").unwrap();
        assert_eq!(table.fg, Some(Colour::Rgb(0, 0, 0)));
        assert_eq!(table.bg, Some(Colour::Indexed(7)));
        assert_eq!(
            (table.bold, table.reverse, table.dim),
            (Some(true), Some(false), None)
        );
        let expected = [
            (
                "true",
                "`match` must be a colour name, a number 0-255 or \"#rrggbb\", or a table { fg, bg, bold, dim, italic, underline, reverse }",
            ),
            ("[1]", "`match` must be a colour name"),
            ("1.5", "`match` must be a colour name"),
            (
                "{ fg = true }",
                "`match`: `fg` must be a colour name, a number 0-255 or \"#rrggbb\"",
            ),
            (
                "{ bold = \"yes\" }",
                "`match`: `bold` must be true or false",
            ),
            (
                "{ fgg = \"red\" }",
                "`match`: unknown `fgg`: a style table takes fg, bg, bold",
            ),
            ("{ bg = \"purple\" }", "`purple` is not a colour"),
        ];
        for (text, message) in expected {
            let got = style_of(text).unwrap_err();
            assert!(got.starts_with(message), "{text}: {got}");
            assert!(
                !got.contains("untagged") && !got.contains("variant"),
                "{got}"
            );
        }
    }
}
