//! The only place keys are known: terminal events to actions. The help
//! overlay is generated from the same tables, so the two cannot drift.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::Action;
use super::app::{Focus, Mode};
use super::line_edit::Edit;

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    code: KeyCode,
    mods: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// One row of the key table: the keys, what they do, and the help text.
pub struct Binding {
    /// Keys that trigger the action.
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
    /// The keys as the help overlay shows them.
    pub label: &'static str,
    /// What the help overlay says they do.
    pub help: &'static str,
}

/// Keys of the list and detail panes.
pub const NORMAL: &[Binding] = &[
    Binding {
        keys: &[ch('/')],
        action: Action::EditQuery,
        label: "/",
        help: "edit the query (typing filters live)",
    },
    Binding {
        keys: &[ch('j'), plain(KeyCode::Down)],
        action: Action::Move(1),
        label: "j ↓",
        help: "next paper (scroll down in the detail)",
    },
    Binding {
        keys: &[ch('k'), plain(KeyCode::Up)],
        action: Action::Move(-1),
        label: "k ↑",
        help: "previous paper (scroll up in the detail)",
    },
    Binding {
        keys: &[plain(KeyCode::PageDown), ctrl('f')],
        action: Action::PageDown,
        label: "PgDn",
        help: "one page down",
    },
    Binding {
        keys: &[plain(KeyCode::PageUp), ctrl('b')],
        action: Action::PageUp,
        label: "PgUp",
        help: "one page up",
    },
    Binding {
        keys: &[ctrl('d')],
        action: Action::HalfPageDown,
        label: "Ctrl-d",
        help: "half a page down",
    },
    Binding {
        keys: &[ctrl('u')],
        action: Action::HalfPageUp,
        label: "Ctrl-u",
        help: "half a page up",
    },
    Binding {
        keys: &[ch('g'), plain(KeyCode::Home)],
        action: Action::Top,
        label: "g Home",
        help: "first paper (top of the detail)",
    },
    Binding {
        keys: &[ch('G'), plain(KeyCode::End)],
        action: Action::Bottom,
        label: "G End",
        help: "last paper (end of the detail)",
    },
    Binding {
        keys: &[plain(KeyCode::Tab)],
        action: Action::FocusNext,
        label: "Tab",
        help: "focus the next pane",
    },
    Binding {
        keys: &[plain(KeyCode::BackTab)],
        action: Action::FocusPrev,
        label: "Shift-Tab",
        help: "focus the previous pane",
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        action: Action::FocusDetail,
        label: "Enter",
        help: "read the selected paper (focus the detail)",
    },
    Binding {
        keys: &[ch('b')],
        action: Action::ToggleBookmark,
        label: "b",
        help: "bookmark or unbookmark the paper",
    },
    Binding {
        keys: &[ch('B')],
        action: Action::ToggleBookmarkedFilter,
        label: "B",
        help: "show only bookmarks (toggles is:bookmarked)",
    },
    Binding {
        keys: &[ch('n')],
        action: Action::EditNote,
        label: "n",
        help: "edit the bookmark's note",
    },
    Binding {
        keys: &[ch('o')],
        action: Action::OpenCode,
        label: "o",
        help: "open the paper's code link",
    },
    Binding {
        keys: &[ch('O')],
        action: Action::ShowLinks,
        label: "O",
        help: "list all links (1-9 or Enter opens one)",
    },
    Binding {
        keys: &[ch('f')],
        action: Action::ToggleFacets,
        label: "f",
        help: "show or hide the facets panel",
    },
    Binding {
        keys: &[ch('s')],
        action: Action::SortNext,
        label: "s",
        help: "sort by the next key",
    },
    Binding {
        keys: &[ch('S')],
        action: Action::SortReverse,
        label: "S",
        help: "reverse the order",
    },
    Binding {
        keys: &[ch('?')],
        action: Action::ToggleHelp,
        label: "?",
        help: "this help",
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        action: Action::Back,
        label: "Esc",
        help: "close a popup, leave the query, back to the list",
    },
    Binding {
        keys: &[ch('q'), ctrl('c')],
        action: Action::Quit,
        label: "q Ctrl-c",
        help: "quit",
    },
];

/// Keys of the facets panel, before those of [`NORMAL`].
pub const FACETS: &[Binding] = &[
    Binding {
        keys: &[ch(' '), plain(KeyCode::Enter)],
        action: Action::FacetToggle,
        label: "Space Enter",
        help: "add or remove the entry's clause in the query",
    },
    Binding {
        keys: &[ch('c')],
        action: Action::FacetClear,
        label: "c",
        help: "clear every facet clause",
    },
];

