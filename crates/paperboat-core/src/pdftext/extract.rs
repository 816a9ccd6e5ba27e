//! A PDF's text, page by page, with pdf-extract: each page on its own, so
//! that one page it cannot read (it panics on some real papers) loses that
//! page and not the paper; the text cleaned as corpus text is.
//!
//! pdf-extract bounds neither time nor memory (a compressed "bomb" grows
//! to gigabytes): callers run this in a child process with limits (see
//! `paperboat`'s `extract-text`), never in the reader.

use pdf_extract::{Document, ObjectId, PlainTextOutput, output_doc_page};

use crate::contain::contained;
use serde::{Deserialize, Serialize};

/// The largest PDF whose text is taken (the cap of a download).
pub const MAX_BYTES: usize = crate::library::pdfs::MAX_PDF_BYTES as usize;

/// The longest text kept of one page: a page of a paper holds a few
/// thousand characters; more is a text layer gone wrong.
pub const MAX_PAGE_CHARS: usize = 64 * 1024;

/// The most pages whose text is taken.
pub const MAX_PAGES: usize = 2000;

/// The text of a PDF.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PdfText {
    /// Each page's text, cleaned, in order (an unreadable page is empty).
    pub pages: Vec<String>,
    /// How many pages could not be read.
    pub failed_pages: usize,
}

/// Why no text could be taken from a PDF.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum Unreadable {
    /// Locked with a password.
    #[error("encrypted with a password")]
    Encrypted,
    /// Pages without a text layer (scanned images).
    #[error("no text in it (scanned pages?)")]
    NoText,
    /// Not a PDF that can be read.
    #[error("malformed: {0}")]
    Malformed(String),
    /// Larger than [`MAX_BYTES`].
    #[error("too large to read")]
    TooLarge,
}

/// The text of the PDF `bytes`, page by page.
pub fn extract(bytes: &[u8]) -> Result<PdfText, Unreadable> {
    if bytes.len() > MAX_BYTES {
        return Err(Unreadable::TooLarge);
    }
    if memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_none() {
        return Err(Unreadable::Malformed("it does not start as a PDF".into()));
    }
    let loaded = contained(|| Document::load_mem(bytes));
    let mut document = match loaded {
        Some(Ok(document)) => document,
        Some(Err(e)) => return Err(malformed(&e.to_string())),
        None => return Err(Unreadable::Malformed("its structure cannot be read".into())),
    };
    if document.is_encrypted() {
        // Many PDFs are "encrypted" with an empty password, readable by all.
        let decrypted = contained(|| document.decrypt(""));
        if !matches!(decrypted, Some(Ok(()))) {
            return Err(Unreadable::Encrypted);
        }
    }
    let pages: Vec<(u32, ObjectId)> = document.get_pages().into_iter().take(MAX_PAGES).collect();
    if pages.is_empty() {
        return Err(Unreadable::Malformed("it has no pages".into()));
    }
    let mut text = PdfText::default();
    for (number, id) in pages {
        let page = parents_end(&document, id).then(|| {
            contained(|| {
                let mut out = String::new();
                let mut output = PlainTextOutput::new(&mut out);
                output_doc_page(&document, &mut output, number).map(|()| out)
            })
        });
        match page.flatten() {
            Some(Ok(raw)) => text.pages.push(clean_page(&raw)),
            _ => {
                text.failed_pages += 1;
                text.pages.push(String::new());
            }
        }
    }
    if text.pages.iter().all(|p| p.trim().is_empty()) {
        return Err(match text.failed_pages {
            0 => Unreadable::NoText,
            _ => Unreadable::Malformed("no page could be read".into()),
        });
    }
    Ok(text)
}

/// Whether following `Parent` up from the page `id` ends: pdf-extract
/// follows it for what a page inherits, without end when it loops.
fn parents_end(document: &Document, id: ObjectId) -> bool {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut at = id;
    loop {
        // A page tree is a few levels deep; hundreds is a loop in disguise.
        if !seen.insert(at) || seen.len() > 256 {
            return false;
        }
        let Ok(dict) = document.get_dictionary(at) else {
            return true;
        };
        match dict.get(b"Parent").and_then(|parent| parent.as_reference()) {
            Ok(parent) => at = parent,
            Err(_) => return true,
        }
    }
}

