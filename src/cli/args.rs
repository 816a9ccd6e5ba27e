//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

/// A fast terminal reader for research-paper corpora.
#[derive(Debug, Parser)]
#[command(
    name = "paperboat",
    version,
    about,
    subcommand_precedence_over_arg = true
)]
pub struct Args {
    /// Corpus files (or directories of them) to open in the reader, as one
    /// corpus (default: `[reader] corpus` of config.toml, else the library
    /// when it holds papers, else the bundled corpus)
    #[arg(value_name = "CORPUS")]
    pub corpus_files: Vec<PathBuf>,

    #[command(flatten)]
    pub common: Common,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every subcommand understands.
#[derive(Debug, Clone, Default, ClapArgs)]
pub struct Common {
    /// Corpus file (or directory) to read, again for several (default: `[reader] corpus` of
    /// config.toml, else the library when it holds papers, else the bundled corpus)
    #[arg(long, global = true, value_name = "F")]
    pub corpus: Vec<PathBuf>,

    /// Read the corpus built into paperboat, whatever else is set
    #[arg(long, global = true, conflicts_with = "corpus")]
    pub bundled: bool,

    /// Directory of the library of synced papers (default: $PAPERBOAT_DATA_DIR, else the platform's)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Directory for bookmarks (default: $PAPERBOAT_CONFIG_DIR, else the platform's)
    #[arg(long, global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    /// Directory for corpus indexes (default: $PAPERBOAT_CACHE_DIR, else the platform's)
    #[arg(long, global = true, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Read the corpus file without the cache: no index is read or written
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// Make a bad record (a JSON Lines line, a Daily Papers entry) fatal instead of skipped
    #[arg(long, global = true)]
    pub strict: bool,

