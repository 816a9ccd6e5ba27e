//! Every command a key can give, declared once: its name in the config
//! file's `[keys.SECTION]` tables, what it gives, and its help text. The
//! key tables ([`super::panes`], [`super::popups`]) say where each applies
//! and with which keys, naming a command by its constant here, and may
//! say what it does there in words of their own (`j` scrolls the help).
//!
//! Adding a command: a variant of [`Command`], a line here, a row in the
//! table of each place it applies, and its arm in the state's `update`.

use crate::cite::copy::Copied;
use crate::tui::action::Command;
use crate::tui::line_edit::Edit;

/// A command with its config name and help.
pub struct Named {
    /// Its name in the config file.
    pub name: &'static str,
    /// What it gives.
    pub command: Command,
    /// What the help says it does, where a table says nothing else.
    pub help: &'static str,
}

macro_rules! commands {
    ($($id:ident = $name:literal, $command:expr, $help:literal;)*) => {
        $(pub const $id: Named = Named { name: $name, command: $command, help: $help };)*
        /// Every command, in the order declared.
        pub const ALL: &[Named] = &[$($id),*];
    };
}

commands! {
    SUSPEND = "suspend", Command::Suspend, "suspend (back with fg)";
    QUIT = "quit", Command::Quit, "quit";
    BACK = "back", Command::Back, "close popup, back to the list, then clear query";
    HELP = "help", Command::ToggleHelp, "this help";

    FILTER = "filter", Command::EditQuery, "edit the query (typing filters live)";
    LEAVE_QUERY = "leave-query", Command::LeaveQuery, "back to the list, keeping the query";
    TAKE_SUGGESTION = "take-suggestion", Command::TakeSuggestion,
        "take the word suggested when nothing matches";
    HISTORY_OLDER = "history-older", Command::HistoryOlder,
        "the query run before (history, as fzf --history)";
    HISTORY_NEWER = "history-newer", Command::HistoryNewer,
        "the query run after, then what was typed";
    SAVE_QUERY_AS = "save-query", Command::NameQuery, "save the query under a name";
    SAVE_QUERY = "save", Command::SaveQuery, "save the query under this name";

    DOWN = "down", Command::Move(1), "next paper (scroll down in the detail)";
    UP = "up", Command::Move(-1), "previous paper (scroll up in the detail)";
    PAGE_DOWN = "page-down", Command::PageDown, "one page down";
    PAGE_UP = "page-up", Command::PageUp, "one page up";
    HALF_PAGE_DOWN = "half-page-down", Command::HalfPageDown, "half a page down";
    HALF_PAGE_UP = "half-page-up", Command::HalfPageUp, "half a page up";
    TOP = "top", Command::Top, "first paper (top of the detail)";
    BOTTOM = "bottom", Command::Bottom, "last paper (end of the detail)";
    NEXT_UNREAD = "next-unread", Command::NextUnread, "the next unread paper";
    PREVIOUS_UNREAD = "previous-unread", Command::PrevUnread, "the previous unread paper";
    READ = "read", Command::FocusDetail, "read the selected paper (focus the detail)";
    READING_VIEW = "reading-view", Command::ToggleReading,
        "the detail on the whole screen, or back (Esc)";
    JUMP_BACK = "jump-back", Command::JumpBack, "back to the paper read before, and its query";
    JUMP_FORWARD = "jump-forward", Command::JumpForward,
        "forward again to the paper gone back from";
    NEXT_PANE = "next-pane", Command::FocusNext, "focus the next pane";
    PREVIOUS_PANE = "previous-pane", Command::FocusPrev, "focus the previous pane";

    BOOKMARK = "bookmark", Command::ToggleBookmark, "bookmark or unbookmark the paper";
    BOOKMARKS_ONLY = "bookmarks-only", Command::ToggleBookmarkedFilter,
        "show only bookmarks (toggles is:bookmarked)";
    NOTE = "note", Command::EditNote, "edit the bookmark's note";
    SAVE_NOTE = "save", Command::SaveNote, "save the note";
    TOGGLE_READ = "toggle-read", Command::ToggleRead, "mark the paper read, or unread again";
    MARK_SHOWN_READ = "mark-shown-read", Command::MarkShownRead, "mark every paper shown read";
    UNDO = "undo", Command::Undo, "undo the last bookmark or read change";
    PICK = "pick", Command::ToggleChosen, "pick or unpick (b, r, y and o act on picks)";
    PICK_SHOWN = "pick-shown", Command::ChooseShown, "pick every paper shown";

    RELATED = "related", Command::ShowSimilar, "related papers: the query similar:ID (Esc: back)";
    NEXT_RELATED = "next-related", Command::RelatedNext,
        "the next related paper (under the abstract)";
    PREVIOUS_RELATED = "previous-related", Command::RelatedPrev, "the previous related paper";
    OPEN_RELATED = "open-related", Command::JumpRelated,
        "show the related paper under the cursor";

    SYNC = "sync", Command::Sync, "sync the library (new papers join the list)";
    DOWNLOAD_PDF = "download-pdf", Command::DownloadPdf,
        "download the PDF (of every pick)";
    OPEN_PDF = "open-pdf", Command::OpenPdf, "open the PDF (downloading it first)";
    COPY = "copy", Command::ShowCopy, "copy the id, URL, title, Markdown link or BibTeX";
    COPY_ID = "copy-id", Command::Copy(Copied::Id), "the id";
    COPY_URL = "copy-url", Command::Copy(Copied::Url),
        "the URL: the code link, else the paper's page";
    COPY_TITLE = "copy-title", Command::Copy(Copied::Title), "the title";
    COPY_MARKDOWN = "copy-markdown", Command::Copy(Copied::Markdown),
        "a Markdown link: [title](URL)";
    COPY_BIBTEX = "copy-bibtex", Command::Copy(Copied::Bibtex), "a BibTeX entry";
    EXPORT = "export", Command::AskExport, "export picks (or the paper) to a file";
    EXPORT_TO = "export-to", Command::Export, "write it (.bib, .md, .json); never over a file";
    TIMELINE = "timeline", Command::ShowTimeline, "the results per month (per year over 10 years)";
    ADD_PERIOD = "add-period", Command::AddPeriod, "add date:YYYY-MM (or year:YYYY) to the query";
    SAVED_QUERIES = "saved-queries", Command::ShowQueries, "the saved queries (1-9 runs one)";
    RUN_QUERY = "run-query", Command::RunQuery(0), "run that query";
    RUN_SELECTED = "run-selected", Command::RunSelectedQuery, "run the query under the cursor";

    OPEN = "open", Command::OpenCode, "open the code link, else the paper's page";
    LINKS = "links", Command::ShowLinks, "list all links (1-9 or Enter opens one)";
    OPEN_LINK = "open-link", Command::OpenLink(0), "open that link";
    OPEN_SELECTED = "open-selected", Command::OpenSelectedLink, "open the link under the cursor";

    FACETS = "facets", Command::ShowFacets, "show or hide the facets panel";
    TOGGLE_ENTRY = "toggle-entry", Command::ToggleFacetEntry,
        "add or remove the entry's clause in the query";
    CLEAR_FACETS = "clear-facets", Command::ClearFacets, "clear every facet clause";
    SORT = "sort", Command::SortNext, "sort by the next key";
    SORT_REVERSE = "sort-reverse", Command::SortReverse, "reverse the order";

    CLEAR_LINE = "clear-line", Command::Edit(Edit::Clear), "clear the line";
    DELETE_WORD = "delete-word", Command::Edit(Edit::DeleteWord),
        "delete the word before the cursor";
    DELETE_BACK = "delete-back", Command::Edit(Edit::Backspace), "delete before the cursor";
    DELETE = "delete", Command::Edit(Edit::Delete), "delete under the cursor";
    LEFT = "left", Command::Edit(Edit::Left), "cursor left";
    RIGHT = "right", Command::Edit(Edit::Right), "cursor right";
    LINE_START = "line-start", Command::Edit(Edit::Home), "cursor to the start";
    LINE_END = "line-end", Command::Edit(Edit::End), "cursor to the end";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Section;

    #[test]
    fn every_command_is_bound_somewhere_under_its_one_name() {
        for named in ALL {
            let rows: Vec<_> = Section::ALL
                .iter()
                .flat_map(|s| s.defaults())
                .filter(|b| b.named.command == named.command)
                .collect();
            assert!(!rows.is_empty(), "`{}` is in no table", named.name);
            for row in rows {
                assert_eq!(row.named.name, named.name, "{:?}", named.command);
            }
        }
        let mut commands: Vec<String> = ALL.iter().map(|n| format!("{:?}", n.command)).collect();
        commands.sort();
        let before = commands.len();
        commands.dedup();
        assert_eq!(before, commands.len(), "a command declared twice");
    }
}
