//! The elements of an array-format text parsed on every core. The split
//! must follow every string and bracket in order, so it runs on a thread
//! of its own and hands the elements it finds over a part at a time;
//! worker threads parse the parts, most of the work; the calling thread
//! gets them back in order.

use std::io::{self, Read};
use std::ops::{ControlFlow, Range};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use super::daily_papers;
use super::elements::{self, Element, Elements, Split};
use super::error::Fault;
use super::fields::{Checked, RefusedLink};
use super::native::{self, PaperObject};
use super::ordered;
use super::paper::Paper;
use super::span::RecordSpan;
use crate::parallel;

/// Elements handed to a worker at once, at most: a few milliseconds of
/// parsing.
const PART: usize = 4096;

/// One element: where its text is in its part, and where it came from.
pub(super) struct Waited {
    range: Range<usize>,
    /// Its position in the array.
    pub index: usize,
    /// Where it lies in the input.
    pub span: RecordSpan,
    /// The line and column of its first byte, for its faults.
    pub line: usize,
    pub column: usize,
}

/// What a part's elements parsed to.
pub(super) enum Parsed {
    /// Native papers, from the part's first element on, the links refused
    /// by element index, and whether the element after the papers did not
    /// read (what follows it is not parsed).
    Natives {
        papers: Vec<Paper>,
        refused: Vec<(usize, RefusedLink)>,
        unreadable: bool,
    },
    /// Daily Papers entries, each as [`daily_papers::read_entry`] reads it.
    Entries(Vec<Option<Result<Checked, Fault>>>),
}

/// A part of the elements, parsed, as the calling thread gets it.
pub(super) struct Part {
    pub elements: Vec<Waited>,
    pub parsed: Parsed,
    /// Whether the elements are Daily Papers entries.
    pub daily: bool,
    /// Bytes of the input read up to the end of the part's last element
    /// (or further, when the part ends a chunk).
    pub read: u64,
}

/// Elements gathered, not yet handed over: their texts one after another.
struct Gathered {
    text: Vec<u8>,
    elements: Vec<Waited>,
    daily: bool,
    read: u64,
}

/// Splits the text that starts with `head` and goes on in `reader` (see
/// [`elements::split`]), the elements of its paper array parsed on every
/// core and given to `take` in order until it breaks; `mark`: where the
/// text starts in the input; `daily`: whether they are Daily Papers
/// entries, unless `bare` (a bare array), when the first one decides.
/// Returns what the split found, and whether they were Daily Papers.
pub(super) fn split_and_parse<R: Read + Send>(
    head: Vec<u8>,
    more: bool,
    reader: R,
    at: (u64, bool, bool),
    take: &mut dyn FnMut(Part) -> ControlFlow<()>,
) -> io::Result<(Split, bool)> {
    let (mark, daily, bare) = at;
    let workers = parallel::threads();
    let stop = AtomicBool::new(false);
    let (parts_tx, parts_rx) = mpsc::sync_channel::<(usize, Gathered)>(workers);
    // Dropped with the last worker, which unblocks a split waiting to send.
    let parts_rx = Arc::new(Mutex::new(parts_rx));
    let (done_tx, done_rx) = mpsc::sync_channel::<(usize, Part)>(workers * 2);
    std::thread::scope(|s| {
        let stop = &stop;
        let splitter = s.spawn(move || {
            let mut gather = Gather {
                daily,
                bare,
                mark,
                index: 0,
                read: 0,
                text: Vec::new(),
                elements: Vec::new(),
                sent: 0,
                send: parts_tx,
                stop,
            };
            let split = elements::split(head, more, reader, &mut gather);
            let ended = gather.send();
            split.map(|mut split| {
                split.stopped |= ended.is_break();
                (split, gather.daily)
            })
        });
        for _ in 0..workers {
            let parts_rx = Arc::clone(&parts_rx);
            let done = done_tx.clone();
            s.spawn(move || parse_parts(&parts_rx, &done, stop));
        }
        drop(parts_rx);
        drop(done_tx);
        // Owned here, so that stopping early drops it below and unblocks
        // any worker waiting to hand over a part.
        let done_rx = done_rx;
        let taken = ordered::in_order(done_rx.iter(), take);
        stop.store(true, Ordering::Relaxed);
        drop(done_rx);
        let (mut split, daily) = splitter
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        split.stopped |= taken.is_break();
        Ok((split, daily))
    })
}

