//! `paperboat search QUERY [--limit N] [--format text|json|tsv|bibtex|md]`.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::{CliError, Format, Status};
use crate::catalog::Catalog;
use crate::cite::copy::{self, Copied};
use crate::corpus::{Date, Paper};
use crate::query::Papers;

/// The abstract's words shown under a title that does not show why its
/// paper matched: an 80-column line with its indent.
const SNIPPET_WIDTH: usize = 76;

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
            // Ids aligned to the longest shown, so that titles line up; a
            // long slug is cut to a prefix (which `show` and `open` take)
            // so that the column leaves an 80-column line room for titles.
            let ids: Vec<_> = shown
                .iter()
                .map(|h| short_id(catalog.id(h.index)))
                .collect();
            let id_width = ids.iter().map(|id| id.chars().count()).max().unwrap_or(0);
            for (hit, id) in shown.iter().zip(&ids) {
                let i = hit.index;
                writeln!(
                    out,
                    "{}  {:>4}  {id:<id_width$}  {}",
                    date_or_dash(index.date(i)),
                    upvotes_or_dash(index.upvotes(i)),
                    catalog.title(i)
                )?;
                // A paper that matched only in its abstract says where.
                if let Some(why) = index.abstract_snippet(catalog, i, &query, SNIPPET_WIDTH) {
                    writeln!(out, "    {}", why.text)?;
                }
            }
        }
        Format::Tsv => write_tsv(catalog, shown, out)?,
        Format::Bibtex | Format::Md => {
            let kind = match format {
                Format::Bibtex => Copied::Bibtex,
                _ => Copied::Markdown,
            };
            // Only the papers printed are read whole.
            let papers: Vec<_> = shown.iter().map(|h| catalog.paper(h.index)).collect();
            if let Some((text, _)) = copy::text(kind, papers.iter().map(|p| &**p)) {
                writeln!(out, "{text}")?;
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
    if hits.is_empty() {
        say_why_nothing(catalog, &query);
    }
    Ok(if hits.is_empty() {
        Status::NothingMatched
    } else {
        Status::Done
    })
}

/// Why a query found nothing, on stderr (the list on stdout is empty, and
/// why is for the person): a `similar:` with nothing to compare, an id
/// that names no paper here, else a word it may have meant.
fn say_why_nothing(catalog: &Catalog, query: &crate::query::Query) {
    let index = &catalog.index;
    let similar_to = query.clauses().find_map(|c| match &c.kind {
        crate::query::ClauseKind::Similar(to) => Some(to.clone()),
        _ => None,
    });
    if let Some(to) = &similar_to {
        // Not on stdout: the list is empty, and why is for the person.
        if let Some(reason) = crate::query::similar::similar(index, catalog, to).reason {
            let named = match to {
                crate::query::similar::SimilarTo::Paper(id) => id.as_str(),
                crate::query::similar::SimilarTo::Bookmarks => "bookmarks",
            };
            eprintln!(
                "paperboat: {}",
                crate::corpus::sanitize::clean_line(&format!("similar:{named}: {reason}"))
            );
        }
    } else if let Some(named) = query.clauses().find_map(|c| match &c.kind {
        // Still an arXiv id or DOI: no paper of the corpus is it.
        crate::query::ClauseKind::Paper(named)
            if !c.negated && !matches!(named, crate::query::PaperRef::Id(_)) =>
        {
            Some(named)
        }
        _ => None,
    }) {
        eprintln!(
            "paperboat: {}",
            crate::corpus::sanitize::clean_line(&format!("{named} is not in this corpus"))
        );
    } else if let Some(s) = index.suggestion(query) {
        // Not on stdout: a pipe reading the results gets none.
        eprintln!(
            "paperboat: {}",
            crate::corpus::sanitize::clean_line(&format!(
                "nothing matches `{}`; did you mean `{}`?",
                s.term, s.word
            ))
        );
    }
}

/// The widest id column of the text output, `…` included.
const ID_COLUMN: usize = 20;

/// The id whole when it fits the id column, else its first characters and
/// `…`: a prefix that `show`, `open` and `bookmarks add` take as it is
/// printed, `…` and all.
fn short_id(id: &str) -> std::borrow::Cow<'_, str> {
    if id.chars().count() <= ID_COLUMN {
        return id.into();
    }
    crate::corpus::sanitize::clip(id, ID_COLUMN - 1)
}

