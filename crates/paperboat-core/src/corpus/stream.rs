//! Loading a corpus file of any format as a stream of batches, so that a
//! reader can show papers while a big file is still being read.

use std::io::{Read, Seek, SeekFrom};
use std::ops::ControlFlow;
use std::path::Path;

use super::arrays::{self, Delivered, Outcome};
use super::deliver::{Batch, Deliver};
use super::error::LoadError;
use super::format::{Format, detect};
use super::jsonl::{self, CHUNK};
use super::{arxiv, native, whole};

/// How much is read before the first judgement of the input.
const PEEK: usize = 64 << 10;

/// Options for loading.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// A bad record fails the load instead of being skipped and counted.
    pub strict: bool,
    /// The papers' abstracts are checked but left empty: for a first read
    /// that keeps only the rows and the index of a file, whose records are
    /// read again from it when shown. JSON Lines only, so far.
    pub headlines_only: bool,
}

/// What a finished load found besides the papers.
#[derive(Debug)]
pub struct LoadSummary {
    /// The corpus name: native `name`, else the file name without extension.
    pub name: String,
    /// The format detected.
    pub format: Format,
    /// Bad records skipped.
    pub skipped: usize,
    /// The first bad record, for the status line.
    pub first_skipped: Option<LoadError>,
    /// Links left out because they may not be opened.
    pub refused_links: usize,
    /// The first few of them, one line each, for `check`.
    pub refused: Vec<String>,
    /// Line breaks read, for JSON Lines (the lines before it included,
    /// for the end of a file read on its own).
    pub lines: usize,
}

/// Reads `path` of any supported format, calling `sink` with batches (a few
/// thousand papers each, and at least every ~50 ms of work so a progress
/// gauge moves) in file order.
pub fn stream_file(
    path: &Path,
    options: LoadOptions,
    sink: &mut dyn FnMut(Batch),
) -> Result<LoadSummary, LoadError> {
    stream_file_reporting(path, options, sink, &mut |_| {})
}

/// [`stream_file`], also calling `bad` with every bad record skipped.
pub fn stream_file_reporting(
    path: &Path,
    options: LoadOptions,
    sink: &mut dyn FnMut(Batch),
    bad: &mut dyn FnMut(&LoadError),
) -> Result<LoadSummary, LoadError> {
    let file = path.display().to_string();
    if path.is_dir() {
        return Err(LoadError::Io {
            file: super::sanitize::clean_line(&file),
            reason: "is a directory, expected a corpus file".into(),
        });
    }
    let handle = std::fs::File::open(path).map_err(|e| LoadError::io(&file, &e))?;
    let metadata = handle.metadata().ok();
    let sized = metadata.as_ref().is_some_and(std::fs::Metadata::is_file);
    let total = metadata.map_or(0, |m| m.len());
    let source = Source {
        file: &file,
        path: Some(path),
        default_name: default_name(path),
        total,
        sized,
    };
    stream(handle, source, options, sink, bad)
}

/// Where the text comes from, for errors, detection and the summary.
pub(crate) struct Source<'a> {
    /// The name in error messages.
    pub file: &'a str,
    /// The path, whose extension may decide the format.
    pub path: Option<&'a Path>,
    /// The corpus name when the text has none.
    pub default_name: String,
    /// The size of the input, as far as known.
    pub total: u64,
    /// Whether it is a regular file of that size (a pipe or a device has
    /// none, and may not end).
    pub sized: bool,
}

/// Reads a whole input of any format; see [`stream_file`].
pub(crate) fn stream<R: Read + Seek + Send>(
    mut reader: R,
    source: Source<'_>,
    options: LoadOptions,
    sink: &mut dyn FnMut(Batch),
    bad: &mut dyn FnMut(&LoadError),
) -> Result<LoadSummary, LoadError> {
    let file = source.file;
    let Head {
        text,
        read,
        more,
        mut format,
    } = read_head(&mut reader, &source)?;
    let mut out = Deliver::new(file, options.strict, source.total, sink, bad);
    out.format = format;
    let mut name = String::new();
    if format == Format::ArxivJsonl {
        read_lines(text, read, reader, line_parser(options), &mut out)?;
    } else {
        let mark = read - text.len() as u64;
        let delivered = if source.sized {
            read_array_file(&mut reader, text, more, mark, format, &mut out)?
        } else {
            read_array_pipe(&mut reader, text, read, more, format, &mut out)?
        };
        match delivered {
            Delivered::Papers {
                name: found,
                format: read_as,
            } => (name, format) = (found, read_as),
            Delivered::Lines(text) => {
                // One object on its first line after all (a line longer
                // than the first look).
                format = Format::ArxivJsonl;
                out.format = format;
                let read = mark + text.len() as u64;
                read_lines(text, read, std::io::empty(), line_parser(options), &mut out)?;
            }
        }
    }
    out.finish();
    Ok(LoadSummary {
        name: if name.is_empty() {
            source.default_name
        } else {
            name
        },
        format,
        skipped: out.skipped,
        first_skipped: out.first_skipped,
        refused_links: out.refused_links,
        refused: out.refused,
        lines: out.lines,
    })
}

