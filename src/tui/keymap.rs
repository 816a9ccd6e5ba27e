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
mod popups;

pub use binding::{Binding, Key};
use binding::{bind, ch, ctrl, hinted, plain};
pub use popups::{COPY, HELP, LINE, LINKS, NAME, NOTE, QUERIES};

/// Keys that do the same in every context, looked at first.
pub const ANYWHERE: &[Binding] = &[bind(
    &[ctrl('z')],
    Command::Suspend,
    "suspend (back with fg)",
)];

/// Keys of the list and detail panes.
pub const BROWSING: &[Binding] = &[
    hinted(
        &[ch('/')],
        Command::EditQuery,
        "edit the query (typing filters live)",
        ("/", "filter"),
    ),
    hinted(
        &[ch('j'), plain(KeyCode::Down)],
        Command::Move(1),
        "next paper (scroll down in the detail)",
        ("j/k", "move"),
    ),
    bind(
        &[ch('k'), plain(KeyCode::Up)],
        Command::Move(-1),
        "previous paper (scroll up in the detail)",
    ),
    bind(
        &[plain(KeyCode::PageDown), ctrl('f')],
        Command::PageDown,
        "one page down",
    ),
    bind(
        &[plain(KeyCode::PageUp), ctrl('b')],
        Command::PageUp,
        "one page up",
    ),
    bind(&[ctrl('d')], Command::HalfPageDown, "half a page down"),
    bind(&[ctrl('u')], Command::HalfPageUp, "half a page up"),
    bind(
        &[ch('g'), plain(KeyCode::Home)],
        Command::Top,
        "first paper (top of the detail)",
    ),
    bind(
        &[ch('G'), plain(KeyCode::End)],
        Command::Bottom,
        "last paper (end of the detail)",
    ),
    hinted(
        &[plain(KeyCode::Enter)],
        Command::FocusDetail,
        "read the selected paper (focus the detail)",
        ("Enter", "read"),
    ),
    hinted(
        &[ch('b')],
        Command::ToggleBookmark,
        "bookmark or unbookmark the paper",
        ("b", "bookmark"),
    ),
    bind(
        &[ch('B')],
        Command::ToggleBookmarkedFilter,
        "show only bookmarks (toggles is:bookmarked)",
    ),
    bind(&[ch('n')], Command::EditNote, "edit the bookmark's note"),
    bind(
        &[ch('r')],
        Command::ToggleRead,
        "mark the paper read, or unread again",
    ),
    bind(
        &[ch('R')],
        Command::MarkShownRead,
        "mark every paper shown read",
    ),
    bind(
        &[ch('v'), ch(' ')],
        Command::ToggleChosen,
        "pick or unpick (b, r, y and o act on picks)",
    ),
    bind(&[ch('V')], Command::ChooseShown, "pick every paper shown"),
    bind(
        &[ch('y')],
        Command::ShowCopy,
        "copy the id, URL, title, Markdown link or BibTeX",
    ),
    bind(
        &[ch('Q')],
        Command::ShowQueries,
        "the saved queries (1-9 runs one)",
    ),
    bind(
        &[ch('u')],
        Command::Undo,
        "undo the last bookmark or read change",
    ),
    hinted(
        &[ch('o')],
        Command::OpenCode,
        "open the code link, else the paper's page",
        ("o", "open"),
    ),
    bind(
        &[ch('O')],
        Command::ShowLinks,
        "list all links (1-9 or Enter opens one)",
    ),
    hinted(
        &[plain(KeyCode::Tab)],
        Command::FocusNext,
        "focus the next pane",
        ("Tab", "pane"),
    ),
    bind(
        &[plain(KeyCode::BackTab)],
        Command::FocusPrev,
        "focus the previous pane",
    ),
    hinted(
        &[ch('f')],
        Command::ShowFacets,
        "show or hide the facets panel",
        ("f", "facets"),
    ),
    hinted(
        &[ch('s')],
        Command::SortNext,
        "sort by the next key",
        ("s/S", "sort"),
    ),
    bind(&[ch('S')], Command::SortReverse, "reverse the order"),
    hinted(&[ch('?')], Command::ToggleHelp, "this help", ("?", "help")),
    bind(
        &[plain(KeyCode::Esc)],
        Command::Back,
        "close popup, back to the list, then clear query",
    ),
    hinted(&[ch('q'), ctrl('c')], Command::Quit, "quit", ("q", "quit")),
];