    /// Colour preset for this run, over the config file's
    #[arg(long, global = true, value_name = "NAME", value_parser = crate::config::PRESETS)]
    pub theme: Option<String>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the papers matching a query, best first
    #[command(after_help = crate::query::syntax::help())]
    Search {
        /// The query, as typed in the reader; several words are one query
        /// (`search mamba seg` is `search "mamba seg"`); none lists every paper
        query: Vec<String>,
        /// Print at most N papers
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Order: relevance, date, upvotes, title or authors; `-` reverses
        #[arg(long, value_name = "KEY", allow_hyphen_values = true)]
        sort: Option<String>,
    },
    /// Print the papers most like one (`similar:ID`), best first
    Similar {
        /// The paper's id, arXiv id, paper URL or DOI (a unique prefix of
        /// an id is enough), or `bookmarks` for
        /// the papers most like your bookmarks together
        id: String,
        /// Print at most N papers
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print one paper in full
    Show {
        /// The paper's id, arXiv id, paper URL or DOI (a unique prefix of
        /// an id is enough)
        id: String,
        /// Output format
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Print the facet counts (tags, years, code) over a query's results
    Tags {
        /// Count over the results of this query (default: every paper);
        /// several words are one query
        query: Vec<String>,
        /// Print the results per month instead: `YYYY-MM  COUNT`, one line
        /// per month with results
        #[arg(long)]
        timeline: bool,
    },
    /// Validate a corpus file
    Check {
        /// The file to check
        file: PathBuf,
        #[command(flatten)]
        unused: NoCorpusNoBookmarks,
    },
    /// Open a paper's code link, else its page (or another of its links) in the browser
    Open {
        /// The paper's id, arXiv id, paper URL or DOI (a unique prefix of
        /// an id is enough)
        id: String,
        /// Open link N (as numbered by `paperboat show`) instead
        #[arg(long, value_name = "N")]
        link: Option<usize>,
        /// Print the URL instead of opening it
        #[arg(long)]
        print: bool,
    },
    /// Download papers' PDFs into the data dir (or remove them)
    Pdf {
        /// The papers' ids, arXiv ids, paper URLs or DOIs
        #[arg(required = true)]
        ids: Vec<String>,
        /// Open each PDF once it is on disk
        #[arg(long, conflicts_with = "clear")]
        open: bool,
        /// Remove the PDFs (and the text taken from them) instead
        #[arg(long)]
        clear: bool,
    },
    /// List, add, remove or export bookmarks
    Bookmarks {
        #[command(subcommand)]
        action: BookmarksAction,
    },
    /// Bring the library up to date from Hugging Face Daily Papers, arXiv,
    /// medRxiv or bioRxiv (alone: every source synced before)
    #[command(after_help = SYNC_HELP)]
    Sync {
        /// `hf`, `arxiv CATEGORY...` (cs.CV eess.IV, or a whole archive: cs),
        /// `medrxiv` or `biorxiv`; none: every source synced before
        #[arg(value_name = "SOURCE")]
        source: Vec<String>,
        /// The first day to fetch (default: where the source stopped, else 7 days back)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Option<crate::corpus::Date>,
        /// The last day to fetch (default: today)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        until: Option<crate::corpus::Date>,
        /// A medRxiv or bioRxiv category to keep (again for several; default: all)
        #[arg(long, value_name = "NAME")]
        category: Vec<String>,
    },
    /// The library's sources, papers, size on disk and place
    Library,
    /// Print the papers new to the library, under the saved queries that
    /// find them, then the other new papers
    #[command(after_help = DIGEST_HELP)]
    Digest {
        /// `last`: since the last digest (else the last visit, else every
        /// paper); `visit`: since the last visit, as is:new; a date
        /// YYYY-MM-DD; or days back, such as 7d
        #[arg(long, value_name = "WHEN", default_value = "last", value_parser = parse_since)]
        since: crate::digest::Since,
        /// Output format
        #[arg(long, value_enum, default_value_t = DigestFormat::Text)]
        format: DigestFormat,
        /// Only the papers of these saved queries, in this order (no other
        /// new papers)
        #[arg(long, value_name = "NAME", num_args = 1..)]
        query: Vec<String>,
    },
    /// List, save or remove named queries (alone: list them)
    Queries {
        #[command(subcommand)]
        action: Option<QueriesAction>,
    },
    /// List or clear the corpus indexes kept in the cache dir
    Cache {
        #[command(subcommand)]
        action: CacheAction,
        #[command(flatten)]
        unused: OnlyTheCacheDir,
    },
    /// Print the shell completion script (bash, zsh, fish, elvish, powershell)
    #[command(
        after_help = "bash: paperboat completions bash > ~/.local/share/bash-completion/completions/paperboat\n\
zsh: paperboat completions zsh > ~/.zfunc/_paperboat (with fpath+=~/.zfunc)\n\
fish: paperboat completions fish > ~/.config/fish/completions/paperboat.fish"
    )]
    Completions {
        /// The shell
        shell: clap_complete::Shell,
        #[command(flatten)]
        unused: NoCorpusNoBookmarks,
        #[command(flatten)]
        unread: NoStrict,
    },
    /// Print the manual page (roff): paperboat man > paperboat.1
    Man {
        #[command(flatten)]
        unused: NoCorpusNoBookmarks,
        #[command(flatten)]
        unread: NoStrict,
    },
    /// Print the default config file, or where the config file is
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Build a corpus from another format
    Import {
        #[command(subcommand)]
        source: ImportSource,
        #[command(flatten)]
        unused: NoCorpusNoBookmarks,
        #[command(flatten)]
        unread: NoStrict,
    },
}

// Global options that mean nothing to a subcommand are defined again in
// it, hidden, so that its help offers only what it uses (clap takes the
// subcommand's own definition; a value given still reaches `Common`).

/// `--corpus`, `--config-dir`, `--cache-dir` and `--no-cache`, hidden: a
/// command that reads a file it is given, or none.
#[derive(Debug, Clone, Default, ClapArgs)]
pub struct NoCorpusNoBookmarks {
    #[arg(long, global = true, hide = true)]
    corpus: Option<PathBuf>,
    #[arg(long, global = true, hide = true)]
    config_dir: Option<PathBuf>,
    #[arg(long, global = true, hide = true)]
    cache_dir: Option<PathBuf>,
    #[arg(long, global = true, hide = true)]
    no_cache: bool,
}

/// `--strict`, hidden: a command that reads no corpus.
#[derive(Debug, Clone, Default, ClapArgs)]
pub struct NoStrict {
    #[arg(long, global = true, hide = true)]
    strict: bool,
}

/// Every global option but `--cache-dir`, hidden: `cache` works on the
/// cache dir alone.
#[derive(Debug, Clone, Default, ClapArgs)]
pub struct OnlyTheCacheDir {
    #[arg(long, global = true, hide = true)]
    corpus: Option<PathBuf>,
    #[arg(long, global = true, hide = true)]
    config_dir: Option<PathBuf>,
    #[arg(long, global = true, hide = true)]
    no_cache: bool,
    #[arg(long, global = true, hide = true)]
    strict: bool,
}

/// What `paperboat bookmarks` does.
#[derive(Debug, Subcommand)]
pub enum BookmarksAction {
    /// Print the bookmarks, oldest first
    List {
        /// Output format (`json`: the array of bookmarks as stored)
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Bookmark a paper of the corpus
    Add {
        /// The paper's id, arXiv id, paper URL or DOI (a unique prefix of
        /// an id is enough)
        id: String,
        /// A note to keep with it
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Remove a bookmark
    Remove {
        /// The bookmark's id
        id: String,
    },
    /// Print the bookmarks for use elsewhere
    Export {
        /// Markdown list, BibTeX entries or JSON
        #[arg(long, value_enum, default_value_t = ExportFormat::Bibtex)]
        format: ExportFormat,
    },
}

/// What `paperboat queries` does.
#[derive(Debug, Clone, Subcommand)]
pub enum QueriesAction {
    /// Print each saved query: name, how many papers it finds, how many of
    /// them are new since the last visit, the query
    List,
    /// Save a query under a name (replacing one of that name)
    Add {
        /// The name
        name: String,
        /// The query; several words are one query
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
    },
    /// Forget a saved query
    Remove {
        /// The name
        name: String,
    },
}

/// What `paperboat config` does.
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum ConfigAction {
    /// Print the whole default config file, every key commented
    Default,
    /// Print the config file's path (`<config dir>/config.toml`)
    Path,
    /// Read the config file and say whether it is good (exit 2 if not)
    Check,
}

/// What `paperboat cache` does.
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum CacheAction {
    /// Print each index: corpus file, papers, size on disk, when built
    List,
    /// Remove every index (corpus files are never touched)
    Clear {
        /// Remove only the indexes of corpus files that are gone, and those
        /// that cannot be read
        #[arg(long)]
        orphans: bool,
    },
}

/// Formats of `paperboat bookmarks list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// One line per bookmark
    Text,
    /// The array of bookmarks as stored
    Json,
}

/// Formats of `paperboat bookmarks export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A Markdown list of links with notes
    Md,
    /// BibTeX @misc entries
    Bibtex,
    /// The array of bookmarks as stored
    Json,
}

/// Formats `paperboat import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// Hugging Face Daily Papers page text, as copied from a browser
    HfPage {
        /// Page text files, in order
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The capture year, for dates written without one
        #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(u16).range(1000..=9999))]
        year: u16,
        /// Write the corpus here instead of standard output
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// The corpus name
        #[arg(long, default_value = "Hugging Face Daily Papers")]
        name: String,
    },
}

