//! Daily Papers page text (PRODUCT.md section 8) to papers.
//!
//! A page is the listing as copied from a browser: a header ending with
//! `byAK and the research community` and a date line, then for each paper its
//! title line, its abstract line, and optionally `• N authors` (or an
//! organization's name), a `·` line and a date line with an optional upvote
//! count.

use std::collections::HashMap;

use super::abstract_links::{extract_urls, tidy_url_tokens};
use super::latex::clean_latex;
use crate::corpus::sanitize::{clean_line, clean_text};
use crate::corpus::slug::{IdAssigner, slug};
use crate::corpus::taxonomy::Taxonomy;
use crate::corpus::{Corpus, Date, Link, Paper};

/// The line that ends a page's header.
const HEADER_END: &str = "byAK and the research community";
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A page that does not follow the format; `Display` is one line.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}:1: {message}")]
pub struct ImportError {
    /// The page's name as the user gave it.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// One page entry before merging.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// Title as written on the page (LaTeX not yet cleaned).
    pub title: String,
    /// Abstract as written on the page.
    pub abstract_text: String,
    /// `• N authors`.
    pub author_count: Option<u32>,
    /// A submitting organization's line instead of the count.
    pub organization: Option<String>,
    /// The date line's date.
    pub published: Option<Date>,
    /// The date line's upvotes; zero when the date line has none.
    pub upvotes: Option<u32>,
}

impl Entry {
    fn richness(&self) -> usize {
        [
            self.author_count.is_some(),
            self.organization.is_some(),
            self.published.is_some(),
            self.upvotes.is_some_and(|n| n > 0),
        ]
        .iter()
        .filter(|&&known| known)
        .count()
    }
}

/// Parses one page; `year` is the capture year for dates written without one.
pub fn parse_page(text: &str, file: &str, year: u16) -> Result<Vec<Entry>, ImportError> {
    let page = Page {
        // Non-empty lines with their 1-based numbers.
        lines: text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim()))
            .filter(|(_, l)| !l.is_empty())
            .collect(),
        file,
        year,
    };
    let Some(header) = page.lines.iter().position(|(_, l)| *l == HEADER_END) else {
        return Err(page.error(
            1,
            format!("not a Daily Papers page: no `{HEADER_END}` line"),
        ));
    };
    // The page's own date (`Nov 3`) follows the header line.
    let mut i = header + 1;
    if page
        .lines
        .get(i)
        .is_some_and(|(_, l)| parse_date_line(l, year).is_some())
    {
        i += 1;
    }
    let mut entries = Vec::new();
    while i < page.lines.len() {
        entries.push(page.entry(&mut i)?);
    }
    Ok(entries)
}

/// A page's non-empty lines, and what errors name.
struct Page<'a> {
    lines: Vec<(usize, &'a str)>,
    file: &'a str,
    year: u16,
}

impl Page<'_> {
    fn error(&self, line: usize, message: String) -> ImportError {
        ImportError {
            file: self.file.to_string(),
            line,
            message,
        }
    }

    /// Whether line `k` is the `·` between metadata.
    fn is_dot(&self, k: usize) -> bool {
        self.lines.get(k).is_some_and(|(_, l)| *l == "·")
    }

    /// The entry whose title is line `*i`; `*i` moves past it.
    fn entry(&self, i: &mut usize) -> Result<Entry, ImportError> {
        let (title_no, title) = self.lines[*i];
        if is_metadata(title, self.year) {
            return Err(self.error(
                title_no,
                format!(
                    "expected a paper title, found metadata `{}`",
                    clean_line(title)
                ),
            ));
        }
        let mut entry = Entry {
            title: title.to_string(),
            ..Entry::default()
        };
        *i += 1;
        if let Some(&(_, abstract_line)) = self.lines.get(*i)
            && !is_metadata(abstract_line, self.year)
        {
            entry.abstract_text = abstract_line.to_string();
            *i += 1;
        }
        self.metadata(i, &mut entry)?;
        Ok(entry)
    }

    /// Optional metadata from line `*i` on: an author count or an
    /// organization, `·`, a date with the upvotes.
    fn metadata(&self, i: &mut usize, entry: &mut Entry) -> Result<(), ImportError> {
        if let Some(&(no, line)) = self.lines.get(*i) {
            if let Some(count) = parse_author_count(line) {
                entry.author_count = Some(count);
                *i += 1;
            } else if line.starts_with('•') {
                return Err(self.error(
                    no,
                    format!("expected `• N authors`, found `{}`", clean_line(line)),
                ));
            } else if self.is_dot(*i + 1) {
                entry.organization = Some(undouble(line).to_string());
                *i += 1;
            }
        }
        if !self.is_dot(*i) {
            if entry.author_count.is_some() {
                return Err(self.error(
                    self.lines[*i - 1].0,
                    "expected a `·` line after the author count".into(),
                ));
            }
            return Ok(());
        }
        let dot_no = self.lines[*i].0;
        *i += 1;
        let Some(&(no, line)) = self.lines.get(*i) else {
            return Err(self.error(
                dot_no,
                "expected a date line after `·`, found the end of the page".into(),
            ));
        };
        let (date, upvotes) = parse_date_line(line, self.year).ok_or_else(|| {
            self.error(
                no,
                format!(
                    "expected a date line like `Feb 19 1` or `Oct 3, 2024 4`, found `{}`",
                    clean_line(line)
                ),
            )
        })?;
        entry.published = Some(date);
        entry.upvotes = Some(upvotes);
        *i += 1;
        Ok(())
    }
}

