//! One cache entry on disk: a header and named sections of flat arrays,
//! checked by a hash, memory-mapped so that a large index is used without
//! being read into memory first.
//!
//! Layout: 16 bytes of magic, the format version (u32), a machine mark
//! (u32: byte order and word size, as written), the file's length (u64),
//! the hash of everything after these 40 bytes (u64, see `hash.rs`),
//! the header's length (u64) and the header (JSON), then the sections,
//! each at a multiple of 8 bytes.

// Mapping a file, and advising the kernel about the mapped pages, are
// unsafe: the map could change under the process (see `open_any`).
#![allow(unsafe_code)]

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use bytemuck::Pod;
use memmap2::{Mmap, UncheckedAdvice};
use serde::{Deserialize, Serialize};

use super::files;
use super::key::FileKey;

/// The version of everything written into the cache: an entry of another
/// version is rebuilt, never read.
pub const FORMAT_VERSION: u32 = 6;

const MAGIC: &[u8; 16] = b"paperboat-index\0";
/// What every entry starts with: magic, version, machine, length, hash,
/// header length.
const PREFIX: usize = 16 + 4 + 4 + 8 + 8 + 8;
/// Where the hashed bytes start.
const PREFIX_HASHED: usize = 40;
/// Byte order and word size of the machine that wrote the entry.
const MACHINE: u32 = 0x0102_0300 | (usize::BITS / 8);

/// Why an entry cannot be used (it is then rebuilt).
#[derive(Debug, thiserror::Error)]
pub enum EntryError {
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The entry is for another state of the file, another version or
    /// another machine, or it is damaged.
    #[error("{0}")]
    Stale(&'static str),
}

/// Where one section lies.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SectionInfo {
    name: String,
    offset: u64,
    len: u64,
}

/// What the header says.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    /// The corpus file the entry answers for.
    pub key: FileKey,
    /// What the entry describes, for `cache list`.
    pub papers: u64,
    /// When it was built, seconds since the epoch.
    pub built: u64,
    /// What the user of the entry keeps besides its sections.
    pub info: serde_json::Value,
    sections: Vec<SectionInfo>,
}

/// An entry being put together from borrowed sections, written whole at
/// the end without copying them.
pub struct EntryWriter<'a> {
    key: FileKey,
    papers: u64,
    info: serde_json::Value,
    sections: Vec<(String, Cow<'a, [u8]>)>,
}

impl<'a> EntryWriter<'a> {
    /// An empty entry for `key`, describing `papers` papers, keeping `info`.
    pub fn new(key: FileKey, papers: u64, info: serde_json::Value) -> EntryWriter<'a> {
        EntryWriter {
            key,
            papers,
            info,
            sections: Vec::new(),
        }
    }

    /// Adds a section of plain values.
    pub fn section<T: Pod>(&mut self, name: &str, values: &'a [T]) {
        self.sections.push((
            name.to_string(),
            Cow::Borrowed(bytemuck::cast_slice(values)),
        ));
    }

    /// Adds a section made for the entry.
    pub fn section_owned(&mut self, name: &str, bytes: Vec<u8>) {
        self.sections.push((name.to_string(), Cow::Owned(bytes)));
    }

    /// The header and the offset where the entry ends.
    fn layout(&self) -> (Vec<u8>, u64) {
        let built = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        // The header's length depends on the offsets, which depend on the
        // header's length: lay the sections out from a first guess and
        // grow it until the header fits.
        let mut room = 256 + self.sections.len() * 64;
        loop {
            let mut offset = align(PREFIX + room) as u64;
            let sections = self
                .sections
                .iter()
                .map(|(name, bytes)| {
                    let info = SectionInfo {
                        name: name.clone(),
                        offset,
                        len: bytes.len() as u64,
                    };
                    offset = align(offset as usize + bytes.len()) as u64;
                    info
                })
                .collect();
            let header = Header {
                key: self.key.clone(),
                papers: self.papers,
                built,
                info: self.info.clone(),
                sections,
            };
            let json = serde_json::to_vec(&header).unwrap_or_default();
            if json.len() <= room {
                let mut head = vec![0u8; align(PREFIX + room)];
                head[..16].copy_from_slice(MAGIC);
                head[16..20].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
                head[20..24].copy_from_slice(&MACHINE.to_ne_bytes());
                head[24..32].copy_from_slice(&offset.to_le_bytes());
                head[40..48].copy_from_slice(&(json.len() as u64).to_le_bytes());
                head[PREFIX..PREFIX + json.len()].copy_from_slice(&json);
                return (head, offset);
            }
            room = json.len() * 2;
        }
    }

    /// Writes the whole entry to `out`, hashing as it goes; the hash is
    /// written last, into its place near the start.
    fn write_to<W: Write + io::Seek>(&self, out: &mut W) -> io::Result<()> {
        let (head, _) = self.layout();
        let mut hasher = super::hash::Hasher::new();
        let mut written = head.len();
        out.write_all(&head)?;
        hasher.update(&head[40..]);
        const PAD: [u8; 8] = [0; 8];
        for (_, bytes) in &self.sections {
            out.write_all(bytes)?;
            hasher.update(bytes);
            written += bytes.len();
            let pad = &PAD[..align(written) - written];
            out.write_all(pad)?;
            hasher.update(pad);
            written += pad.len();
        }
        out.seek(io::SeekFrom::Start(32))?;
        out.write_all(&hasher.finish().to_le_bytes())?;
        out.flush()
    }

    /// The whole entry as bytes.
    #[cfg(test)]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = io::Cursor::new(Vec::new());
        // Writing to memory cannot fail.
        let _ = self.write_to(&mut out);
        out.into_inner()
    }

    /// Writes the entry as `path`, whole or not at all: into a temporary
    /// file beside it, then renamed over it, so that a reader never sees
    /// half of one and two writers both leave a whole entry.
    /// The entry's directory must be one of its own: a link in its place
    /// is refused, so that nothing is written outside the cache.
    pub fn write(&self, path: &Path) -> io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        files::make_real_dir(dir)?;
        files::sweep_builds(dir);
        let temp = tempfile::Builder::new()
            .prefix(files::BUILDING_ENTRY)
            .tempfile_in(dir)?;
        let _claim = files::Claim::on(temp.path())?;
        let mut out = io::BufWriter::with_capacity(1 << 20, temp);
        self.write_to(&mut out)?;
        let temp = out.into_inner().map_err(|e| e.into_error())?;
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

