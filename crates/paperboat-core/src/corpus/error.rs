//! Load errors: the one line a user sees, built the same way for every
//! format, with positions and messages that never carry raw input.

use super::sanitize::{clean_line, clip, clip_quotes};

/// Why a corpus could not be loaded; `Display` is the one line the user sees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("{file}: {reason}")]
    Io {
        /// The path as the user gave it.
        file: String,
        /// What the system said, in words.
        reason: String,
    },
    /// The text is not a valid corpus; the position is 1-based.
    #[error("{file}:{line}:{column}: {path}{message}")]
    Invalid {
        /// The path as the user gave it.
        file: String,
        /// 1-based line of the offending value.
        line: usize,
        /// 1-based column of the offending value.
        column: usize,
        /// The field path followed by `": "`, or empty at the top level.
        path: String,
        /// What is wrong.
        message: String,
    },
}

impl LoadError {
    /// An [`LoadError::Invalid`] with every part sanitized: messages quote
    /// the input, and nothing from it may reach a terminal raw.
    pub fn invalid(file: &str, line: usize, column: usize, path: &str, message: &str) -> LoadError {
        // serde_path_to_error writes `?` for a field it has not named yet.
        let path = path.trim_end_matches(".?").trim_end_matches('?');
        LoadError::Invalid {
            file: clean_line(file),
            line: line.max(1),
            column: column.max(1),
            path: if path.is_empty() || path == "." {
                String::new()
            } else {
                // A path names keys of the input: bounded like a quote.
                format!("{}: ", clip(&clean_line(path), 2 * super::sanitize::QUOTED))
            },
            message: clip_quotes(&clean_line(message)),
        }
    }

    /// An [`LoadError::Io`] for `file`.
    pub fn io(file: &str, e: &std::io::Error) -> LoadError {
        LoadError::Io {
            file: clean_line(file),
            reason: io_reason(e),
        }
    }
}

/// The system's reason without the "(os error N)" noise.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

/// What is wrong with one record, positioned within the record's own text;
/// the caller knows where that text starts in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// 1-based line within the record's text.
    pub line: usize,
    /// 1-based column within that line.
    pub column: usize,
    /// The field path inside the record, empty for the record itself.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl Fault {
    /// A fault from serde's error and the path serde_path_to_error found.
    pub fn from_serde(mut path: String, e: &serde_json::Error) -> Fault {
        // serde_path_to_error writes `.` for the top level.
        if path == "." {
            path.clear();
        }
        Fault {
            line: e.line(),
            column: e.column(),
            path,
            message: friendly(e),
        }
    }
}

impl Fault {
    /// Where the fault lies in the file, for a record whose text starts at
    /// `line`, `column` there.
    pub fn position_from(&self, line: usize, column: usize) -> (usize, usize) {
        if self.line <= 1 {
            (line, column + self.column.max(1) - 1)
        } else {
            (line + self.line - 1, self.column)
        }
    }
}

/// How an error of text that ends too soon starts.
const END_OF_TEXT: &str = "unexpected end of file";

impl LoadError {
    /// Whether the text ended before it was a corpus: what a text cut
    /// short says, whatever follows in the whole file.
    pub fn is_end_of_text(&self) -> bool {
        matches!(self, LoadError::Invalid { message, .. } if message.starts_with(END_OF_TEXT))
    }
}

/// serde's wording turned into ours: "expected X, found Y", no position suffix.
pub fn friendly(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = text.strip_prefix(prefix)
            && let Some((found, expected)) = rest.split_once(", expected ")
        {
            return format!("expected {expected}, found {found}");
        }
    }
    let words = in_words(text);
    match e.classify() {
        serde_json::error::Category::Eof => format!("{END_OF_TEXT} ({words})"),
        _ => words,
    }
}

