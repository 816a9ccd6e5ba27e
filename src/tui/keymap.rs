//! The only place keys are known: terminal events to commands, per context.
//! Every binding carries its help text and, where it belongs in the status
//! line, its hint; the help overlay, the status-line hints and the popup
//! titles are all made from these tables, and labels from the keys
//! themselves, so none of them can drift from what the keys do.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::Command;
use super::line_edit::Edit;

mod binding;
mod commands;
mod effective;
mod key_names;
mod named_keys;
mod panes;
mod popups;
mod sections;

use std::sync::OnceLock;

pub use binding::{Binding, Key};
pub use effective::{Bound, Keymap};
pub use key_names::config_name;
pub use panes::{ANYWHERE, BROWSING, DETAIL, FACETS, QUERY};
pub use popups::{COPY, EXPORT, HELP, LINE, LINKS, NAME, NOTE, QUERIES, TIMELINE};
pub use sections::{Context, Section};

/// The keymap in effect, set once before the reader starts.
static CURRENT: OnceLock<Keymap> = OnceLock::new();

/// Puts `keymap` in effect for the rest of the process; a second call
/// changes nothing.
pub fn install(keymap: Keymap) {
    let _ = CURRENT.set(keymap);
}

/// The keymap in effect: the one installed, else the defaults.
pub fn current() -> &'static Keymap {
    CURRENT.get_or_init(Keymap::default)
}

impl Keymap {
    /// The status line's hints in `context`, in table order; a binding
    /// whose keys an earlier table takes has none.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        let sections = context.sections();
        let mut hints = Vec::new();
        for (i, &section) in sections.iter().enumerate() {
            for binding in self.table(section) {
                let shadowed = binding.keys.iter().all(|k| {
                    sections[..i]
                        .iter()
                        .any(|&s| self.table(s).iter().any(|b| b.keys.contains(k)))
                });
                if let (Some(hint), false) = (&binding.hint, shadowed) {
                    hints.push(hint.clone());
                }
            }
        }
        hints
    }

    /// The command a key gives in `context`, if any.
    pub fn command(&self, context: Context, key: &KeyEvent) -> Option<Command> {
        // Shift is part of the character itself (`G`, `?`); only Ctrl and
        // Alt change a key's meaning.
        let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let pressed = Key::Code(key.code, mods);
        // Whatever the config says: a way out the user can always count on.
        if pressed == binding::ctrl('c') {
            return Some(Command::Quit);
        }
        let digit = match key.code {
            KeyCode::Char(c @ '1'..='9') if mods.is_empty() => Some(c as usize - '1' as usize),
            _ => None,
        };
        let bindings = context.sections().iter().flat_map(|&s| self.table(s));
        for binding in bindings {
            if binding.keys.contains(&pressed) {
                return Some(binding.command.clone());
            }
            if let (Some(d), true) = (digit, binding.keys.contains(&Key::Digit)) {
                return Some(match binding.command {
                    Command::OpenLink(_) => Command::OpenLink(d),
                    Command::RunQuery(_) => Command::RunQuery(d),
                    ref other => other.clone(),
                });
            }
        }
        match (context, key.code) {
            (
                Context::Query | Context::Note | Context::Name | Context::Export,
                KeyCode::Char(c),
            ) if mods.is_empty() && !c.is_control() => Some(Command::Edit(Edit::Insert(c))),
            (Context::Help, _) => Some(Command::ToggleHelp),
            (Context::List | Context::Detail | Context::Facets, KeyCode::Char(c))
                if mods.is_empty() && !c.is_control() =>
            {
                Some(Command::Unbound(c))
            }
            _ => None,
        }
    }
}

impl Context {
    /// The status line's hints here, from the keymap in effect.
    pub fn hints(self) -> Vec<(String, &'static str)> {
        current().hints(self)
    }

