//! The key tables by name: their titles in the help, their names in the
//! config file, and their default bindings.

use super::binding::Binding;
use super::panes::{ANYWHERE, BROWSING, DETAIL, FACETS, QUERY};
use super::popups::{COPY, EXPORT, HELP, LINE, LINKS, NAME, NOTE, QUERIES, TIMELINE};

/// One key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Browsing,
    Anywhere,
    Detail,
    Facets,
    Query,
    Note,
    Name,
    Line,
    Links,
    Queries,
    Copy,
    Timeline,
    Export,
    Help,
}

impl Section {
    /// Every table, in the help's order.
    pub const ALL: [Section; 14] = [
        Section::Browsing,
        Section::Anywhere,
        Section::Detail,
        Section::Facets,
        Section::Query,
        Section::Note,
        Section::Name,
        Section::Line,
        Section::Links,
        Section::Queries,
        Section::Copy,
        Section::Timeline,
        Section::Export,
        Section::Help,
    ];

    /// The heading in the help and in `docs/keys.md`.
    pub fn title(self) -> &'static str {
        match self {
            Section::Browsing => "Browsing",
            Section::Anywhere => "Anywhere",
            Section::Detail => "Detail pane",
            Section::Facets => "Facets panel",
            Section::Query => "Query line",
            Section::Note => "Note popup",
            Section::Name => "Saving a query",
            Section::Line => "Editing (query and note)",
            Section::Links => "Links popup",
            Section::Queries => "Saved queries popup",
            Section::Copy => "Copy popup",
            Section::Timeline => "Timeline popup",
            Section::Export => "Export popup",
            Section::Help => "Help",
        }
    }

    /// The name of its `[keys.NAME]` table in the config file.
    pub fn config_name(self) -> &'static str {
        match self {
            Section::Browsing => "list",
            Section::Anywhere => "anywhere",
            Section::Detail => "detail",
            Section::Facets => "facets",
            Section::Query => "query",
            Section::Note => "note",
            Section::Name => "save-query",
            Section::Line => "line",
            Section::Links => "links",
            Section::Queries => "queries",
            Section::Copy => "copy",
            Section::Timeline => "timeline",
            Section::Export => "export",
            Section::Help => "help",
        }
    }

    /// The section a config file's name means.
    pub fn from_config_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.config_name() == name)
    }

    /// The bindings it has by default.
    pub fn defaults(self) -> &'static [Binding] {
        match self {
            Section::Browsing => BROWSING,
            Section::Anywhere => ANYWHERE,
            Section::Detail => DETAIL,
            Section::Facets => FACETS,
            Section::Query => QUERY,
            Section::Note => NOTE,
            Section::Name => NAME,
            Section::Line => LINE,
            Section::Links => LINKS,
            Section::Queries => QUERIES,
            Section::Copy => COPY,
            Section::Timeline => TIMELINE,
            Section::Export => EXPORT,
            Section::Help => HELP,
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

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
    /// The timeline popup.
    Timeline,
    /// The popup asking where to export.
    Export,
    /// The help overlay.
    Help,
}

impl Context {
    /// Its tables, looked at in this order: the first that has a key
    /// gives its command.
    pub fn sections(self) -> &'static [Section] {
        use Section as S;
        match self {
            Context::List => &[S::Anywhere, S::Browsing],
            Context::Detail => &[S::Anywhere, S::Detail, S::Browsing],
            Context::Facets => &[S::Anywhere, S::Facets, S::Browsing],
            Context::Query => &[S::Anywhere, S::Query, S::Line],
            Context::Note => &[S::Anywhere, S::Note, S::Line],
            Context::Name => &[S::Anywhere, S::Name, S::Line],
            Context::Links => &[S::Anywhere, S::Links],
            Context::Queries => &[S::Anywhere, S::Queries],
            Context::Copy => &[S::Anywhere, S::Copy],
            Context::Timeline => &[S::Anywhere, S::Timeline],
            Context::Export => &[S::Anywhere, S::Export, S::Line],
            Context::Help => &[S::Anywhere, S::Help],
        }
    }

    /// Every context.
    pub const ALL: [Context; 12] = [
        Context::List,
        Context::Detail,
        Context::Facets,
        Context::Query,
        Context::Note,
        Context::Name,
        Context::Links,
        Context::Queries,
        Context::Copy,
        Context::Timeline,
        Context::Export,
        Context::Help,
    ];
}
