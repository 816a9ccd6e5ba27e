//! `paperboat bookmarks list|add|remove|export`.
//!
//! The store hands over bookmarks cleaned as corpus text is; the exports
//! still escape what their own formats would read as markup, and carry
//! only the links the reader would open.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use super::{BookmarksAction, CliError, ExportFormat, ListFormat, Status};
use crate::catalog::Catalog;
use crate::catalog::updated::updated_bookmarks;
use crate::cite::{self, Citation};
use crate::corpus::sanitize::{clean_line, clean_lines};
use crate::query::Papers;
use crate::store::bookmarks::versions::VersionChange;
use crate::store::bookmarks::{Bookmark, Change, Store};

/// Where a note starts in `bookmarks list`: under the id.
const NOTE_INDENT: &str = "            ";

/// Runs one bookmarks action against `store`, with `corpus` for ids and
/// dates.
pub fn run(
    store: &Store,
    corpus: &Catalog,
    action: BookmarksAction,
    out: &mut impl Write,
) -> Result<Status, CliError> {
    match action {
        BookmarksAction::List { format } => {
            let bookmarks = store.load()?;
            match format {
                ListFormat::Json => list_json(&bookmarks, corpus, out)?,
                ListFormat::Text => list(&bookmarks, corpus, out)?,
            }
        }
        BookmarksAction::Add { id, note } => add(store, corpus, &id, note, out)?,
        BookmarksAction::Remove { id } => {
            // Stored ids are clean, so the id asked for is compared clean.
            let id = clean_line(&id);
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

/// One line per bookmark, ending with `v1 → v3 (2025-11-06)` when its
/// paper has a newer version than the one kept; a note under it, each of
/// its lines on its own.
fn list(bookmarks: &[Bookmark], corpus: &Catalog, out: &mut impl Write) -> Result<(), CliError> {
    let found = positions(corpus, bookmarks);
    let updated = changes(bookmarks, corpus);
    for b in bookmarks {
        let added = b.added.get(..10).unwrap_or(&b.added);
        let orphan = if !found.contains_key(b.id.as_str()) {
            "  (not in this corpus)"
        } else {
            ""
        };
        let change = updated
            .get(b.id.as_str())
            .map_or(String::new(), |c| format!("  {c}"));
        writeln!(out, "{added}  {}  {}{orphan}{change}", b.id, b.title)?;
        for (i, line) in b.note.lines().enumerate() {
            if i == 0 {
                writeln!(out, "{NOTE_INDENT}✎ {line}")?;
            } else if line.is_empty() {
                writeln!(out)?;
            } else {
                // Lined up with the first line's text, past `✎ `.
                writeln!(out, "{NOTE_INDENT}  {line}")?;
            }
        }
    }
    Ok(())
}

/// Bookmarks the paper `id`. `--note ""` clears the note; no `--note`
/// keeps the one it has.
fn add(
    store: &Store,
    corpus: &Catalog,
    id: &str,
    note: Option<String>,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let paper = super::show::find(corpus, id)?;
    let change = match note {
        Some(note) => Change::SetNote(Bookmark::of(&paper, &clean_lines(&note))),
        None => Change::Add(Bookmark::of(&paper, "")),
    };
    store.apply(change)?;
    writeln!(out, "bookmarked {}", clean_line(&paper.id))?;
    Ok(())
}

/// Where the bookmarked papers are in the corpus, by id: one pass over
/// the corpus's ids, however many bookmarks there are.
fn positions<'a>(corpus: &Catalog, bookmarks: &'a [Bookmark]) -> HashMap<&'a str, usize> {
    let wanted: HashSet<&str> = bookmarks.iter().map(|b| b.id.as_str()).collect();
    let mut found = HashMap::with_capacity(wanted.len());
    for (at, id) in corpus.ids().enumerate() {
        if let Some(&id) = wanted.get(id) {
            found.entry(id).or_insert(at);
        }
    }
    found
}

/// The newer versions of the bookmarked papers, by id.
fn changes<'a>(bookmarks: &'a [Bookmark], corpus: &Catalog) -> HashMap<&'a str, VersionChange> {
    updated_bookmarks(bookmarks, corpus)
        .into_iter()
        .map(|u| (u.bookmark.id.as_str(), u.change))
        .collect()
}

