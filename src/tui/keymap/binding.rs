//! What a binding is: keys, the command they give, the help text and the
//! status-line hint; and the shorthands the tables are written with.

use crossterm::event::{KeyCode, KeyModifiers};

use super::commands::Named;

/// A key, or any of the digits `1`–`9`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key with its modifiers (Ctrl and Alt only: Shift is part of the
    /// character).
    Code(KeyCode, KeyModifiers),
    /// `1`–`9`: the command takes the digit (links are numbered so).
    Digit,
}

pub(super) const fn plain(code: KeyCode) -> Key {
    Key::Code(code, KeyModifiers::NONE)
}

pub(super) const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

pub(super) const fn ctrl(c: char) -> Key {
    Key::Code(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub(super) const fn alt(code: KeyCode) -> Key {
    Key::Code(code, KeyModifiers::ALT)
}

impl Key {
    /// The key as the help overlay and `docs/keys.md` name it.
    pub fn name(self) -> String {
        let Key::Code(code, mods) = self else {
            return "1-9".into();
        };
        let base = match (code, super::named_keys::of(code)) {
            (_, Some(named)) => named.shown.to_string(),
            (KeyCode::Char(c), None) => c.to_string(),
            (KeyCode::F(n), None) => format!("F{n}"),
            (other, None) => format!("{other:?}"),
        };
        let base = if mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        };
        if mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// One row of a key table: a command of [`super::commands`] where it
/// applies, with its keys there.
pub struct Binding {
    /// Keys that give the command.
    pub keys: &'static [Key],
    /// The command they give, with its config name.
    pub named: Named,
    /// What the help overlay says they do here.
    pub help: &'static str,
    /// The status line's hint: keys as shown there, and what they do.
    pub hint: Option<(&'static str, &'static str)>,
}

impl Named {
    /// The command bound to `keys`, as a row of a key table.
    pub(super) const fn on(self, keys: &'static [Key]) -> Binding {
        let help = self.help;
        Binding {
            keys,
            named: self,
            help,
            hint: None,
        }
    }
}

impl Binding {
    /// The keys, named, as the help overlay shows them.
    pub fn label(&self) -> String {
        let names: Vec<String> = self.keys.iter().map(|k| k.name()).collect();
        names.join(" ")
    }

    /// The row saying what the command does here in words of its own.
    pub(super) const fn help(mut self, help: &'static str) -> Binding {
        self.help = help;
        self
    }

    /// The row with a status-line hint: the keys as shown there, and what
    /// they do.
    pub(super) const fn hint(mut self, keys: &'static str, what: &'static str) -> Binding {
        self.hint = Some((keys, what));
        self
    }
}
