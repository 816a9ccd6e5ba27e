//! `paperboat open ID [--link N] [--print]`.

use std::io::Write;

use super::{CliError, Status};
use crate::catalog::Catalog;
use crate::corpus::links::{Opener, validate};

/// Opens (or prints) the link `o` opens in the reader (the code link,
/// else the paper's page), or its link `n` (1-based).
pub fn run(
    catalog: &Catalog,
    id: &str,
    n: Option<usize>,
    print: bool,
    opener: &dyn Opener,
    out: &mut impl Write,
) -> Result<Status, CliError> {
    let paper = super::show::find(catalog, id)?;
    if n.is_none() && paper.links.is_empty() {
        // Offered, not opened: a title search is not the paper, and a
        // command cannot ask first as `o` does.
        return Err(CliError::Usage(format!(
            "{} has no code link or paper page: it has no link; a search for its title on arXiv: {}",
            paper.id,
            crate::corpus::links::arxiv_title_search(&paper.title)
        )));
    }
    let link = match n {
        Some(n) => n
            .checked_sub(1)
            .and_then(|i| paper.links.get(i))
            .ok_or_else(|| {
                CliError::Usage(format!(
                    "{} has {} link(s), no link {n}",
                    paper.id,
                    paper.links.len()
                ))
            })?,
        None => paper.main_link().map(|i| &paper.links[i]).ok_or_else(|| {
            CliError::Usage(format!(
                "{} has no code link or paper page ({} other link(s): use --link N)",
                paper.id,
                paper.links.len()
            ))
        })?,
    };
    let url =
        validate(&link.url).map_err(|refusal| CliError::Usage(format!("not opened: {refusal}")))?;
    if print {
        writeln!(out, "{url}")?;
    } else {
        opener.open(url).map_err(CliError::Usage)?;
        writeln!(out, "opened {url}")?;
    }
    Ok(Status::Done)
}
