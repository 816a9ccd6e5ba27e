//! `paperboat import hf-page FILE... --year YYYY [-o OUT]`.

use std::io::Write;
use std::path::Path;

use super::{CliError, ImportSource, Status};
use crate::corpus::taxonomy::Taxonomy;
use crate::import::import_pages;

/// Imports the pages and writes the corpus to OUT or to `out`.
pub fn run(source: ImportSource, out: &mut impl Write) -> Result<Status, CliError> {
    let ImportSource::HfPage {
        files,
        year,
        output,
        name,
    } = source;
    let mut pages = Vec::with_capacity(files.len());
    for file in &files {
        let text = std::fs::read_to_string(file).map_err(|e| {
            CliError::Usage(format!(
                "{}: {}",
                file.display(),
                crate::corpus::io_reason(&e)
            ))
        })?;
        pages.push((file.display().to_string(), text));
    }
    let taxonomy = Taxonomy::bundled().map_err(|e| CliError::Usage(e.to_string()))?;
    let json = import_pages(&pages, year, &name, &taxonomy)?.to_json();
    match output {
        Some(path) => write_replacing(&path, json.as_bytes()).map_err(|e| {
            CliError::Usage(format!(
                "{}: {}",
                path.display(),
                crate::corpus::io_reason(&e)
            ))
        })?,
        None => out.write_all(json.as_bytes())?,
    }
    Ok(Status::Done)
}

/// Writes through a temporary file in the same directory and renames it
/// over `path`, so a failure never leaves a half-written corpus.
fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
