//! `<config dir>/config.toml`: keys, colours and the reader's defaults, as
//! plain data. Every key is optional; an unknown one is an error, as is a
//! value of the wrong kind, each reported once with the file, line and
//! column. What the key names and action names mean is the reader's
//! business (its keymap checks them against this file's positions).

pub mod colour;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

pub use colour::{Colour, StyleSpec};

/// The file's name in the config dir.
pub const FILE_NAME: &str = "config.toml";

/// The theme presets, as `preset` and `--theme` name them.
pub const PRESETS: [&str; 4] = ["dark", "light", "high-contrast", "none"];

/// The elements `[theme]` can colour, as the views draw them.
pub const ELEMENTS: [(&str, &str); 17] = [
    ("header", "the header bar"),
    ("dim", "secondary text: dates, counts, hints"),
    ("match", "matched characters"),
    ("selection", "the selected row"),
    (
        "selection-unfocused",
        "the selected row of a pane without the keys",
    ),
    ("border", "pane borders"),
    ("focused-border", "the border of the pane with the keys"),
    ("title", "titles"),
    ("label", "field labels in the detail pane"),
    ("tag", "tags"),
    ("link", "links"),
    ("error", "errors"),
    ("key", "keys in hints and help"),
    ("unread", "the title of an unread paper"),
    ("unread-mark", "the mark before an unread paper"),
    ("star", "the bookmark star"),
    ("gauge", "the loading gauge and the timeline's bars"),
];

/// The whole file, read.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Key bindings asked for, in file order.
    pub keys: Vec<KeyBinding>,
    /// `[theme]`.
    pub theme: ThemeSettings,
    /// `[reader]`.
    pub reader: ReaderSettings,
    /// Where the file is, and its text, for positions in later errors.
    source: Source,
    /// Where `[reader] corpus` is written.
    corpus_at: Option<Range<usize>>,
}

/// `action = ["key", ...]` in `[keys.SECTION]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    pub section: String,
    pub action: String,
    pub keys: Vec<String>,
    /// Where the keys are written.
    pub at: Range<usize>,
}

/// `[theme]`: a preset and what differs from it.
#[derive(Debug, Clone, Default)]
pub struct ThemeSettings {
    pub preset: Option<String>,
    /// Element name and its look, in file order.
    pub elements: Vec<(String, StyleSpec)>,
}

/// `[reader]`: how the reader starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReaderSettings {
    /// `sort = "date"` (or `"-upvotes"`): the order a query without `sort:`
    /// shows.
    pub sort: Option<String>,
    /// Whether the facets panel starts shown (where it fits).
    pub facets: Option<bool>,
    /// The corpus file the reader and every command open when none is named.
    pub corpus: Option<PathBuf>,
    /// `mark-read-after = "2s"`: how long a paper's detail stays on screen
    /// before the paper counts as read; never, when not set.
    pub mark_read_after: Option<std::time::Duration>,
    /// `pdf-viewer = "zathura {}"`: the command `P` opens a PDF with (its
    /// words; `{}` is the file, else it comes last).
    pub pdf_viewer: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Source {
    file: String,
    text: String,
}

impl ReaderSettings {
    /// The corpus file to open, as the file names it: `~/` is the home
    /// directory, and a relative path is relative to the config dir.
    pub fn corpus_in(&self, config_dir: &Path) -> Option<PathBuf> {
        let path = self.corpus.as_deref()?;
        let home = std::env::var_os("HOME").map(PathBuf::from);
        Some(match (path.strip_prefix("~"), home) {
            (Ok(rest), Some(home)) => home.join(rest),
            _ if path.is_relative() => config_dir.join(path),
            _ => path.to_path_buf(),
        })
    }
}

/// The most a config file may hold: a whole default file is a few
/// kilobytes, and a link to `/dev/zero` must not fill the memory.
const MAX_BYTES: u64 = 1_000_000;