/// The split's side: gathers elements into parts and sends them.
struct Gather<'s> {
    daily: bool,
    bare: bool,
    mark: u64,
    index: usize,
    read: u64,
    text: Vec<u8>,
    elements: Vec<Waited>,
    sent: usize,
    send: SyncSender<(usize, Gathered)>,
    stop: &'s AtomicBool,
}

impl Gather<'_> {
    /// Sends the elements gathered, if any; `Break` when no one takes them
    /// any more.
    fn send(&mut self) -> ControlFlow<()> {
        if self.stop.load(Ordering::Relaxed) {
            return ControlFlow::Break(());
        }
        if self.elements.is_empty() {
            return ControlFlow::Continue(());
        }
        let part = Gathered {
            text: std::mem::take(&mut self.text),
            elements: std::mem::take(&mut self.elements),
            daily: self.daily,
            read: self.read,
        };
        self.sent += 1;
        match self.send.send((self.sent - 1, part)) {
            Ok(()) => ControlFlow::Continue(()),
            Err(_) => ControlFlow::Break(()),
        }
    }
}

impl Elements for Gather<'_> {
    fn element(&mut self, e: Element<'_>) -> ControlFlow<()> {
        if self.index == 0 && self.bare {
            self.daily = daily_papers_entry(e.text);
        }
        let span = RecordSpan {
            at: e.at + self.mark,
            len: e.text.len() as u64,
        };
        self.read = self.read.max(span.at + span.len);
        let start = self.text.len();
        self.text.extend_from_slice(e.text);
        self.elements.push(Waited {
            range: start..self.text.len(),
            index: self.index,
            span,
            line: e.line,
            column: e.column,
        });
        self.index += 1;
        if self.elements.len() >= PART {
            return self.send();
        }
        if self.stop.load(Ordering::Relaxed) {
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    }

    fn read(&mut self, read: u64) {
        self.read = self.read.max(read + self.mark);
        // A stop is seen at the next element.
        let _ = self.send();
    }
}

fn daily_papers_entry(text: &[u8]) -> bool {
    super::format::is_daily_papers_entry(text)
}

/// A worker: parses parts until there are none or `stop` is set.
fn parse_parts(
    parts: &Mutex<Receiver<(usize, Gathered)>>,
    done: &SyncSender<(usize, Part)>,
    stop: &AtomicBool,
) {
    while let Some((index, gathered)) = ordered::next_piece(parts, stop) {
        let parsed = parse(&gathered);
        let part = Part {
            elements: gathered.elements,
            parsed,
            daily: gathered.daily,
            read: gathered.read,
        };
        if done.send((index, part)).is_err() {
            break;
        }
    }
}

/// A part's elements parsed, as native papers or Daily Papers entries.
fn parse(part: &Gathered) -> Parsed {
    let text = |w: &Waited| &part.text[w.range.clone()];
    if part.daily {
        return Parsed::Entries(
            part.elements
                .iter()
                .map(|w| daily_papers::read_entry(text(w)))
                .collect(),
        );
    }
    let mut objects = Vec::with_capacity(part.elements.len());
    let mut unreadable = false;
    for w in &part.elements {
        match serde_json::from_slice::<PaperObject>(text(w)) {
            Ok(object) => objects.push(object),
            Err(_) => {
                unreadable = true;
                break;
            }
        }
    }
    let base = part.elements.first().map_or(0, |w| w.index);
    let (papers, refused) = native::finish(objects, base);
    Parsed::Natives {
        papers,
        refused,
        unreadable,
    }
}