fn align(n: usize) -> usize {
    n.div_ceil(8) * 8
}

/// An entry mapped into memory and checked.
#[derive(Debug)]
pub struct Entry {
    map: Mmap,
    header: Header,
}

impl Entry {
    /// Maps the entry at `path` if it answers for `key`.
    pub fn open(path: &Path, key: &FileKey) -> Result<Entry, EntryError> {
        let entry = Entry::open_any(path)?;
        if entry.header.key != *key {
            return Err(EntryError::Stale("the corpus file changed"));
        }
        Ok(entry)
    }

    /// Maps and checks the entry at `path`, whatever file it is for: only
    /// a regular file, in a directory of its own, reached through no link.
    pub fn open_any(path: &Path) -> Result<Entry, EntryError> {
        let dir = path.parent().unwrap_or(Path::new("."));
        if !files::is_real_dir(dir)? {
            return Err(EntryError::Io(io::ErrorKind::NotFound.into()));
        }
        let file = files::open_regular(path)?;
        // SAFETY: entries are only ever replaced by renaming a new file over
        // them, never written in place by paperboat. What is mapped is
        // checked before anything reads it; another program that cuts it
        // short meanwhile ends the process with one line naming it (see
        // `mapped`), and values read from it are bounds-checked where used.
        let map = unsafe { Mmap::map(&file)? };
        super::mapped::note(&map, path);
        // Checking reads every page; a page hashed need not count against
        // this process's memory until a search reads it again (it stays in
        // the page cache, and comes back from it).
        let release = |range: std::ops::Range<usize>| {
            // SAFETY: the map is a read-only view of a file that is never
            // changed in place, so pages read again hold the same bytes.
            let _ = unsafe {
                map.unchecked_advise_range(
                    UncheckedAdvice::DontNeed,
                    PREFIX_HASHED + range.start,
                    range.len(),
                )
            };
        };
        let header = check(&map, &release)?;
        Ok(Entry { map, header })
    }

    /// The header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The section called `name`, as values of `T`.
    pub fn section<T: Pod>(&self, name: &str) -> Result<&[T], EntryError> {
        let range = self.section_range::<T>(name)?;
        Ok(bytemuck::cast_slice(&self.map[range]))
    }

    /// Where the section called `name` is in [`Entry::bytes`], once it is
    /// checked to hold whole values of `T`, aligned.
    pub fn section_range<T: Pod>(&self, name: &str) -> Result<Range<usize>, EntryError> {
        let info = self
            .header
            .sections
            .iter()
            .find(|s| s.name == name)
            .ok_or(EntryError::Stale("a section is missing"))?;
        let range = info.offset as usize..(info.offset + info.len) as usize;
        bytemuck::try_cast_slice::<u8, T>(&self.map[range.clone()])
            .map_err(|_| EntryError::Stale("a section is misshapen"))?;
        Ok(range)
    }