/// The bookmarks as stored, each whose paper has a newer version than the
/// one kept with `updated`: `{"from": 1, "to": 3, "date": "2025-11-06"}`.
fn list_json(
    bookmarks: &[Bookmark],
    corpus: &Catalog,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let updated = changes(bookmarks, corpus);
    let mut listed = Vec::with_capacity(bookmarks.len());
    for b in bookmarks {
        let mut value = serde_json::to_value(b).map_err(std::io::Error::other)?;
        if let (Some(c), Some(fields)) = (updated.get(b.id.as_str()), value.as_object_mut()) {
            let change = serde_json::json!({"from": c.from, "to": c.to, "date": c.date});
            fields.insert("updated".into(), change);
        }
        listed.push(value);
    }
    crate::corpus::safe_json::to_writer_pretty(&mut *out, &listed)?;
    writeln!(out)?;
    Ok(())
}

/// JSON as a terminal may show it: C1 controls and bidi characters escaped.
fn write_json(bookmarks: &[Bookmark], out: &mut impl Write) -> Result<(), CliError> {
    crate::corpus::safe_json::to_writer_pretty(&mut *out, bookmarks)?;
    writeln!(out)?;
    Ok(())
}

/// The link a reader of an export most likely wants: code, else the paper,
/// else any; only links the reader would open.
fn best_url(bookmark: &Bookmark) -> Option<&str> {
    cite::best_url(&bookmark.links)
}

