//! The array formats (native and Daily Papers) read element by element as
//! their text streams in: the papers are handed over a part at a time, so
//! that a large file is never in memory whole, nor all its papers at once
//! beside it. A text that does not split, or whose elements do not read,
//! is given whole to the format's parser, whose error names the place.

use std::io::Read;
use std::ops::ControlFlow;

use super::daily_papers;
use super::deliver::Deliver;
use super::element_parts::{self, Parsed, Part, Waited};
use super::error::{Fault, LoadError};
use super::fields::Checked;
use super::format::{Format, detect};
use super::native;
use super::paper::Paper;
use super::span::{self, RecordSpan};

/// What an array-format text held.
pub(crate) enum Delivered {
    /// Papers, every one handed over.
    Papers {
        /// The native corpus name, or empty.
        name: String,
        /// The format the first element showed.
        format: Format,
    },
    /// No paper array, and the text is JSON Lines after all: its first
    /// line is one object without `papers`, longer than the first look.
    Lines(Vec<u8>),
}

/// How reading the elements ended.
pub(crate) enum Outcome {
    /// As far as the text went.
    Read(Delivered),
    /// The text has a fault: [`whole_error`] on the text says which.
    Broken {
        /// The format to read the text as.
        format: Format,
        /// Bytes of text read when the fault showed: the parser finds it
        /// within them, unless it lies in what follows the paper array.
        read: u64,
    },
}

/// Reads the papers of an array-format text that starts with `head`
/// (without its byte order mark, `mark` bytes long) and goes on in
/// `reader` when `more`, handing them to `out`. `format` is what the head
/// showed; a bare array's first element decides it.
pub(crate) fn deliver<R: Read + Send>(
    head: Vec<u8>,
    more: bool,
    reader: R,
    mark: u64,
    format: Format,
    out: &mut Deliver<'_>,
) -> Result<Outcome, LoadError> {
    let bare = head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    let mut taker = Taker { out, failed: None };
    let daily = format == Format::DailyPapers;
    let (split, daily) =
        element_parts::split_and_parse(head, more, reader, (mark, daily, bare), &mut |part| {
            taker.take(part)
        })
        .map_err(|e| LoadError::io(taker.out.file, &e))?;
    if let Some(e) = taker.failed.take() {
        return Err(e);
    }
    let format = if daily {
        Format::DailyPapers
    } else {
        Format::Native
    };
    if split.stopped {
        return Ok(Outcome::Broken {
            format,
            read: split.read,
        });
    }
    let file = taker.out.file;
    if !split.found {
        // No paper array in sight (a `papers` key spelt with escapes, say):
        // the text outside it is the whole text.
        return whole(split.outside, mark, format, taker.out);
    }
    // The text around the array: its name, and whether it is a corpus of
    // this format and version at all.
    let name = match format {
        Format::DailyPapers => daily_papers::check(&split.outside, file).map(|()| String::new()),
        _ => native::parse(&split.outside, file).map(|corpus| corpus.name),
    };
    Ok(match name {
        Ok(name) => Outcome::Read(Delivered::Papers { name, format }),
        Err(_) => Outcome::Broken {
            format,
            read: split.read,
        },
    })
}

/// The papers of a whole text (without its byte order mark, `mark` bytes
/// long) in which no paper array was found, parsed at once; JSON Lines
/// after all when its first line is one object without `papers`.
fn whole(
    text: Vec<u8>,
    mark: u64,
    format: Format,
    out: &mut Deliver<'_>,
) -> Result<Outcome, LoadError> {
    if detect(&text, None) == Format::ArxivJsonl {
        return Ok(Outcome::Read(Delivered::Lines(text)));
    }
    let corpus = native::parse(&text, out.file)?;
    let spans = span::element_spans(&text);
    let spans = if spans.len() == corpus.papers.len() {
        spans
            .into_iter()
            .map(|s| RecordSpan {
                at: s.at + mark,
                ..s
            })
            .collect()
    } else {
        vec![RecordSpan::default(); corpus.papers.len()]
    };
    for (i, link) in &corpus.refused {
        out.refused_link(&format!("papers[{i}]"), link);
    }
    let read = text.len() as u64 + mark;
    out.part(corpus.papers.into_iter().zip(spans).collect(), read);
    Ok(Outcome::Read(Delivered::Papers {
        name: corpus.name,
        format,
    }))
}

