//! `paperboat show ID`: one paper in full.

use std::io::Write;

use super::{CliError, ShowFormat, Status};
use crate::cite::copy::{self, Copied};
use std::borrow::Cow;

use crate::catalog::{Catalog, IdMiss};
use crate::corpus::Paper;
use crate::query::Papers;

/// Prints the paper with this id (or the one paper whose id starts with it).
pub fn run(
    catalog: &Catalog,
    id: &str,
    format: ShowFormat,
    out: &mut impl Write,
) -> Result<Status, CliError> {
    let paper = find(catalog, id)?;
    let kind = match format {
        ShowFormat::Text => return text(&paper, out),
        ShowFormat::Json => {
            crate::corpus::safe_json::to_writer_pretty(&mut *out, &*paper)?;
            writeln!(out)?;
            return Ok(Status::Done);
        }
        ShowFormat::Bibtex => Copied::Bibtex,
        ShowFormat::Md => Copied::Markdown,
    };
    if let Some((text, _)) = copy::text(kind, [&*paper]) {
        writeln!(out, "{text}")?;
    }
    Ok(Status::Done)
}

/// The paper's fields, one per line, then its links and abstract.
fn text(paper: &Paper, out: &mut impl Write) -> Result<Status, CliError> {
    writeln!(out, "{}", paper.title)?;
    writeln!(out)?;
    writeln!(out, "id         {}", paper.id)?;
    if let Some(date) = paper.published {
        writeln!(out, "published  {date}")?;
    }
    if let Some(org) = &paper.organization {
        writeln!(out, "org        {org}")?;
    }
    if !paper.authors.is_empty() {
        writeln!(out, "authors    {}", paper.authors.join(", "))?;
    } else if let Some(n) = paper.author_count {
        writeln!(out, "authors    {n}")?;
    }
    if let Some(n) = paper.upvotes {
        writeln!(out, "upvotes    {n}")?;
    }
    if !paper.tags.is_empty() {
        let tags: Vec<&str> = paper.tags.iter().map(|t| t.as_str()).collect();
        writeln!(out, "tags       {}", tags.join(" "))?;
    }
    // Numbers right-aligned, so that kinds line up past link 9.
    let digits = paper.links.len().to_string().len();
    for (i, link) in paper.links.iter().enumerate() {
        let label = if i == 0 { "links" } else { "" };
        writeln!(
            out,
            "{label:<10} {:>digits$}. {:<8} {}",
            i + 1,
            link.kind,
            link.url
        )?;
    }
    if !paper.abstract_text.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paper.abstract_text)?;
    }
    Ok(Status::Done)
}

/// The exact id, else the only id starting with it; otherwise an error that
/// names the candidates.
pub fn find<'a>(catalog: &'a Catalog, id: &str) -> Result<Cow<'a, Paper>, CliError> {
    match catalog.find(id) {
        Ok(i) => Ok(catalog.paper(i)),
        Err(IdMiss::None) => Err(CliError::Usage(format!(
            "no paper with id `{id}` (try `paperboat search {}`)",
            id.replace('-', " ")
        ))),
        Err(IdMiss::Many(count, first, second)) => Err(CliError::Usage(format!(
            "`{id}` matches {count} ids, e.g. {first} and {second}"
        ))),
    }
}