/// `YYYY-MM-DD`, or a dash of the same width when the date is unknown.
pub fn date_or_dash(date: Option<Date>) -> String {
    date.map(|d| d.to_string())
        .unwrap_or_else(|| format!("{:<10}", "-"))
}

/// The upvote count, or `-` when the corpus does not know it (arXiv): an
/// unknown count is not zero.
pub fn upvotes_or_dash(upvotes: Option<u32>) -> String {
    upvotes.map_or_else(|| "-".to_string(), |n| n.to_string())
}

/// How many lines' fields are read from memory together.
const GROUP: usize = 32;

/// One line per paper: id, date, upvotes and title, tab-separated. A
/// million lines may be printed, as fast as `fzf --filter` prints its
/// own: each is made in one reused buffer and written at once.
fn write_tsv(
    catalog: &Catalog,
    shown: &[crate::query::Hit],
    out: &mut impl Write,
) -> std::io::Result<()> {
    use std::fmt::Write as _;
    let index = &catalog.index;
    let mut line = String::with_capacity(256);
    let mut rows = Vec::with_capacity(GROUP);
    for group in shown.chunks(GROUP) {
        // The hits come in rank order, scattered over the corpus: a
        // group's fields are asked for from memory together, then their
        // texts touched together, so that the waits overlap instead of
        // adding up (most of the time at a million lines).
        rows.clear();
        rows.extend(group.iter().map(|h| {
            let i = h.index;
            let row = (catalog.id(i), catalog.title(i));
            (row, index.date(i), index.upvotes(i))
        }));
        let touched = rows.iter().fold(0u8, |acc, ((id, title), ..)| {
            acc ^ id.as_bytes().first().copied().unwrap_or(0)
                ^ title.as_bytes().first().copied().unwrap_or(0)
        });
        std::hint::black_box(touched);
        for &((id, title), date, upvotes) in &rows {
            line.clear();
            push_tsv_field(&mut line, id);
            line.push('\t');
            if let Some(date) = date {
                let _ = write!(line, "{date}");
            }
            line.push('\t');
            match upvotes {
                Some(n) => {
                    let _ = write!(line, "{n}");
                }
                None => line.push('-'),
            }
            line.push('\t');
            push_tsv_field(&mut line, title);
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
    }
    Ok(())
}

/// Tabs would split a field; sanitized text has no other control characters.
fn push_tsv_field(line: &mut String, text: &str) {
    if text.contains('\t') {
        line.push_str(&text.replace('\t', " "));
    } else {
        line.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_lines_have_four_fields_in_rank_order_whatever_the_titles_hold() {
        let papers: Vec<Paper> = (0..100)
            .map(|i| {
                let mut paper = Paper::titled(format!("Paper\t{i}"));
                paper.id = format!("p{i}");
                paper.upvotes = (i % 2 == 0).then_some(i as u32);
                paper
            })
            .collect();
        let catalog = Catalog::loaded("c".into(), papers);
        let shown: Vec<crate::query::Hit> = (0..100)
            .rev()
            .map(|index| crate::query::Hit { index, score: 0 })
            .collect();
        let mut out = Vec::new();
        write_tsv(&catalog, &shown, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 100);
        assert_eq!(lines[0], "p99\t\t-\tPaper 99");
        assert_eq!(lines[1], "p98\t\t98\tPaper 98");
        assert!(lines.iter().all(|l| l.split('\t').count() == 4));
    }
}
