//! New versions of bookmarked papers: the version a bookmark keeps, set
//! when it was made (or derived from its date for a bookmark made before
//! versions were kept), against the newest one the library knows. A
//! bookmark whose paper has a newer version is "updated" (`is:updated`)
//! until the new version is seen ([`Change::SeeVersion`](super::Change)).

use std::fmt;

use super::Bookmark;
use crate::corpus::Date;
use crate::corpus::Meta;

/// A bookmarked paper's version kept and the newer one there is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionChange {
    /// The version the bookmark keeps.
    pub from: u32,
    /// The newest version known.
    pub to: u32,
    /// The day the newest version appeared, when known.
    pub date: Option<Date>,
}

impl fmt::Display for VersionChange {
    /// `v1 → v3 (2025-11-06)`, or `v1 → v3` without a date.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{} → v{}", self.from, self.to)?;
        match self.date {
            Some(date) => write!(f, " ({date})"),
            None => Ok(()),
        }
    }
}

/// The version `bookmark` keeps: the one it was made with or saw last,
/// else (a bookmark made before versions were kept) the newest version
/// dated on or before the day it was added; `None` when neither is known.
pub fn kept_version(bookmark: &Bookmark, meta: &Meta) -> Option<u32> {
    if bookmark.version.is_some() {
        return bookmark.version;
    }
    let added = Date::parse(bookmark.added.get(..10)?)?;
    meta.versions
        .iter()
        .filter(|v| v.date.is_some_and(|d| d <= added))
        .map(|v| v.version)
        .max()
}

/// The change from the version `bookmark` keeps to the paper's newest, if
/// that one is newer.
pub fn version_change(bookmark: &Bookmark, meta: &Meta) -> Option<VersionChange> {
    let from = kept_version(bookmark, meta)?;
    let to = meta.newest_version()?;
    let date = meta
        .versions
        .iter()
        .find(|v| v.version == to)
        .and_then(|v| v.date);
    (to > from).then_some(VersionChange { from, to, date })
}

