//! The elements of a corpus's paper array found as its text streams past,
//! so that a large native or Daily Papers file is never in memory whole:
//! only the chunk being read and the element it cuts through are kept.
//!
//! Where an element ends needs only strings, escapes and brackets, found
//! here with `memchr`; serde_json parses every element, and the text
//! outside the array (a native corpus's `format`, `version` and `name`)
//! is kept and parsed at the end. Anything the split cannot vouch for
//! (a missing element between commas, a stray bracket, text cut off) stops
//! it: the caller then gives the text to the whole-text parser, whose
//! error says exactly what is wrong, as it always has.

use std::io::{self, Read};
use std::ops::ControlFlow;

use super::jsonl::CHUNK;

/// One element of the paper array.
pub(crate) struct Element<'a> {
    /// Its text, from its first byte to its last that is not white space.
    pub text: &'a [u8],
    /// The offset of its first byte in the text.
    pub at: u64,
    /// The line of its first byte.
    pub line: usize,
    /// The column (in bytes) of its first byte.
    pub column: usize,
}

/// What takes the elements.
pub(crate) trait Elements {
    /// The next element; `Break` stops the split.
    fn element(&mut self, element: Element<'_>) -> ControlFlow<()>;
    /// Every element of the first `read` bytes of text has been handed over.
    fn read(&mut self, read: u64);
}

/// What the split found besides the elements.
pub(crate) struct Split {
    /// The text outside the paper array, which shows in it as `[]`; the
    /// whole text when no paper array was found.
    pub outside: Vec<u8>,
    /// Whether a paper array was found: the text is an array, or an object
    /// with a `papers` member whose value is one.
    pub found: bool,
    /// Whether the split stopped before the end: a fault in the text, or
    /// the taker said so.
    pub stopped: bool,
    /// Bytes of text read.
    pub read: u64,
}

/// Splits the text that starts with `head` (without its byte order mark)
/// and goes on in `reader` when `more`, handing each paper to `taker`.
pub(crate) fn split<R: Read>(
    mut text: Vec<u8>,
    mut more: bool,
    mut reader: R,
    taker: &mut dyn Elements,
) -> io::Result<Split> {
    let mut scan = Scan::default();
    let mut pos = 0;
    let mut read = text.len() as u64;
    loop {
        if scan.scan(&text, &mut pos, taker).is_break() {
            scan.stopped = true;
            break;
        }
        if let Some(from) = scan.outside_from {
            scan.outside.extend_from_slice(&text[from..]);
            scan.outside_from = Some(text.len());
        }
        taker.read(read);
        if !more {
            break;
        }
        if !scan.element_may_go_on(&text) {
            scan.stopped = true;
            break;
        }
        // Only the element (or key) that the chunk cuts through is kept.
        let keep = [scan.element.as_ref().map(|e| e.index), scan.key_start]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(pos);
        text.drain(..keep);
        scan.shift(keep);
        pos -= keep;
        let n = reader.by_ref().take(CHUNK as u64).read_to_end(&mut text)?;
        more = n > 0;
        read += n as u64;
    }
    // Text that ends inside a string, an element or the array is cut off.
    let unfinished = scan.in_string || scan.in_array || scan.depth > 0;
    Ok(Split {
        outside: scan.outside,
        found: scan.found,
        stopped: scan.stopped || unfinished,
        read,
    })
}

/// Where an element starts.
struct Start {
    index: usize,
    line: usize,
    column: usize,
}

/// What the text has been so far.
#[derive(PartialEq, Eq, Default, Clone, Copy)]
enum Top {
    #[default]
    Unknown,
    Array,
    Object,
}

/// The state of the split between bytes.
struct Scan {
    /// Brackets open.
    depth: usize,
    in_string: bool,
    /// A backslash ended the last chunk: the byte after it is escaped.
    escaped: bool,
    top: Top,
    /// The next string at the top of an object is a key.
    expect_key: bool,
    /// Where the text of the key being read starts.
    key_start: Option<usize>,
    /// The last key at the top of an object was `papers`.
    papers_key: bool,
    in_array: bool,
    /// The depth inside the paper array.
    array_depth: usize,
    found: bool,
    element: Option<Start>,
    /// Just past the open element's last byte that is not white space.
    element_end: usize,
    after_comma: bool,
    line: usize,
    /// The text offset of the current line's first byte.
    line_start: u64,
    /// The text offset of the chunk's first byte.
    base: u64,
    /// From where in the chunk its bytes belong outside the array.
    outside_from: Option<usize>,
    outside: Vec<u8>,
    stopped: bool,
    /// The open element's length at which it is next judged.
    judge_at: usize,
}

impl Default for Scan {
    fn default() -> Self {
        Scan {
            depth: 0,
            in_string: false,
            escaped: false,
            top: Top::Unknown,
            expect_key: false,
            key_start: None,
            papers_key: false,
            in_array: false,
            array_depth: 0,
            found: false,
            element: None,
            element_end: 0,
            after_comma: false,
            line: 1,
            line_start: 0,
            base: 0,
            outside_from: Some(0),
            outside: Vec::new(),
            stopped: false,
            judge_at: CHUNK,
        }
    }
}

impl Scan {
    /// Whether the element still open at the end of the chunk `text` may
    /// go on. One that has grown long is judged by serde_json each time
    /// it doubles: a quote too many (or too few) would otherwise take all
    /// the rest of the file for one element.
    fn element_may_go_on(&mut self, text: &[u8]) -> bool {
        let Some(start) = &self.element else {
            return true;
        };
        let so_far = &text[start.index..];
        if so_far.len() < self.judge_at {
            return true;
        }
        self.judge_at = so_far.len() * 2;
        let mut values =
            serde_json::Deserializer::from_slice(so_far).into_iter::<serde::de::IgnoredAny>();
        match values.next() {
            Some(Err(e)) => e.is_eof(),
            // Whole already: it may go on only if it ends where the split
            // saw its last byte (the comma after it is yet to come).
            Some(Ok(_)) => values.byte_offset() == self.element_end - start.index,
            None => true,
        }
    }

