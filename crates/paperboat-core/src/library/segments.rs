//! Segments: the library's papers, one immutable native corpus file per
//! finished sync (`seg-000042.json`), or per merge of several
//! (`seg-000001-000041.json`, the newest record of each id from those).
//! Listed oldest first: a later segment's record of a paper wins.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::corpus::Paper;

/// Segment file names start with this.
pub const SEGMENT_PREFIX: &str = "seg-";
/// More segments than this are merged by the next sync.
const MERGE_ABOVE: usize = 8;

/// One segment file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Its path.
    pub path: PathBuf,
    /// The first sync it holds.
    pub first: u64,
    /// The last sync it holds (its place in the order).
    pub last: u64,
    /// Bytes.
    pub size: u64,
}

/// `seg-000042.json` or `seg-000001-000041.json`: the syncs it holds.
fn parse_name(name: &str) -> Option<(u64, u64)> {
    let stem = name.strip_prefix(SEGMENT_PREFIX)?.strip_suffix(".json")?;
    let number = |s: &str| {
        (s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    match stem.split_once('-') {
        None => number(stem).map(|n| (n, n)),
        Some((a, b)) => Some((number(a)?, number(b)?)).filter(|(a, b)| a <= b),
    }
}

/// The segments in `dir`, oldest first. A segment whose syncs a merged
/// segment also holds (left by a merge cut short) is left out: the merged
/// one has its papers.
pub fn list(dir: &Path) -> Vec<Segment> {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<Segment> = read
        .flatten()
        .filter_map(|item| {
            let name = item.file_name();
            let (first, last) = parse_name(name.to_str()?)?;
            let meta = fs::symlink_metadata(item.path()).ok()?;
            meta.is_file().then(|| Segment {
                path: item.path(),
                first,
                last,
                size: meta.len(),
            })
        })
        .collect();
    let covered = |s: &Segment, all: &[Segment]| {
        all.iter().any(|m| {
            m != s && m.first <= s.first && s.last <= m.last && m.last - m.first > s.last - s.first
        })
    };
    let snapshot = found.clone();
    found.retain(|s| !covered(s, &snapshot));
    found.sort_by_key(|s| (s.last, s.first));
    found
}

/// The number the next segment takes.
pub fn next_number(segments: &[Segment]) -> u64 {
    segments.iter().map(|s| s.last).max().unwrap_or(0) + 1
}

/// Writes `papers` as the segment holding syncs `first..=last` in `dir`:
/// whole to a temporary file, flushed, then renamed into place and the
/// folder flushed, so that it is there whole or not at all.
pub fn write_segment(dir: &Path, first: u64, last: u64, papers: &[Paper]) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let name = if first == last {
        format!("{SEGMENT_PREFIX}{last:06}.json")
    } else {
        format!("{SEGMENT_PREFIX}{first:06}-{last:06}.json")
    };
    let path = dir.join(name);
    let tmp = tempfile::Builder::new()
        .prefix(".seg-")
        .suffix(".part")
        .tempfile_in(dir)?;
    {
        let mut out = BufWriter::new(tmp.as_file());
        out.write_all(
            br#"{"format": "paperboat-corpus", "version": 1, "name": "Library", "papers": ["#,
        )?;
        for (i, paper) in papers.iter().enumerate() {
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut out, paper)?;
        }
        out.write_all(b"\n]}\n")?;
        out.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(&path).map_err(|e| e.error)?;
    File::open(dir)?.sync_all()?;
    Ok(path)
}

/// Removes the temporary files of writes that were cut short.
pub fn sweep(dir: &Path) {
    let Ok(read) = fs::read_dir(dir) else {
        return;
    };
    for item in read.flatten() {
        let name = item.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".seg-") && name.ends_with(".part") {
            let _ = fs::remove_file(item.path());
        }
    }
}

/// The segments a sync should merge into one, if there are too many: the
/// longer run of those before or after the largest, which stays as it is
/// (being most of the library, rewriting it would mean indexing it all
/// again). Runs are merged whole, so a later record still wins.
pub fn compaction(segments: &[Segment]) -> Option<&[Segment]> {
    if segments.len() <= MERGE_ABOVE {
        return None;
    }
    let largest = (0..segments.len()).max_by_key(|&i| segments[i].size)?;
    let (before, after) = (&segments[..largest], &segments[largest + 1..]);
    let run = if after.len() >= before.len() {
        after
    } else {
        before
    };
    (run.len() >= 2).then_some(run)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    #[test]
    fn names_order_and_covered_segments() {
        assert_eq!(parse_name("seg-000042.json"), Some((42, 42)));
        assert_eq!(parse_name("seg-000001-000041.json"), Some((1, 41)));
        assert_eq!(parse_name("seg-000041-000001.json"), None);
        assert_eq!(parse_name("seg-42.json"), None);
        assert_eq!(parse_name(".seg-x.part"), None);
        let dir = TempDir::new().unwrap();
        for name in [
            "seg-000001.json",
            "seg-000002.json",
            "seg-000003.json",
            "seg-000001-000002.json",
        ] {
            fs::write(dir.path().join(name), "{}").unwrap();
        }
        let names: Vec<String> = list(dir.path())
            .iter()
            .map(|s| s.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["seg-000001-000002.json", "seg-000003.json"]);
        assert_eq!(next_number(&list(dir.path())), 4);
    }

    #[test]
    fn a_segment_is_a_corpus_that_reads_back() {
        let dir = TempDir::new().unwrap();
        let mut paper = Paper::titled("A \"quoted\" title");
        paper.id = "arXiv:2501.00001".into();
        let path = write_segment(
            dir.path(),
            1,
            1,
            &[
                paper.clone(),
                Paper {
                    id: "b".into(),
                    ..Paper::titled("B")
                },
            ],
        )
        .unwrap();
        let corpus = crate::corpus::load_file(&path).unwrap();
        assert_eq!(corpus.papers.len(), 2);
        assert_eq!(corpus.papers[0], paper);
        // Never over an existing segment.
        assert!(write_segment(dir.path(), 1, 1, &[]).is_err());
        sweep(dir.path());
        assert_eq!(list(dir.path()).len(), 1);
    }

    #[test]
    fn many_segments_merge_beside_the_largest() {
        let seg = |n: u64, size: u64| Segment {
            path: PathBuf::new(),
            first: n,
            last: n,
            size,
        };
        let few: Vec<Segment> = (1..=8).map(|n| seg(n, 10)).collect();
        assert!(compaction(&few).is_none());
        let mut many: Vec<Segment> = (1..=10).map(|n| seg(n, 10)).collect();
        many[1].size = 1_000_000;
        assert_eq!(compaction(&many).unwrap().len(), 8);
        assert_eq!(compaction(&many).unwrap()[0].first, 3);
        many[1].size = 10;
        many[9].size = 1_000_000;
        let merged = compaction(&many).unwrap();
        assert_eq!(
            (merged.len(), merged[8].last),
            (9, 9),
            "the largest is never rewritten"
        );
    }
}
