//! Key names as the config file writes them: `b`, `B`, `ctrl-d`,
//! `alt-x`, `enter`, `space`, `pgdn`... and back again.

use crossterm::event::{KeyCode, KeyModifiers};

use super::binding::Key;
use super::named_keys;

/// Characters that draw nothing on a terminal although they are not
/// controls: zero-width and joining marks, bidi marks, fillers that show as
/// blanks, variation selectors, tags (Unicode's default-ignorable code
/// points and the blank fillers).
fn is_invisible(c: char) -> bool {
    // U+2800 BRAILLE PATTERN BLANK draws as a blank too, though Unicode
    // does not call it ignorable.
    crate::corpus::links::is_invisible(c) || c == '\u{2800}'
}

/// Whether `c`, as a key, would draw nothing in the hints and the help:
/// a control, invisible, zero-width or bidi character, or white space
/// other than the space bar (which is shown by name).
pub fn draws_nothing(c: char) -> bool {
    use unicode_width::UnicodeWidthChar;
    crate::corpus::sanitize::is_unsafe(c)
        || is_invisible(c)
        || (c.is_whitespace() && c != ' ')
        || c.width().is_none_or(|w| w == 0)
}

/// `name` with every character that draws nothing written `U+XXXX`, so
/// that an error can show it.
fn shown(name: &str) -> String {
    name.chars()
        .map(|c| {
            if draws_nothing(c) {
                format!("U+{:04X}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The key `name` means, or why it means none.
pub fn parse(name: &str) -> Result<Key, String> {
    if let Some(c) = name.chars().find(|&c| draws_nothing(c)) {
        return Err(format!(
            "`{}` is not a key name: U+{:04X} is an invisible, zero-width, bidi or control character that draws nothing; name a key that can be seen",
            shown(name),
            c as u32
        ));
    }
    let unknown = || {
        format!(
            "unknown key `{name}`: use a character (`b`, `B`, `?`), `ctrl-x`, `alt-x`, `f1`-`f12` or a name (space, enter, esc, tab, shift-tab, backspace, del, up, down, left, right, home, end, pgup, pgdn)"
        )
    };
    let (mods, base) = modifiers(name);
    let code = if base.chars().count() == 1 {
        let c = base.chars().next().unwrap_or(' ');
        // Ctrl and Alt keys arrive lowercase; Shift is the character.
        KeyCode::Char(if mods.is_empty() {
            c
        } else {
            c.to_ascii_lowercase()
        })
    } else {
        let lower = base.to_ascii_lowercase();
        if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            if !(1..=12).contains(&n) {
                return Err(unknown());
            }
            KeyCode::F(n)
        } else {
            named_keys::called(&lower).ok_or_else(unknown)?
        }
    };
    Ok(Key::Code(code, mods))
}

/// The key as the config file writes it; `None` for the digits and for
/// keys the config file has no name for.
pub fn config_name(key: &Key) -> Option<String> {
    let Key::Code(code, mods) = key else {
        return None;
    };
    let base = match code {
        KeyCode::Char(c) if *c != ' ' => c.to_string(),
        KeyCode::F(n) => format!("f{n}"),
        code => named_keys::of(*code)?.config.to_string(),
    };
    let mut name = String::new();
    if mods.contains(KeyModifiers::CONTROL) {
        name.push_str("ctrl-");
    }
    if mods.contains(KeyModifiers::ALT) {
        name.push_str("alt-");
    }
    name.push_str(&base);
    Some(name)
}

/// `ctrl-` and `alt-` prefixes (any case, in any order) and what follows.
fn modifiers(name: &str) -> (KeyModifiers, &str) {
    let mut mods = KeyModifiers::NONE;
    let mut rest = name;
    loop {
        let has = |prefix: &str| {
            rest.len() > prefix.len()
                && rest
                    .get(..prefix.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        };
        if has("ctrl-") {
            mods |= KeyModifiers::CONTROL;
            rest = &rest[5..];
        } else if has("alt-") {
            mods |= KeyModifiers::ALT;
            rest = &rest[4..];
        } else {
            return (mods, rest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_keys() {
        let key = |c| Key::Code(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(parse("b"), Ok(key('b')));
        assert_eq!(parse("B"), Ok(key('B')));
        assert_eq!(parse("?"), Ok(key('?')));
        assert_eq!(parse("space"), Ok(key(' ')));
        assert_eq!(
            parse("ctrl-d"),
            Ok(Key::Code(KeyCode::Char('d'), KeyModifiers::CONTROL))
        );
        assert_eq!(
            parse("Ctrl-D"),
            Ok(Key::Code(KeyCode::Char('d'), KeyModifiers::CONTROL))
        );
        assert_eq!(
            parse("alt-x"),
            Ok(Key::Code(KeyCode::Char('x'), KeyModifiers::ALT))
        );
        assert_eq!(
            parse("PgDn"),
            Ok(Key::Code(KeyCode::PageDown, KeyModifiers::NONE))
        );
        assert_eq!(
            parse("f5"),
            Ok(Key::Code(KeyCode::F(5), KeyModifiers::NONE))
        );
        for bad in ["", "ctrl-", "hyper-x", "f13", "bogus", "\u{7}"] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn every_name_written_back_parses_to_its_key() {
        let mut keys: Vec<Key> = super::named_keys::NAMED
            .iter()
            .map(|n| Key::Code(n.code, KeyModifiers::NONE))
            .collect();
        keys.push(Key::Code(KeyCode::Char('b'), KeyModifiers::CONTROL));
        keys.push(Key::Code(KeyCode::Left, KeyModifiers::ALT));
        keys.push(Key::Code(KeyCode::F(5), KeyModifiers::NONE));
        keys.push(Key::Code(KeyCode::Char('B'), KeyModifiers::NONE));
        for key in keys {
            let name = config_name(&key).unwrap();
            assert_eq!(parse(&name), Ok(key), "{name}");
        }
        assert_eq!(config_name(&Key::Digit), None);
    }

    #[test]
    fn a_key_that_draws_nothing_is_refused() {
        for bad in [
            "\u{200b}",
            "\u{202e}",
            "\u{2066}",
            "\u{feff}",
            "\u{3164}",
            "\u{a0}",
            "\u{301}",
            "\u{7f}",
            "\u{85}",
            "ctrl-\u{200d}",
            "alt-\u{2028}",
            "q\u{200b}",
        ] {
            let message = parse(bad).unwrap_err();
            assert!(message.contains("draws nothing"), "{bad:?}: {message}");
            assert!(!message.chars().any(draws_nothing), "{bad:?}: {message}");
        }
        for good in ["é", "ß", "日", "space", " ", "ctrl-c"] {
            assert!(parse(good).is_ok(), "{good:?}");
        }
    }
}