    /// The chunk's first `keep` bytes are gone.
    fn shift(&mut self, keep: usize) {
        self.base += keep as u64;
        if let Some(e) = &mut self.element {
            e.index -= keep;
            self.element_end -= keep;
        }
        if let Some(k) = &mut self.key_start {
            *k -= keep;
        }
        if let Some(from) = &mut self.outside_from {
            *from -= keep;
        }
    }

    /// Scans `text` from `pos` to its end.
    fn scan(&mut self, text: &[u8], pos: &mut usize, taker: &mut dyn Elements) -> ControlFlow<()> {
        let mut i = *pos;
        while i < text.len() {
            if self.in_string {
                i = self.in_string_from(text, i);
                continue;
            }
            match text[i] {
                b'\n' => {
                    self.line += 1;
                    self.line_start = self.base + i as u64 + 1;
                }
                b' ' | b'\t' | b'\r' => {}
                b if self.in_array && self.depth == self.array_depth => {
                    self.in_array_top(text, i, b, taker)?;
                }
                b => {
                    if self.in_array {
                        self.element_end = i + 1;
                    }
                    self.structure(text, i, b);
                }
            }
            i += 1;
        }
        *pos = i;
        ControlFlow::Continue(())
    }

    /// Reads on in a string from `i`; where to go on from.
    fn in_string_from(&mut self, text: &[u8], i: usize) -> usize {
        if self.escaped {
            self.escaped = false;
            return i + 1;
        }
        match memchr::memchr2(b'"', b'\\', &text[i..]) {
            None => text.len(),
            Some(k) if text[i + k] == b'\\' => {
                if i + k + 1 == text.len() {
                    self.escaped = true;
                }
                (i + k + 2).min(text.len())
            }
            Some(k) => {
                let end = i + k;
                self.in_string = false;
                if let Some(start) = self.key_start.take() {
                    self.papers_key = &text[start..end] == b"papers";
                    self.expect_key = false;
                }
                if self.in_array {
                    self.element_end = end + 1;
                }
                end + 1
            }
        }
    }