/// Keys of the detail pane, before those of [`BROWSING`]: the same moves,
/// named for what they do there.
pub const DETAIL: &[Binding] = &[
    hinted(
        &[ch('j'), plain(KeyCode::Down)],
        Command::Move(1),
        "scroll the abstract down",
        ("j/k", "scroll"),
    ),
    bind(
        &[ch('k'), plain(KeyCode::Up)],
        Command::Move(-1),
        "scroll the abstract up",
    ),
    hinted(
        &[plain(KeyCode::Esc)],
        Command::Back,
        "back to the list",
        ("Esc", "list"),
    ),
    hinted(
        &[ch('O')],
        Command::ShowLinks,
        "list all links (1-9 or Enter opens one)",
        ("O", "links"),
    ),
];

/// Keys of the facets panel, before those of [`BROWSING`].
pub const FACETS: &[Binding] = &[
    hinted(
        &[ch(' '), plain(KeyCode::Enter)],
        Command::ToggleFacetEntry,
        "add or remove the entry's clause in the query",
        ("Space", "toggle"),
    ),
    hinted(
        &[ch('c')],
        Command::ClearFacets,
        "clear every facet clause",
        ("c", "clear facets"),
    ),
];

/// Keys of the query line, before those of [`LINE`].
pub const QUERY: &[Binding] = &[
    hinted(
        &[plain(KeyCode::Enter), plain(KeyCode::Esc)],
        Command::LeaveQuery,
        "back to the list, keeping the query",
        ("Enter/Esc", "list"),
    ),
    bind(
        &[plain(KeyCode::Tab)],
        Command::TakeSuggestion,
        "take the word suggested when nothing matches",
    ),
    hinted(
        &[plain(KeyCode::Up)],
        Command::HistoryOlder,
        "the query run before (history, as fzf --history)",
        ("↑/↓", "history"),
    ),
    bind(
        &[plain(KeyCode::Down)],
        Command::HistoryNewer,
        "the query run after, then what was typed",
    ),
    hinted(
        &[ctrl('n'), ctrl('j')],
        Command::Move(1),
        "next paper; at the last one, newer history",
        ("Ctrl-n", "next"),
    ),
    bind(
        &[ctrl('p'), ctrl('k')],
        Command::Move(-1),
        "previous paper; at the first one, older history",
    ),
    bind(
        &[ctrl('s')],
        Command::NameQuery,
        "save the query under a name",
    ),
    bind(&[ctrl('c')], Command::Quit, "quit"),
];

/// Where keys go: the popup on top, else the query line while it is being
/// edited, else the focused pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The result list.
    List,
    /// The detail pane.
    Detail,
    /// The facets panel.
    Facets,
    /// The query line.
    Query,
    /// The note popup.
    Note,
    /// The popup naming a query to save.
    Name,
    /// The links popup.
    Links,
    /// The saved queries popup.
    Queries,
    /// The copy popup.
    Copy,
    /// The help overlay.
    Help,
}

impl Context {
    /// The tables of this context, first match wins.
    pub fn tables(self) -> &'static [&'static [Binding]] {
        match self {
            Context::List => &[ANYWHERE, BROWSING],
            Context::Detail => &[ANYWHERE, DETAIL, BROWSING],
            Context::Facets => &[ANYWHERE, FACETS, BROWSING],
            Context::Query => &[ANYWHERE, QUERY, LINE],
            Context::Note => &[ANYWHERE, NOTE, LINE],
            Context::Name => &[ANYWHERE, NAME, LINE],
            Context::Links => &[ANYWHERE, LINKS],
            Context::Queries => &[ANYWHERE, QUERIES],
            Context::Copy => &[ANYWHERE, COPY],
            Context::Help => &[ANYWHERE, HELP],
        }
    }

    /// The status line's hints here, in table order; a binding whose keys
    /// an earlier table takes has none.
    pub fn hints(self) -> Vec<(&'static str, &'static str)> {
        let tables = self.tables();
        let mut hints = Vec::new();
        for (i, table) in tables.iter().enumerate() {
            for binding in table.iter() {
                let shadowed = binding.keys.iter().all(|k| {
                    tables[..i]
                        .iter()
                        .any(|t| t.iter().any(|b| b.keys.contains(k)))
                });
                if let (Some(hint), false) = (binding.hint, shadowed) {
                    hints.push(hint);
                }
            }
        }
        hints
    }

    /// The hints the status line keeps however narrow it is (help and
    /// quit), if this context has them.
    pub fn essential_hints(self) -> Vec<(&'static str, &'static str)> {
        let essential = [Command::ToggleHelp, Command::Quit];
        self.tables()
            .iter()
            .flat_map(|t| t.iter())
            .filter(|b| essential.contains(&b.command))
            .filter_map(|b| b.hint)
            .filter(|h| self.hints().contains(h))
            .collect()
    }

    /// A popup's bottom title: the hints of its own table.
    pub fn title(self) -> String {
        let own = self.tables().get(1).copied().unwrap_or_default();
        let hints: Vec<String> = own
            .iter()
            .filter_map(|b| b.hint)
            .map(|(keys, what)| format!("{keys} {what}"))
            .collect();
        format!(" {} ", hints.join(" · "))
    }
}