/// The error of a whole text (without its byte order mark) that did not
/// read element by element.
pub(crate) fn whole_error(format: Format, text: &[u8], file: &str) -> LoadError {
    whole_fault(format, text, file).unwrap_or_else(|| unreadable(file))
}

/// The error of a file that did not read element by element; `reader`
/// gives its text (without the byte order mark) from the start, `read`:
/// the bytes of text read when the fault showed. The text up to there is
/// judged first: the parser meets the same first fault in it as in the
/// whole file, unless it runs out of text first.
pub(crate) fn file_error<R: Read>(
    format: Format,
    reader: &mut R,
    read: u64,
    file: &str,
) -> std::io::Result<LoadError> {
    let mut text = Vec::new();
    text.try_reserve_exact(
        usize::try_from(read)
            .unwrap_or(usize::MAX)
            .saturating_add(1),
    )
    .map_err(|_| std::io::Error::from(std::io::ErrorKind::OutOfMemory))?;
    reader.take(read).read_to_end(&mut text)?;
    let fault = match whole_fault(format, &text, file) {
        Some(fault) if !fault.is_end_of_text() => return Ok(fault),
        fault => fault,
    };
    // Cut short by the split, or the whole text? A byte tells, before the
    // buffer grows for nothing.
    let mut probe = [0u8; 1];
    if reader.read(&mut probe)? == 0 {
        return Ok(fault.unwrap_or_else(|| unreadable(file)));
    }
    text.push(probe[0]);
    reader.read_to_end(&mut text)?;
    Ok(whole_error(format, &text, file))
}

/// A text that the parser reads although the split did not: not expected
/// of any text, and said as a fault of the file rather than papers lost.
fn unreadable(file: &str) -> LoadError {
    LoadError::invalid(file, 1, 1, "", "the papers do not read one by one")
}

/// The fault the format's parser finds in a whole text (without its byte
/// order mark), if any.
pub(crate) fn whole_fault(format: Format, text: &[u8], file: &str) -> Option<LoadError> {
    let whole = match format {
        Format::DailyPapers => daily_papers::check(text, file),
        _ => return native::fault_in(text, file),
    };
    whole.err()
}

/// Takes the parsed elements in order: hands their papers over, tells
/// the bad ones and the links left out.
struct Taker<'o, 'a> {
    out: &'o mut Deliver<'a>,
    /// A bad entry that ends a strict load.
    failed: Option<LoadError>,
}

