//! `paperboat cache list|clear`: the corpus indexes kept in the cache dir.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, UNIX_EPOCH};

use super::{CacheAction, CliError, Status};
use crate::cache;
use crate::corpus::sanitize::clean_line;
use crate::units::{bytes, thousands};

/// Lists or clears the cache at `dir` (none: `--no-cache`, or no platform
/// cache dir).
pub fn run(
    dir: Option<&Path>,
    action: CacheAction,
    out: &mut impl Write,
) -> Result<Status, CliError> {
    let dir = dir.ok_or_else(|| {
        CliError::Usage(
            "no cache dir: --no-cache was given, or none could be found; pass --cache-dir DIR"
                .into(),
        )
    })?;
    let shown = clean_line(&dir.display().to_string());
    let io =
        |e: std::io::Error| CliError::Usage(format!("{shown}: {}", crate::corpus::io_reason(&e)));
    match action {
        CacheAction::List => {
            let listed = cache::list(dir).map_err(io)?;
            if listed.is_empty() {
                writeln!(out, "no corpus indexes in {shown}")?;
                return Ok(Status::Done);
            }
            writeln!(
                out,
                "{:>10}  {:>9}  {:<20}  corpus",
                "papers", "size", "built"
            )?;
            for entry in &listed {
                let corpus = entry
                    .corpus
                    .as_deref()
                    .map_or_else(|| format!("({})", entry.name), clean_line);
                let built = if entry.built == 0 {
                    "-".to_string()
                } else {
                    humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(entry.built))
                        .to_string()
                };
                write!(
                    out,
                    "{:>10}  {:>9}  {built:<20}  {corpus}",
                    thousands(entry.papers as usize),
                    bytes(entry.size),
                )?;
                if let Some(tail) = entry.tail {
                    write!(out, "  [{} of lines added since]", thousands(tail as usize))?;
                }
                match &entry.problem {
                    Some(why) if entry.orphan => writeln!(
                        out,
                        "  [orphaned: {why}; `paperboat cache clear --orphans` removes it]"
                    )?,
                    Some(_) if entry.building => writeln!(out, "  [being built]")?,
                    Some(why) => writeln!(out, "  [unusable: {why}; rebuilt when next opened]")?,
                    None => writeln!(out)?,
                }
            }
            let total: u64 = listed.iter().map(|e| e.size).sum();
            writeln!(out, "{} in {shown}", bytes(total))?;
        }
        CacheAction::Clear { orphans } => {
            let (entries, removed) = cache::clear(dir, orphans).map_err(io)?;
            let plural = if entries == 1 { "" } else { "es" };
            let which = if orphans { "orphaned " } else { "" };
            writeln!(
                out,
                "removed {entries} {which}corpus index{plural} ({}) from {shown}",
                bytes(removed)
            )?;
        }
    }
    Ok(Status::Done)
}