/// `- [Title](url) — note`, the note's further lines inside the item.
fn markdown(bookmarks: &[Bookmark], out: &mut impl Write) -> Result<(), CliError> {
    writeln!(out, "# Bookmarks")?;
    writeln!(out)?;
    for b in bookmarks {
        write!(out, "- {}", cite::markdown::link(&b.title, best_url(b)))?;
        for (i, line) in b.note.lines().enumerate() {
            if i == 0 {
                write!(out, " — {}", cite::markdown::escape(line))?;
                continue;
            }
            writeln!(out)?;
            if !line.is_empty() {
                // Indented as the item's text, the line stays in the item.
                write!(out, "  {}", cite::markdown::item_line(line))?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

/// `@misc` entries under the keys the bookmarks were made with; older
/// bookmarks are cited from the open corpus where it has them.
fn bibtex(bookmarks: &[Bookmark], corpus: &Catalog, out: &mut impl Write) -> Result<(), CliError> {
    let found = positions(corpus, bookmarks);
    let citations: Vec<Citation> = bookmarks
        .iter()
        .map(|b| {
            let paper = found.get(b.id.as_str()).map(|&at| corpus.paper(at));
            b.citation(paper.as_deref())
        })
        .collect();
    out.write_all(cite::bibtex::entries(&citations).as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Link;

    fn bookmark(title: &str, note: &str, urls: &[&str]) -> Bookmark {
        Bookmark {
            id: "id".into(),
            title: title.into(),
            added: "2026-01-01T00:00:00Z".into(),
            note: note.into(),
            links: urls.iter().map(|u| Link::classified(*u)).collect(),
            cite: None,
            version: None,
        }
    }

    fn text(write: impl FnOnce(&mut Vec<u8>) -> Result<(), CliError>) -> String {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn no_corpus() -> Catalog {
        Catalog::loaded(String::new(), Vec::new())
    }

    /// Every character CommonMark could read as markup, in one title.
    const MARKUP: &str = "A <img src=x onerror=alert(1)> [two](https://evil.example) *b* _i_ `c` # h | t ! ~ \\ &amp; &#x202e; & so";

    #[test]
    fn markdown_titles_and_notes_are_inert_text() {
        let b = bookmark(
            MARKUP,
            "<b>x</b> [l](javascript:alert(1))\n# heading\n- item\n+ item\n1. one\n\nlast",
            &["https://x.org/a_(b)"],
        );
        let md = text(|out| markdown(&[b], out));
        let escaped = "A \\<img src=x onerror=alert\\(1\\)\\> \\[two\\]\\(https://evil.example\\) \\*b\\* \\_i\\_ \\`c\\` \\# h \\| t \\! \\~ \\\\ \\&amp; \\&\\#x202e; & so";
        assert_eq!(
            md,
            format!(
                "# Bookmarks\n\n- [{escaped}](https://x.org/a_%28b%29) — \\<b\\>x\\</b\\> \\[l\\]\\(javascript:alert\\(1\\)\\)\n  \\# heading\n  \\- item\n  \\+ item\n  1\\. one\n\n  last\n"
            )
        );
        // The class, not only the example: every markup character of the
        // text is escaped.
        let mut chars = escaped.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => assert!(chars.next().is_some_and(|n| n.is_ascii_punctuation())),
                '&' => assert_eq!(chars.peek(), Some(&' '), "{escaped}"),
                c => assert!(!"[]()<>*_`#|!~".contains(c), "{c} in {escaped}"),
            }
        }
    }

    #[test]
    fn markdown_and_bibtex_carry_only_links_that_validate() {
        let refused = [
            "javascript:alert(1)",
            "https://x.org/a b",
            "http:evil.com",
            "file:///etc/passwd",
        ];
        let b = bookmark("T", "", &refused);
        let md = text(|out| markdown(std::slice::from_ref(&b), out));
        assert_eq!(md, "# Bookmarks\n\n- T\n");
        let bib = text(|out| bibtex(&[b], &no_corpus(), out));
        assert!(!bib.contains("url"), "{bib}");
    }

    #[test]
    fn bibtex_escapes_what_latex_would_read() {
        let b = bookmark(
            "a^b ~c {d} \\e & % $ # _",
            "one ^\n\ntwo ~",
            &["https://arxiv.org/abs/{a}"],
        );
        let bib = text(|out| bibtex(&[b], &no_corpus(), out));
        assert_eq!(
            bib,
            "@misc{bndc,\n  title = {{a\\textasciicircum{}b \\textasciitilde{}c \\textbraceleft{}d\\textbraceright{} \\textbackslash{}e \\& \\% \\$ \\# \\_}},\n  url = {https://arxiv.org/abs/%7Ba%7D},\n  note = {one \\textasciicircum{} two \\textasciitilde{}},\n}\n"
        );
    }

    fn keys(bib: &str) -> Vec<String> {
        bib.lines()
            .filter_map(|l| l.strip_prefix("@misc{")?.strip_suffix(','))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn bibtex_keys_are_unique_however_many_clash() {
        let many: Vec<Bookmark> = (0..100)
            .map(|i| bookmark(&format!("Mamba number {i}"), "", &[]))
            .collect();
        let got = keys(&text(|out| bibtex(&many, &no_corpus(), out)));
        assert_eq!(got.len(), 100);
        let unique: std::collections::HashSet<&String> = got.iter().collect();
        assert_eq!(unique.len(), 100, "{got:?}");
        assert_eq!(
            got[..3],
            ["mambandnumber", "mambandnumbera", "mambandnumberb"]
        );
        assert_eq!(
            got[26..29],
            ["mambandnumberz", "mambandnumberaa", "mambandnumberab"]
        );
        // A key built from another base is never repeated either: `foond`
        // plus the suffix `nd` is the base of a title starting `Foond`.
        let mut clash = vec![bookmark("Foond", "", &[])];
        clash.extend((0..400).map(|_| bookmark("Foo", "", &[])));
        let got = keys(&text(|out| bibtex(&clash, &no_corpus(), out)));
        let unique: std::collections::HashSet<&String> = got.iter().collect();
        assert_eq!(unique.len(), 401);
        assert_eq!(got[0], "foondnd");
    }
}
