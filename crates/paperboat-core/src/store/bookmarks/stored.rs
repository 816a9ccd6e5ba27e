//! The bookmarks file as stored. The fields this version knows are read
//! into [`Bookmark`]s and cleaned as corpus text is: the file may come from
//! a sync tool, a dotfiles repository or a hostile hand. Every other field
//! is kept as written, so that a save by this version loses nothing that a
//! newer version or another tool added.

use std::collections::HashSet;
use std::fmt::{self, Write as _};

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;

use super::bookmark::{Bookmark, Change, VERSION};
use crate::cite::cited::Cited;
use crate::corpus::sanitize::{clean_line_owned, clean_lines, is_unsafe};
use crate::corpus::{Link, LinkKind};

/// Fields this version does not know, in file order: each name with its
/// value as written (made terminal-safe, see [`terminal_safe`]).
type Unknown = Vec<(String, Box<RawValue>)>;

/// The whole file.
#[derive(Debug)]
pub(super) struct StoredFile {
    /// The version the file says it has.
    pub version: u32,
    bookmarks: Vec<Stored>,
    unknown: Unknown,
}

/// One bookmark with the fields this version does not know.
#[derive(Debug)]
struct Stored {
    bookmark: Bookmark,
    unknown: Unknown,
}

impl Stored {
    fn new(bookmark: Bookmark) -> Stored {
        Stored {
            bookmark,
            unknown: Unknown::new(),
        }
    }
}

/// Parses the file's text.
pub(super) fn parse(bytes: &[u8]) -> Result<StoredFile, serde_json::Error> {
    serde_json::from_slice(bytes)
}

/// The version a file that does not parse says it has, if it says so: a
/// file of a newer version is left alone, whatever its shape.
pub(super) fn version_of(bytes: &[u8]) -> Option<u32> {
    #[derive(serde::Deserialize)]
    struct Version {
        version: u32,
    }
    serde_json::from_slice::<Version>(bytes)
        .ok()
        .map(|v| v.version)
}

impl StoredFile {
    /// A file with no bookmarks.
    pub fn empty() -> StoredFile {
        StoredFile {
            version: VERSION,
            bookmarks: Vec::new(),
            unknown: Unknown::new(),
        }
    }

    /// The bookmarks, in file order.
    pub fn bookmarks(&self) -> Vec<Bookmark> {
        self.bookmarks.iter().map(|s| s.bookmark.clone()).collect()
    }

    /// Applies one change; what it brings is cleaned as a file's text is.
    /// A removed bookmark takes its unknown fields with it; an edited one
    /// keeps them.
    pub fn apply(&mut self, change: Change) {
        match change {
            Change::Add(b) => {
                let b = self.keyed(clean(b));
                match self.find(&b.id) {
                    Some(existing) => {
                        existing.title = b.title;
                        existing.links = b.links;
                        if !b.note.is_empty() {
                            existing.note = b.note;
                        }
                        // A key once given stays: it is in someone's paper.
                        if existing.cite.is_none() {
                            existing.cite = b.cite;
                        }
                        // Bookmarked again, the paper is seen as it is
                        // now; the version kept never goes back.
                        existing.version = existing.version.max(b.version);
                    }
                    None => self.bookmarks.push(Stored::new(b)),
                }
            }
            Change::Remove(id) => {
                let id = clean_line_owned(id);
                self.bookmarks.retain(|s| s.bookmark.id != id);
            }
            Change::SetNote(b) => {
                let b = self.keyed(clean(b));
                match self.find(&b.id) {
                    Some(existing) => existing.note = b.note,
                    None => self.bookmarks.push(Stored::new(b)),
                }
            }
            Change::SeeVersion { id, version } => {
                let id = clean_line_owned(id);
                if let Some(existing) = self.find(&id) {
                    existing.version = existing.version.max(Some(version));
                }
            }
        }
    }

