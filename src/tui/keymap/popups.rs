//! The key tables of the popups and of the line being edited.

use crossterm::event::KeyCode;

use super::binding::{Binding, Key, ch, ctrl, plain};
use super::commands as c;

/// Keys of the popup naming a query to save, before those of [`LINE`].
pub const NAME: &[Binding] = &[
    c::SAVE_QUERY
        .on(&[plain(KeyCode::Enter)])
        .hint("Enter", "save"),
    c::BACK
        .on(&[plain(KeyCode::Esc)])
        .help("cancel")
        .hint("Esc", "cancel"),
    c::QUIT.on(&[ctrl('c')]),
];

/// Keys of the popup asking where to export, before those of [`LINE`].
pub const EXPORT: &[Binding] = &[
    c::EXPORT_TO
        .on(&[plain(KeyCode::Enter)])
        .hint("Enter", "export"),
    c::BACK
        .on(&[plain(KeyCode::Esc)])
        .help("cancel")
        .hint("Esc", "cancel"),
    c::QUIT.on(&[ctrl('c')]),
];

/// Keys of the note popup, before those of [`LINE`].
pub const NOTE: &[Binding] = &[
    c::SAVE_NOTE
        .on(&[plain(KeyCode::Enter)])
        .hint("Enter", "save"),
    c::BACK
        .on(&[plain(KeyCode::Esc)])
        .help("cancel")
        .hint("Esc", "cancel"),
    c::QUIT.on(&[ctrl('c')]),
];

/// Editing keys of the query line and the note popup; any other printable
/// character is typed.
pub const LINE: &[Binding] = &[
    c::CLEAR_LINE.on(&[ctrl('u')]).hint("Ctrl-u", "clear"),
    c::DELETE_WORD
        .on(&[ctrl('w')])
        .hint("Ctrl-w", "delete word"),
    c::DELETE_BACK.on(&[plain(KeyCode::Backspace), ctrl('h')]),
    c::DELETE.on(&[plain(KeyCode::Delete)]),
    c::LEFT.on(&[plain(KeyCode::Left), ctrl('b')]),
    c::RIGHT.on(&[plain(KeyCode::Right), ctrl('f')]),
    c::LINE_START.on(&[plain(KeyCode::Home), ctrl('a')]),
    c::LINE_END.on(&[plain(KeyCode::End), ctrl('e')]),
];

/// Keys of the links popup.
pub const LINKS: &[Binding] = &[
    c::OPEN_LINK.on(&[Key::Digit]).hint("1-9", "open"),
    c::OPEN_SELECTED
        .on(&[plain(KeyCode::Enter)])
        .hint("Enter", "open selected"),
    c::DOWN
        .on(&[ch('j'), plain(KeyCode::Down)])
        .help("next link"),
    c::UP
        .on(&[ch('k'), plain(KeyCode::Up)])
        .help("previous link"),
    c::BACK
        .on(&[plain(KeyCode::Esc), ch('q')])
        .help("close")
        .hint("Esc", "close"),
    c::QUIT.on(&[ctrl('c')]),
];

/// Keys of the copy popup: what to copy of the paper, or of each picked
/// paper. The popup lists these rows as they are.
pub const COPY: &[Binding] = &[
    c::COPY_ID.on(&[ch('i')]).hint("i", "id"),
    c::COPY_URL.on(&[ch('u')]).hint("u", "URL"),
    c::COPY_TITLE.on(&[ch('t')]).hint("t", "title"),
    c::COPY_MARKDOWN.on(&[ch('m')]).hint("m", "Markdown"),
    c::COPY_BIBTEX.on(&[ch('b')]).hint("b", "BibTeX"),
    c::BACK.on(&[plain(KeyCode::Esc), ch('q')]).help("close"),
    c::QUIT.on(&[ctrl('c')]),
];

/// Keys of the timeline popup.
pub const TIMELINE: &[Binding] = &[
    c::UP
        .on(&[plain(KeyCode::Left), ch('h')])
        .help("the period before")
        .hint("←/→", "period"),
    c::DOWN
        .on(&[plain(KeyCode::Right), ch('l')])
        .help("the period after"),
    c::ADD_PERIOD
        .on(&[plain(KeyCode::Enter)])
        .hint("Enter", "add to query"),
    c::BACK
        .on(&[plain(KeyCode::Esc), ch('q')])
        .help("close")
        .hint("Esc", "close"),
    c::QUIT.on(&[ctrl('c')]),
];

/// Keys of the saved queries popup.
pub const QUERIES: &[Binding] = &[
    c::RUN_QUERY.on(&[Key::Digit]).hint("1-9", "run"),
    c::RUN_SELECTED
        .on(&[plain(KeyCode::Enter)])
        .hint("Enter", "run selected"),
    c::DOWN
        .on(&[ch('j'), plain(KeyCode::Down)])
        .help("next query"),
    c::UP
        .on(&[ch('k'), plain(KeyCode::Up)])
        .help("previous query"),
    c::BACK
        .on(&[plain(KeyCode::Esc), ch('q')])
        .help("close")
        .hint("Esc", "close"),
    c::QUIT.on(&[ctrl('c')]),
];

/// Keys of the help overlay: any other key closes it.
pub const HELP: &[Binding] = &[
    c::DOWN
        .on(&[ch('j'), plain(KeyCode::Down)])
        .help("scroll the help")
        .hint("j/k", "scroll"),
    c::UP
        .on(&[ch('k'), plain(KeyCode::Up)])
        .help("scroll the help"),
    c::QUIT.on(&[ctrl('c')]),
    c::HELP
        .on(&[plain(KeyCode::Esc), ch('q'), ch('?')])
        .help("close the help (any other key too)")
        .hint("Esc/q", "close"),
];