fn malformed(why: &str) -> Unreadable {
    let why = crate::corpus::sanitize::clean_line(why);
    Unreadable::Malformed(crate::corpus::sanitize::clip(&why, 120).into_owned())
}

/// A page's text as the index and the screen take it: ligatures spelt
/// out, a word broken by a hyphen at a line's end joined, lines joined by
/// a space (a phrase runs on across them; snippets are one line anyway),
/// runs of blanks made one, and whatever a terminal would obey replaced
/// (a hostile text layer is corpus text). At most [`MAX_PAGE_CHARS`].
pub fn clean_page(raw: &str) -> String {
    let mut spelt = String::with_capacity(raw.len().min(MAX_PAGE_CHARS * 4));
    for c in raw.chars() {
        match c {
            '\u{FB00}' => spelt.push_str("ff"),
            '\u{FB01}' => spelt.push_str("fi"),
            '\u{FB02}' => spelt.push_str("fl"),
            '\u{FB03}' => spelt.push_str("ffi"),
            '\u{FB04}' => spelt.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => spelt.push_str("st"),
            // A form feed separates pages where pages are kept.
            '\u{c}' => spelt.push('\n'),
            c => spelt.push(c),
        }
        if spelt.len() > MAX_PAGE_CHARS * 4 {
            break;
        }
    }
    let cleaned = crate::corpus::sanitize::clean_lines(&spelt);
    let mut out = String::with_capacity(cleaned.len());
    let mut lines = cleaned
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    while let Some(line) = lines.next() {
        let mut words = line.split_whitespace().peekable();
        while let Some(word) = words.next() {
            out.push_str(word);
            if words.peek().is_some() {
                out.push(' ');
            }
        }
        let next_lower = lines
            .peek()
            .and_then(|l| l.chars().next())
            .is_some_and(char::is_lowercase);
        if out.ends_with('-') && next_lower && out.len() > 1 {
            // `complex-` / `ity`: one word again.
            out.pop();
        } else if lines.peek().is_some() {
            out.push(' ');
        }
        if out.chars().count() > MAX_PAGE_CHARS {
            let end = out
                .char_indices()
                .nth(MAX_PAGE_CHARS)
                .map_or(out.len(), |(i, _)| i);
            out.truncate(end);
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdftext::sample_pdf;

    #[test]
    fn each_page_comes_back_in_order() {
        let pdf = sample_pdf(&[
            "Retina segmentation with state space models.",
            "",
            "Choroidal neovascularization (CNV) in the third page.",
        ]);
        let text = extract(&pdf).unwrap();
        assert_eq!(text.pages.len(), 3);
        assert_eq!(text.failed_pages, 0);
        assert!(
            text.pages[0].contains("Retina segmentation with state space models."),
            "{:?}",
            text.pages[0]
        );
        assert!(text.pages[1].trim().is_empty());
        assert!(
            text.pages[2].contains("Choroidal neovascularization (CNV)"),
            "{:?}",
            text.pages[2]
        );
    }

    #[test]
    fn unreadable_pdfs_say_why() {
        assert!(matches!(
            extract(b"<html></html>"),
            Err(Unreadable::Malformed(_))
        ));
        let pdf = sample_pdf(&["A whole page of text."]);
        assert!(matches!(
            extract(&pdf[..pdf.len() / 2]),
            Err(Unreadable::Malformed(_))
        ));
        assert!(matches!(
            extract(b"%PDF-1.4\n\x00\xff garbage"),
            Err(Unreadable::Malformed(_))
        ));
        assert_eq!(extract(&sample_pdf(&["", ""])), Err(Unreadable::NoText));
    }

    #[test]
    fn text_is_cleaned_as_corpus_text() {
        // A hyphen ending a line before a lowercase word is TeX breaking a
        // word (a compound broken there is joined too: rarer, and the
        // cost of the other choice is every broken word lost to search).
        let raw = "The e\u{FB03}cient \u{FB01}t\u{1b}[31m of  high\ncomplex-\nity and\u{202e}evil\nNext-\nLine";
        assert_eq!(
            clean_page(raw),
            "The efficient fit\u{FFFD}[31m of high complexity and\u{FFFD}evil Next- Line"
        );
        let long = "word ".repeat(MAX_PAGE_CHARS);
        assert!(clean_page(&long).chars().count() <= MAX_PAGE_CHARS);
    }
}
