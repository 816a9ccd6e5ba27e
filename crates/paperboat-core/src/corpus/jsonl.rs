//! JSON Lines on every core: a reader thread cuts the input into chunks at
//! line ends, worker threads parse whole chunks, and the calling thread gets
//! the parsed chunks back in file order.

use std::io::{self, Read};
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::{Arc, Mutex, mpsc};

use super::error::Fault;
use super::fields::{Checked, RefusedLink};
use super::ordered;
use super::paper::Paper;
use super::span::RecordSpan;

/// Bytes read and parsed as one piece: a few thousand arXiv records, some
/// milliseconds of work for one core.
pub(crate) const CHUNK: usize = 4 << 20;

/// The longest line read as a record: arXiv records are a few KiB, and an
/// endless line (a device, a broken file) must not grow without bound.
#[cfg(not(test))]
pub(crate) const LINE_CAP: usize = 64 << 20;
/// Small enough in tests to go past it.
#[cfg(test)]
pub(crate) const LINE_CAP: usize = 3 * CHUNK;

/// Turns one line (without its line break) into a paper, or a fault.
pub(crate) type ParseLine = fn(&[u8]) -> Result<Checked, Fault>;

/// One chunk of lines, parsed.
pub(crate) struct Parsed {
    /// The good records, in order.
    pub papers: Vec<Paper>,
    /// Where each good record lies in the input.
    pub spans: Vec<RecordSpan>,
    /// The bad ones: the 0-based index of the line within the chunk, and why.
    pub faults: Vec<(usize, Fault)>,
    /// Links left out, with the index of their line within the chunk.
    pub refused: Vec<(usize, RefusedLink)>,
    /// Line breaks in the chunk.
    pub lines: usize,
    /// Bytes of the input read up to the end of this chunk.
    pub end: u64,
    /// Whether input follows this chunk.
    pub more: bool,
}

/// A piece of input with the bytes read up to its end and whether input
/// follows it.
type Chunk = (Piece, u64, bool);

/// What the reader thread hands the parsers.
enum Piece {
    /// Whole lines.
    Lines(Vec<u8>),
    /// One line longer than [`LINE_CAP`], skipped; true when its line
    /// break was found.
    TooLong(bool),
}

enum Message {
    Parsed(usize, Parsed),
    Failed(io::Error),
}

/// Parses `head` and then the rest of `reader` (`offset`: the input's
/// bytes up to the end of `head`) line by line, calling `deliver` with
/// each chunk in input order on this thread until it breaks.
pub(crate) fn run<R: Read + Send>(
    head: Vec<u8>,
    offset: u64,
    reader: R,
    parse: ParseLine,
    deliver: &mut dyn FnMut(Parsed) -> ControlFlow<()>,
) -> io::Result<()> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let stop = AtomicBool::new(false);
    // Used chunk buffers go back to the reader: no fresh pages per chunk.
    let spare: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
    let (chunk_tx, chunk_rx) = mpsc::sync_channel::<(usize, Chunk)>(workers);
    // Dropped with the last worker, which unblocks a reader waiting to send.
    let chunk_rx = Arc::new(Mutex::new(chunk_rx));
    // Bounded too: when the consumer is slower than the parsers, parsed
    // chunks wait in the workers instead of piling up in memory.
    let (done_tx, done_rx) = mpsc::sync_channel::<Message>(workers * 2);
    std::thread::scope(|s| {
        let done = done_tx.clone();
        let (stop, spare) = (&stop, &spare);
        s.spawn(move || {
            let mut send =
                |index, piece, end, more| chunk_tx.send((index, (piece, end, more))).is_ok();
            if let Err(e) = read_chunks(head, offset, reader, stop, spare, &mut send) {
                let _ = done.send(Message::Failed(e));
            }
        });
        for _ in 0..workers {
            let chunk_rx = Arc::clone(&chunk_rx);
            let done = done_tx.clone();
            s.spawn(move || parse_chunks(&chunk_rx, &done, stop, spare, parse));
        }
        drop(chunk_rx);
        drop(done_tx);
        // Owned here, so that stopping early drops it below and unblocks any
        // worker waiting to hand over a chunk.
        let done_rx = done_rx;
        let result = deliver_in_order(&done_rx, deliver);
        stop.store(true, Ordering::Relaxed);
        drop(done_rx);
        result
    })
}

/// A worker: parses chunks until there are none or `stop` is set.
fn parse_chunks(
    chunks: &Mutex<Receiver<(usize, Chunk)>>,
    done: &SyncSender<Message>,
    stop: &AtomicBool,
    spare: &Mutex<Vec<Vec<u8>>>,
    parse: ParseLine,
) {
    while let Some((index, (piece, end, more))) = ordered::next_piece(chunks, stop) {
        let parsed = match piece {
            Piece::Lines(mut bytes) => {
                let parsed = parse_chunk(&bytes, end, more, parse);
                bytes.clear();
                if let Ok(mut spare) = spare.lock() {
                    spare.push(bytes);
                }
                parsed
            }
            Piece::TooLong(ended) => too_long(end, more, ended),
        };
        if done.send(Message::Parsed(index, parsed)).is_err() {
            break;
        }
    }
}