    /// `b` with a citation key no other bookmark has: `a`, `b`, ...
    /// suffixes on clashes, settled once here so that every export agrees.
    fn keyed(&self, mut b: Bookmark) -> Bookmark {
        if let Some(cite) = &mut b.cite {
            let others = || {
                self.bookmarks
                    .iter()
                    .map(|s| &s.bookmark)
                    .filter(|other| other.id != b.id)
                    .filter_map(|other| other.cite.as_ref())
            };
            let key = crate::cite::key::first_free(&cite.key, |k| others().any(|o| o.key == k));
            cite.key = key;
        }
        b
    }

    fn find(&mut self, id: &str) -> Option<&mut Bookmark> {
        self.bookmarks
            .iter_mut()
            .map(|s| &mut s.bookmark)
            .find(|b| b.id == id)
    }

    /// The text to save: pretty JSON of this version, with every character
    /// a terminal would obey escaped, and a final newline.
    pub fn to_json(&self) -> std::io::Result<String> {
        let mut text = crate::corpus::safe_json::to_string_pretty(self)?;
        text.push('\n');
        Ok(text)
    }
}

/// A bookmark as the corpus's text is: one-line fields through
/// `clean_line`, the note through `clean_lines` (its line breaks mean
/// something), and only the links that may be opened.
pub(super) fn clean(b: Bookmark) -> Bookmark {
    Bookmark {
        id: clean_line_owned(b.id),
        title: clean_line_owned(b.title),
        added: clean_line_owned(b.added),
        note: clean_lines(&b.note),
        links: b.links.into_iter().filter_map(valid_link).collect(),
        cite: b.cite.and_then(|c| Cited::cleaned(*c)).map(Box::new),
        version: b.version,
    }
}

fn valid_link(link: Link) -> Option<Link> {
    let url = clean_line_owned(link.url);
    crate::corpus::links::validate(&url).ok()?;
    Some(Link {
        kind: link.kind,
        url,
    })
}

/// A link as stored. An unknown kind (a newer version's) is classified
/// again from the URL, and a link that is not even this shape is dropped:
/// neither is worth losing the file for.
#[derive(serde::Deserialize)]
struct StoredLink {
    #[serde(default)]
    kind: Option<Box<RawValue>>,
    url: String,
}

fn stored_link(raw: &RawValue) -> Option<Link> {
    let link: StoredLink = serde_json::from_str(raw.get()).ok()?;
    let kind = link
        .kind
        .and_then(|k| serde_json::from_str::<LinkKind>(k.get()).ok())
        .unwrap_or_else(|| LinkKind::classify(&link.url));
    Some(Link {
        kind,
        url: link.url,
    })
}

/// The raw JSON with every character a terminal would obey written as a
/// `\uXXXX` escape. Valid JSON has such characters only inside strings
/// (its own white space aside, which is kept), where the escape means the
/// same; everything else stays exactly as written.
fn terminal_safe(raw: Box<RawValue>) -> Result<Box<RawValue>, serde_json::Error> {
    let needs_escape = |c: char| is_unsafe(c) && !matches!(c, ' ' | '\t' | '\n' | '\r');
    let text = raw.get();
    if !text.chars().any(needs_escape) {
        return Ok(raw);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs_escape(c) {
            // Every such character is in the Basic Multilingual Plane.
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    RawValue::from_string(out)
}

/// Takes the next value into `slot`; a field given twice is an error, as
/// serde's derived code makes it.
fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    slot: &mut Option<T>,
    name: &'static str,
    map: &mut A,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Keeps the next value, as written, under `key`.
fn keep<'de, A: MapAccess<'de>>(
    unknown: &mut Unknown,
    key: String,
    map: &mut A,
) -> Result<(), A::Error> {
    let value = terminal_safe(map.next_value()?).map_err(de::Error::custom)?;
    unknown.push((key, value));
    Ok(())
}

/// The last of fields with the same name wins, as in a JSON object read
/// into a map; order is kept otherwise.
fn dedupe(unknown: Unknown) -> Unknown {
    let mut seen = HashSet::new();
    let mut kept: Unknown = unknown
        .into_iter()
        .rev()
        .filter(|(key, _)| seen.insert(key.clone()))
        .collect();
    kept.reverse();
    kept
}

impl<'de> Deserialize<'de> for StoredFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(FileVisitor)
    }
}

struct FileVisitor;

