//! Key names as the config file writes them: `b`, `B`, `ctrl-d`,
//! `alt-x`, `enter`, `space`, `pgdn`... and back again.

use crossterm::event::{KeyCode, KeyModifiers};

use super::binding::Key;

/// Named keys, as written (lowercase) and as meant.
const NAMED: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("shift-tab", KeyCode::BackTab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("del", KeyCode::Delete),
    ("delete", KeyCode::Delete),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pageup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pagedown", KeyCode::PageDown),
    ("insert", KeyCode::Insert),
];

/// The key `name` means, or why it means none.
pub fn parse(name: &str) -> Result<Key, String> {
    let unknown = || {
        format!(
            "unknown key `{name}`: use a character (`b`, `B`, `?`), `ctrl-x`, `alt-x`, `f1`-`f12` or a name (space, enter, esc, tab, shift-tab, backspace, del, up, down, left, right, home, end, pgup, pgdn)"
        )
    };
    let (mods, base) = modifiers(name);
    let code = if base.chars().count() == 1 {
        let c = base.chars().next().unwrap_or(' ');
        if c.is_control() {
            return Err(unknown());
        }
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
            NAMED
                .iter()
                .find(|(n, _)| *n == lower)
                .map(|(_, code)| *code)
                .ok_or_else(unknown)?
        }
    };
    Ok(Key::Code(code, mods))
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
}