    /// A byte (not white space) directly inside the paper array.
    fn in_array_top(
        &mut self,
        text: &[u8],
        i: usize,
        b: u8,
        taker: &mut dyn Elements,
    ) -> ControlFlow<()> {
        match b {
            b',' => {
                let Some(start) = self.element.take() else {
                    return ControlFlow::Break(());
                };
                self.hand_over(text, start, taker)?;
                self.after_comma = true;
            }
            b']' => {
                match self.element.take() {
                    Some(start) => self.hand_over(text, start, taker)?,
                    None if self.after_comma => return ControlFlow::Break(()),
                    None => {}
                }
                self.in_array = false;
                self.depth -= 1;
                self.outside_from = Some(i);
            }
            b'}' => return ControlFlow::Break(()),
            _ => {
                if self.element.is_none() {
                    self.judge_at = CHUNK;
                    self.element = Some(Start {
                        index: i,
                        line: self.line,
                        column: (self.base + i as u64 - self.line_start) as usize + 1,
                    });
                    self.after_comma = false;
                }
                self.element_end = i + 1;
                self.structure(text, i, b);
            }
        }
        ControlFlow::Continue(())
    }

    fn hand_over(&self, text: &[u8], start: Start, taker: &mut dyn Elements) -> ControlFlow<()> {
        taker.element(Element {
            text: &text[start.index..self.element_end],
            at: self.base + start.index as u64,
            line: start.line,
            column: start.column,
        })
    }