impl Taker<'_, '_> {
    /// Hands over the papers of a part; `Break` when an element does not
    /// read, or a bad entry ends a strict load (those before it are
    /// handed over).
    fn take(&mut self, part: Part) -> ControlFlow<()> {
        self.out.format = if part.daily {
            Format::DailyPapers
        } else {
            Format::Native
        };
        let mut papers = Vec::with_capacity(part.elements.len());
        let flow = match part.parsed {
            Parsed::Natives {
                papers: natives,
                refused,
                unreadable,
            } => {
                for (i, link) in &refused {
                    self.out.refused_link(&format!("papers[{i}]"), link);
                }
                papers.extend(
                    natives
                        .into_iter()
                        .zip(part.elements.iter().map(|w| w.span)),
                );
                if unreadable {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            }
            Parsed::Entries(entries) => entries
                .into_iter()
                .zip(&part.elements)
                .try_for_each(|(entry, w)| self.entry(entry, w, &mut papers)),
        };
        if !papers.is_empty() {
            self.out.part(papers, part.read);
        }
        flow
    }

    /// A Daily Papers entry: its paper, or a bad entry reported.
    fn entry(
        &mut self,
        entry: Option<Result<Checked, Fault>>,
        w: &Waited,
        papers: &mut Vec<(Paper, RecordSpan)>,
    ) -> ControlFlow<()> {
        let index = w.index;
        match entry {
            None => return ControlFlow::Break(()),
            Some(Ok(checked)) => {
                for link in &checked.refused {
                    self.out.refused_link(&format!("[{index}]"), link);
                }
                papers.push((checked.paper, w.span));
            }
            Some(Err(fault)) => {
                let (line, column) = fault.position_from(w.line, w.column);
                let path = match fault.path.as_str() {
                    "" => format!("[{index}]"),
                    inner => format!("[{index}].{inner}"),
                };
                let bad = LoadError::invalid(self.out.file, line, column, &path, &fault.message);
                if let Err(e) = self.out.bad_record(bad) {
                    self.failed = Some(e);
                    return ControlFlow::Break(());
                }
            }
        }
        ControlFlow::Continue(())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::corpus::LoadOptions;
    use crate::corpus::stream::{Source, stream};

    /// Titles of the papers, or the error, of `text` read as a file is
    /// (`sized`) or as a pipe is.
    fn read(text: &[u8], sized: bool) -> Result<Vec<String>, String> {
        let mut titles = Vec::new();
        let source = Source {
            file: "c.json",
            path: None,
            default_name: String::new(),
            total: text.len() as u64,
            sized,
        };
        stream(
            std::io::Cursor::new(text),
            source,
            LoadOptions::default(),
            &mut |b| titles.extend(b.papers.into_iter().map(|p| p.title)),
            &mut |_| {},
        )
        .map_err(|e| e.to_string())?;
        titles.sort();
        Ok(titles)
    }

    /// What the format's parser makes of the whole text at once.
    fn whole(text: &[u8]) -> Result<Vec<String>, String> {
        let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
        let mut titles = match detect(text, None) {
            Format::ArxivJsonl => return Err("lines".into()),
            Format::Native => native::parse(text, "c.json")
                .map_err(|e| e.to_string())?
                .papers
                .into_iter()
                .map(|p| p.title)
                .collect::<Vec<_>>(),
            Format::DailyPapers => {
                daily_papers::check(text, "c.json").map_err(|e| e.to_string())?;
                let Ok(entries) = serde_json::from_slice::<Vec<&serde_json::value::RawValue>>(text)
                else {
                    return Err("not UTF-8".into());
                };
                entries
                    .iter()
                    .filter_map(|e| daily_papers::read_entry(e.get().as_bytes()))
                    .filter_map(Result::ok)
                    .map(|c| c.paper.title)
                    .collect()
            }
        };
        titles.sort();
        Ok(titles)
    }

    fn fixtures() -> Vec<Vec<u8>> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut texts = Vec::new();
        for dir in ["formats", "hostile", "fuzz/load_corpus"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                texts.push(std::fs::read(entry.unwrap().path()).unwrap());
            }
        }
        texts.push(crate::corpus::BUNDLED_JSON.to_vec());
        texts
    }