impl<'de> Visitor<'de> for FileVisitor {
    type Value = StoredFile;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with a version and bookmarks")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StoredFile, A::Error> {
        let (mut version, mut bookmarks) = (None, None);
        let mut unknown = Unknown::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "version" => once(&mut version, "version", &mut map)?,
                "bookmarks" => once(&mut bookmarks, "bookmarks", &mut map)?,
                _ => keep(&mut unknown, key, &mut map)?,
            }
        }
        Ok(StoredFile {
            version: version.ok_or_else(|| de::Error::missing_field("version"))?,
            bookmarks: bookmarks.ok_or_else(|| de::Error::missing_field("bookmarks"))?,
            unknown: dedupe(unknown),
        })
    }
}

impl<'de> Deserialize<'de> for Stored {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(BookmarkVisitor)
    }
}

struct BookmarkVisitor;

impl<'de> Visitor<'de> for BookmarkVisitor {
    type Value = Stored;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a bookmark: an object with an id, a title and a date")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Stored, A::Error> {
        let (mut id, mut title, mut added) = (None, None, None);
        let (mut note, mut links) = (None::<String>, None::<Vec<Box<RawValue>>>);
        let mut cite = None::<Box<RawValue>>;
        let mut version = None::<Option<u32>>;
        let mut unknown = Unknown::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => once(&mut id, "id", &mut map)?,
                "title" => once(&mut title, "title", &mut map)?,
                "added" => once(&mut added, "added", &mut map)?,
                "note" => once(&mut note, "note", &mut map)?,
                "links" => once(&mut links, "links", &mut map)?,
                "cite" => once(&mut cite, "cite", &mut map)?,
                "version" => once(&mut version, "version", &mut map)?,
                _ => keep(&mut unknown, key, &mut map)?,
            }
        }
        let bookmark = Bookmark {
            id: id.ok_or_else(|| de::Error::missing_field("id"))?,
            title: title.ok_or_else(|| de::Error::missing_field("title"))?,
            added: added.ok_or_else(|| de::Error::missing_field("added"))?,
            note: note.unwrap_or_default(),
            links: links
                .unwrap_or_default()
                .iter()
                .filter_map(|raw| stored_link(raw))
                .collect(),
            cite: None,
            version: version.flatten(),
        };
        // A citation of another shape (a newer version's, a hand's) is
        // kept as written rather than lost; this version makes its own.
        let mut bookmark = bookmark;
        if let Some(raw) = cite {
            // Cleaned here, so that one cleaning leaves nothing of is kept
            // as written too.
            let cited = serde_json::from_str::<Cited>(raw.get())
                .ok()
                .and_then(Cited::cleaned);
            match cited {
                Some(cited) => bookmark.cite = Some(Box::new(cited)),
                None => unknown.push((
                    "cite".into(),
                    terminal_safe(raw).map_err(de::Error::custom)?,
                )),
            }
        }
        Ok(Stored {
            bookmark: clean(bookmark),
            unknown: dedupe(unknown),
        })
    }
}