/// Hands parsed chunks to `deliver` in file order, until it breaks, a read
/// fails or every chunk is delivered.
fn deliver_in_order(
    done: &Receiver<Message>,
    deliver: &mut dyn FnMut(Parsed) -> ControlFlow<()>,
) -> io::Result<()> {
    let mut failed = None;
    let parsed = done.iter().map_while(|message| match message {
        Message::Parsed(index, parsed) => Some((index, parsed)),
        Message::Failed(e) => {
            failed = Some(e);
            None
        }
    });
    let _ = ordered::in_order(parsed, deliver);
    failed.map_or(Ok(()), Err)
}

/// Sends chunks that end at a line end (the last one at the end of the
/// input) until the input ends, `send` fails or `stop` is set. A line
/// longer than [`LINE_CAP`] is read past and sent as [`Piece::TooLong`].
fn read_chunks<R: Read>(
    mut buf: Vec<u8>,
    mut offset: u64,
    mut reader: R,
    stop: &AtomicBool,
    spare: &Mutex<Vec<Vec<u8>>>,
    send: &mut dyn FnMut(usize, Piece, u64, bool) -> bool,
) -> io::Result<()> {
    let mut index = 0;
    let mut eof = false;
    let mut limit = CHUNK;
    while !stop.load(Ordering::Relaxed) {
        if !eof && buf.len() < limit {
            let want = limit - buf.len();
            buf.try_reserve(want).map_err(|_| out_of_memory())?;
            let n = (&mut reader).take(want as u64).read_to_end(&mut buf)?;
            offset += n as u64;
            eof = n < want;
        }
        let cut = if eof {
            buf.len()
        } else {
            match memchr::memrchr(b'\n', &buf) {
                Some(i) => i + 1,
                None if buf.len() >= LINE_CAP => {
                    // `buf` starts a line: all of it is that one line.
                    buf.clear();
                    let ended = skip_line(&mut reader, &mut buf, &mut offset, stop)?;
                    eof = !ended;
                    let more = !(eof && buf.is_empty());
                    if !send(
                        index,
                        Piece::TooLong(ended),
                        offset - buf.len() as u64,
                        more,
                    ) {
                        break;
                    }
                    index += 1;
                    limit = CHUNK;
                    if !more {
                        break;
                    }
                    continue;
                }
                None => {
                    // One line longer than a chunk: read on until it ends.
                    limit = buf.len() + CHUNK;
                    continue;
                }
            }
        };
        limit = CHUNK;
        let mut rest = spare
            .lock()
            .ok()
            .and_then(|mut s| s.pop())
            .unwrap_or_else(|| Vec::with_capacity(CHUNK));
        rest.extend_from_slice(&buf[cut..]);
        buf.truncate(cut);
        let end = offset - rest.len() as u64;
        let more = !(eof && rest.is_empty());
        if !buf.is_empty() {
            if !send(index, Piece::Lines(buf), end, more) {
                break;
            }
            index += 1;
        }
        buf = rest;
        if eof && buf.is_empty() {
            break;
        }
    }
    Ok(())
}

/// Reads past the rest of a line, leaving in `buf` what follows its line
/// break; false when the input ended first.
fn skip_line<R: Read>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    offset: &mut u64,
    stop: &AtomicBool,
) -> io::Result<bool> {
    while !stop.load(Ordering::Relaxed) {
        buf.clear();
        let n = reader.take(CHUNK as u64).read_to_end(buf)?;
        *offset += n as u64;
        if let Some(i) = memchr::memchr(b'\n', buf) {
            buf.drain(..=i);
            return Ok(true);
        }
        if n < CHUNK {
            buf.clear();
            return Ok(false);
        }
    }
    Ok(false)
}

fn out_of_memory() -> io::Error {
    io::Error::new(io::ErrorKind::OutOfMemory, "out of memory")
}

/// The outcome of a line too long to be a record.
fn too_long(end: u64, more: bool, ended: bool) -> Parsed {
    let fault = Fault {
        line: 1,
        column: 1,
        path: String::new(),
        message: format!("a line longer than {} MiB, skipped", LINE_CAP >> 20),
    };
    Parsed {
        papers: Vec::new(),
        spans: Vec::new(),
        faults: vec![(0, fault)],
        refused: Vec::new(),
        lines: usize::from(ended),
        end,
        more,
    }
}

