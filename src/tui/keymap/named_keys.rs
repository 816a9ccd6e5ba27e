//! Every key with a name, written once: as the config file writes it (and
//! the other names it takes) and as the help, the hints and the README
//! show it. `key_names` parses with this table, `config_file` writes the
//! default file with it and `binding` names keys with it.

use crossterm::event::KeyCode;

/// A key with a name.
pub struct Named {
    /// The key.
    pub code: KeyCode,
    /// Its name in the config file, as written back (lowercase).
    pub config: &'static str,
    /// Other names the config file takes for it (lowercase).
    pub also: &'static [&'static str],
    /// Its name in the help, the hints and the README.
    pub shown: &'static str,
}

const fn named(
    code: KeyCode,
    config: &'static str,
    also: &'static [&'static str],
    shown: &'static str,
) -> Named {
    Named {
        code,
        config,
        also,
        shown,
    }
}

/// The named keys.
pub const NAMED: &[Named] = &[
    named(KeyCode::Char(' '), "space", &[], "Space"),
    named(KeyCode::Enter, "enter", &["return"], "Enter"),
    named(KeyCode::Esc, "esc", &["escape"], "Esc"),
    named(KeyCode::Tab, "tab", &[], "Tab"),
    named(KeyCode::BackTab, "shift-tab", &["backtab"], "Shift-Tab"),
    named(KeyCode::Backspace, "backspace", &[], "Backspace"),
    named(KeyCode::Delete, "del", &["delete"], "Del"),
    named(KeyCode::Up, "up", &[], "↑"),
    named(KeyCode::Down, "down", &[], "↓"),
    named(KeyCode::Left, "left", &[], "←"),
    named(KeyCode::Right, "right", &[], "→"),
    named(KeyCode::Home, "home", &[], "Home"),
    named(KeyCode::End, "end", &[], "End"),
    named(KeyCode::PageUp, "pgup", &["pageup"], "PgUp"),
    named(KeyCode::PageDown, "pgdn", &["pagedown"], "PgDn"),
    named(KeyCode::Insert, "insert", &[], "Insert"),
];

/// The named key `code` is, if it is one.
pub fn of(code: KeyCode) -> Option<&'static Named> {
    NAMED.iter().find(|n| n.code == code)
}

/// The key a config file's (lowercase) name means, if it names one.
pub fn called(name: &str) -> Option<KeyCode> {
    NAMED
        .iter()
        .find(|n| n.config == name || n.also.contains(&name))
        .map(|n| n.code)
}
