//! `paperboat tags [--timeline] [QUERY]`: the facet counts over a query's
//! results, or their counts per month.

use std::io::Write;
use std::path::Path;

use super::{CliError, Status};
use crate::catalog::Catalog;
use crate::query::facets::{self, Counts};

/// Prints `count  tag` (and years and code), grouped as the reader's facets
/// panel, most used first; entries without results are left out.
pub fn run(
    catalog: &mut Catalog,
    query_text: &str,
    timeline: bool,
    config_dir: Option<&Path>,
    out: &mut impl Write,
) -> Result<Status, CliError> {
    let query = super::prepare(catalog, query_text, config_dir)?;
    super::mark_read(catalog, config_dir)?;
    let index = &catalog.index;
    let hits = index.search(&*catalog, &query);
    let counts = Counts::over(index, &hits);
    if timeline {
        for (ym, n) in &counts.months {
            writeln!(out, "{:04}-{:02}  {n}", ym / 100, ym % 100)?;
        }
        return Ok(status(&hits));
    }
    let mut last_group = None;
    for entry in facets::entries(index, &counts)
        .into_iter()
        .filter(|e| e.count > 0)
    {
        if last_group.is_some_and(|g| g != entry.group) {
            writeln!(out)?;
        }
        last_group = Some(entry.group);
        let name = entry.clause.strip_prefix("tag:").unwrap_or(&entry.clause);
        writeln!(out, "{:>5}  {name}", entry.count)?;
    }
    Ok(status(&hits))
}

/// Exit 1 when nothing matched, as `search`.
fn status(hits: &[crate::query::Hit]) -> Status {
    if hits.is_empty() {
        Status::NothingMatched
    } else {
        Status::Done
    }
}