/// Parses every non-blank line of a chunk.
fn parse_chunk(bytes: &[u8], end: u64, more: bool, parse: ParseLine) -> Parsed {
    let mut papers = Vec::new();
    let mut spans = Vec::new();
    // The chunk ends at input offset `end`.
    let chunk_at = end - bytes.len() as u64;
    let mut faults = Vec::new();
    let mut refused = Vec::new();
    let mut lines = 0;
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for (index, stop) in ends.enumerate() {
        let line = &bytes[start..stop];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if !line.iter().all(u8::is_ascii_whitespace) {
            match parse(line) {
                Ok(checked) => {
                    refused.extend(checked.refused.into_iter().map(|r| (index, r)));
                    papers.push(checked.paper);
                    spans.push(RecordSpan {
                        at: chunk_at + start as u64,
                        len: line.len() as u64,
                    });
                }
                Err(fault) => faults.push((index, fault)),
            }
        }
        start = stop + 1;
        lines = index;
    }
    Parsed {
        papers,
        spans,
        faults,
        refused,
        lines,
        end,
        more,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(line: &[u8]) -> Result<Checked, Fault> {
        match std::str::from_utf8(line) {
            Ok(text) if !text.starts_with('!') => Ok(Checked {
                paper: Paper::titled(text),
                refused: Vec::new(),
            }),
            _ => Err(Fault {
                line: 1,
                column: 1,
                path: String::new(),
                message: "bad".into(),
            }),
        }
    }

    /// Everything `run` delivers, for input `text` whose first `split`
    /// bytes are the head.
    fn collect(text: &[u8], split: usize) -> (Vec<String>, Vec<(usize, usize)>, Vec<u64>) {
        let (mut titles, mut faults, mut ends) = (Vec::new(), Vec::new(), Vec::new());
        let mut line = 1;
        run(
            text[..split].to_vec(),
            split as u64,
            &text[split..],
            titled,
            &mut |parsed| {
                titles.extend(parsed.papers.into_iter().map(|p| p.title));
                faults.extend(
                    parsed
                        .faults
                        .iter()
                        .map(|(i, _)| (line + i, parsed.end as usize)),
                );
                ends.push(parsed.end);
                line += parsed.lines;
                ControlFlow::Continue(())
            },
        )
        .unwrap();
        (titles, faults, ends)
    }

    #[test]
    fn lines_come_back_in_order_with_their_numbers() {
        let mut text = Vec::new();
        let mut expected = Vec::new();
        for i in 0..900_000 {
            if i % 300_000 == 7 {
                text.extend_from_slice(b"!bad\n\n  \r\n");
            } else {
                text.extend_from_slice(format!("title {i}\r\n").as_bytes());
                expected.push(format!("title {i}"));
            }
        }
        text.extend_from_slice(b"last without a line break");
        expected.push("last without a line break".into());
        for split in [0, 5, 1000] {
            let (titles, faults, ends) = collect(&text, split);
            assert_eq!(titles, expected);
            let lines: Vec<usize> = faults.iter().map(|f| f.0).collect();
            assert_eq!(lines, [8, 300_010, 600_012]);
            assert!(ends.len() > 1, "{ends:?}");
            assert!(ends.windows(2).all(|w| w[0] < w[1]));
            assert_eq!(ends.last(), Some(&(text.len() as u64)));
        }
    }

    #[test]
    fn a_line_longer_than_a_chunk_is_read_whole() {
        let long = "x".repeat(CHUNK * 2 + 10);
        let text = format!("a\n{long}\nb");
        let (titles, _, _) = collect(text.as_bytes(), 0);
        assert_eq!(titles, ["a", long.as_str(), "b"]);
        assert_eq!(collect(b"", 0).0.len(), 0);
        assert_eq!(collect(b"\n\n", 0).0.len(), 0);
    }

    #[test]
    fn a_line_longer_than_the_cap_is_a_bad_record_and_reading_goes_on() {
        let long = "x".repeat(LINE_CAP + CHUNK + 5);
        for split in [0, 3] {
            let text = format!("a\n{long}\nb\n");
            let (titles, faults, _) = collect(text.as_bytes(), split);
            assert_eq!(titles, ["a", "b"]);
            assert_eq!(faults, [(2, text.len() - 2)]);
            // An endless line at the end of the input.
            let text = format!("a\n{long}");
            let (titles, faults, ends) = collect(text.as_bytes(), split);
            assert_eq!(titles, ["a"]);
            assert_eq!(faults, [(2, text.len())]);
            assert_eq!(ends.last(), Some(&(text.len() as u64)));
        }
    }

    #[test]
    fn breaking_stops_the_reader_and_the_workers() {
        let text = "line\n".repeat(CHUNK);
        let mut calls = 0;
        run(Vec::new(), 0, text.as_bytes(), titled, &mut |_| {
            calls += 1;
            ControlFlow::Break(())
        })
        .unwrap();
        assert_eq!(calls, 1);
    }

    #[test]
    fn read_errors_end_the_run() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk on fire"))
            }
        }
        let e = run(b"a\n".to_vec(), 2, Failing, titled, &mut |_| {
            ControlFlow::Continue(())
        });
        assert_eq!(e.unwrap_err().to_string(), "disk on fire");
    }
}