/// Keys of the query line, before those of [`LINE`].
pub const QUERY: &[Binding] = &[
    Binding {
        keys: &[plain(KeyCode::Enter), plain(KeyCode::Esc)],
        action: Action::LeaveQuery,
        label: "Enter Esc",
        help: "back to the list, keeping the query",
    },
    Binding {
        keys: &[plain(KeyCode::Down), ctrl('n'), ctrl('j')],
        action: Action::Move(1),
        label: "↓ Ctrl-n",
        help: "next paper while typing",
    },
    Binding {
        keys: &[plain(KeyCode::Up), ctrl('p'), ctrl('k')],
        action: Action::Move(-1),
        label: "↑ Ctrl-p",
        help: "previous paper while typing",
    },
    Binding {
        keys: &[ctrl('c')],
        action: Action::Quit,
        label: "Ctrl-c",
        help: "quit",
    },
];

/// Keys of the note popup, before those of [`LINE`].
pub const NOTE: &[Binding] = &[
    Binding {
        keys: &[plain(KeyCode::Enter)],
        action: Action::SaveNote,
        label: "Enter",
        help: "save the note",
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        action: Action::Back,
        label: "Esc",
        help: "cancel",
    },
    Binding {
        keys: &[ctrl('c')],
        action: Action::Quit,
        label: "Ctrl-c",
        help: "quit",
    },
];

/// Editing keys of the query line and the note popup; any other printable
/// character is typed.
pub const LINE: &[Binding] = &[
    Binding {
        keys: &[ctrl('u')],
        action: Action::Edit(Edit::Clear),
        label: "Ctrl-u",
        help: "clear the line",
    },
    Binding {
        keys: &[ctrl('w')],
        action: Action::Edit(Edit::DeleteWord),
        label: "Ctrl-w",
        help: "delete the word before the cursor",
    },
    Binding {
        keys: &[plain(KeyCode::Backspace), ctrl('h')],
        action: Action::Edit(Edit::Backspace),
        label: "Backspace",
        help: "delete before the cursor",
    },
    Binding {
        keys: &[plain(KeyCode::Delete)],
        action: Action::Edit(Edit::Delete),
        label: "Del",
        help: "delete under the cursor",
    },
    Binding {
        keys: &[plain(KeyCode::Left), ctrl('b')],
        action: Action::Edit(Edit::Left),
        label: "←",
        help: "cursor left",
    },
    Binding {
        keys: &[plain(KeyCode::Right), ctrl('f')],
        action: Action::Edit(Edit::Right),
        label: "→",
        help: "cursor right",
    },
    Binding {
        keys: &[plain(KeyCode::Home), ctrl('a')],
        action: Action::Edit(Edit::Home),
        label: "Home Ctrl-a",
        help: "cursor to the start",
    },
    Binding {
        keys: &[plain(KeyCode::End), ctrl('e')],
        action: Action::Edit(Edit::End),
        label: "End Ctrl-e",
        help: "cursor to the end",
    },
];

/// Keys of the links popup.
pub const LINKS: &[Binding] = &[
    Binding {
        keys: &[ch('1')],
        action: Action::OpenLink(0),
        label: "1-9",
        help: "open that link",
    },
    Binding {
        keys: &[ch('2')],
        action: Action::OpenLink(1),
        label: "2",
        help: "open that link",
    },
    Binding {
        keys: &[ch('3')],
        action: Action::OpenLink(2),
        label: "3",
        help: "open that link",
    },
    Binding {
        keys: &[ch('4')],
        action: Action::OpenLink(3),
        label: "4",
        help: "open that link",
    },
    Binding {
        keys: &[ch('5')],
        action: Action::OpenLink(4),
        label: "5",
        help: "open that link",
    },
    Binding {
        keys: &[ch('6')],
        action: Action::OpenLink(5),
        label: "6",
        help: "open that link",
    },
    Binding {
        keys: &[ch('7')],
        action: Action::OpenLink(6),
        label: "7",
        help: "open that link",
    },
    Binding {
        keys: &[ch('8')],
        action: Action::OpenLink(7),
        label: "8",
        help: "open that link",
    },
    Binding {
        keys: &[ch('9')],
        action: Action::OpenLink(8),
        label: "9",
        help: "open that link",
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        action: Action::OpenSelectedLink,
        label: "Enter",
        help: "open the link under the cursor",
    },
    Binding {
        keys: &[ch('j'), plain(KeyCode::Down)],
        action: Action::Move(1),
        label: "j ↓",
        help: "next link",
    },
    Binding {
        keys: &[ch('k'), plain(KeyCode::Up)],
        action: Action::Move(-1),
        label: "k ↑",
        help: "previous link",
    },
    Binding {
        keys: &[plain(KeyCode::Esc), ch('q')],
        action: Action::Back,
        label: "Esc q",
        help: "close",
    },
    Binding {
        keys: &[ctrl('c')],
        action: Action::Quit,
        label: "Ctrl-c",
        help: "quit",
    },
];

/// Keys of the help overlay: any other key closes it.
pub const HELP: &[Binding] = &[
    Binding {
        keys: &[ch('j'), plain(KeyCode::Down)],
        action: Action::Move(1),
        label: "j ↓",
        help: "scroll the help",
    },
    Binding {
        keys: &[ch('k'), plain(KeyCode::Up)],
        action: Action::Move(-1),
        label: "k ↑",
        help: "scroll the help",
    },
    Binding {
        keys: &[ctrl('c'), ch('q')],
        action: Action::Quit,
        label: "q Ctrl-c",
        help: "quit",
    },
];

