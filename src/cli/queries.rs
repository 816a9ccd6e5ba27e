//! `paperboat queries list|add NAME QUERY|remove NAME`: the named queries
//! the reader runs with `1`–`9`.

use std::io::Write;
use std::path::Path;

use super::args::QueriesAction;
use super::{CliError, Status};
use crate::catalog::Catalog;
use crate::corpus::LoadError;
use crate::corpus::sanitize::clean_line;
use crate::query::parse;
use crate::store::saved_queries::{QueryChange, QueryStore, SavedQuery};

/// Lists (with each query's count over the corpus, loaded only then),
/// saves or removes; a query that does not parse is not saved (exit 2).
pub fn run(
    store: &QueryStore,
    config_dir: &Path,
    action: QueriesAction,
    corpus: impl FnOnce() -> Result<Catalog, LoadError>,
    out: &mut impl Write,
) -> Result<Status, CliError> {
    match action {
        QueriesAction::List => {
            let (saved, left_out) = crate::store::saved_queries::runnable(store.load()?);
            if let Some(said) = left_out {
                // Not on stdout: the list is of the queries that run.
                eprintln!("paperboat: {said}");
            }
            if saved.is_empty() {
                return Ok(Status::Done);
            }
            let mut catalog = corpus()?;
            let width = saved
                .iter()
                .map(|q| q.name.chars().count())
                .max()
                .unwrap_or(0);
            // New papers are counted once there was a visit to count from.
            let counts_new = catalog.index.new_since().is_some();
            for (i, q) in saved.iter().enumerate() {
                // Prepared as `search` prepares it: a saved `is:bookmarked`
                // or `is:updated` counts the bookmarks.
                let prepared = super::prepare(&mut catalog, &q.query, Some(config_dir));
                let (count, new) = match prepared {
                    Ok(query) => {
                        let hits = catalog.index.search(&catalog, &query);
                        let new = hits
                            .iter()
                            .filter(|h| catalog.index.is_new(h.index))
                            .count();
                        let new = match (counts_new, new) {
                            (true, n) if n > 0 => format!("+{} new", crate::units::thousands(n)),
                            _ => String::new(),
                        };
                        (crate::units::thousands(hits.len()), new)
                    }
                    Err(_) => ("?".into(), String::new()),
                };
                let key = if i < 9 {
                    format!("{}", i + 1)
                } else {
                    " ".into()
                };
                writeln!(
                    out,
                    "{key}  {:<width$}  {count:>9}  {new:<10}  {}",
                    clean_line(&q.name),
                    clean_line(&q.query)
                )?;
            }
        }
        QueriesAction::Add { name, query } => {
            let query = query.join(" ");
            parse(&query).map_err(|e| CliError::Usage(format!("query: {e}")))?;
            if name.trim().is_empty() {
                return Err(CliError::Usage("a saved query needs a name".into()));
            }
            store.apply(QueryChange::Save(SavedQuery {
                name: name.clone(),
                query,
            }))?;
            writeln!(out, "saved {}", clean_line(&name))?;
        }
        QueriesAction::Remove { name } => {
            store.apply(QueryChange::Remove(name.clone()))?;
            writeln!(out, "removed {}", clean_line(&name))?;
        }
    }
    Ok(Status::Done)
}