/// Reads the JSON Lines file at `path` from byte `from` on, the start of
/// line `lines + 1` (what comes before was read already): the papers that
/// were added at its end. Records lie where they are in the whole file;
/// bad ones are told by their line in it; ids are made unique among these
/// papers only.
pub fn stream_tail(
    path: &Path,
    from: u64,
    lines: usize,
    options: LoadOptions,
    sink: &mut dyn FnMut(Batch),
) -> Result<LoadSummary, LoadError> {
    let file = path.display().to_string();
    let io = |e: std::io::Error| LoadError::io(&file, &e);
    let mut handle = std::fs::File::open(path).map_err(io)?;
    let total = handle.metadata().map_err(io)?.len();
    handle.seek(SeekFrom::Start(from)).map_err(io)?;
    let mut quiet = |_: &LoadError| {};
    let mut out = Deliver::new(&file, options.strict, total, sink, &mut quiet);
    out.continuing(lines);
    out.format = Format::ArxivJsonl;
    out.read = from;
    read_lines(Vec::new(), from, handle, line_parser(options), &mut out)?;
    out.finish();
    Ok(LoadSummary {
        name: default_name(path),
        format: Format::ArxivJsonl,
        skipped: out.skipped,
        first_skipped: out.first_skipped,
        refused_links: out.refused_links,
        refused: out.refused,
        lines: out.lines,
    })
}

/// The papers of a JSON Lines input, `text` (`read` bytes of input) and
/// what follows in `reader`.
/// The name of a corpus file that names none: the file name without its
/// extension (`a1m.jsonl` is `a1m`), cleaned, since it is shown (header,
/// `check`) and a file name is text from anywhere too.
pub fn default_name(path: &Path) -> String {
    let stem = path.file_stem().map(|n| n.to_string_lossy().into_owned());
    super::sanitize::clean_line(&stem.unwrap_or_else(|| path.display().to_string()))
}

/// How a line of an arXiv JSON Lines file is read under `options`.
fn line_parser(options: LoadOptions) -> jsonl::ParseLine {
    if options.headlines_only {
        arxiv::parse_headline
    } else {
        arxiv::parse_record
    }
}

fn read_lines<R: Read + Send>(
    text: Vec<u8>,
    read: u64,
    reader: R,
    parse: jsonl::ParseLine,
    out: &mut Deliver<'_>,
) -> Result<(), LoadError> {
    let mut failed = None;
    jsonl::run(
        text,
        read,
        reader,
        parse,
        &mut |chunk| match out.chunk(chunk) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                failed = Some(e);
                ControlFlow::Break(())
            }
        },
    )
    .map_err(|e| LoadError::io(out.file, &e))?;
    failed.map_or(Ok(()), Err)
}

/// The papers of an array-format regular file (or bytes in memory), read
/// element by element as they stream; the corpus name and the format. A
/// file that does not read so is read again whole, for its error.
fn read_array_file<R: Read + Seek + Send>(
    reader: &mut R,
    head: Vec<u8>,
    more: bool,
    mark: u64,
    format: Format,
    out: &mut Deliver<'_>,
) -> Result<Delivered, LoadError> {
    let file = out.file;
    match arrays::deliver(head, more, &mut *reader, mark, format, out)? {
        Outcome::Read(delivered) => Ok(delivered),
        Outcome::Broken { format, read } => {
            let io = |e: std::io::Error| LoadError::io(file, &e);
            reader.seek(SeekFrom::Start(mark)).map_err(io)?;
            Err(arrays::file_error(format, reader, read, file).map_err(io)?)
        }
    }
}

/// The papers of an array-format input that may not end (a pipe, a
/// device): read whole first, judged as it grows, then element by element
/// from memory.
fn read_array_pipe<R: Read>(
    reader: &mut R,
    mut text: Vec<u8>,
    mut read: u64,
    more: bool,
    format: Format,
    out: &mut Deliver<'_>,
) -> Result<Delivered, LoadError> {
    let file = out.file;
    let reading = whole::read_rest(reader, &mut text, &mut read, more, file, &mut |read| {
        out.progress(read)
    })?;
    if let whole::Reading::Broken(e) = reading {
        // Cut off at a syntax error: an earlier fault, if the text has
        // one, comes first.
        return Err(arrays::whole_fault(format, &text, file).unwrap_or(e));
    }
    let mark = read - text.len() as u64;
    match arrays::deliver(Vec::new(), true, &text[..], mark, format, out)? {
        Outcome::Read(delivered) => Ok(delivered),
        Outcome::Broken { format, .. } => Err(arrays::whole_error(format, &text, file)),
    }
}

