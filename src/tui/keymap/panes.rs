//! The key tables of the panes and of the query line.

use crossterm::event::KeyCode;

use super::binding::{Binding, alt, ch, ctrl, plain};
use super::commands as c;

/// Keys that do the same in every context, looked at first.
pub const ANYWHERE: &[Binding] = &[c::SUSPEND.on(&[ctrl('z')])];

/// Keys of the list and detail panes.
pub const BROWSING: &[Binding] = &[
    c::FILTER.on(&[ch('/')]).hint("/", "filter"),
    c::DOWN
        .on(&[ch('j'), plain(KeyCode::Down)])
        .hint("j/k", "move"),
    c::UP.on(&[ch('k'), plain(KeyCode::Up)]),
    c::PAGE_DOWN.on(&[plain(KeyCode::PageDown), ctrl('f')]),
    c::PAGE_UP.on(&[plain(KeyCode::PageUp), ctrl('b')]),
    c::HALF_PAGE_DOWN.on(&[ctrl('d')]),
    c::HALF_PAGE_UP.on(&[ctrl('u')]),
    c::TOP.on(&[ch('g'), plain(KeyCode::Home)]),
    c::BOTTOM.on(&[ch('G'), plain(KeyCode::End)]),
    c::NEXT_UNREAD.on(&[ch(']')]),
    c::PREVIOUS_UNREAD.on(&[ch('[')]),
    c::READ.on(&[plain(KeyCode::Enter)]).hint("Enter", "read"),
    c::READING_VIEW.on(&[ch('+')]),
    c::JUMP_BACK.on(&[ctrl('o'), alt(KeyCode::Left)]),
    c::JUMP_FORWARD.on(
        // Ctrl-i only where the terminal tells it from Tab.
        &[alt(KeyCode::Right), ctrl('i')],
    ),
    c::BOOKMARK.on(&[ch('b')]).hint("b", "bookmark"),
    c::BOOKMARKS_ONLY.on(&[ch('B')]),
    c::NOTE.on(&[ch('n')]),
    c::TOGGLE_READ.on(&[ch('r')]),
    c::MARK_SHOWN_READ.on(&[ch('A')]),
    c::RELATED.on(&[ch('R')]),
    c::PICK.on(&[ch('v'), ch(' ')]),
    c::PICK_SHOWN.on(&[ch('V')]),
    c::SYNC.on(&[ch('U')]),
    c::DOWNLOAD_PDF.on(&[ch('d')]),
    c::OPEN_PDF.on(&[ch('P')]),
    c::COPY.on(&[ch('y')]),
    c::EXPORT.on(&[ch('E')]),
    c::TIMELINE.on(&[ch('t')]),
    c::SAVED_QUERIES.on(&[ch('Q')]),
    c::UNDO.on(&[ch('u')]),
    c::OPEN.on(&[ch('o')]).hint("o", "open"),
    c::LINKS.on(&[ch('O')]),
    c::NEXT_PANE.on(&[plain(KeyCode::Tab)]).hint("Tab", "pane"),
    c::PREVIOUS_PANE.on(&[plain(KeyCode::BackTab)]),
    c::FACETS.on(&[ch('f')]).hint("f", "facets"),
    c::SORT.on(&[ch('s')]).hint("s/S", "sort"),
    c::SORT_REVERSE.on(&[ch('S')]),
    c::HELP.on(&[ch('?')]).hint("?", "help"),
    c::BACK.on(&[plain(KeyCode::Esc)]),
    c::QUIT.on(&[ch('q'), ctrl('c')]).hint("q", "quit"),
];

/// Keys of the detail pane, before those of [`BROWSING`]: the same moves,
/// named for what they do there.
pub const DETAIL: &[Binding] = &[
    c::DOWN
        .on(&[ch('j'), plain(KeyCode::Down)])
        .help("scroll the abstract down")
        .hint("j/k", "scroll"),
    c::UP
        .on(&[ch('k'), plain(KeyCode::Up)])
        .help("scroll the abstract up"),
    c::BACK
        .on(&[plain(KeyCode::Esc)])
        .help("back to the list")
        .hint("Esc", "list"),
    c::LINKS.on(&[ch('O')]).hint("O", "links"),
    c::NEXT_RELATED.on(&[ch('J')]).hint("J/K", "related"),
    c::PREVIOUS_RELATED.on(&[ch('K')]),
    c::OPEN_RELATED.on(&[plain(KeyCode::Enter)]),
    c::READING_VIEW.on(&[ch('+')]).hint("+", "full screen"),
];

/// Keys of the facets panel, before those of [`BROWSING`].
pub const FACETS: &[Binding] = &[
    c::TOGGLE_ENTRY
        .on(&[ch(' '), plain(KeyCode::Enter)])
        .hint("Space", "toggle"),
    c::CLEAR_FACETS.on(&[ch('c')]).hint("c", "clear facets"),
];

/// Keys of the query line, before those of [`LINE`].
pub const QUERY: &[Binding] = &[
    c::LEAVE_QUERY
        .on(&[plain(KeyCode::Enter), plain(KeyCode::Esc)])
        .hint("Enter/Esc", "list"),
    c::TAKE_SUGGESTION.on(&[plain(KeyCode::Tab)]),
    c::HISTORY_OLDER
        .on(&[plain(KeyCode::Up)])
        .hint("↑/↓", "history"),
    c::HISTORY_NEWER.on(&[plain(KeyCode::Down)]),
    c::DOWN
        .on(&[ctrl('n'), ctrl('j')])
        .help("next paper; at the last one, newer history")
        .hint("Ctrl-n", "next"),
    c::UP
        .on(&[ctrl('p'), ctrl('k')])
        .help("previous paper; at the first one, older history"),
    c::SAVE_QUERY_AS.on(&[ctrl('s')]),
    c::QUIT.on(&[ctrl('c')]),
];
