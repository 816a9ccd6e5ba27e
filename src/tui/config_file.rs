//! The config file as the reader takes it: its keys checked against the
//! keymap, its colours made a theme, and the whole default file written
//! out from the keymap and the theme's elements.

use std::fmt::Write as _;
use std::path::Path;

use super::keymap::{Keymap, Section, config_name};
use crate::config::{Config, ConfigError, ELEMENTS, PRESETS, ReaderSettings, ThemeSettings};

/// Everything the file sets, checked.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub keymap: Keymap,
    pub theme: ThemeSettings,
    pub reader: ReaderSettings,
}

/// The file at `path`, checked whole: `None` when there is none; an
/// error when any part of it is wrong (the reader does not start half
/// configured).
pub fn load(path: &Path) -> Result<Option<Settings>, ConfigError> {
    let Some(config) = Config::load(path)? else {
        return Ok(None);
    };
    Ok(Some(Settings {
        keymap: Keymap::with_config(&config)?,
        theme: config.theme.clone(),
        reader: config.reader.clone(),
    }))
}

/// A TOML string: quotes and backslashes escaped.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The whole default file: every table, action and key, the theme's
/// elements and the reader's settings, each with what it does. It reads
/// back as the defaults.
pub fn default_file() -> String {
    let keymap = Keymap::default();
    let mut out = String::new();
    out.push_str(
        "# paperboat's config file: <config dir>/config.toml (`paperboat config path`).\n\
         # Every key is optional; an unknown key, action, key name or colour is an\n\
         # error. This is the whole default file (`paperboat config default`).\n\n",
    );
    out.push_str(
        "# [keys.TABLE]: action = \"key\" or [\"key\", ...]. Keys: a character (`b`, `B`,\n\
         # `?`), `ctrl-x`, `alt-x`, `f1`-`f12`, space, enter, esc, tab, shift-tab,\n\
         # backspace, del, up, down, left, right, home, end, pgup, pgdn. A key bound\n\
         # to two actions that one screen would see is an error.\n",
    );
    for section in Section::ALL {
        let _ = write!(
            out,
            "\n[keys.{}]  # {}\n",
            section.config_name(),
            section.title()
        );
        for bound in keymap.table(section) {
            let names: Vec<String> = bound.keys.iter().filter_map(config_name).collect();
            let keys = names
                .iter()
                .map(|n| quoted(n))
                .collect::<Vec<_>>()
                .join(", ");
            if names.len() == bound.keys.len() {
                let _ = writeln!(out, "{} = [{keys}]  # {}", bound.name(), bound.help);
            } else {
                let _ = writeln!(out, "# {} = 1-9 (fixed)  # {}", bound.name(), bound.help);
            }
        }
    }
    let _ = write!(
        out,
        "\n[theme]\n# {}; NO_COLOR (set and non-empty) wins, `--theme NAME` picks one\n# for one run.\npreset = \"dark\"\n",
        PRESETS.join(", ")
    );
    out.push_str(
        "# Each element: a colour (a name such as red or bright-blue, grey, default,\n\
         # \"#rrggbb\" or 0-255) for its text, or a table:\n\
         # { fg = ..., bg = ..., bold = true, dim, italic, underline, reverse }.\n",
    );
    for (element, what) in ELEMENTS {
        let _ = writeln!(out, "# {element} = \"...\"  # {what}");
    }
    out.push_str(
        "\n[reader]\n\
         # The order a query without `sort:` shows: relevance, date, upvotes,\n\
         # title or authors; `-` first reverses.\n\
         # sort = \"date\"\n\
         # Whether the facets panel starts shown (by default: from 140 columns).\n\
         # facets = true\n\
         # The corpus file the reader and every command open when none is\n\
         # named (default: the library when it holds papers, else the bundled one).\n\
         # corpus = \"~/papers/arxiv.jsonl\"\n\
         # Papers become read by Enter, r and A only; with this, also a paper\n\
         # whose detail stays on screen this long (\"2s\", \"1500ms\").\n\
         # mark-read-after = \"2s\"\n\
         # The command P opens a PDF with: its words, the file in place of {}\n\
         # (else last); no shell. Default: $PAPERBOAT_PDF_VIEWER, else the\n\
         # system's viewer.\n\
         # pdf-viewer = \"zathura --fork {}\"\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the copy of the default file in `docs/config.md` starts and ends.
    const START: &str =
        "<!-- config: made by `paperboat config default`, checked by `cargo test` -->\n```toml\n";
    const END: &str = "```\n<!-- /config -->";

    /// With `PAPERBOAT_UPDATE_README=1`, the page's copy is rewritten
    /// instead (the test's name says `readme` so that the README's
    /// `cargo test --lib readme` runs it).
    #[test]
    fn readme_docs_config_shows_the_whole_default_file() {
        crate::readme_section::check(
            "docs/config.md",
            START,
            END,
            &default_file(),
            "default config file",
        );
    }

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        let config = Config::parse("default.toml", &default_file()).unwrap();
        assert!(config.keys.len() > 50);
        assert_eq!(Keymap::with_config(&config).unwrap(), Keymap::default());
        assert_eq!(config.theme.preset.as_deref(), Some("dark"));
    }
}
