//! The key tables of the popups and of the line being edited.

use crossterm::event::KeyCode;

use super::binding::{Binding, Key, bind, ch, ctrl, hinted, plain};
use crate::cite::copy::Copied;
use crate::tui::action::Command;
use crate::tui::line_edit::Edit;

/// Keys of the popup naming a query to save, before those of [`LINE`].
pub const NAME: &[Binding] = &[
    hinted(
        &[plain(KeyCode::Enter)],
        Command::SaveQuery,
        "save the query under this name",
        ("Enter", "save"),
    ),
    hinted(
        &[plain(KeyCode::Esc)],
        Command::Back,
        "cancel",
        ("Esc", "cancel"),
    ),
    bind(&[ctrl('c')], Command::Quit, "quit"),
];

/// Keys of the popup asking where to export, before those of [`LINE`].
pub const EXPORT: &[Binding] = &[
    hinted(
        &[plain(KeyCode::Enter)],
        Command::Export,
        "write it (.bib, .md, .json); never over a file",
        ("Enter", "export"),
    ),
    hinted(
        &[plain(KeyCode::Esc)],
        Command::Back,
        "cancel",
        ("Esc", "cancel"),
    ),
    bind(&[ctrl('c')], Command::Quit, "quit"),
];

/// Keys of the note popup, before those of [`LINE`].
pub const NOTE: &[Binding] = &[
    hinted(
        &[plain(KeyCode::Enter)],
        Command::SaveNote,
        "save the note",
        ("Enter", "save"),
    ),
    hinted(
        &[plain(KeyCode::Esc)],
        Command::Back,
        "cancel",
        ("Esc", "cancel"),
    ),
    bind(&[ctrl('c')], Command::Quit, "quit"),
];

/// Editing keys of the query line and the note popup; any other printable
/// character is typed.
pub const LINE: &[Binding] = &[
    hinted(
        &[ctrl('u')],
        Command::Edit(Edit::Clear),
        "clear the line",
        ("Ctrl-u", "clear"),
    ),
    hinted(
        &[ctrl('w')],
        Command::Edit(Edit::DeleteWord),
        "delete the word before the cursor",
        ("Ctrl-w", "delete word"),
    ),
    bind(
        &[plain(KeyCode::Backspace), ctrl('h')],
        Command::Edit(Edit::Backspace),
        "delete before the cursor",
    ),
    bind(
        &[plain(KeyCode::Delete)],
        Command::Edit(Edit::Delete),
        "delete under the cursor",
    ),
    bind(
        &[plain(KeyCode::Left), ctrl('b')],
        Command::Edit(Edit::Left),
        "cursor left",
    ),
    bind(
        &[plain(KeyCode::Right), ctrl('f')],
        Command::Edit(Edit::Right),
        "cursor right",
    ),
    bind(
        &[plain(KeyCode::Home), ctrl('a')],
        Command::Edit(Edit::Home),
        "cursor to the start",
    ),
    bind(
        &[plain(KeyCode::End), ctrl('e')],
        Command::Edit(Edit::End),
        "cursor to the end",
    ),
];

/// Keys of the links popup.
pub const LINKS: &[Binding] = &[
    hinted(
        &[Key::Digit],
        Command::OpenLink(0),
        "open that link",
        ("1-9", "open"),
    ),
    hinted(
        &[plain(KeyCode::Enter)],
        Command::OpenSelectedLink,
        "open the link under the cursor",
        ("Enter", "open selected"),
    ),
    bind(
        &[ch('j'), plain(KeyCode::Down)],
        Command::Move(1),
        "next link",
    ),
    bind(
        &[ch('k'), plain(KeyCode::Up)],
        Command::Move(-1),
        "previous link",
    ),
    hinted(
        &[plain(KeyCode::Esc), ch('q')],
        Command::Back,
        "close",
        ("Esc", "close"),
    ),
    bind(&[ctrl('c')], Command::Quit, "quit"),
];

/// Keys of the copy popup: what to copy of the paper, or of each picked
/// paper. The popup lists these rows as they are.
pub const COPY: &[Binding] = &[
    hinted(&[ch('i')], Command::Copy(Copied::Id), "the id", ("i", "id")),
    hinted(
        &[ch('u')],
        Command::Copy(Copied::Url),
        "the URL: the code link, else the paper's page",
        ("u", "URL"),
    ),
    hinted(
        &[ch('t')],
        Command::Copy(Copied::Title),
        "the title",
        ("t", "title"),
    ),
    hinted(
        &[ch('m')],
        Command::Copy(Copied::Markdown),
        "a Markdown link: [title](URL)",
        ("m", "Markdown"),
    ),
    hinted(
        &[ch('b')],
        Command::Copy(Copied::Bibtex),
        "a BibTeX entry",
        ("b", "BibTeX"),
    ),
    bind(&[plain(KeyCode::Esc), ch('q')], Command::Back, "close"),
    bind(&[ctrl('c')], Command::Quit, "quit"),
];

/// Keys of the timeline popup.
pub const TIMELINE: &[Binding] = &[
    hinted(
        &[plain(KeyCode::Left), ch('h')],
        Command::Move(-1),
        "the period before",
        ("←/→", "period"),
    ),
    bind(
        &[plain(KeyCode::Right), ch('l')],
        Command::Move(1),
        "the period after",
    ),
    hinted(
        &[plain(KeyCode::Enter)],
        Command::AddPeriod,
        "add date:YYYY-MM (or year:YYYY) to the query",
        ("Enter", "add to query"),
    ),
    hinted(
        &[plain(KeyCode::Esc), ch('q')],
        Command::Back,
        "close",
        ("Esc", "close"),
    ),
    bind(&[ctrl('c')], Command::Quit, "quit"),
];

/// Keys of the saved queries popup.
pub const QUERIES: &[Binding] = &[
    hinted(
        &[Key::Digit],
        Command::RunQuery(0),
        "run that query",
        ("1-9", "run"),
    ),
    hinted(
        &[plain(KeyCode::Enter)],
        Command::RunSelectedQuery,
        "run the query under the cursor",
        ("Enter", "run selected"),
    ),
    bind(
        &[ch('j'), plain(KeyCode::Down)],
        Command::Move(1),
        "next query",
    ),
    bind(
        &[ch('k'), plain(KeyCode::Up)],
        Command::Move(-1),
        "previous query",
    ),
    hinted(
        &[plain(KeyCode::Esc), ch('q')],
        Command::Back,
        "close",
        ("Esc", "close"),
    ),
    bind(&[ctrl('c')], Command::Quit, "quit"),
];

/// Keys of the help overlay: any other key closes it.
pub const HELP: &[Binding] = &[
    hinted(
        &[ch('j'), plain(KeyCode::Down)],
        Command::Move(1),
        "scroll the help",
        ("j/k", "scroll"),
    ),
    bind(
        &[ch('k'), plain(KeyCode::Up)],
        Command::Move(-1),
        "scroll the help",
    ),
    bind(&[ctrl('c')], Command::Quit, "quit"),
    hinted(
        &[plain(KeyCode::Esc), ch('q'), ch('?')],
        Command::ToggleHelp,
        "close the help (any other key too)",
        ("Esc/q", "close"),
    ),
];