/// The keys of `command` in the browsing panes, as the status line names
/// them (`/` for the query line).
pub fn browsing_keys(command: &Command) -> String {
    BROWSING
        .iter()
        .find(|b| b.command == *command)
        .and_then(|b| b.keys.first())
        .map_or_else(String::new, |k| k.name())
}

/// The help overlay's sections, every table in it.
pub const SECTIONS: &[(&str, &[Binding])] = &[
    ("Browsing", BROWSING),
    ("Anywhere", ANYWHERE),
    ("Detail pane", DETAIL),
    ("Facets panel", FACETS),
    ("Query line", QUERY),
    ("Note popup", NOTE),
    ("Saving a query", NAME),
    ("Editing (query and note)", LINE),
    ("Links popup", LINKS),
    ("Saved queries popup", QUERIES),
    ("Copy popup", COPY),
    ("Help", HELP),
];

/// The command for a terminal event in this context, if any.
pub fn command_for(context: Context, event: &Event) -> Option<Command> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_command(context, key),
        Event::Mouse(mouse) => mouse_command(mouse),
        Event::Resize(w, h) => Some(Command::Resize(*w, *h)),
        Event::Paste(text) => Some(Command::Paste(text.clone())),
        _ => None,
    }
}

fn key_command(context: Context, key: &KeyEvent) -> Option<Command> {
    // Shift is part of the character itself (`G`, `?`); only Ctrl and Alt
    // change a key's meaning.
    let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let pressed = Key::Code(key.code, mods);
    let digit = match key.code {
        KeyCode::Char(c @ '1'..='9') if mods.is_empty() => Some(c as usize - '1' as usize),
        _ => None,
    };
    for binding in context.tables().iter().flat_map(|t| t.iter()) {
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
        (Context::Query | Context::Note | Context::Name, KeyCode::Char(c))
            if mods.is_empty() && !c.is_control() =>
        {
            Some(Command::Edit(Edit::Insert(c)))
        }
        (Context::Help, _) => Some(Command::ToggleHelp),
        (Context::List | Context::Detail | Context::Facets, KeyCode::Char(c))
            if mods.is_empty() && !c.is_control() =>
        {
            Some(Command::Unbound(c))
        }
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
            Some(Command::FocusDetail)
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
    fn every_binding_has_keys_a_label_and_help() {
        for (section, table) in SECTIONS {
            for b in *table {
                assert!(!b.keys.is_empty(), "{section}: {}", b.help);
                assert!(!b.help.is_empty(), "{section}");
                for key in b.keys {
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
    fn every_table_is_in_the_help_and_every_hint_names_bound_keys() {
        let tables: Vec<*const Binding> =
            [ANYWHERE, BROWSING, FACETS, QUERY, NOTE, LINE, LINKS, HELP]
                .iter()
                .map(|t| t.as_ptr())
                .collect();
        for table in &tables {
            assert!(
                SECTIONS.iter().any(|(_, t)| t.as_ptr() == *table),
                "a table is missing from the help"
            );
        }
        for context in [
            Context::List,
            Context::Detail,
            Context::Facets,
            Context::Query,
            Context::Note,
            Context::Links,
            Context::Help,
        ] {
            let names: Vec<String> = context
                .tables()
                .iter()
                .flat_map(|t| t.iter())
                .flat_map(|b| b.keys.iter().map(|k| k.name()))
                .collect();
            for (keys, _) in context.hints() {
                // `j/k` names two keys; `/` alone is the key itself.
                let named: Vec<&str> = match keys {
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
        let facets: Vec<&str> = Context::Facets.hints().iter().map(|h| h.0).collect();
        assert!(
            !facets.contains(&"Enter"),
            "Enter toggles there: {facets:?}"
        );
        assert_eq!(Context::Note.title(), " Enter save · Esc cancel ");
        assert_eq!(
            Context::Links.title(),
            " 1-9 open · Enter open selected · Esc close "
        );
    }
}
