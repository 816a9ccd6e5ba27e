//! arXiv metadata as JSON Lines, shaped like the public arXiv snapshot: one
//! object per line, title and abstract hard-wrapped as submitted, authors as
//! one string and parsed.

use std::io::{self, Write};

use paperboat::corpus::Date;
use serde::{Serialize, Serializer};

use crate::record::{self, Record, wrap_into};

/// One line, built on the generating thread so that writing only serializes.
#[derive(Serialize)]
struct Line {
    id: String,
    submitter: String,
    authors: String,
    title: String,
    comments: Option<String>,
    #[serde(rename = "journal-ref")]
    journal_ref: Option<String>,
    doi: Option<String>,
    #[serde(rename = "report-no")]
    report_no: Option<String>,
    categories: String,
    license: Option<&'static str>,
    #[serde(rename = "abstract")]
    abstract_text: String,
    versions: Vec<Version>,
    update_date: Date,
    authors_parsed: AuthorsParsed,
}

#[derive(Serialize)]
struct Version {
    version: String,
    created: String,
}

/// Author names, written as `[last, first, suffix]` each.
struct AuthorsParsed(Vec<String>);

impl Serialize for AuthorsParsed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|a| match a.rsplit_once(' ') {
            Some((first, last)) => [last, first, ""],
            None => [a.as_str(), "", ""],
        }))
    }
}

/// `text` hard-wrapped, between `before` and `after`.
fn wrapped(text: &str, before: &str, width: usize, break_with: &str, after: &str) -> String {
    let mut out = String::with_capacity(before.len() + text.len() + text.len() / 16 + after.len());
    out.push_str(before);
    wrap_into(&mut out, text, width, break_with);
    out.push_str(after);
    out
}

fn line(r: Record) -> Line {
    let authors = r.paper.authors;
    // Some submitters write "A, B and C", others "A, B, C".
    let authors_text = match authors.split_last() {
        Some((last, rest)) if !rest.is_empty() && r.style & 1 == 0 => {
            format!("{} and {last}", rest.join(", "))
        }
        _ => authors.join(", "),
    };
    Line {
        id: r.arxiv_id,
        submitter: r.submitter,
        authors: authors_text,
        title: wrapped(&r.paper.title, "", 70, "\n  ", ""),
        comments: r.comments,
        journal_ref: r.journal_ref,
        doi: r.doi,
        report_no: r.report_no,
        categories: r.categories.join(" "),
        license: r.license,
        abstract_text: wrapped(&r.summary, "  ", 78, "\n", "\n"),
        versions: (r.versions.iter().enumerate())
            .map(|(i, t)| Version {
                version: format!("v{}", i + 1),
                created: t.rfc2822(),
            })
            .collect(),
        update_date: r.versions[r.versions.len() - 1].date(),
        authors_parsed: AuthorsParsed(authors),
    }
}

pub fn write(out: &mut impl Write, count: usize, seed: u64) -> io::Result<()> {
    record::for_each(count, seed, line, |line| {
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")
    })
}