    /// The whole mapped entry.
    #[inline]
    pub fn bytes(&self) -> &[u8] {
        &self.map
    }
}

/// Makes the hash of `bytes` (an entry, or anything) match its content, so
/// that a fuzzer's changes reach the checks behind the hash; does nothing
/// to bytes too short to hold one.
pub fn reseal(bytes: &mut [u8]) {
    if bytes.len() >= PREFIX {
        let hash = super::hash::of(&bytes[40..]);
        bytes[32..40].copy_from_slice(&hash.to_le_bytes());
    }
}

/// The header of `bytes` if they are a whole, undamaged entry of this
/// version written on a machine like this one.
fn check(
    bytes: &[u8],
    release: &(dyn Fn(std::ops::Range<usize>) + Sync),
) -> Result<Header, EntryError> {
    let stale = |why| Err(EntryError::Stale(why));
    if bytes.len() < PREFIX || &bytes[..16] != MAGIC {
        return stale("not a cache entry");
    }
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default());
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
    if u32_at(16) != FORMAT_VERSION {
        return stale("written by another version");
    }
    if u32::from_ne_bytes(bytes[20..24].try_into().unwrap_or_default()) != MACHINE {
        return stale("written on another kind of machine");
    }
    if u64_at(24) != bytes.len() as u64 {
        return stale("truncated");
    }
    if u64_at(32) != super::hash::of_then(&bytes[PREFIX_HASHED..], release) {
        return stale("damaged");
    }
    let json_len = u64_at(40);
    let Some(json) = bytes.get(PREFIX..).and_then(|b| b.get(..json_len as usize)) else {
        return stale("damaged");
    };
    let Ok(header) = serde_json::from_slice::<Header>(json) else {
        return stale("damaged");
    };
    let fits = header.sections.iter().all(|s| {
        s.offset % 8 == 0
            && s.offset
                .checked_add(s.len)
                .is_some_and(|end| end <= bytes.len() as u64)
    });
    if !fits {
        return stale("damaged");
    }
    Ok(header)
}

/// The entry file for the corpus file called `name` (see
/// [`FileKey::entry_name`]) in cache dir `dir`.
pub fn entry_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(name).join("index")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> FileKey {
        FileKey {
            path: "/c.jsonl".into(),
            size: 10,
            modified_ns: 5,
            fingerprint: 7,
        }
    }

    fn written(dir: &Path) -> PathBuf {
        let mut writer = EntryWriter::new(key(), 3, serde_json::json!({"name": "n"}));
        writer.section("days", &[20240101u32, 20250102, 0]);
        writer.section("text", b"hello");
        let path = entry_path(dir, "e");
        writer.write(&path).unwrap();
        path
    }

    #[test]
    fn an_entry_reads_back_what_was_written() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = written(dir.path());
        let entry = Entry::open(&path, &key()).unwrap();
        assert_eq!(entry.header().papers, 3);
        assert_eq!(
            entry.section::<u32>("days").unwrap(),
            [20240101, 20250102, 0]
        );
        assert_eq!(entry.section::<u8>("text").unwrap(), b"hello");
        assert!(entry.section::<u8>("nothing").is_err());
        let other = FileKey { size: 11, ..key() };
        assert!(matches!(
            Entry::open(&path, &other),
            Err(EntryError::Stale(_))
        ));
    }

    #[test]
    fn a_damaged_entry_is_refused_never_read() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = written(dir.path());
        let whole = std::fs::read(&path).unwrap();
        let mut cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", Vec::new()),
            ("truncated", whole[..whole.len() - 8].to_vec()),
            ("only the prefix", whole[..PREFIX].to_vec()),
            ("longer", [whole.as_slice(), b"12345678"].concat()),
        ];
        for at in [17, 21, 30, 36, 44, PREFIX + 3, whole.len() - 3] {
            let mut garbled = whole.clone();
            garbled[at] ^= 0x20;
            cases.push(("garbled", garbled));
        }
        for (what, bytes) in cases {
            std::fs::write(&path, &bytes).unwrap();
            let result = Entry::open(&path, &key());
            assert!(
                matches!(result, Err(EntryError::Stale(_))),
                "{what}: {result:?}"
            );
        }
    }

    #[test]
    fn two_writers_at_once_leave_a_whole_entry() {
        let dir = tempfile::TempDir::new().unwrap();
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..20 {
                        written(dir.path());
                    }
                });
            }
        });
        let path = entry_path(dir.path(), "e");
        assert_eq!(Entry::open(&path, &key()).unwrap().header().papers, 3);
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }
}