/// Output formats of `paperboat search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading
    Text,
    /// One JSON array of papers with their scores
    Json,
    /// id, published, upvotes, title; tab-separated
    Tsv,
    /// BibTeX entries, as `y` `b` copies them in the reader
    Bibtex,
    /// A Markdown list of links, as `y` `m` copies them in the reader
    Md,
}

/// Output formats of `paperboat digest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DigestFormat {
    /// Plain text
    Text,
    /// Markdown, for mail
    Md,
    /// One self-contained HTML page
    Html,
    /// An Atom 1.0 feed
    Atom,
}

impl From<DigestFormat> for crate::digest::Format {
    fn from(format: DigestFormat) -> Self {
        match format {
            DigestFormat::Text => crate::digest::Format::Text,
            DigestFormat::Md => crate::digest::Format::Md,
            DigestFormat::Html => crate::digest::Format::Html,
            DigestFormat::Atom => crate::digest::Format::Atom,
        }
    }
}

/// Output formats of `paperboat show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// The paper's fields, then its abstract
    Text,
    /// The paper as one JSON object
    Json,
    /// A BibTeX entry
    Bibtex,
    /// A Markdown link
    Md,
}

/// `YYYY-MM-DD`, for `--since` and `--until`.
fn parse_date(text: &str) -> Result<crate::corpus::Date, String> {
    crate::corpus::Date::parse(text)
        .ok_or_else(|| format!("expected a date YYYY-MM-DD, found `{text}`"))
}

/// `last`, `visit`, `YYYY-MM-DD` or `Nd`, for `digest --since`.
fn parse_since(text: &str) -> Result<crate::digest::Since, String> {
    crate::digest::Since::parse(text)
}

/// Said after `paperboat digest --help`.
const DIGEST_HELP: &str = "\
Examples:
  paperboat digest                               what came since the last digest
  paperboat digest --since 7d --format atom > ~/.local/share/paperboat/papers.atom
  paperboat sync && paperboat digest --format md | mail -E -s papers you@example.org

Only --since last (the default) moves the mark the next digest starts from, and only
once the whole digest is written; it is kept in <data dir>/library/digest.json, one per
set of --query names.
Exit status: 0 papers printed, 1 nothing new (nothing printed; for atom a feed without
entries), 2 an error.";

/// Said after `paperboat sync --help`.
const SYNC_HELP: &str = "\
Examples:
  paperboat sync hf                      the latest Daily Papers (a week back the first time)
  paperboat sync arxiv cs.CV eess.IV     arXiv categories (OAI-PMH, 3 s between requests)
  paperboat sync medrxiv --category epidemiology
  paperboat sync                         every source synced before (for cron)

Endpoints: PAPERBOAT_HF_API, PAPERBOAT_ARXIV_OAI, PAPERBOAT_BIORXIV_API.
Exit status: 0 every source synced, 1 some did not (what arrived is kept), 2 none could.";