/// Keys that do the same in every mode, looked at first.
pub const ANYWHERE: &[Binding] = &[Binding {
    keys: &[ctrl('z')],
    action: Action::Suspend,
    label: "Ctrl-z",
    help: "suspend (back with fg)",
}];

/// The action for a terminal event in this mode and focus, if any.
pub fn action_for(mode: Mode, focus: Focus, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(mode, focus, key),
        Event::Mouse(mouse) => mouse_action(mouse),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        _ => None,
    }
}

fn key_action(mode: Mode, focus: Focus, key: &KeyEvent) -> Option<Action> {
    // Shift is part of the character itself (`G`, `?`); only Ctrl and Alt
    // change a key's meaning.
    let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let pressed = Key {
        code: key.code,
        mods,
    };
    let tables: &[&[Binding]] = match (mode, focus) {
        (Mode::Normal, Focus::Facets) => &[ANYWHERE, FACETS, NORMAL],
        (Mode::Normal, _) => &[ANYWHERE, NORMAL],
        (Mode::Query, _) => &[ANYWHERE, QUERY, LINE],
        (Mode::Note, _) => &[ANYWHERE, NOTE, LINE],
        (Mode::Links, _) => &[ANYWHERE, LINKS],
        (Mode::Help, _) => &[ANYWHERE, HELP],
    };
    if let Some(b) = tables
        .iter()
        .flat_map(|t| t.iter())
        .find(|b| b.keys.contains(&pressed))
    {
        return Some(b.action.clone());
    }
    match (mode, key.code) {
        (Mode::Query | Mode::Note, KeyCode::Char(c)) if mods.is_empty() && !c.is_control() => {
            Some(Action::Edit(Edit::Insert(c)))
        }
        (Mode::Help, _) => Some(Action::ToggleHelp),
        _ => None,
    }
}

fn mouse_action(mouse: &MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::ScrollAt {
            column,
            row,
            delta: 3,
        }),
        MouseEventKind::ScrollUp => Some(Action::ScrollAt {
            column,
            row,
            delta: -3,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::ClickAt { column, row }),
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
    fn keys_map_to_actions_by_mode_and_focus() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        let list = |m, e: &Event| action_for(m, Focus::List, e);
        assert_eq!(
            list(Mode::Normal, &key(KeyCode::Char('j'), none)),
            Some(Action::Move(1))
        );
        assert_eq!(
            list(Mode::Normal, &key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            list(Mode::Query, &key(KeyCode::Char('j'), none)),
            Some(Action::Edit(Edit::Insert('j')))
        );
        assert_eq!(
            list(Mode::Query, &key(KeyCode::Char('u'), ctrl)),
            Some(Action::Edit(Edit::Clear))
        );
        assert_eq!(
            list(Mode::Normal, &key(KeyCode::Char('u'), ctrl)),
            Some(Action::HalfPageUp)
        );
        assert_eq!(
            list(Mode::Help, &key(KeyCode::Char('x'), none)),
            Some(Action::ToggleHelp)
        );
        assert_eq!(
            list(Mode::Normal, &key(KeyCode::Char('c'), ctrl)),
            Some(Action::Quit)
        );
        assert_eq!(list(Mode::Normal, &key(KeyCode::Char('x'), none)), None);
        assert_eq!(
            list(Mode::Normal, &key(KeyCode::Enter, none)),
            Some(Action::FocusDetail)
        );
        assert_eq!(
            list(Mode::Normal, &key(KeyCode::Char('f'), none)),
            Some(Action::ToggleFacets)
        );
        for mode in [
            Mode::Normal,
            Mode::Query,
            Mode::Note,
            Mode::Links,
            Mode::Help,
        ] {
            assert_eq!(
                list(mode, &key(KeyCode::Char('z'), ctrl)),
                Some(Action::Suspend),
                "{mode:?}"
            );
            assert_eq!(
                list(mode, &Event::Paste("a\nb".into())),
                Some(Action::Paste("a\nb".into()))
            );
        }
        let facets = |e: &Event| action_for(Mode::Normal, Focus::Facets, e);
        assert_eq!(
            facets(&key(KeyCode::Enter, none)),
            Some(Action::FacetToggle)
        );
        assert_eq!(
            facets(&key(KeyCode::Char(' '), none)),
            Some(Action::FacetToggle)
        );
        assert_eq!(
            facets(&key(KeyCode::Char('c'), none)),
            Some(Action::FacetClear)
        );
        assert_eq!(
            facets(&key(KeyCode::Char('j'), none)),
            Some(Action::Move(1))
        );
    }

    #[test]
    fn every_binding_has_keys_and_help() {
        for b in NORMAL
            .iter()
            .chain(ANYWHERE)
            .chain(FACETS)
            .chain(QUERY)
            .chain(NOTE)
            .chain(LINE)
            .chain(HELP)
        {
            assert!(!b.keys.is_empty() && !b.help.is_empty() && !b.label.is_empty());
        }
    }
}