impl Serialize for StoredFile {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2 + self.unknown.len()))?;
        // Saved in this version's shape, whatever version it was read as.
        map.serialize_entry("version", &VERSION)?;
        map.serialize_entry("bookmarks", &self.bookmarks)?;
        for (key, value) in &self.unknown {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl Serialize for Stored {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let b = &self.bookmark;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &b.id)?;
        map.serialize_entry("title", &b.title)?;
        map.serialize_entry("added", &b.added)?;
        map.serialize_entry("note", &b.note)?;
        map.serialize_entry("links", &b.links)?;
        if let Some(cite) = &b.cite {
            map.serialize_entry("cite", cite)?;
        }
        if let Some(version) = b.version {
            map.serialize_entry("version", &version)?;
        }
        // A citation kept as written gives way to one this version made.
        let unknown = self
            .unknown
            .iter()
            .filter(|(key, _)| b.cite.is_none() || key != "cite");
        for (key, value) in unknown {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use tempfile::TempDir;

    use crate::corpus::Link;
    use crate::store::bookmarks::tests::{HOSTILE, bookmark, is_clean};
    use crate::store::bookmarks::{Bookmark, Change, Store};

    #[test]
    fn text_is_cleaned_on_load_as_corpus_text_is() {
        let dir = TempDir::new().unwrap();
        let store = Store::new(dir.path());
        let urls = [
            "javascript:alert(1)",
            "https://x.org/a b",
            "http:evil.com",
            "https://x.org/\u{1b}]52;c;eA==\u{7}",
            "https://x.org/\u{202e}gpj",
            " https://github.com/a/b\t",
            "https://arxiv.org/abs/2401.00001",
        ];
        let file = serde_json::json!({"version": 1, "bookmarks": [{
            "id": format!("id{HOSTILE}"),
            "title": format!("  Title\n{HOSTILE}  "),
            "added": format!("2026{HOSTILE}"),
            "note": format!("one {HOSTILE}\r\n\r\n\n  two\u{2028}three  "),
            "links": urls.iter().map(|u| serde_json::json!({"kind": "project", "url": u})).collect::<Vec<_>>(),
        }]});
        fs::write(store.path(), file.to_string()).unwrap();
        for loaded in [
            store.load().unwrap(),
            store.apply(Change::Add(bookmark("b"))).unwrap(),
        ] {
            let b = &loaded[0];
            for text in [&b.id, &b.title, &b.added] {
                assert!(is_clean(text) && !text.contains('\n'), "{text:?}");
            }
            assert!(
                b.title.starts_with("Title A\u{FFFD}]2;retitled"),
                "{:?}",
                b.title
            );
            assert!(is_clean(&b.note), "{:?}", b.note);
            let lines: Vec<&str> = b.note.lines().collect();
            assert_eq!(lines.len(), 4, "{:?}", b.note);
            assert_eq!(lines[1..], ["", "two", "three"]);
            // Valid links only, their stored kinds kept.
            assert_eq!(
                b.links,
                [
                    Link {
                        kind: crate::corpus::LinkKind::Project,
                        url: "https://github.com/a/b".into()
                    },
                    Link {
                        kind: crate::corpus::LinkKind::Project,
                        url: "https://arxiv.org/abs/2401.00001".into()
                    }
                ]
            );
        }
    }

    #[test]
    fn unknown_fields_are_kept_through_saves() {
        let dir = TempDir::new().unwrap();
        let store = Store::new(dir.path());
        let text = r#"{"version": 1, "synced": {"by": "tool", "at": 12345678901234567890123},
            "bookmarks": [
              {"id": "a", "title": "Title a", "added": "2026-01-01T00:00:00Z", "tags": ["x", "y"], "rating": 1e400, "links": []},
              {"id": "b", "title": "Title b", "added": "2026-01-01T00:00:00Z", "colour": "red"},
              {"id": "c", "title": "Title c", "added": "2026-01-01T00:00:00Z", "odd": "\u009b\u202e\u001b"}
            ]}"#;
        fs::write(store.path(), text).unwrap();
        store
            .apply(Change::SetNote(Bookmark {
                note: "noted".into(),
                ..bookmark("a")
            }))
            .unwrap();
        store.apply(Change::Remove("b".into())).unwrap();
        store.apply(Change::Add(bookmark("d"))).unwrap();
        store.apply(Change::Add(bookmark("c"))).unwrap();
        let saved = fs::read_to_string(store.path()).unwrap();
        assert!(is_clean(&saved), "{saved}");
        // Numbers are kept as written, beyond what a float holds.
        assert!(saved.contains("12345678901234567890123"), "{saved}");
        assert!(saved.contains("1e400"), "{saved}");
        let value: serde_json::Value = serde_json::from_str(
            &saved
                .replace("12345678901234567890123", "0")
                .replace("1e400", "0"),
        )
        .unwrap();
        assert_eq!(value["synced"]["by"], "tool");
        let bookmarks = value["bookmarks"].as_array().unwrap();
        let ids: Vec<&str> = bookmarks
            .iter()
            .map(|b| b["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["a", "c", "d"]);
        assert_eq!(bookmarks[0]["tags"], serde_json::json!(["x", "y"]));
        assert_eq!(bookmarks[0]["note"], "noted");
        assert_eq!(bookmarks[1]["odd"], "\u{9b}\u{202e}\u{1b}");
        assert_eq!(bookmarks[2].as_object().unwrap().len(), 5);
        assert!(!saved.contains("colour"), "{saved}");
        assert_eq!(store.load().unwrap().len(), 3);
    }

    #[test]
    fn a_file_of_a_newer_version_is_left_alone_whatever_its_shape() {
        let dir = TempDir::new().unwrap();
        let store = Store::new(dir.path());
        let text = r#"{"version": 2, "bookmarks": {"by-id": {}}}"#;
        fs::write(store.path(), text).unwrap();
        for err in [
            store.load().unwrap_err(),
            store.apply(Change::Add(bookmark("a"))).unwrap_err(),
        ] {
            assert!(err.to_string().contains("version 2 is newer"), "{err}");
        }
        assert_eq!(fs::read_to_string(store.path()).unwrap(), text);
    }

    fn cited(id: &str, key: &str) -> Bookmark {
        Bookmark {
            cite: Some(Box::new(crate::cite::Cited {
                key: key.into(),
                ..Default::default()
            })),
            ..bookmark(id)
        }
    }

    #[test]
    fn a_bookmark_keeps_the_citation_key_it_was_given_and_clashes_take_suffixes() {
        let dir = TempDir::new().unwrap();
        let store = Store::new(dir.path());
        store.apply(Change::Add(cited("a", "xia2024mmed"))).unwrap();
        store.apply(Change::Add(cited("b", "xia2024mmed"))).unwrap();
        store.apply(Change::Add(cited("c", "xia2024mmed"))).unwrap();
        // Bookmarked again from another corpus: the key it has stays.
        store
            .apply(Change::Add(cited("b", "other2020key")))
            .unwrap();
        let keys: Vec<String> = store
            .load()
            .unwrap()
            .into_iter()
            .map(|b| b.cite.unwrap().key)
            .collect();
        assert_eq!(keys, ["xia2024mmed", "xia2024mmeda", "xia2024mmedb"]);
    }

    #[test]
    fn a_hostile_citation_is_cleaned_and_one_of_another_shape_is_kept() {
        let dir = TempDir::new().unwrap();
        let store = Store::new(dir.path());
        let text = r#"{"version": 1, "bookmarks": [
            {"id": "a", "title": "A", "added": "x", "cite": {"key": "{x}\u001b]52;\\y", "authors": ["Eve\u202e", " "], "year": 12, "month": 13, "doi": "10.1/\u009b"}},
            {"id": "b", "title": "B", "added": "x", "cite": {"key": ["not", "a", "key"]}}
        ]}"#;
        fs::write(store.path(), text).unwrap();
        let loaded = store.load().unwrap();
        let cite = loaded[0].cite.clone().unwrap();
        assert_eq!(cite.key, "x52y");
        assert_eq!(cite.authors.len(), 1);
        assert!(is_clean(&cite.authors[0]) && is_clean(cite.doi.as_deref().unwrap()));
        assert_eq!((cite.year, cite.month), (None, None));
        assert_eq!(loaded[1].cite, None);
        store.apply(Change::Add(bookmark("c"))).unwrap();
        let saved: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(store.path()).unwrap()).unwrap();
        assert_eq!(
            saved["bookmarks"][1]["cite"]["key"],
            serde_json::json!(["not", "a", "key"])
        );
        // Nothing left of the key once cleaned, or a field of a newer
        // version: kept as written, not lost.
        let text = r#"{"version": 1, "bookmarks": [
            {"id": "a", "title": "A", "added": "x", "cite": {"key": "李", "doi": "10.1/x"}},
            {"id": "b", "title": "B", "added": "x", "cite": {"key": "k", "venue": "NeurIPS"}}
        ]}"#;
        fs::write(store.path(), text).unwrap();
        store.apply(Change::Add(bookmark("c"))).unwrap();
        let saved: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(store.path()).unwrap()).unwrap();
        assert_eq!(saved["bookmarks"][0]["cite"]["doi"], "10.1/x");
        assert_eq!(saved["bookmarks"][1]["cite"]["venue"], "NeurIPS");
    }
}