/// What is wrong with the file: something written in it, where; or the
/// file itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// Something written in the file is wrong.
    #[error("{file}:{line}:{column}: {message}")]
    At {
        /// The file, cleaned for the terminal.
        file: String,
        /// The line, from 1.
        line: usize,
        /// The column in characters, from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file cannot be read at all (its directory is a file; it is a
    /// FIFO, a device or too large; an I/O error): `path: reason`, one
    /// clean line. The reader starts without it.
    #[error("{0}")]
    Unreadable(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    keys: BTreeMap<String, Spanned<BTreeMap<String, Spanned<toml::Value>>>>,
    #[serde(default)]
    theme: Option<BTreeMap<String, Spanned<toml::Value>>>,
    #[serde(default)]
    reader: Option<RawReader>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReader {
    sort: Option<Spanned<String>>,
    facets: Option<bool>,
    corpus: Option<Spanned<PathBuf>>,
    #[serde(rename = "mark-read-after")]
    mark_read_after: Option<Spanned<String>>,
    #[serde(rename = "pdf-viewer")]
    pdf_viewer: Option<Spanned<String>>,
}

/// The error when `dir`, the config file's directory, is a file or sits
/// under one; `None` when it is a directory or is not there.
fn dir_in_the_way(dir: &Path) -> Option<ConfigError> {
    let in_the_way = match std::fs::metadata(dir) {
        Ok(meta) => !meta.is_dir(),
        Err(e) => e.kind() == std::io::ErrorKind::NotADirectory,
    };
    in_the_way.then(|| {
        ConfigError::Unreadable(crate::corpus::sanitize::clean_line(&format!(
            "{}: the config directory is a file (or sits under one)",
            dir.display()
        )))
    })
}

impl Config {
    /// The file at `path`; `None` when there is none.
    pub fn load(path: &Path) -> Result<Option<Config>, ConfigError> {
        let file = crate::corpus::sanitize::clean_line(&path.display().to_string());
        let read = crate::store::file::read_regular(path, MAX_BYTES)
            .map_err(|e| ConfigError::Unreadable(e.to_string()))?;
        let Some(bytes) = read else {
            return match path.parent().map(dir_in_the_way) {
                Some(Some(e)) => Err(e),
                _ => Ok(None),
            };
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            error_in(
                &file,
                &String::from_utf8_lossy(&e.into_bytes()),
                at,
                "invalid UTF-8",
            )
        })?;
        let config = Config::parse(&file, &text)?;
        if let Some(dir) = path.parent() {
            config.check_corpus(dir)?;
        }
        Ok(Some(config))
    }

    /// A `[reader] corpus` that names a directory is refused where it is
    /// written, rather than when the reader opens it.
    fn check_corpus(&self, config_dir: &Path) -> Result<(), ConfigError> {
        let (Some(corpus), Some(at)) = (self.reader.corpus_in(config_dir), &self.corpus_at) else {
            return Ok(());
        };
        if corpus.is_dir() {
            return Err(self.error(at.clone(), "`corpus` names a directory: name a corpus file"));
        }
        Ok(())
    }

    /// A `[reader] corpus` that names no file is told where it is written
    /// (by `config check`; the reader and the commands say so when they
    /// open it, naming the file).
    pub fn check_corpus_exists(&self, config_dir: &Path) -> Result<(), ConfigError> {
        let (Some(corpus), Some(at)) = (self.reader.corpus_in(config_dir), &self.corpus_at) else {
            return Ok(());
        };
        if std::fs::metadata(&corpus).is_err() {
            let shown = crate::corpus::sanitize::clean_line(&corpus.display().to_string());
            return Err(self.error(
                at.clone(),
                &format!("`corpus` names {shown}, which does not exist"),
            ));
        }
        Ok(())
    }

    /// The file's text, `file` naming it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            error_in(file, text, at, &toml_message(&e))
        })?;
        let source = Source {
            file: file.to_string(),
            text: text.to_string(),
        };
        let mut config = Config {
            source,
            ..Config::default()
        };
        for (section, actions) in raw.keys {
            let at = actions.span();
            if actions.get_ref().is_empty() && section.is_empty() {
                return Err(config.error(at, "an empty [keys] section name"));
            }
            for (action, keys) in actions.into_inner() {
                let at = keys.span();
                let keys = key_names(keys.get_ref()).ok_or_else(|| {
                    config.error(
                        at.clone(),
                        &format!("`{action}` must be a key name or a list of key names"),
                    )
                })?;
                if keys.is_empty() {
                    return Err(config.error(at, &format!("`{action}` needs at least one key")));
                }
                config.keys.push(KeyBinding {
                    section: section.clone(),
                    action,
                    keys,
                    at,
                });
            }
        }
        if let Some(theme) = raw.theme {
            // In file order, so that the first mistake is the one told.
            let mut theme: Vec<_> = theme.into_iter().collect();
            theme.sort_by_key(|(_, v)| v.span().start);
            for (name, value) in theme {
                let at = value.span();
                if name == "preset" {
                    let preset = value.get_ref().as_str().unwrap_or_default();
                    if !PRESETS.contains(&preset) {
                        return Err(config.error(
                            at,
                            &format!(
                                "unknown preset `{}`: use {}",
                                value
                                    .get_ref()
                                    .as_str()
                                    .map_or_else(|| value.get_ref().to_string(), str::to_string),
                                PRESETS.join(", ")
                            ),
                        ));
                    }
                    config.theme.preset = Some(preset.to_string());
                    continue;
                }
                if !ELEMENTS.iter().any(|(e, _)| *e == name) {
                    return Err(config.error(
                        at,
                        &format!("unknown theme element `{name}` (see `paperboat config default`)"),
                    ));
                }
                let spec =
                    colour::style(&name, value.get_ref()).map_err(|m| config.error(at, &m))?;
                config.theme.elements.push((name, spec));
            }
        }
        if let Some(reader) = raw.reader {
            if let Some(sort) = reader.sort {
                let text = sort.get_ref();
                let key = text.strip_prefix('-').unwrap_or(text);
                if crate::query::SortKey::from_name(key).is_none() {
                    return Err(config.error(
                        sort.span(),
                        &format!("unknown sort `{text}`: use relevance, date, upvotes, title or authors, `-` first to reverse"),
                    ));
                }
                config.reader.sort = Some(text.clone());
            }
            config.reader.facets = reader.facets;
            if let Some(corpus) = reader.corpus {
                if corpus.get_ref().as_os_str().is_empty() {
                    return Err(config.error(
                        corpus.span(),
                        "`corpus` is empty: name a corpus file, or leave it out for the default",
                    ));
                }
                config.corpus_at = Some(corpus.span());
                config.reader.corpus = Some(corpus.into_inner());
            }
            if let Some(after) = reader.mark_read_after {
                let duration = read_after(after.get_ref())
                    .map_err(|message| config.error(after.span(), &message))?;
                config.reader.mark_read_after = Some(duration);
            }
            if let Some(viewer) = reader.pdf_viewer {
                let command = viewer.get_ref();
                let words = crate::library::viewer::viewer_command(command, Path::new("x.pdf"));
                if let Err(why) = words {
                    return Err(config.error(
                        viewer.span(),
                        &format!(
                            "`pdf-viewer`: {why} (e.g. \"zathura\" or \"zathura --fork {{}}\")"
                        ),
                    ));
                }
                config.reader.pdf_viewer = Some(command.clone());
            }
        }
        Ok(config)
    }

    /// An error about what is written at `at` in this file.
    pub fn error(&self, at: Range<usize>, message: &str) -> ConfigError {
        error_in(&self.source.file, &self.source.text, at.start, message)
    }
}