    /// The hints the status line keeps however narrow it is (help and
    /// quit), if this context has them.
    pub fn essential_hints(self) -> Vec<(String, &'static str)> {
        let essential = [Command::ToggleHelp, Command::Quit];
        let hints = self.hints();
        self.sections()
            .iter()
            .flat_map(|&s| current().table(s))
            .filter(|b| essential.contains(&b.command))
            .filter_map(|b| b.hint.clone())
            .filter(|h| hints.contains(h))
            .collect()
    }

    /// A popup's bottom title: the hints of its own table.
    pub fn title(self) -> String {
        let own = self
            .sections()
            .get(1)
            .map_or(&[][..], |&s| current().table(s));
        let hints: Vec<String> = own
            .iter()
            .filter_map(|b| b.hint.as_ref())
            .map(|(keys, what)| format!("{keys} {what}"))
            .collect();
        format!(" {} ", hints.join(" · "))
    }
}

/// The first key of `command` in the browsing panes, as the status line
/// names it (`/` for the query line).
pub fn browsing_keys(command: &Command) -> String {
    first_key(Section::Browsing, command)
}

/// The first key of `command` in a table, named.
pub fn first_key(section: Section, command: &Command) -> String {
    current()
        .table(section)
        .iter()
        .find(|b| b.command == *command)
        .and_then(|b| b.keys.first())
        .map_or_else(String::new, |k| k.name())
}

/// The help's sections in effect: title and bindings of every table.
pub fn sections() -> impl Iterator<Item = (&'static str, &'static [Bound])> {
    Section::ALL
        .into_iter()
        .map(|s| (s.title(), current().table(s)))
}

/// The command for a terminal event in this context, if any.
pub fn command_for(context: Context, event: &Event) -> Option<Command> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => current().command(context, key),
        Event::Mouse(mouse) => mouse_command(mouse),
        Event::Resize(w, h) => Some(Command::Resize(*w, *h)),
        Event::Paste(text) => Some(Command::Paste(text.clone())),
        _ => None,
    }
}

