//! Loading a corpus file of any format as a stream of batches, so that a
//! reader can show papers while a big file is still being read.

use std::io::Read;
use std::ops::ControlFlow;
use std::path::Path;

use super::deliver::{Batch, Deliver};
use super::error::LoadError;
use super::format::{Format, detect};
use super::jsonl::{self, CHUNK};
use super::native_parts::{self, Parts};
use super::span::{self, RecordSpan};
use super::{arxiv, daily_papers, native, whole};

/// How much is read before the first judgement of the input.
const PEEK: usize = 64 << 10;

/// Options for loading.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// A bad record fails the load instead of being skipped and counted.
    pub strict: bool,
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
    // The name is shown (header, `check`): a file name is text from
    // anywhere too.
    let stem = path.file_stem().map(|n| n.to_string_lossy().into_owned());
    let source = Source {
        file: &file,
        path: Some(path),
        default_name: super::sanitize::clean_line(&stem.unwrap_or_else(|| file.clone())),
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
pub(crate) fn stream<R: Read + Send>(
    mut reader: R,
    source: Source<'_>,
    options: LoadOptions,
    sink: &mut dyn FnMut(Batch),
    bad: &mut dyn FnMut(&LoadError),
) -> Result<LoadSummary, LoadError> {
    let file = source.file;
    let io = |e: std::io::Error| LoadError::io(file, &e);
    let Head {
        mut text,
        mut read,
        more,
        mut format,
    } = read_head(&mut reader, &source)?;
    let streamed = format == Format::ArxivJsonl;
    let mut out = Deliver::new(file, options.strict, source.total, streamed, sink, bad);
    let mut name = String::new();
    let mut broken = None;
    if !streamed {
        // The array formats are parsed whole; the gauge moves while reading.
        let size = source.sized.then_some(source.total);
        let reading = whole::read_rest(
            &mut reader,
            &mut text,
            &mut read,
            more,
            size,
            file,
            &mut |read| out.progress(read),
        )?;
        if let whole::Reading::Broken(e) = reading {
            broken = Some(e);
        }
        format = detect(&text, source.path);
        // Parsed whole: the papers arrive once everything has been read.
        out.read = read;
    }
    match format {
        Format::ArxivJsonl => {
            let mut failed = None;
            jsonl::run(
                text,
                read,
                reader,
                arxiv::parse_record,
                &mut |chunk| match out.chunk(chunk) {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(e) => {
                        failed = Some(e);
                        ControlFlow::Break(())
                    }
                },
            )
            .map_err(io)?;
            if let Some(e) = failed {
                return Err(e);
            }
        }
        Format::Native | Format::DailyPapers => {
            name = deliver_whole(format, text, read, broken, &mut out)?;
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
    })
}

/// The papers of an array format parsed whole (`text`, `read` bytes of
/// input), handed to `out`; the native corpus's name. Text cut off at a
/// syntax error (`broken`) parses only if the error lay beyond what was
/// kept: the error is the answer then.
fn deliver_whole(
    format: Format,
    text: Vec<u8>,
    read: u64,
    broken: Option<LoadError>,
    out: &mut Deliver<'_>,
) -> Result<String, LoadError> {
    let file = out.file;
    if format == Format::Native {
        let parts = native_parts::parts(&text, file)?;
        if let Some(e) = broken {
            return Err(e);
        }
        let corpus = match parts {
            Parts::Whole(corpus) => corpus,
            Parts::Elements { .. } => return deliver_parts(&parts, &text, read, out),
        };
        let spans = located(span::element_spans(&text), &text, read, corpus.papers.len());
        drop(text);
        for (i, link) in &corpus.refused {
            out.refused_link(&format!("papers[{i}]"), link);
        }
        out.whole(corpus.papers.into_iter().zip(spans).collect(), read);
        return Ok(corpus.name);
    }
    let (papers, spans, refused) = daily_papers::parse(&text, file, &mut |e| out.bad_record(e))?;
    if let Some(e) = broken {
        return Err(e);
    }
    let spans = located(spans, &text, read, papers.len());
    drop(text);
    for (i, link) in &refused {
        out.refused_link(&format!("[{i}]"), link);
    }
    out.whole(papers.into_iter().zip(spans).collect(), read);
    Ok(String::new())
}

/// The papers of native corpus text a part at a time, so that they are
/// never all in memory at once; the corpus name.
fn deliver_parts(
    parts: &Parts<'_>,
    text: &[u8],
    read: u64,
    out: &mut Deliver<'_>,
) -> Result<String, LoadError> {
    let Parts::Elements { name, wanted, .. } = parts else {
        return Ok(String::new());
    };
    out.reserve(wanted);
    let mark = read.saturating_sub(text.len() as u64);
    let total = parts.len();
    let mut from = 0;
    while from < total {
        let Some((mut papers, refused)) = parts.part(from) else {
            // A paper with a fault: the whole-file parser says which.
            return Err(native::parse(text, out.file).err().unwrap_or_else(|| {
                LoadError::invalid(out.file, 1, 1, "papers", "a paper does not read")
            }));
        };
        from += papers.len();
        for (i, link) in &refused {
            out.refused_link(&format!("papers[{i}]"), link);
        }
        for (_, span) in &mut papers {
            span.at += mark;
        }
        // The text is all read: the gauge stays full while it is parsed.
        out.part(papers, read);
    }
    Ok(name.clone())
}

/// Spans within `text` (an input of `read` bytes without its byte order
/// mark) as offsets in the input, one per paper; unknown (empty) when
/// they do not pair up with the papers.
fn located(mut spans: Vec<RecordSpan>, text: &[u8], read: u64, papers: usize) -> Vec<RecordSpan> {
    if spans.len() != papers {
        return vec![RecordSpan::default(); papers];
    }
    let mark = read.saturating_sub(text.len() as u64);
    for span in &mut spans {
        span.at += mark;
    }
    spans
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
            text,
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
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
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
                &text[..],
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
    fn arrays_arrive_in_batches_after_reading() {
        let mut text = String::from("[");
        for i in 0..10_000 {
            text.push_str(&format!(
                "{}{{\"title\":\"Same\",\"upvotes\":{i}}}",
                if i > 0 { "," } else { "" }
            ));
        }
        text.push(']');
        let (seen, papers, summary) = batches(text.as_bytes(), "c.json");
        let total = text.len() as u64;
        assert_eq!(
            seen,
            [
                (4096, total, total),
                (4096, total, total),
                (1808, total, total)
            ]
        );
        assert_eq!(papers[9_999].upvotes, Some(9_999));
        assert_eq!(papers[2].id, "same-3");
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
            text.as_bytes(),
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
            &b"  "[..],
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