/// `mark-read-after`'s duration ("2s", "1500ms", "1m"), above zero.
fn read_after(text: &str) -> Result<std::time::Duration, String> {
    match humantime::parse_duration(text.trim()) {
        Ok(duration) if !duration.is_zero() => Ok(duration),
        Ok(_) => Err("`mark-read-after` must be above zero: leave it out to mark papers read only by Enter, r and A".into()),
        Err(_) => Err(format!(
            "`mark-read-after` must be a duration such as \"2s\" or \"1500ms\", not `{text}`"
        )),
    }
}

/// The key names of `action = "key"` or `action = ["key", ...]`; `None`
/// for anything else.
fn key_names(value: &toml::Value) -> Option<Vec<String>> {
    match value {
        toml::Value::String(key) => Some(vec![key.clone()]),
        toml::Value::Array(keys) => keys
            .iter()
            .map(|k| k.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

/// `message` at byte `at` of `text`, as line and column (both from 1,
/// the column in characters).
fn error_in(file: &str, text: &str, at: usize, message: &str) -> ConfigError {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    ConfigError::At {
        file: file.to_string(),
        line,
        column,
        message: crate::corpus::sanitize::clean_line(message),
    }
}

/// The toml crate's message, first line only, without its own position
/// (the error line gives it).
fn toml_message(e: &toml::de::Error) -> String {
    let message = e
        .message()
        .lines()
        .next()
        .unwrap_or("not valid TOML")
        .trim();
    plain_words(message)
}

/// serde's "invalid type: string \"yes\", expected a boolean" in the words
/// of the file: "expected true or false, found string \"yes\"".
fn plain_words(message: &str) -> String {
    let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|m| m.split_once(", expected "))
    else {
        return message.to_string();
    };
    let expected = match expected {
        "a map" => "a table",
        "a boolean" => "true or false",
        "path string" => "a path (a string)",
        "a sequence" => "a list",
        other => other,
    };
    let found = found.replace("map", "table").replace("sequence", "list");
    format!("expected {expected}, found {found}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Config::parse("c.toml", text).unwrap_err().to_string()
    }

    #[test]
    fn a_full_file_is_read() {
        let config = Config::parse(
            "c.toml",
            "[keys.list]\nbookmark = [\"b\", \"ctrl-d\"]\nquit = \"x\"\n\n[theme]\npreset = \"light\"\nmatch = \"#ff0000\"\nselection = { fg = \"black\", bg = 153, bold = true }\n\n[reader]\nsort = \"-upvotes\"\nfacets = false\ncorpus = \"/data/arxiv.jsonl\"\nmark-read-after = \"2s\"\n",
        )
        .unwrap();
        assert_eq!(config.keys.len(), 2);
        assert_eq!(config.keys[0].keys, ["b", "ctrl-d"]);
        assert_eq!(config.keys[1].keys, ["x"]);
        assert_eq!(config.theme.preset.as_deref(), Some("light"));
        assert_eq!(config.theme.elements[0].0, "match");
        assert_eq!(config.theme.elements[1].1.bg, Some(Colour::Indexed(153)));
        assert_eq!(config.reader.sort.as_deref(), Some("-upvotes"));
        assert_eq!(config.reader.facets, Some(false));
        assert_eq!(
            config.reader.mark_read_after,
            Some(std::time::Duration::from_secs(2))
        );
        let at = config.error(config.keys[1].at.clone(), "x");
        assert_eq!(at.to_string(), "c.toml:3:8: x");
    }

    #[test]
    fn every_bad_file_is_one_line_with_its_position() {
        assert_eq!(
            err("[keys.list\n"),
            "c.toml:1:11: unclosed table, expected `]`"
        );
        assert!(
            err("[colours]\n").starts_with("c.toml:1:2: unknown field `colours`"),
            "{}",
            err("[colours]\n")
        );
        assert!(
            err("[theme]\nmatch = \"purple\"\n")
                .starts_with("c.toml:2:9: `purple` is not a colour")
        );
        assert!(
            err("[theme]\nbogus = \"red\"\n")
                .starts_with("c.toml:2:9: unknown theme element `bogus`")
        );
        assert!(
            err("[theme]\npreset = \"sepia\"\n").starts_with("c.toml:2:10: unknown preset `sepia`")
        );
        assert!(err("[reader]\nsort = \"size\"\n").starts_with("c.toml:2:8: unknown sort `size`"));
        assert!(
            err("[reader]\nfacet = true\n").starts_with("c.toml:2:1: unknown field `facet`"),
            "{}",
            err("[reader]\nfacet = true\n")
        );
        assert!(
            err("[keys.list]\nquit = []\n")
                .starts_with("c.toml:2:8: `quit` needs at least one key")
        );
        assert!(
            err("[keys.list]\nquit = 5\n").starts_with("c.toml:2:8:"),
            "{}",
            err("[keys.list]\nquit = 5\n")
        );
        for text in ["[keys.list\n", "[theme]\nmatch = 300\n"] {
            assert_eq!(err(text).lines().count(), 1);
        }
    }

    #[test]
    fn mark_read_after_is_a_duration_above_zero_and_off_when_left_out() {
        let after = |text: &str| {
            Config::parse("c.toml", &format!("[reader]\nmark-read-after = {text}\n"))
                .map(|c| c.reader.mark_read_after)
        };
        let ms = std::time::Duration::from_millis;
        assert_eq!(after("\"2s\""), Ok(Some(ms(2000))));
        assert_eq!(after("\"1500ms\""), Ok(Some(ms(1500))));
        assert_eq!(after("\"1m\""), Ok(Some(ms(60_000))));
        let config = Config::parse("c.toml", "[reader]\nfacets = true\n").unwrap();
        assert_eq!(config.reader.mark_read_after, None);
        assert_eq!(
            err("[reader]\nmark-read-after = \"soon\"\n"),
            "c.toml:2:19: `mark-read-after` must be a duration such as \"2s\" or \"1500ms\", not `soon`"
        );
        assert!(
            err("[reader]\nmark-read-after = \"0s\"\n")
                .starts_with("c.toml:2:19: `mark-read-after` must be above zero")
        );
        assert_eq!(
            err("[reader]\nmark-read-after = 2\n"),
            "c.toml:2:19: expected a string, found integer `2`"
        );
        assert!(
            err("[reader]\nmark_read_after = \"2s\"\n").starts_with("c.toml:2:1: unknown field")
        );
    }

    #[test]
    fn errors_say_what_is_expected_in_plain_words() {
        let expected = [
            (
                "[keys.list]\nquit = 5\n",
                "c.toml:2:8: `quit` must be a key name or a list of key names",
            ),
            (
                "[keys.list]\nquit = [\"q\", 1]\n",
                "c.toml:2:8: `quit` must be a key name or a list of key names",
            ),
            (
                "[keys.list]\nquit = { a = 1 }\n",
                "c.toml:2:8: `quit` must be a key name or a list of key names",
            ),
            (
                "[theme]\nmatch = true\n",
                "c.toml:2:9: `match` must be a colour name, a number 0-255 or \"#rrggbb\", or a table { fg, bg, bold, dim, italic, underline, reverse }",
            ),
            (
                "[theme]\nmatch = { fg = \"red\", bold = \"yes\" }\n",
                "c.toml:2:9: `match`: `bold` must be true or false",
            ),
            (
                "[reader]\nfacets = \"yes\"\n",
                "c.toml:2:10: expected true or false, found string \"yes\"",
            ),
            (
                "[keys]\nquit = \"q\"\n",
                "c.toml:2:8: expected a table, found string \"q\"",
            ),
            (
                "[reader]\ncorpus = 5\n",
                "c.toml:2:10: expected a path (a string), found integer `5`",
            ),
        ];
        for (text, message) in expected {
            assert_eq!(err(text), message, "{text}");
        }
    }
}