/// The page repeats an organization's name (`UCSC-VLAA UCSC-VLAA`): the
/// logo's text and then the name.
fn undouble(line: &str) -> &str {
    let words: Vec<&str> = line.split(' ').collect();
    let half = words.len() / 2;
    if words.len().is_multiple_of(2) && half > 0 && words[..half] == words[half..] {
        let end = words[..half].iter().map(|w| w.len() + 1).sum::<usize>() - 1;
        &line[..end]
    } else {
        line
    }
}

fn is_metadata(line: &str, year: u16) -> bool {
    line == "·" || line.starts_with('•') || parse_date_line(line, year).is_some()
}

/// `• 11 authors` or `• 1 author`.
fn parse_author_count(line: &str) -> Option<u32> {
    let rest = line.strip_prefix('•')?.trim();
    let (count, word) = rest.split_once(' ')?;
    matches!(word.trim(), "authors" | "author")
        .then(|| count.parse().ok())
        .flatten()
}

/// `Mon D`, `Mon D, YYYY`, each optionally followed by an upvote count.
pub fn parse_date_line(line: &str, capture_year: u16) -> Option<(Date, u32)> {
    let mut words = line.split_whitespace();
    let month_word = words.next()?;
    let month = MONTHS.iter().position(|m| *m == month_word)? as u8 + 1;
    let day_word = words.next()?;
    let (day_text, has_year) = match day_word.strip_suffix(',') {
        Some(d) => (d, true),
        None => (day_word, false),
    };
    let day: u8 = digits(day_text)?;
    let year = if has_year {
        digits(words.next()?)?
    } else {
        capture_year
    };
    let upvotes = match words.next() {
        Some(n) => digits(n)?,
        None => 0,
    };
    if words.next().is_some() {
        return None;
    }
    Some((Date::new(year, month, day)?, upvotes))
}

fn digits<T: std::str::FromStr>(text: &str) -> Option<T> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// The same paper on several pages is one paper: the entry with the richest
/// metadata wins, and what it lacks is filled from the others.
pub fn merge(entries: Vec<Entry>) -> Vec<Entry> {
    let mut merged: Vec<Entry> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for entry in entries {
        let key = clean_line(&entry.title).to_lowercase();
        match index.get(&key) {
            None => {
                index.insert(key, merged.len());
                merged.push(entry);
            }
            Some(&at) => {
                let kept = &mut merged[at];
                let (mut base, other) = if entry.richness() > kept.richness() {
                    (entry, kept.clone())
                } else {
                    (kept.clone(), entry)
                };
                base.author_count = base.author_count.or(other.author_count);
                base.organization = base.organization.or(other.organization);
                base.published = base.published.or(other.published);
                base.upvotes = base.upvotes.max(other.upvotes);
                if other.abstract_text.len() > base.abstract_text.len() {
                    base.abstract_text = other.abstract_text;
                }
                *kept = base;
            }
        }
    }
    merged
}

/// A clean paper from an entry: LaTeX residue gone, URLs become links, tags
/// from the taxonomy; the id is assigned by the caller.
pub fn to_paper(entry: Entry, taxonomy: &Taxonomy) -> Paper {
    let title = clean_line(&clean_latex(&entry.title));
    let links = extract_urls(&entry.abstract_text)
        .into_iter()
        .map(Link::classified)
        .collect();
    let abstract_text = clean_text(&clean_latex(&tidy_url_tokens(&entry.abstract_text)));
    let tags = taxonomy.tags_for(&title, &abstract_text);
    Paper {
        title,
        abstract_text,
        author_count: entry.author_count,
        organization: entry.organization.map(|o| clean_line(&clean_latex(&o))),
        published: entry.published,
        upvotes: entry.upvotes,
        links,
        tags,
        ..Paper::titled("")
    }
}

