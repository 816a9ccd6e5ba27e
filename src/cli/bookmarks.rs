//! `paperboat bookmarks list|add|remove|export`.
//!
//! The store hands over bookmarks cleaned as corpus text is; the exports
//! still escape what their own formats would read as markup, and carry
//! only the links the reader would open.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use super::{BookmarksAction, CliError, ExportFormat, ListFormat, Status};
use crate::bookmarks::{Bookmark, Change, Store};
use crate::catalog::Catalog;
use crate::corpus::LinkKind;
use crate::corpus::sanitize::{clean_line, clean_lines};

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
                ListFormat::Json => write_json(&bookmarks, out)?,
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

/// One line per bookmark; a note under it, each of its lines on its own.
fn list(bookmarks: &[Bookmark], corpus: &Catalog, out: &mut impl Write) -> Result<(), CliError> {
    let found = positions(corpus, bookmarks);
    for b in bookmarks {
        let added = b.added.get(..10).unwrap_or(&b.added);
        let orphan = if !found.contains_key(b.id.as_str()) {
            "  (not in this corpus)"
        } else {
            ""
        };
        writeln!(out, "{added}  {}  {}{orphan}", b.id, b.title)?;
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

/// JSON as a terminal may show it: C1 controls and bidi characters escaped.
fn write_json(bookmarks: &[Bookmark], out: &mut impl Write) -> Result<(), CliError> {
    crate::corpus::safe_json::to_writer_pretty(&mut *out, bookmarks)?;
    writeln!(out)?;
    Ok(())
}

/// The link a reader of an export most likely wants: code, else the paper,
/// else any; only links the reader would open.
fn best_url(bookmark: &Bookmark) -> Option<&str> {
    let valid = || {
        bookmark
            .links
            .iter()
            .filter(|l| crate::links::validate(&l.url).is_ok())
    };
    [LinkKind::Code, LinkKind::Paper]
        .iter()
        .find_map(|k| valid().find(|l| l.kind == *k))
        .or_else(|| valid().next())
        .map(|l| l.url.as_str())
}

/// `- [Title](url) — note`, the note's further lines inside the item.
fn markdown(bookmarks: &[Bookmark], out: &mut impl Write) -> Result<(), CliError> {
    writeln!(out, "# Bookmarks")?;
    writeln!(out)?;
    for b in bookmarks {
        let title = markdown_escape(&b.title);
        match best_url(b) {
            Some(url) => write!(out, "- [{title}]({})", markdown_url(url))?,
            None => write!(out, "- {title}")?,
        }
        for (i, line) in b.note.lines().enumerate() {
            if i == 0 {
                write!(out, " — {}", markdown_escape(line))?;
                continue;
            }
            writeln!(out)?;
            if !line.is_empty() {
                // Indented as the item's text, the line stays in the item.
                write!(out, "  {}", markdown_line(line))?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Text that Markdown shows as it is: every character that could start
/// markup, a link, raw HTML or a code span is backslash-escaped (CommonMark
/// allows that for any ASCII punctuation), and so is a `&` that could start
/// an entity such as `&#x202e;`.
fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let entity = c == '&'
            && chars
                .peek()
                .is_some_and(|n| *n == '#' || n.is_alphanumeric());
        if entity || "\\[]()<>*_`#|!~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A note's further line: escaped, and not starting a list item, a
/// numbered item or a heading underline either.
fn markdown_line(line: &str) -> String {
    let escaped = markdown_escape(line);
    if escaped.starts_with(['-', '+', '=']) {
        return format!("\\{escaped}");
    }
    let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && escaped[digits..].starts_with('.') {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    escaped
}

/// A URL that cannot end the link or open HTML early.
fn markdown_url(url: &str) -> String {
    percent_encode(url, &['(', ')', '<', '>', ' '])
}

/// `text` with each of `chars` written as `%XX` (all are ASCII).
fn percent_encode(text: &str, chars: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if chars.contains(&c) {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Words that make poor citation keys.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "on", "of", "for", "to", "towards", "in", "and", "with",
];

/// `@misc` entries with stable keys: the title's first word and the year
/// (`mmed2024`), with `b`, `c`... on collisions, in bookmark order.
fn bibtex(bookmarks: &[Bookmark], corpus: &Catalog, out: &mut impl Write) -> Result<(), CliError> {
    let mut keys = Keys::default();
    let found = positions(corpus, bookmarks);
    for (i, b) in bookmarks.iter().enumerate() {
        let at = found.get(b.id.as_str()).copied();
        let year = at
            .and_then(|at| corpus.index.date(at))
            .map(|d| d.year.to_string());
        let word: String = b
            .title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .map(|w| w.to_ascii_lowercase())
            .find(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
            .unwrap_or_else(|| "paper".into());
        let key = keys.unique(&format!("{word}{}", year.as_deref().unwrap_or("nd")));
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "@misc{{{key},")?;
        writeln!(out, "  title = {{{{{}}}}},", bibtex_escape(&b.title))?;
        if let Some(year) = &year {
            writeln!(out, "  year = {{{year}}},")?;
        }
        if let Some(url) = best_url(b) {
            // Braces would unbalance the field; a URL means the same encoded.
            writeln!(
                out,
                "  url = {{{}}},",
                percent_encode(url, &['{', '}', '\\'])
            )?;
        }
        if !b.note.is_empty() {
            // A field is one line: the note's lines are joined.
            let note: Vec<&str> = b.note.lines().filter(|l| !l.is_empty()).collect();
            writeln!(out, "  note = {{{}}},", bibtex_escape(&note.join(" ")))?;
        }
        writeln!(out, "}}")?;
    }
    Ok(())
}

/// Citation keys handed out so far, so that none is handed out twice.
#[derive(Default)]
struct Keys {
    used: HashSet<String>,
    /// Per base, the suffix number to try first: clashes are not counted
    /// again from the start.
    next: HashMap<String, u64>,
}

impl Keys {
    /// `base` when unused, else `base` with the first unused suffix of
    /// `b`, `c`, ... `z`, `aa`, `ab`, ...; never a key handed out before,
    /// whichever base it came from.
    fn unique(&mut self, base: &str) -> String {
        let n = self.next.entry(base.to_string()).or_insert(1);
        loop {
            let key = match *n {
                1 => base.to_string(),
                n => format!("{base}{}", letters(n)),
            };
            *n += 1;
            if self.used.insert(key.clone()) {
                return key;
            }
        }
    }
}

/// `n` in bijective base 26 with `a` as one: 2 is `b`, 26 `z`, 27 `aa`.
fn letters(mut n: u64) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    out.iter().rev().collect()
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
            '^' => out.push_str("\\textasciicircum{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            _ => out.push(c),
        }
    }
    out
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
            &["https://x.org/{a}"],
        );
        let bib = text(|out| bibtex(&[b], &no_corpus(), out));
        assert_eq!(
            bib,
            "@misc{bnd,\n  title = {{a\\textasciicircum{}b \\textasciitilde{}c d e \\& \\% \\$ \\# \\_}},\n  url = {https://x.org/%7Ba%7D},\n  note = {one \\textasciicircum{} two \\textasciitilde{}},\n}\n"
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
        assert_eq!(got[..3], ["mamband", "mambandb", "mambandc"]);
        assert_eq!(got[25..28], ["mambandz", "mambandaa", "mambandab"]);
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