/// serde_json's syntax messages in words a reader of the file knows,
/// never its parser's (`expected ident`).
fn in_words(text: &str) -> String {
    let said = match text {
        "expected ident" => "expected true, false or null",
        "expected value" => {
            "expected a value (a string, number, object, list, true, false or null)"
        }
        "expected `:`" => "expected a colon after the key",
        "expected `,` or `]`" => "expected a comma or the end of the list",
        "expected `,` or `}`" => "expected a comma or the end of the object",
        "key must be a string" => "expected a key in double quotes",
        "trailing comma" => "a comma with nothing after it",
        "trailing characters" => "trailing characters after the end of the JSON text",
        "invalid escape" => "an invalid escape after a backslash",
        "invalid number" => "an invalid number",
        "number out of range" => "a number too large",
        // `\ud800` alone: half of a character written as a UTF-16 pair.
        "unexpected end of hex escape" | "lone leading surrogate in hex escape" => {
            "half of a surrogate pair (\\uD800 to \\uDFFF) without its other half"
        }
        "recursion limit exceeded" => "nested too deeply",
        "EOF while parsing a list" => "inside a list",
        "EOF while parsing an object" => "inside an object",
        "EOF while parsing a string" => "inside a string",
        "EOF while parsing a value" => "where a value was expected",
        other if other.starts_with("control character") => {
            "a control character inside a string (write it as \\n, \\t or \\u00XX)"
        }
        other => return other.to_string(),
    };
    said.to_string()
}

/// Turns byte offsets into 1-based line and column; offsets asked for in
/// increasing order cost one pass over the text in all.
pub struct Positions<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Positions<'a> {
    /// Positions in `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Positions {
            bytes,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The line and column (in bytes) of `offset`.
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.bytes.len());
        if offset < self.offset {
            *self = Positions::new(self.bytes);
        }
        for i in memchr::memchr_iter(b'\n', &self.bytes[self.offset..offset]) {
            self.line += 1;
            self.line_start = self.offset + i + 1;
        }
        self.offset = offset;
        (self.line, offset - self.line_start + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever a broken JSON text makes serde say, the message names
    /// what was expected in words.
    #[test]
    fn syntax_errors_read_in_words() {
        for text in [
            "nul",
            "tru",
            "{\"a\" 1}",
            "[1 2]",
            "{\"a\":1 \"b\":2}",
            "{1:2}",
            "[1,]",
            "[\"\\q\"]",
            "-",
            "[",
            "{",
            "\"ab",
            "[1] x",
            "\"a\u{1}b\"",
        ] {
            let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
            let said = friendly(&e);
            for jargon in ["ident", "EOF", "`"] {
                assert!(!said.contains(jargon), "{text:?}: {said}");
            }
        }
    }

    #[test]
    fn positions_count_lines_and_columns() {
        let text = b"ab\ncd\n\nef";
        let mut p = Positions::new(text);
        assert_eq!(p.at(0), (1, 1));
        assert_eq!(p.at(4), (2, 2));
        assert_eq!(p.at(8), (4, 2));
        assert_eq!(p.at(1), (1, 2));
        let fault = Fault {
            line: 1,
            column: 2,
            path: String::new(),
            message: String::new(),
        };
        assert_eq!(fault.position_from(2, 1), (2, 2));
        let later = Fault { line: 3, ..fault };
        assert_eq!(later.position_from(2, 5), (4, 2));
    }

    #[test]
    fn quoted_input_is_clipped() {
        let long = "9".repeat(10_000_000);
        let e = LoadError::invalid("f", 1, 1, "a", &format!("expected a date, found `{long}`"));
        assert!(e.to_string().len() < 200, "{}", e.to_string().len());
        assert!(e.to_string().ends_with(&format!("`{}…`", "9".repeat(80))));
    }

    #[test]
    fn messages_and_paths_are_sanitized() {
        let e = LoadError::invalid("f\u{1b}.json", 0, 0, "a.?", "bad \u{7}x");
        assert_eq!(e.to_string(), "f\u{FFFD}.json:1:1: a: bad \u{FFFD}x");
    }
}
