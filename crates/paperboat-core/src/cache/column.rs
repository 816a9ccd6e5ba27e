//! A flat array that is either owned (built in this run) or a section of a
//! mapped cache entry (built in an earlier one): code that reads it sees a
//! slice either way.

// `TextColumn` hands out its bytes as `str` without checking them again on
// every access: they were checked once, when mapped.
#![allow(unsafe_code)]

use std::ops::{Deref, Range};
use std::sync::Arc;

use bytemuck::Pod;

use super::entry::{Entry, EntryError};

/// Values of `T`, in memory or in a mapped entry.
pub struct Column<T: Pod> {
    store: Store<T>,
}

enum Store<T> {
    Owned(Vec<T>),
    /// A section of `entry`: the bytes of its map in `range`, checked
    /// when mapped to be whole values of `T`, aligned.
    Mapped {
        entry: Arc<Entry>,
        range: Range<usize>,
    },
}

impl<T: Pod> Column<T> {
    /// The section `name` of `entry`.
    pub fn mapped(entry: &Arc<Entry>, name: &str) -> Result<Column<T>, EntryError> {
        Ok(Column {
            store: Store::Mapped {
                entry: Arc::clone(entry),
                range: entry.section_range::<T>(name)?,
            },
        })
    }

    /// The values, to change; a mapped column is copied into memory first.
    pub fn to_mut(&mut self) -> &mut Vec<T> {
        if let Store::Mapped { .. } = self.store {
            self.store = Store::Owned(self.to_vec());
        }
        match &mut self.store {
            Store::Owned(values) => values,
            Store::Mapped { .. } => unreachable!("made owned above"),
        }
    }

    /// Makes room for `extra` more values. A mapped column is copied
    /// into memory with that room at once: copied first and grown after,
    /// a large one would be copied twice (and its pages cleared twice).
    pub fn reserve(&mut self, extra: usize) {
        match &mut self.store {
            Store::Owned(values) => values.reserve(extra),
            Store::Mapped { .. } => {
                let mut values = Vec::with_capacity(self.len() + extra);
                values.extend_from_slice(self);
                self.store = Store::Owned(values);
            }
        }
    }

    /// Whether the values live in a mapped entry.
    pub fn is_mapped(&self) -> bool {
        matches!(self.store, Store::Mapped { .. })
    }
}

impl<T: Pod> Deref for Column<T> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        match &self.store {
            Store::Owned(values) => values,
            // Re-sliced on each access, a bounds check and an alignment
            // check: cheap next to whatever reads the values.
            Store::Mapped { entry, range } => bytemuck::cast_slice(&entry.bytes()[range.clone()]),
        }
    }
}

impl<T: Pod> Clone for Column<T> {
    /// An owned column is copied; a mapped one shares its entry.
    fn clone(&self) -> Self {
        let store = match &self.store {
            Store::Owned(values) => Store::Owned(values.clone()),
            Store::Mapped { entry, range } => Store::Mapped {
                entry: Arc::clone(entry),
                range: range.clone(),
            },
        };
        Column { store }
    }
}

impl<T: Pod> Default for Column<T> {
    fn default() -> Self {
        Column::from(Vec::new())
    }
}

impl<T: Pod> From<Vec<T>> for Column<T> {
    fn from(values: Vec<T>) -> Self {
        Column {
            store: Store::Owned(values),
        }
    }
}

impl<T: Pod + std::fmt::Debug> std::fmt::Debug for Column<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Column")
            .field("len", &self.len())
            .field("mapped", &self.is_mapped())
            .finish()
    }
}

/// Text in a [`Column`] of bytes, known to be UTF-8: checked once when
/// mapped, kept so by every change.
#[derive(Default, Debug, Clone)]
pub struct TextColumn {
    bytes: Column<u8>,
}

impl TextColumn {
    /// The section `name` of `entry`, if it is UTF-8.
    pub fn mapped(entry: &Arc<Entry>, name: &str) -> Result<TextColumn, EntryError> {
        let bytes = Column::mapped(entry, name)?;
        // Checked at the speed of memory: this runs over every headline of
        // the corpus each time it is opened.
        simdutf8::basic::from_utf8(&bytes).map_err(|_| EntryError::Stale("damaged"))?;
        Ok(TextColumn { bytes })
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        // SAFETY: the bytes were checked when mapped, or come from a String.
        unsafe { std::str::from_utf8_unchecked(&self.bytes) }
    }

    /// Changes the text through `change`, which sees it as a String.
    pub fn edit<R>(&mut self, change: impl FnOnce(&mut String) -> R) -> R {
        let bytes = std::mem::take(self.bytes.to_mut());
        // SAFETY: the bytes are UTF-8 (see `as_str`).
        let mut text = unsafe { String::from_utf8_unchecked(bytes) };
        let result = change(&mut text);
        self.bytes = Column::from(text.into_bytes());
        result
    }

    /// Makes room for `extra` more bytes (see [`Column::reserve`]).
    pub fn reserve(&mut self, extra: usize) {
        self.bytes.reserve(extra);
    }

    /// The bytes, to write into an entry.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Whether the text lives in a mapped entry.
    pub fn is_mapped(&self) -> bool {
        self.bytes.is_mapped()
    }
}

impl From<String> for TextColumn {
    fn from(text: String) -> Self {
        TextColumn {
            bytes: Column::from(text.into_bytes()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::entry::{EntryWriter, entry_path};
    use super::super::key::FileKey;
    use super::*;

    #[test]
    fn a_mapped_column_reads_and_changes_like_an_owned_one() {
        let dir = tempfile::TempDir::new().unwrap();
        let key = FileKey::sample();
        let mut writer = EntryWriter::new(key.clone(), 3, serde_json::Value::Null);
        let days = [1u32, 2, 3];
        writer.section("days", &days);
        let path = entry_path(dir.path(), "e");
        writer.write(&path).unwrap();
        let entry = Arc::new(Entry::open(&path, &key).unwrap());
        let mut column: Column<u32> = Column::mapped(&entry, "days").unwrap();
        drop(entry);
        assert!(column.is_mapped());
        assert_eq!(&column[..], [1, 2, 3]);
        column.to_mut().push(4);
        assert!(!column.is_mapped());
        assert_eq!(&column[..], [1, 2, 3, 4]);
        let owned = Column::from(vec![9u8]);
        assert_eq!(&owned[..], [9]);
    }

    /// Send and Sync come from what a column holds (an `Arc` of the entry
    /// and a range of it), with no unsafe impl to promise them.
    #[test]
    fn a_mapped_column_is_read_from_another_thread() {
        fn send_and_sync<T: Send + Sync>(value: T) -> T {
            value
        }
        let dir = tempfile::TempDir::new().unwrap();
        let key = FileKey::sample();
        let mut writer = EntryWriter::new(key.clone(), 3, serde_json::Value::Null);
        writer.section("days", &[5u64, 6, 7]);
        writer.section_owned("text", b"caf\xc3\xa9".to_vec());
        let path = entry_path(dir.path(), "e");
        writer.write(&path).unwrap();
        let entry = Arc::new(Entry::open(&path, &key).unwrap());
        let days = send_and_sync(Column::<u64>::mapped(&entry, "days").unwrap());
        let text = send_and_sync(TextColumn::mapped(&entry, "text").unwrap());
        drop(entry);
        let read =
            std::thread::spawn(move || (days.iter().sum::<u64>(), text.as_str().to_string()));
        assert_eq!(read.join().unwrap(), (18, "café".to_string()));
    }
}
