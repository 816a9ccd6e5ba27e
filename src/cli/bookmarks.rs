//! `paperboat bookmarks list|add|remove|export`.

use std::collections::HashMap;
use std::io::Write;

use super::{BookmarksAction, CliError, ExportFormat, ListFormat, Status};
use crate::bookmarks::{Bookmark, Change, Store};
use crate::corpus::{Corpus, LinkKind, Paper};

/// Runs one bookmarks action against `store`, with `corpus` for ids and
/// dates.
pub fn run(
    store: &Store,
    corpus: &Corpus,
    action: BookmarksAction,
    out: &mut impl Write,
) -> Result<Status, CliError> {
    match action {
        BookmarksAction::List { format } => {
            let bookmarks = store.load()?;
            match format {
                ListFormat::Json => write_json(&bookmarks, out)?,
                ListFormat::Text => {
                    for b in &bookmarks {
                        let added = b.added.get(..10).unwrap_or(&b.added);
                        let orphan = if corpus.get(&b.id).is_none() {
                            "  (not in this corpus)"
                        } else {
                            ""
                        };
                        writeln!(out, "{added}  {}  {}{orphan}", b.id, b.title)?;
                        if !b.note.is_empty() {
                            writeln!(out, "            ✎ {}", b.note)?;
                        }
                    }
                }
            }
        }
        BookmarksAction::Add { id, note } => {
            let paper = super::show::find(corpus, &id)?;
            let note = note
                .map(|n| crate::corpus::sanitize::clean_line(&n))
                .unwrap_or_default();
            let bookmark = Bookmark::of(paper, &note);
            let change = if note.is_empty() {
                Change::Add(bookmark)
            } else {
                Change::SetNote(bookmark)
            };
            store.apply(change)?;
            writeln!(out, "bookmarked {}", paper.id)?;
        }
        BookmarksAction::Remove { id } => {
            if !store.load()?.iter().any(|b| b.id == id) {
                return Err(CliError::Usage(format!("no bookmark with id `{id}`")));
            }
            store.apply(Change::Remove(id.clone()))?;
            writeln!(out, "removed {id}")?;
        }
        BookmarksAction::Export { format } => {
            let bookmarks = store.load()?;
            match format {
                ExportFormat::Json => write_json(&bookmarks, out)?,
                ExportFormat::Md => markdown(&bookmarks, out)?,
                ExportFormat::Bibtex => bibtex(&bookmarks, corpus, out)?,
            }
        }
    }
    Ok(Status::Done)
}

fn write_json(bookmarks: &[Bookmark], out: &mut impl Write) -> Result<(), CliError> {
    serde_json::to_writer_pretty(&mut *out, bookmarks).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// The link a reader of an export most likely wants: code, else the paper,
/// else any.
fn best_url(bookmark: &Bookmark) -> Option<&str> {
    [LinkKind::Code, LinkKind::Paper]
        .iter()
        .find_map(|k| bookmark.links.iter().find(|l| l.kind == *k))
        .or(bookmark.links.first())
        .map(|l| l.url.as_str())
}

/// `- [Title](url) — note`
fn markdown(bookmarks: &[Bookmark], out: &mut impl Write) -> Result<(), CliError> {
    writeln!(out, "# Bookmarks")?;
    writeln!(out)?;
    for b in bookmarks {
        let title = b.title.replace('[', "\\[").replace(']', "\\]");
        match best_url(b) {
            Some(url) => write!(out, "- [{title}]({})", url.replace(')', "%29"))?,
            None => write!(out, "- {title}")?,
        }
        if !b.note.is_empty() {
            write!(out, " — {}", b.note)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Words that make poor citation keys.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "on", "of", "for", "to", "towards", "in", "and", "with",
];

/// `@misc` entries with stable keys: the title's first word and the year
/// (`mmed2024`), with `b`, `c`... on collisions, in bookmark order.
fn bibtex(bookmarks: &[Bookmark], corpus: &Corpus, out: &mut impl Write) -> Result<(), CliError> {
    let mut used: HashMap<String, usize> = HashMap::new();
    for (i, b) in bookmarks.iter().enumerate() {
        let paper: Option<&Paper> = corpus.get(&b.id);
        let year = paper.and_then(|p| p.published).map(|d| d.year.to_string());
        let word: String = b
            .title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .map(|w| w.to_ascii_lowercase())
            .find(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
            .unwrap_or_else(|| "paper".into());
        let base = format!("{word}{}", year.as_deref().unwrap_or("nd"));
        let n = used.entry(base.clone()).or_insert(0);
        let key = match *n {
            0 => base.clone(),
            k => format!("{base}{}", (b'a' + (k as u8).min(25)) as char),
        };
        *n += 1;
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "@misc{{{key},")?;
        writeln!(out, "  title = {{{{{}}}}},", bibtex_escape(&b.title))?;
        if let Some(year) = &year {
            writeln!(out, "  year = {{{year}}},")?;
        }
        if let Some(url) = best_url(b) {
            writeln!(out, "  url = {{{}}},", url.replace(['{', '}'], ""))?;
        }
        if !b.note.is_empty() {
            writeln!(out, "  note = {{{}}},", bibtex_escape(&b.note))?;
        }
        writeln!(out, "}}")?;
    }
    Ok(())
}

/// Braces would unbalance the entry and `\\` starts a command: both go;
/// LaTeX's special characters are escaped.
fn bibtex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' | '}' | '\\' => {}
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}
