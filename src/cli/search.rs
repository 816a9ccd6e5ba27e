//! `paperboat search QUERY [--limit N] [--format text|json|tsv]`.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::{CliError, Format, Status};
use crate::catalog::Catalog;
use crate::corpus::{Date, Paper};
use crate::query::Papers;

/// Prints the ranked results; `NothingMatched` when there are none.
pub fn run(
    catalog: &mut Catalog,
    query_text: &str,
    limit: Option<usize>,
    format: Format,
    config_dir: Option<&Path>,
    out: &mut impl Write,
) -> Result<Status, CliError> {
    let query = super::prepare(catalog, query_text, config_dir)?;
    let catalog = &*catalog;
    let index = &catalog.index;
    let hits = index.search(catalog, &query);
    let shown = &hits[..hits.len().min(limit.unwrap_or(usize::MAX))];
    match format {
        Format::Text => {
            for hit in shown {
                let i = hit.index;
                writeln!(
                    out,
                    "{}  {:>4}  {}",
                    date_or_dash(index.date(i)),
                    index.upvotes(i).unwrap_or(0),
                    catalog.title(i)
                )?;
            }
        }
        Format::Tsv => {
            for hit in shown {
                let i = hit.index;
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    tsv_field(catalog.id(i)),
                    index.date(i).map(|d| d.to_string()).unwrap_or_default(),
                    index.upvotes(i).map(|n| n.to_string()).unwrap_or_default(),
                    tsv_field(catalog.title(i))
                )?;
            }
        }
        Format::Json => {
            #[derive(Serialize)]
            struct Scored<'a> {
                #[serde(flatten)]
                paper: std::borrow::Cow<'a, Paper>,
                score: i64,
            }
            // Only the papers printed are read whole.
            let scored: Vec<Scored> = shown
                .iter()
                .map(|h| Scored {
                    paper: catalog.paper(h.index),
                    score: h.score,
                })
                .collect();
            crate::corpus::safe_json::to_writer_pretty(&mut *out, &scored)?;
            writeln!(out)?;
        }
    }
    if hits.is_empty()
        && let Some(s) = index.suggestion(&query)
    {
        // Not on stdout: a pipe reading the results gets none.
        eprintln!(
            "paperboat: {}",
            crate::corpus::sanitize::clean_line(&format!(
                "nothing matches `{}`; did you mean `{}`?",
                s.term, s.word
            ))
        );
    }
    Ok(if hits.is_empty() {
        Status::NothingMatched
    } else {
        Status::Done
    })
}

/// `YYYY-MM-DD`, or a dash of the same width when the date is unknown.
pub fn date_or_dash(date: Option<Date>) -> String {
    date.map(|d| d.to_string())
        .unwrap_or_else(|| format!("{:<10}", "-"))
}

/// Tabs would split a field; sanitized text has no other control characters.
fn tsv_field(text: &str) -> String {
    text.replace('\t', " ")
}