    /// A byte (not white space) outside strings, not directly inside the
    /// paper array.
    fn structure(&mut self, text: &[u8], i: usize, b: u8) {
        let top_of_object = !self.in_array && self.top == Top::Object && self.depth == 1;
        match b {
            b'"' => {
                self.in_string = true;
                if top_of_object && self.expect_key {
                    self.key_start = Some(i + 1);
                } else if top_of_object {
                    self.papers_key = false;
                }
            }
            b'{' | b'[' => {
                let opens_array = if self.depth == 0 && self.top == Top::Unknown {
                    self.top = if b == b'[' { Top::Array } else { Top::Object };
                    self.expect_key = b == b'{';
                    b == b'['
                } else {
                    top_of_object && self.papers_key && b == b'[' && !self.found
                };
                if top_of_object {
                    self.papers_key = false;
                }
                self.depth += 1;
                if opens_array {
                    self.in_array = true;
                    self.found = true;
                    self.array_depth = self.depth;
                    self.after_comma = false;
                    if let Some(from) = self.outside_from.take() {
                        self.outside.extend_from_slice(&text[from..=i]);
                    }
                }
            }
            b'}' | b']' => self.depth = self.depth.saturating_sub(1),
            b',' if top_of_object => {
                self.expect_key = true;
                self.papers_key = false;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Taken {
        elements: Vec<(String, u64, usize, usize)>,
        reads: Vec<u64>,
    }

    impl Elements for Taken {
        fn element(&mut self, e: Element<'_>) -> ControlFlow<()> {
            let text = String::from_utf8(e.text.to_vec()).unwrap();
            self.elements.push((text, e.at, e.line, e.column));
            ControlFlow::Continue(())
        }
        fn read(&mut self, read: u64) {
            self.reads.push(read);
        }
    }

    /// Splits `text` fed in pieces of `piece` bytes.
    fn split_in(text: &str, piece: usize) -> (Taken, Split) {
        let bytes = text.as_bytes();
        let head = bytes[..piece.min(bytes.len())].to_vec();
        let more = bytes.len() > piece;
        let rest = &bytes[head.len()..];
        let mut taken = Taken::default();
        let split = split(head, more, rest, &mut taken).unwrap();
        (taken, split)
    }

    #[test]
    fn elements_of_a_native_corpus_and_the_text_around_them() {
        let text = "{\"format\": \"paperboat-corpus\", \"papers\": [\n  {\"title\": \"a, [b]\\\"\"} ,\n  {\"title\": \"c\"}\n], \"name\": \"n\"}";
        for piece in 1..=text.len() {
            let (taken, split) = split_in(text, piece);
            assert!(split.found && !split.stopped, "{piece}");
            let got: Vec<_> = taken.elements.iter().map(|e| e.0.as_str()).collect();
            assert_eq!(got, ["{\"title\": \"a, [b]\\\"\"}", "{\"title\": \"c\"}"]);
            let (_, at, line, column) = taken.elements[1];
            assert_eq!(&text[at as usize..at as usize + 3], "{\"t");
            assert_eq!((line, column), (3, 3));
            assert_eq!(
                String::from_utf8(split.outside).unwrap(),
                "{\"format\": \"paperboat-corpus\", \"papers\": [], \"name\": \"n\"}"
            );
            assert_eq!(split.read, text.len() as u64);
        }
    }

    #[test]
    fn a_bare_array_and_what_follows_it() {
        let (taken, split) = split_in("[1, \"x\", {\"a\": []}] tail", 4);
        let got: Vec<_> = taken.elements.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(got, ["1", "\"x\"", "{\"a\": []}"]);
        assert_eq!(split.outside, b"[] tail");
        assert!(!split.stopped);
        let (taken, split) = split_in("[]", 1);
        assert!(taken.elements.is_empty() && split.found && !split.stopped);
    }

    #[test]
    fn only_a_papers_key_at_the_top_opens_the_array() {
        let text = r#"{"x": {"papers": [1]}, "name": "papers", "pap\u0065rs": [2]}"#;
        let (taken, split) = split_in(text, 5);
        assert!(taken.elements.is_empty() && !split.found && !split.stopped);
        assert_eq!(split.outside, text.as_bytes());
        // A second `papers` stays outside, for the parser to refuse.
        let (taken, split) = split_in(r#"{"papers": [1], "papers": [2]}"#, 3);
        assert_eq!(taken.elements.len(), 1);
        assert_eq!(split.outside, br#"{"papers": [], "papers": [2]}"#);
    }

    #[test]
    fn faults_stop_the_split() {
        for text in [
            "[1,,2]",
            "[,1]",
            "[1,]",
            "[}",
            "[1, 2",
            "[\"open",
            "{\"papers\": [1]",
        ] {
            let (_, split) = split_in(text, 2);
            assert!(split.stopped, "{text}");
        }
    }

    #[test]
    fn a_long_element_is_judged_as_it_grows() {
        let long = format!("{{\"t\": \"{}\"}}", "x".repeat(3 * CHUNK));
        // A whole element that ends with a chunk, its comma in the next.
        let text = format!(
            "[{long}{}, 1]",
            " ".repeat(CHUNK - (long.len() + 1) % CHUNK)
        );
        let mut taken = Taken::default();
        let done = split(Vec::new(), true, text.as_bytes(), &mut taken).unwrap();
        assert!(!done.stopped);
        assert_eq!(taken.elements.len(), 2);
        // A quote too many stops the split once the element is judged,
        // not at the end of the text.
        let broken = format!(
            "[{{\"t\": \"a\"b\", \"u\": \"{}\"}}]",
            "x, ".repeat(4 * CHUNK)
        );
        let mut taken = Taken::default();
        let done = split(Vec::new(), true, broken.as_bytes(), &mut taken).unwrap();
        assert!(done.stopped);
        assert!(done.read < broken.len() as u64 / 2, "{}", done.read);
    }
}
