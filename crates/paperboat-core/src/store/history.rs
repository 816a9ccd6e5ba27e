//! The queries run in the reader, newest last: `<config dir>/history`, one
//! per line, the last [`KEPT`], never the same twice in a row (as fzf's
//! `--history` file). Saved with the bookmark store's file code: locked,
//! re-read, replaced atomically, so two readers lose nothing.

use std::path::PathBuf;

use super::StoreError;
use super::file::JsonFile;
use crate::corpus::sanitize::clean_line;
use crate::query::{MAX_QUERY, too_big};

/// Bytes of a line past which it cannot be a query (a character is at
/// most four): not even cleaned.
const LONGEST_LINE: usize = 4 * MAX_QUERY;

/// The file name inside the config dir.
pub const FILE_NAME: &str = "history";
const LOCK_NAME: &str = "history.lock";
/// How many queries are kept.
pub const KEPT: usize = 500;

/// The query history of one config dir.
#[derive(Debug, Clone)]
pub struct HistoryStore {
    file: JsonFile,
}

impl HistoryStore {
    /// The history in `dir` (created on the first query kept).
    pub fn new(dir: impl Into<PathBuf>) -> HistoryStore {
        HistoryStore {
            file: JsonFile::new(dir, FILE_NAME, LOCK_NAME),
        }
    }

    /// The file's path.
    pub fn path(&self) -> PathBuf {
        self.file.path()
    }

    /// The queries, oldest first; none when there is no file yet. Any text
    /// is taken: each line is cleaned as corpus text is. A line too big to
    /// be a query (see [`too_big`]) is left out, never run nor recalled
    /// into the query line.
    pub fn load(&self) -> Result<Vec<String>, StoreError> {
        let Some(bytes) = self.file.read()? else {
            return Ok(Vec::new());
        };
        Ok(String::from_utf8_lossy(&bytes)
            .lines()
            .filter(|l| l.len() <= LONGEST_LINE)
            .map(clean_line)
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty() && too_big(l).is_none())
            .collect())
    }

    /// Adds `query` after the others (unless it is the last one already)
    /// and keeps the last [`KEPT`]; returns them.
    pub fn push(&self, query: &str) -> Result<Vec<String>, StoreError> {
        let query = clean_line(query).trim().to_string();
        let lock = self.file.lock()?;
        let mut queries = self.load()?;
        if !query.is_empty() && too_big(&query).is_none() && queries.last() != Some(&query) {
            queries.push(query);
        }
        let from = queries.len().saturating_sub(KEPT);
        queries.drain(..from);
        let mut text = queries.join("\n");
        text.push('\n');
        self.file.replace(&lock, text.as_bytes())?;
        Ok(queries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    #[test]
    fn keeps_the_last_queries_once_in_a_row_and_cleaned() {
        let dir = TempDir::new().unwrap();
        let store = HistoryStore::new(dir.path());
        assert!(store.load().unwrap().is_empty());
        store.push("mamba seg").unwrap();
        store.push("mamba seg").unwrap();
        store.push("tag:ct").unwrap();
        store.push("mamba seg").unwrap();
        store.push("  ").unwrap();
        assert_eq!(store.load().unwrap(), ["mamba seg", "tag:ct", "mamba seg"]);
        store.push("evil\u{1b}]0;x\u{7}").unwrap();
        let last = store.load().unwrap().pop().unwrap();
        assert!(
            !last.contains('\u{1b}') && !last.contains('\u{7}'),
            "{last:?}"
        );
        for i in 0..KEPT + 20 {
            store.push(&format!("q{i}")).unwrap();
        }
        let kept = store.load().unwrap();
        assert_eq!(kept.len(), KEPT);
        assert_eq!(kept.last().unwrap(), &format!("q{}", KEPT + 19));
    }

    #[test]
    fn lines_too_big_to_be_queries_are_left_out() {
        let dir = TempDir::new().unwrap();
        let store = HistoryStore::new(dir.path());
        let long = "x".repeat(crate::query::MAX_QUERY + 1);
        let many = vec!["a"; crate::query::MAX_TERMS + 1].join(" ");
        let text = format!("first\n{long}\n{many}\nlast\n");
        std::fs::write(store.path(), text).unwrap();
        assert_eq!(store.load().unwrap(), ["first", "last"]);
        store.push(&many).unwrap();
        assert_eq!(store.load().unwrap(), ["first", "last"]);
    }

    #[test]
    fn two_writers_at_once_lose_nothing() {
        let dir = TempDir::new().unwrap();
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let store = HistoryStore::new(dir.path());
                std::thread::spawn(move || {
                    for i in 0..25 {
                        store.push(&format!("{w}-{i}")).unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        assert_eq!(HistoryStore::new(dir.path()).load().unwrap().len(), 100);
    }
}