/// One bookmark whose paper has a newer version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Updated<'a> {
    /// The bookmark.
    pub bookmark: &'a Bookmark,
    /// Its paper's index in the catalog.
    pub paper: usize,
    /// From the version kept to the newest.
    pub change: VersionChange,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::catalog::updated::{mark_updated, updated_bookmarks};
    use crate::corpus::Paper;
    use crate::corpus::Version;
    use crate::query::Mark;
    use crate::store::bookmarks::tests::bookmark;

    fn day(text: &str) -> Option<Date> {
        Date::parse(text)
    }

    /// v1 on 2025-10-01, v2 on 2025-10-20, v3 on 2025-11-06.
    fn three_versions() -> Meta {
        let v = |version, date| Version {
            version,
            date: day(date),
        };
        Meta {
            version: Some(3),
            versions: vec![v(1, "2025-10-01"), v(2, "2025-10-20"), v(3, "2025-11-06")],
            ..Meta::default()
        }
    }

    fn added(on: &str, version: Option<u32>) -> Bookmark {
        Bookmark {
            added: format!("{on}T09:00:00Z"),
            version,
            ..bookmark("2510.00001")
        }
    }

    #[test]
    fn a_bookmark_without_a_version_keeps_the_one_out_on_its_day() {
        let meta = three_versions();
        assert_eq!(kept_version(&added("2025-10-20", None), &meta), Some(2));
        assert_eq!(kept_version(&added("2025-10-05", None), &meta), Some(1));
        let change = version_change(&added("2025-10-05", None), &meta).unwrap();
        assert_eq!(change.to_string(), "v1 → v3 (2025-11-06)");
        // Added after the newest: nothing new.
        assert_eq!(version_change(&added("2025-12-01", None), &meta), None);
        // Before the first version, or a date that does not parse: the
        // version kept cannot be told, so nothing is updated.
        assert_eq!(kept_version(&added("2025-09-01", None), &meta), None);
        assert_eq!(version_change(&added("2025-09-01", None), &meta), None);
        let odd = Bookmark {
            added: "yesterday".into(),
            ..added("2025-10-05", None)
        };
        assert_eq!(version_change(&odd, &meta), None);
    }

    #[test]
    fn a_bookmark_with_a_version_keeps_it_whatever_its_date() {
        let meta = three_versions();
        let kept = added("2025-12-01", Some(1));
        assert_eq!(kept_version(&kept, &meta), Some(1));
        let change = version_change(&kept, &meta).unwrap();
        assert_eq!((change.from, change.to), (1, 3));
        assert_eq!(change.date, day("2025-11-06"));
        // Seen the newest: not updated.
        assert_eq!(version_change(&added("2025-10-01", Some(3)), &meta), None);
    }

    #[test]
    fn without_a_version_history_only_a_kept_version_compares() {
        // medRxiv: a version number and no dates.
        let meta = Meta {
            version: Some(2),
            ..Meta::default()
        };
        assert_eq!(version_change(&added("2025-10-05", None), &meta), None);
        let change = version_change(&added("2025-10-05", Some(1)), &meta).unwrap();
        assert_eq!(change.to_string(), "v1 → v2");
        // No versions at all: nothing to compare.
        let none = Meta::default();
        assert_eq!(version_change(&added("2025-10-05", Some(1)), &none), None);
    }

    #[test]
    fn updated_bookmarks_finds_only_bookmarked_papers_with_newer_versions() {
        let paper = |id: &str, meta: Option<Meta>| Paper {
            id: id.into(),
            meta: meta.map(Box::new),
            ..Paper::titled(id)
        };
        let mut catalog = Catalog::loaded(
            "c".into(),
            vec![
                paper("a", Some(three_versions())),
                paper("b", Some(three_versions())),
                paper("c", None),
                paper("d", Some(three_versions())),
            ],
        );
        let marks = [
            Bookmark {
                id: "d".into(),
                ..added("2025-10-01", Some(2))
            },
            Bookmark {
                id: "c".into(),
                ..added("2025-10-01", Some(1))
            },
            Bookmark {
                id: "b".into(),
                ..added("2025-10-01", Some(3))
            },
            Bookmark {
                id: "gone".into(),
                ..added("2025-10-01", Some(1))
            },
        ];
        let updated = updated_bookmarks(&marks, &catalog);
        assert_eq!(updated.len(), 1);
        assert_eq!(
            (updated[0].bookmark.id.as_str(), updated[0].paper),
            ("d", 3)
        );
        assert_eq!(updated[0].change.to_string(), "v2 → v3 (2025-11-06)");
        mark_updated(&mut catalog, &updated);
        let marked: Vec<bool> = (0..4)
            .map(|i| catalog.index.is_marked(Mark::Updated, i))
            .collect();
        assert_eq!(marked, [false, false, false, true]);
    }

    #[test]
    fn the_store_keeps_the_version_and_a_seen_one_never_goes_back() {
        use crate::store::bookmarks::{Change, Store};
        let dir = tempfile::TempDir::new().unwrap();
        let store = Store::new(dir.path());
        // Older files have no version: they read as before.
        store.apply(Change::Add(bookmark("old"))).unwrap();
        let text = std::fs::read_to_string(store.path()).unwrap();
        assert!(!text.contains("\"version\": null"), "{text}");
        store
            .apply(Change::Add(added("2025-10-01", Some(1))))
            .unwrap();
        let see = |version| Change::SeeVersion {
            id: "2510.00001".into(),
            version,
        };
        store.apply(see(3)).unwrap();
        let saved = store.apply(see(2)).unwrap();
        assert_eq!(saved[0].version, None);
        assert_eq!(saved[1].version, Some(3));
        // Bookmarked again: the version seen stays.
        let again = store
            .apply(Change::Add(added("2025-12-01", Some(2))))
            .unwrap();
        assert_eq!(again[1].version, Some(3));
        let text = std::fs::read_to_string(store.path()).unwrap();
        assert!(text.contains("\"version\": 3"), "{text}");
        // Seeing a version of a paper not bookmarked adds nothing.
        let saved = store
            .apply(Change::SeeVersion {
                id: "nope".into(),
                version: 2,
            })
            .unwrap();
        assert_eq!(saved.len(), 2);
    }
}