fn mouse_command(mouse: &MouseEvent) -> Option<Command> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Command::ScrollAt {
            column,
            row,
            delta: 3,
        }),
        MouseEventKind::ScrollUp => Some(Command::ScrollAt {
            column,
            row,
            delta: -3,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Command::ClickAt { column, row }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, mods))
    }

    #[test]
    fn keys_map_to_commands_by_context() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        let list = |c, e: &Event| command_for(c, e);
        assert_eq!(
            list(Context::List, &key(KeyCode::Char('j'), none)),
            Some(Command::Move(1))
        );
        assert_eq!(
            list(Context::List, &key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Command::Bottom)
        );
        assert_eq!(
            list(Context::Query, &key(KeyCode::Char('j'), none)),
            Some(Command::Edit(Edit::Insert('j')))
        );
        assert_eq!(
            list(Context::Query, &key(KeyCode::Char('u'), ctrl)),
            Some(Command::Edit(Edit::Clear))
        );
        assert_eq!(
            list(Context::List, &key(KeyCode::Char('u'), ctrl)),
            Some(Command::HalfPageUp)
        );
        assert_eq!(
            list(Context::Help, &key(KeyCode::Char('x'), none)),
            Some(Command::ToggleHelp)
        );
        assert_eq!(
            list(Context::List, &key(KeyCode::Char('c'), ctrl)),
            Some(Command::Quit)
        );
        assert_eq!(
            list(Context::List, &key(KeyCode::Char('x'), none)),
            Some(Command::Unbound('x'))
        );
        assert_eq!(
            list(Context::Help, &key(KeyCode::Char('q'), none)),
            Some(Command::ToggleHelp),
            "q closes the help, as it closes the links"
        );
        assert_eq!(
            list(Context::List, &key(KeyCode::Char('x'), ctrl)),
            None,
            "only printable keys are stray typing"
        );
        assert_eq!(
            list(Context::Detail, &key(KeyCode::Enter, none)),
            Some(Command::JumpRelated),
            "Enter in the detail shows the related paper under the cursor"
        );
        assert_eq!(
            list(Context::List, &key(KeyCode::Char('f'), none)),
            Some(Command::ShowFacets)
        );
        for context in [
            Context::List,
            Context::Query,
            Context::Note,
            Context::Links,
            Context::Help,
        ] {
            assert_eq!(
                list(context, &key(KeyCode::Char('z'), ctrl)),
                Some(Command::Suspend),
                "{context:?}"
            );
            assert_eq!(
                list(context, &Event::Paste("a\nb".into())),
                Some(Command::Paste("a\nb".into()))
            );
        }
        let facets = |e: &Event| command_for(Context::Facets, e);
        assert_eq!(
            facets(&key(KeyCode::Enter, none)),
            Some(Command::ToggleFacetEntry)
        );
        assert_eq!(
            facets(&key(KeyCode::Char(' '), none)),
            Some(Command::ToggleFacetEntry)
        );
        assert_eq!(
            facets(&key(KeyCode::Char('c'), none)),
            Some(Command::ClearFacets)
        );
        assert_eq!(
            facets(&key(KeyCode::Char('j'), none)),
            Some(Command::Move(1))
        );
        let links = |e: &Event| command_for(Context::Links, e);
        assert_eq!(
            links(&key(KeyCode::Char('1'), none)),
            Some(Command::OpenLink(0))
        );
        assert_eq!(
            links(&key(KeyCode::Char('9'), none)),
            Some(Command::OpenLink(8))
        );
        assert_eq!(links(&key(KeyCode::Char('0'), none)), None);
    }

    #[test]
    fn every_binding_has_keys_a_label_help_and_a_name_of_its_own() {
        for (section, table) in sections() {
            let mut names = std::collections::HashSet::new();
            for b in table {
                assert!(!b.keys.is_empty(), "{section}: {}", b.help);
                assert!(!b.help.is_empty(), "{section}");
                assert!(names.insert(b.name()), "{section}: {} twice", b.name());
                for key in &b.keys {
                    let name = key.name();
                    assert!(
                        !name.is_empty() && !name.contains("Char"),
                        "{section}: {name}"
                    );
                    assert!(b.label().contains(&name), "{section}: {name}");
                }
            }
        }
    }

    #[test]
    fn every_hint_names_bound_keys() {
        for context in Context::ALL {
            let names: Vec<String> = context
                .sections()
                .iter()
                .flat_map(|&s| current().table(s))
                .flat_map(|b| b.keys.iter().map(|k| k.name()))
                .collect();
            for (keys, _) in context.hints() {
                // `j/k` names two keys; `/` alone is the key itself.
                let named: Vec<&str> = match keys.as_str() {
                    "/" => vec!["/"],
                    keys => keys.split('/').collect(),
                };
                for key in named {
                    assert!(names.iter().any(|n| n == key), "{context:?}: {key}");
                }
            }
        }
    }

    #[test]
    fn hints_and_titles_come_from_the_tables() {
        let hints: Vec<String> = Context::List
            .hints()
            .iter()
            .map(|(k, w)| format!("{k} {w}"))
            .collect();
        assert_eq!(
            hints,
            [
                "/ filter",
                "j/k move",
                "Enter read",
                "b bookmark",
                "o open",
                "Tab pane",
                "f facets",
                "s/S sort",
                "? help",
                "q quit"
            ]
        );
        let facets: Vec<String> = Context::Facets.hints().into_iter().map(|h| h.0).collect();
        assert!(
            !facets.iter().any(|k| k == "Enter"),
            "Enter toggles there: {facets:?}"
        );
        assert_eq!(Context::Note.title(), " Enter save · Esc cancel ");
        assert_eq!(
            Context::Links.title(),
            " 1-9 open · Enter open selected · Esc close "
        );
    }
}
