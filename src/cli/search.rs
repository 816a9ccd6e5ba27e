//! `paperboat search QUERY [--limit N] [--format text|json|tsv]`.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::{CliError, Format, Status};
use crate::corpus::{Corpus, Paper};

/// Prints the ranked results; `NothingMatched` when there are none.
pub fn run(
    corpus: &Corpus,
    query_text: &str,
    limit: Option<usize>,
    format: Format,
    config_dir: Option<&Path>,
    out: &mut impl Write,
) -> Result<Status, CliError> {
    let (query, index) = super::prepare(corpus, query_text, config_dir)?;
    let hits = index.search(&corpus.papers, &query);
    let shown = &hits[..hits.len().min(limit.unwrap_or(usize::MAX))];
    match format {
        Format::Text => {
            for hit in shown {
                let p = &corpus.papers[hit.index];
                writeln!(
                    out,
                    "{}  {:>4}  {}",
                    date_or_dash(p),
                    p.upvotes_or_zero(),
                    p.title
                )?;
            }
        }
        Format::Tsv => {
            for hit in shown {
                let p = &corpus.papers[hit.index];
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    tsv_field(&p.id),
                    p.published.map(|d| d.to_string()).unwrap_or_default(),
                    p.upvotes.map(|n| n.to_string()).unwrap_or_default(),
                    tsv_field(&p.title)
                )?;
            }
        }
        Format::Json => {
            #[derive(Serialize)]
            struct Scored<'a> {
                #[serde(flatten)]
                paper: &'a Paper,
                score: i64,
            }
            let scored: Vec<Scored> = shown
                .iter()
                .map(|h| Scored {
                    paper: &corpus.papers[h.index],
                    score: h.score,
                })
                .collect();
            crate::corpus::safe_json::to_writer_pretty(&mut *out, &scored)?;
            writeln!(out)?;
        }
    }
    Ok(if hits.is_empty() {
        Status::NothingMatched
    } else {
        Status::Done
    })
}

/// `YYYY-MM-DD`, or a dash of the same width when the date is unknown.
pub fn date_or_dash(paper: &Paper) -> String {
    paper
        .published
        .map(|d| d.to_string())
        .unwrap_or_else(|| format!("{:<10}", "-"))
}

/// Tabs would split a field; sanitized text has no other control characters.
fn tsv_field(text: &str) -> String {
    text.replace('\t', " ")
}
