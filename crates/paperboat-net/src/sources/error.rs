//! Why a response could not be read: one line, with the position and the
//! field, that never carries raw text from the service.

use crate::corpus::LoadError;
use crate::corpus::sanitize::{QUOTED, clean_line, clip, clip_quotes};

/// A response that is not what the service should send; `Display` is the
/// one line the user sees, after what was asked (the caller knows that).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    /// The text is not a page of the expected shape; positions are 1-based.
    #[error("line {line}, column {column}: {path}{message}")]
    Invalid {
        /// 1-based line of the offending value.
        line: usize,
        /// 1-based column (in bytes) of the offending value.
        column: usize,
        /// The field path followed by `": "`, or empty at the top level.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The service answered with an error of its own (`badResumptionToken`).
    #[error("the service says {code}: {message}")]
    Service {
        /// The service's code for it.
        code: String,
        /// What it says, cleaned.
        message: String,
    },
}

impl SourceError {
    /// An [`SourceError::Invalid`] with every part cleaned and bounded.
    pub(crate) fn invalid(line: usize, column: usize, path: &str, message: &str) -> SourceError {
        let path = clean_line(path);
        SourceError::Invalid {
            line: line.max(1),
            column: column.max(1),
            path: if path.is_empty() {
                String::new()
            } else {
                format!("{}: ", clip(&path, 2 * QUOTED))
            },
            message: clip_quotes(&clean_line(message)),
        }
    }

    /// A [`SourceError::Service`] with both parts cleaned and bounded.
    pub(crate) fn service(code: &str, message: &str) -> SourceError {
        SourceError::Service {
            code: clip(&clean_line(code), QUOTED).into_owned(),
            message: clip(&clean_line(message), 4 * QUOTED).into_owned(),
        }
    }

    /// The error of a corpus reader run on a response.
    pub(crate) fn from_load(e: LoadError) -> SourceError {
        match e {
            LoadError::Invalid {
                line,
                column,
                path,
                message,
                ..
            } => SourceError::Invalid {
                line,
                column,
                path,
                message,
            },
            LoadError::Io { reason, .. } => SourceError::invalid(1, 1, "", &reason),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_one_clean_line() {
        let e = SourceError::invalid(0, 3, "records[2].title", "expected \u{1b}[2J text");
        assert_eq!(
            e.to_string(),
            "line 1, column 3: records[2].title: expected \u{fffd}[2J text"
        );
        let e = SourceError::service("badArgument\n", "no \u{202e}such set");
        assert_eq!(
            e.to_string(),
            "the service says badArgument: no \u{fffd}such set"
        );
        let long = "x".repeat(10_000);
        assert!(SourceError::service(&long, &long).to_string().len() < 1_000);
    }
}
