//! The key tables of the panes and of the query line.

use crossterm::event::KeyCode;

use super::binding::{Binding, alt, bind, ch, ctrl, hinted, plain};
use crate::tui::action::Command;

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
    bind(&[ch(']')], Command::NextUnread, "the next unread paper"),
    bind(&[ch('[')], Command::PrevUnread, "the previous unread paper"),
    hinted(
        &[plain(KeyCode::Enter)],
        Command::FocusDetail,
        "read the selected paper (focus the detail)",
        ("Enter", "read"),
    ),
    bind(
        &[ch('+')],
        Command::ToggleReading,
        "the detail on the whole screen, or back (Esc)",
    ),
    bind(
        &[ctrl('o'), alt(KeyCode::Left)],
        Command::JumpBack,
        "back to the paper read before, and its query",
    ),
    bind(
        // Ctrl-i only where the terminal tells it from Tab.
        &[alt(KeyCode::Right), ctrl('i')],
        Command::JumpForward,
        "forward again to the paper gone back from",
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
        &[ch('A')],
        Command::MarkShownRead,
        "mark every paper shown read",
    ),
    bind(
        &[ch('R')],
        Command::ShowSimilar,
        "related papers: the query similar:ID (Esc: back)",
    ),
    bind(
        &[ch('v'), ch(' ')],
        Command::ToggleChosen,
        "pick or unpick (b, r, y and o act on picks)",
    ),
    bind(&[ch('V')], Command::ChooseShown, "pick every paper shown"),
    bind(
        &[ch('U')],
        Command::Sync,
        "sync the library (new papers join the list)",
    ),
    bind(
        &[ch('y')],
        Command::ShowCopy,
        "copy the id, URL, title, Markdown link or BibTeX",
    ),
    bind(
        &[ch('E')],
        Command::AskExport,
        "export picks (or the paper) to a file",
    ),
    bind(
        &[ch('t')],
        Command::ShowTimeline,
        "the results per month (per year over 10 years)",
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
    hinted(
        &[ch('J')],
        Command::RelatedNext,
        "the next related paper (under the abstract)",
        ("J/K", "related"),
    ),
    bind(
        &[ch('K')],
        Command::RelatedPrev,
        "the previous related paper",
    ),
    bind(
        &[plain(KeyCode::Enter)],
        Command::JumpRelated,
        "show the related paper under the cursor",
    ),
    hinted(
        &[ch('+')],
        Command::ToggleReading,
        "the detail on the whole screen, or back (Esc)",
        ("+", "full screen"),
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