    /// Read element by element, every text gives what the whole-text
    /// parser gives: the same papers, or the same error. So does every
    /// text cut short, or with a byte changed, on the way.
    #[test]
    fn element_by_element_is_the_whole_parse() {
        let mut checked = 0;
        for text in fixtures() {
            let step = (text.len() / 200).max(1);
            let mut variants = vec![text.clone()];
            // Small texts are changed all along; the bundled one is read as
            // it is.
            let small = if text.len() < 16 << 10 { text.len() } else { 0 };
            for at in (0..small).step_by(step) {
                variants.push(text[..at].to_vec());
                for byte in [b'"', b',', b']', b'}', b'\\', b'\n', 0xff] {
                    let mut changed = text.clone();
                    changed[at] = byte;
                    variants.push(changed);
                }
            }
            for variant in variants {
                let expected = match whole(&variant) {
                    Err(e) if e == "lines" || e == "not UTF-8" => continue,
                    other => other,
                };
                let text = String::from_utf8_lossy(&variant);
                assert_eq!(read(&variant, true), expected, "{text}");
                assert_eq!(read(&variant, false), expected, "{text}");
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    /// A text longer than a chunk with a fault early, in the middle, after
    /// the array or at its very end gives the parser's error for it.
    #[test]
    fn a_bad_entry_deep_in_a_long_daily_papers_array_is_skipped_or_ends_a_strict_load() {
        let entry = |i: usize| {
            format!(
                r#"{{"paper": {{"id": "2410.{i:05}", "title": "Paper {i}", "summary": "{}"}}}}"#,
                "w ".repeat(400)
            )
        };
        let mut entries: Vec<String> = (0..12_000).map(entry).collect();
        entries[9_000] = r#"{"paper": {"id": "2410.09000", "title": 7}}"#.into();
        let text = format!("[\n{}\n]", entries.join(",\n"));
        assert!(text.len() > 2 * crate::corpus::jsonl::CHUNK);
        let load = |strict: bool| {
            let (mut ids, mut skipped, mut bad) = (Vec::new(), 0, Vec::new());
            let source = Source {
                file: "d.json",
                path: None,
                default_name: String::new(),
                total: text.len() as u64,
                sized: true,
            };
            let options = LoadOptions {
                strict,
                ..LoadOptions::default()
            };
            let summary = stream(
                std::io::Cursor::new(text.as_bytes()),
                source,
                options,
                &mut |b| {
                    skipped = b.skipped;
                    ids.extend(b.papers.into_iter().map(|p| p.id));
                },
                &mut |e| bad.push(e.to_string()),
            );
            (
                summary.map(|s| s.format).map_err(|e| e.to_string()),
                ids,
                skipped,
                bad,
            )
        };
        let (format, ids, skipped, bad) = load(false);
        assert_eq!(format, Ok(Format::DailyPapers));
        assert_eq!((ids.len(), skipped), (11_999, 1));
        assert_eq!(ids[8_999], "arXiv:2410.08999");
        assert_eq!(
            ids[9_000], "arXiv:2410.09001",
            "in order around the bad entry"
        );
        assert!(bad[0].contains("[9000].paper.title"), "{bad:?}");
        let (format, ids, _, _) = load(true);
        let error = format.unwrap_err();
        assert!(error.contains("[9000].paper.title"), "{error}");
        assert!(
            ids.len() <= 9_000,
            "nothing after the bad entry is handed over"
        );
    }

    #[test]
    fn faults_in_a_long_text_read_as_the_parser_reads_them() {
        let paper = |i: usize| {
            format!(
                "{{\"title\": \"Paper {i}\", \"abstract\": \"{}\"}}",
                "w ".repeat(150)
            )
        };
        let papers: Vec<String> = (0..30_000).map(paper).collect();
        let good = format!(
            "{{\"papers\": [\n{}\n], \"name\": \"n\"}}",
            papers.join(",\n")
        );
        assert!(good.len() > 2 * crate::corpus::jsonl::CHUNK);
        let mut early = papers.clone();
        early[10] = "{\"title\": 5}".into();
        let mut late = papers.clone();
        late[28_000] = "{\"title\": \"x\", \"upvotes\": -1}".into();
        let texts = [
            good.clone(),
            format!("{{\"papers\": [\n{}\n]}}", early.join(",\n")),
            format!("{{\"papers\": [\n{}\n]}}", late.join(",\n")),
            good.replace("\"name\": \"n\"", "\"format\": \"other\""),
            good[..good.len() - 3].to_string(),
            format!("{good} tail"),
        ];
        for text in texts {
            let expected = whole(text.as_bytes());
            assert_eq!(
                read(text.as_bytes(), true),
                expected,
                "{:?}",
                expected.as_ref().err()
            );
        }
    }
}