/// The first chunk of an input, judged.
struct Head {
    /// The text read, without a byte order mark.
    text: Vec<u8>,
    /// Bytes read, the mark included.
    read: u64,
    /// Whether the input may go on after the chunk.
    more: bool,
    /// The format the chunk shows.
    format: Format,
}

/// Reads and judges the first chunk: whatever the format, what does not
/// start as a JSON corpus is refused here. Only JSON Lines may be empty.
fn read_head(reader: &mut impl Read, source: &Source<'_>) -> Result<Head, LoadError> {
    let file = source.file;
    let io = |e: std::io::Error| LoadError::io(file, &e);
    let mut text = Vec::with_capacity(CHUNK.min(source.total as usize + 1));
    // A first look at a few KiB: what is not JSON at all (a binary file,
    // `/dev/zero`) is refused from its first bytes, at once, rather than
    // after a whole chunk has been read.
    let mut read = reader
        .take(PEEK as u64)
        .read_to_end(&mut text)
        .map_err(io)? as u64;
    if text.starts_with(b"\xEF\xBB\xBF") {
        text.drain(..3);
    }
    if text.iter().any(|b| !b.is_ascii_whitespace())
        && let Some(e) = native::start_error(&text, file)
    {
        return Err(e);
    }
    if read == PEEK as u64 {
        read += reader
            .take((CHUNK - PEEK) as u64)
            .read_to_end(&mut text)
            .map_err(io)? as u64;
    }
    let more = read == CHUNK as u64;
    let format = detect(&text, source.path);
    let blank = text.iter().all(u8::is_ascii_whitespace);
    if blank && more {
        let message = format!(
            "expected a JSON corpus, found only white space in the first {} MiB",
            CHUNK >> 20
        );
        return Err(LoadError::invalid(file, 1, 1, "", &message));
    }
    if !(blank && format == Format::ArxivJsonl)
        && let Some(e) = native::start_error(&text, file)
    {
        return Err(e);
    }
    Ok(Head {
        text,
        read,
        more,
        format,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Paper;

    /// A regular file (`sized`) or a stream called `name`.
    fn source(name: &str, total: u64, sized: bool) -> Source<'_> {
        Source {
            file: name,
            path: Some(Path::new(name)),
            default_name: "default".into(),
            total,
            sized,
        }
    }

    /// Every batch of `text` loaded from a file called `name`, and the summary.
    fn batches(text: &[u8], name: &str) -> (Vec<(usize, u64, u64)>, Vec<Paper>, LoadSummary) {
        let mut seen = Vec::new();
        let mut papers = Vec::new();
        let source = source(name, text.len() as u64, true);
        let summary = stream(
            std::io::Cursor::new(text),
            source,
            LoadOptions::default(),
            &mut |b| {
                seen.push((b.papers.len(), b.bytes_read, b.total_bytes));
                papers.extend(b.papers);
            },
            &mut |_| {},
        )
        .unwrap();
        (seen, papers, summary)
    }

    /// Every record read back from its span is the paper the load gave,
    /// whatever the format, a byte order mark, bad records and ids made
    /// unique included.
    #[test]
    fn each_record_reads_back_from_where_it_lies() {
        let fixtures =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/formats");
        let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&fixtures)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
            .collect();
        inputs.push(("bundled.json".into(), crate::corpus::BUNDLED_JSON.to_vec()));
        let lines = "{\"id\":\"1\",\"title\":\"A\"}\r\nbad\n\n{\"id\":\"1\",\"title\":\"B\",\"abstract\":\"x\"}";
        inputs.push((
            "bom.jsonl".into(),
            [&b"\xEF\xBB\xBF"[..], lines.as_bytes()].concat(),
        ));
        let daily = r#"[{"paper":{"id":"2401.1","title":"T","summary":"S"}}, 7, {"title":"U"}]"#;
        inputs.push((
            "bom.json".into(),
            [&b"\xEF\xBB\xBF"[..], daily.as_bytes()].concat(),
        ));
        let mut checked = 0;
        let inputs_count = inputs.len();
        for (name, text) in inputs {
            let mut got = Vec::new();
            let summary = stream(
                std::io::Cursor::new(&text[..]),
                source(&name, text.len() as u64, true),
                LoadOptions::default(),
                &mut |b| got.extend(b.papers.into_iter().zip(b.records)),
                &mut |_| {},
            );
            let Ok(summary) = summary else { continue };
            assert!(!got.is_empty(), "{name}");
            checked += 1;
            for (paper, span) in got {
                let bytes = span.of(&text).unwrap_or_else(|| panic!("{name}: {span:?}"));
                let mut back = crate::corpus::read_record(summary.format, bytes)
                    .unwrap_or_else(|| panic!("{name}: {}", String::from_utf8_lossy(bytes)));
                back.id = paper.id.clone();
                assert_eq!(back, paper, "{name}");
            }
        }
        assert_eq!(checked, inputs_count, "every input loads");
    }

    /// Endless input that is not JSON: the answer comes from its first
    /// look, without reading on.
    #[test]
    fn what_is_not_json_is_refused_from_its_first_bytes() {
        struct Endless(u64);
        impl Read for Endless {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                self.0 += buf.len() as u64;
                assert!(self.0 <= PEEK as u64, "read past the first look");
                buf.fill(0);
                Ok(buf.len())
            }
        }
        impl std::io::Seek for Endless {
            fn seek(&mut self, _: std::io::SeekFrom) -> std::io::Result<u64> {
                Err(std::io::ErrorKind::Unsupported.into())
            }
        }
        let source = source("zeros", 0, false);
        let e = stream(
            Endless(0),
            source,
            LoadOptions::default(),
            &mut |_| {},
            &mut |_| {},
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("zeros:1:1: expected a JSON corpus"),
            "{e}"
        );
    }

    #[test]
    fn arrays_arrive_in_batches_as_they_are_read() {
        let mut text = String::from("[");
        for i in 0..10_000 {
            text.push_str(&format!(
                "{}{{\"title\":\"Paper {}\",\"upvotes\":{i}}}",
                if i > 0 { "," } else { "" },
                i % 9_000
            ));
        }
        text.push(']');
        let (seen, papers, summary) = batches(text.as_bytes(), "c.json");
        let total = text.len() as u64;
        let sizes: Vec<usize> = seen.iter().map(|s| s.0).collect();
        // Each batch tells how far the text was read to give it; the
        // papers whose id was taken come last, with a suffix, once every
        // id asked for is known.
        assert_eq!(sizes, [4096, 4096, 808, 1000]);
        assert!(seen[0].1 < seen[1].1 && seen[1].1 < total, "{seen:?}");
        assert_eq!(seen[2].1, total);
        assert_eq!(papers[8_999].upvotes, Some(8_999));
        assert_eq!(papers[9_000].upvotes, Some(9_000));
        assert_eq!(papers[9_000].id, "paper-0-2");
        assert_eq!(
            (summary.format, summary.name.as_str()),
            (Format::Native, "default")
        );
    }

    #[test]
    fn a_first_line_longer_than_a_chunk_is_still_json_lines() {
        let long = "x".repeat(CHUNK + 100);
        let text = format!(
            "\u{feff}{{\"id\":\"1\",\"title\":\"A\",\"abstract\":\"{long}\"}}\n{{\"id\":\"2\",\"title\":\"B\"}}"
        );
        let (seen, papers, summary) = batches(text.as_bytes(), "c.json");
        assert_eq!(summary.format, Format::ArxivJsonl);
        assert_eq!(papers.len(), 2);
        assert_eq!(papers[0].abstract_text.len(), long.len());
        assert_eq!(seen.last().map(|s| s.1), Some(text.len() as u64));
    }

    #[test]
    fn json_lines_without_one_good_record_in_the_first_chunk_are_refused() {
        let mut text = "{\"title\": 1}\n".repeat(CHUNK / 13 + 10);
        text.push_str("{\"id\": \"1\", \"title\": \"late\"}\n");
        let e = stream(
            std::io::Cursor::new(text.as_bytes()),
            source("c.jsonl", text.len() as u64, true),
            LoadOptions::default(),
            &mut |_| {},
            &mut |_| {},
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("c.jsonl:1:11: title: expected a string, found integer `1` (no good record in the first 4 MiB"),
            "{e}"
        );
        // A short file of bad records is skipped record by record.
        let (_, papers, summary) = batches(b"{\"title\": 1}\n{\"title\": 2}\n", "c.jsonl");
        assert_eq!((papers.len(), summary.skipped), (0, 2));
    }

    #[test]
    fn empty_inputs() {
        let (seen, papers, summary) = batches(b"", "c.jsonl");
        assert_eq!(
            (seen, papers.len(), summary.format),
            (vec![(0, 0, 0)], 0, Format::ArxivJsonl)
        );
        let (_, papers, _) = batches(b"\n\n  \n", "c.jsonl");
        assert!(papers.is_empty());
        let e = stream(
            std::io::Cursor::new(&b"  "[..]),
            source("c.json", 2, true),
            LoadOptions::default(),
            &mut |_| {},
            &mut |_| {},
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.json:1:1: empty file, expected a JSON corpus"
        );
    }
}
