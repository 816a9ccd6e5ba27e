//! An export as asked for in the reader: which file, in which format, of
//! how many papers; and what is said once it is written.

use std::path::{Path, PathBuf};

/// What an export is written as, by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// `.bib`: BibTeX entries.
    Bibtex,
    /// `.md`: a Markdown list of links.
    Markdown,
    /// `.json`: an array of papers in the corpus format.
    Json,
}

impl ExportFormat {
    /// The format a file name asks for, by its extension.
    pub fn of(path: &Path) -> Option<ExportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "bib" => Some(ExportFormat::Bibtex),
            "md" | "markdown" => Some(ExportFormat::Markdown),
            "json" => Some(ExportFormat::Json),
            _ => None,
        }
    }
}

/// An export asked for: the file and its format. The papers are read
/// while it is written, beside the keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPlan {
    /// The new file.
    pub path: PathBuf,
    /// What it is written as.
    pub format: ExportFormat,
    /// How many papers are asked for (the picks, else the selected one).
    pub papers: usize,
}

impl ExportPlan {
    /// What the status line says once it is written.
    pub fn done(&self, count: usize) -> String {
        let papers = if count == 1 { "paper" } else { "papers" };
        crate::corpus::sanitize::clean_line(&format!(
            "exported {} {papers} to {}",
            crate::units::thousands(count),
            self.path.display()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_exported_is_written_with_thousands_separators() {
        let plan = ExportPlan {
            path: PathBuf::from("/tmp/refs.bib"),
            format: ExportFormat::Bibtex,
            papers: 100_000,
        };
        assert_eq!(
            plan.done(100_000),
            "exported 100,000 papers to /tmp/refs.bib"
        );
        assert_eq!(plan.done(1), "exported 1 paper to /tmp/refs.bib");
    }
}