/// Imports pages (name and text) into one corpus, in page order.
pub fn import_pages(
    pages: &[(String, String)],
    year: u16,
    name: &str,
    taxonomy: &Taxonomy,
) -> Result<Corpus, ImportError> {
    let mut entries = Vec::new();
    for (file, text) in pages {
        entries.extend(parse_page(text, file, year)?);
    }
    let mut ids = IdAssigner::default();
    let papers = merge(entries)
        .into_iter()
        .map(|e| {
            let mut paper = to_paper(e, taxonomy);
            paper.id = ids.assign(&slug(&paper.title));
            paper
        })
        .collect();
    Ok(Corpus {
        name: name.to_string(),
        papers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "new\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\nNov 3\n\n";

    fn page(body: &str) -> Vec<Entry> {
        parse_page(&format!("{HEADER}{body}"), "p.txt", 2025).unwrap()
    }

    fn date(y: u16, m: u8, d: u8) -> Option<Date> {
        Date::new(y, m, d)
    }

    #[test]
    fn author_count_dot_and_dated_line() {
        let e = page("Title A\n\nAbstract A.\n\n  • 11 authors\n·\nJun 5, 2024\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].title, "Title A");
        assert_eq!(e[0].abstract_text, "Abstract A.");
        assert_eq!(e[0].author_count, Some(11));
        assert_eq!(e[0].published, date(2024, 6, 5));
        assert_eq!(e[0].upvotes, Some(0));
    }

    #[test]
    fn yearless_dates_take_the_capture_year_and_upvotes() {
        let e = page(
            "T\n\nA\n\n  • 5 authors\n·\nFeb 19 1\n\nU\n\nB\n\n  • 1 author\n·\nOct 3, 2024 4\n",
        );
        assert_eq!((e[0].published, e[0].upvotes), (date(2025, 2, 19), Some(1)));
        assert_eq!((e[1].published, e[1].upvotes), (date(2024, 10, 3), Some(4)));
        assert_eq!(e[1].author_count, Some(1));
    }

    #[test]
    fn an_organization_line_instead_of_a_count() {
        let e = page(
            "T\n\nA\n\nUCSC-VLAA UCSC-VLAA\n·\nJul 7\n\nNext\n\nB\n\nGoogle Research Google Research\n·\nJul 8\n",
        );
        assert_eq!(e[0].organization.as_deref(), Some("UCSC-VLAA"));
        assert_eq!(e[1].organization.as_deref(), Some("Google Research"));
        assert_eq!(e[0].author_count, None);
        assert_eq!(e[0].published, date(2025, 7, 7));
        assert_eq!(e[1].title, "Next");
    }

    #[test]
    fn papers_without_metadata() {
        let e = page("T1\n\nA1\n\nT2\n\nA2\n\nT3\n\nA3\n\n  • 2 authors\n·\nMay 1\n");
        assert_eq!(e.len(), 3);
        assert_eq!(
            (e[0].published, e[0].upvotes, e[0].author_count),
            (None, None, None)
        );
        assert_eq!(e[1].title, "T2");
        assert_eq!(e[2].author_count, Some(2));
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            parse_date_line("Sep 26", 2025),
            Some((Date::new(2025, 9, 26).unwrap(), 0))
        );
        assert_eq!(
            parse_date_line("Apr 1 2", 2025),
            Some((Date::new(2025, 4, 1).unwrap(), 2))
        );
        assert_eq!(
            parse_date_line("Nov 5, 2024 1", 2025),
            Some((Date::new(2024, 11, 5).unwrap(), 1))
        );
        assert_eq!(parse_date_line("Feb 30", 2025), None);
        assert_eq!(parse_date_line("May the force", 2025), None);
        assert_eq!(parse_date_line("Sep 26 1 2", 2025), None);
    }

    #[test]
    fn malformed_pages_are_errors_with_a_line() {
        let bad = parse_page(
            &format!("{HEADER}T\n\nA\n\n  • 3 authors\n·\nsoon\n"),
            "p.txt",
            2025,
        );
        let msg = bad.unwrap_err().to_string();
        assert!(msg.starts_with("p.txt:17:1: expected a date line"), "{msg}");
        let msg = parse_page("just text\n", "q.txt", 2025)
            .unwrap_err()
            .to_string();
        assert_eq!(
            msg,
            "q.txt:1:1: not a Daily Papers page: no `byAK and the research community` line"
        );
        let msg = parse_page(&format!("{HEADER}·\nMay 1\n"), "p.txt", 2025)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("expected a paper title"), "{msg}");
    }

    #[test]
    fn duplicates_merge_into_the_richest() {
        let first = page("Same  Title\n\nShort.\n");
        let second = page("Same Title\n\nShort.\n\n  • 9 authors\n·\nOct 16, 2024 3\n");
        let merged = merge(first.into_iter().chain(second).collect());
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].author_count, Some(9));
        assert_eq!(merged[0].upvotes, Some(3));
    }

    #[test]
    fn papers_are_cleaned_linked_and_tagged() {
        let taxonomy =
            Taxonomy::parse(r#"{"tags":[{"tag":"modality/mri","terms":["MRI"]}]}"#).unwrap();
        let entry = Entry {
            title: r"2D \& 3D MRI".into(),
            abstract_text: r"44\% better (1)~a. Code: {https://github.com/a/b{link}}. Page https://a.github.io/x/{https://a.github.io/X/}".into(),
            ..Entry::default()
        };
        let p = to_paper(entry, &taxonomy);
        assert_eq!(p.title, "2D & 3D MRI");
        assert_eq!(
            p.abstract_text,
            "44% better (1) a. Code: https://github.com/a/b. Page https://a.github.io/x/"
        );
        let links: Vec<_> = p
            .links
            .iter()
            .map(|l| (l.kind.as_str(), l.url.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                ("code", "https://github.com/a/b"),
                ("project", "https://a.github.io/x/")
            ]
        );
        assert_eq!(p.tags[0].as_str(), "modality/mri");
    }
}
