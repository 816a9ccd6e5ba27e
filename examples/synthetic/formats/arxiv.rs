//! arXiv metadata as JSON Lines, shaped like the public arXiv snapshot: one
//! object per line, title and abstract hard-wrapped as submitted, authors as
//! one string and parsed.

use std::io::{self, Write};

use serde::Serialize;

use crate::record::{self, wrap_into};

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    submitter: &'a str,
    authors: String,
    title: String,
    comments: Option<&'a str>,
    #[serde(rename = "journal-ref")]
    journal_ref: Option<&'a str>,
    doi: Option<&'a str>,
    #[serde(rename = "report-no")]
    report_no: Option<&'a str>,
    categories: String,
    license: Option<&'a str>,
    #[serde(rename = "abstract")]
    abstract_text: String,
    versions: Vec<Version>,
    update_date: String,
    /// `[last, first, suffix]` per author.
    authors_parsed: Vec<[&'a str; 3]>,
}

#[derive(Serialize)]
struct Version {
    version: String,
    created: String,
}

/// `text` hard-wrapped, between `before` and `after`.
fn wrapped(text: &str, before: &str, width: usize, break_with: &str, after: &str) -> String {
    let mut out = String::with_capacity(before.len() + text.len() + text.len() / 16 + after.len());
    out.push_str(before);
    wrap_into(&mut out, text, width, break_with);
    out.push_str(after);
    out
}

pub fn write(out: &mut impl Write, count: usize, seed: u64) -> io::Result<()> {
    record::for_each(count, seed, |r| {
        let authors = &r.paper.authors;
        // Some submitters write "A, B and C", others "A, B, C".
        let authors_text = match authors.split_last() {
            Some((last, rest)) if !rest.is_empty() && r.style & 1 == 0 => {
                format!("{} and {last}", rest.join(", "))
            }
            _ => authors.join(", "),
        };
        let line = Line {
            id: &r.arxiv_id,
            submitter: &r.submitter,
            authors: authors_text,
            title: wrapped(&r.paper.title, "", 70, "\n  ", ""),
            comments: r.comments.as_deref(),
            journal_ref: r.journal_ref.as_deref(),
            doi: r.doi.as_deref(),
            report_no: r.report_no.as_deref(),
            categories: r.categories.join(" "),
            license: r.license,
            abstract_text: wrapped(&r.summary, "  ", 78, "\n", "\n"),
            versions: (r.versions.iter().enumerate())
                .map(|(i, t)| Version {
                    version: format!("v{}", i + 1),
                    created: t.rfc2822(),
                })
                .collect(),
            update_date: r.versions[r.versions.len() - 1].date().to_string(),
            authors_parsed: authors
                .iter()
                .map(|a| match a.rsplit_once(' ') {
                    Some((first, last)) => [last, first, ""],
                    None => [a.as_str(), "", ""],
                })
                .collect(),
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")
    })
}
