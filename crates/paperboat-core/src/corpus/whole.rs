//! Reading an array-format input of unknown size (a pipe, a device) whole
//! before its papers are read from memory, judged as it grows: it cannot
//! grow without bound while it is still valid, and what cannot be a corpus
//! is refused as soon as it shows.

use std::io::Read;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::error::LoadError;
use super::jsonl::CHUNK;

/// What reading found.
pub(crate) enum Reading {
    /// The whole input is in the buffer.
    Complete,
    /// Reading stopped at a syntax error: the text so far is enough to
    /// report it (with the field's path) by parsing it.
    Broken(LoadError),
}

/// Reads the rest of `reader` onto `text` (which holds what was read so
/// far, `read` bytes of input; `more`: the input may go on), calling
/// `progress` after each chunk.
pub(crate) fn read_rest<R: Read>(
    reader: &mut R,
    text: &mut Vec<u8>,
    read: &mut u64,
    mut more: bool,
    file: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<Reading, LoadError> {
    if more && let Err(e) = syntax(text, file) {
        return Ok(Reading::Broken(e));
    }
    let mut next_check = 2 * CHUNK;
    while more {
        if text.capacity() - text.len() < CHUNK && text.try_reserve(CHUNK).is_err() {
            return Err(too_large(file, *read));
        }
        let n = reader
            .take(CHUNK as u64)
            .read_to_end(text)
            .map_err(|e| LoadError::io(file, &e))?;
        more = n > 0;
        *read += n as u64;
        progress(*read);
        // Judged again each time it has doubled.
        if text.len() >= next_check {
            next_check = text.len() * 2;
            if let Err(e) = syntax(text, file) {
                return Ok(Reading::Broken(e));
            }
        }
    }
    Ok(Reading::Complete)
}

/// The first syntax error in `text`, which may be cut off anywhere: being
/// cut off is no error. Nesting is not limited here (the parse that
/// follows has its own limit), and nothing is kept.
fn syntax(text: &[u8], file: &str) -> Result<(), LoadError> {
    let mut de = serde_json::Deserializer::from_slice(text);
    match IgnoredAny::deserialize(&mut de) {
        Ok(_) => Ok(()),
        Err(e) if e.classify() == serde_json::error::Category::Eof => Ok(()),
        Err(e) => Err(LoadError::invalid(
            file,
            e.line(),
            e.column(),
            "",
            &super::error::friendly(&e),
        )),
    }
}

fn too_large(file: &str, bytes: u64) -> LoadError {
    LoadError::Io {
        file: super::sanitize::clean_line(file),
        reason: format!("not enough memory to read it ({} MB)", bytes / 1_000_000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(head: &[u8], rest: &[u8]) -> Result<Reading, LoadError> {
        let mut text = head.to_vec();
        let mut read = head.len() as u64;
        read_rest(&mut &rest[..], &mut text, &mut read, true, "f", &mut |_| {})
    }

    #[test]
    fn garbage_after_a_valid_start_stops_the_reading() {
        // The head is a whole chunk, so more may follow: it is judged.
        let mut head = b"[{\"title\": \"a\"}, ".to_vec();
        head.resize(CHUNK, b' ');
        head.extend_from_slice(b"\x00\x00");
        let rest = vec![0u8; 10 * CHUNK];
        let Ok(Reading::Broken(e)) = read_all(&head, &rest) else {
            panic!("not judged")
        };
        assert!(e.to_string().starts_with("f:1:"), "{e}");
        // Unknown size: judged again as it grows.
        let mut head = b"[".to_vec();
        head.resize(CHUNK, b' ');
        let mut rest = vec![b' '; 3 * CHUNK];
        rest.extend_from_slice(b"nonsense");
        rest.extend(std::iter::repeat_n(b' ', 20 * CHUNK));
        assert!(matches!(read_all(&head, &rest), Ok(Reading::Broken(_))));
        // A valid file is read whole.
        let mut rest = vec![b' '; 3 * CHUNK];
        rest.extend_from_slice(b"]");
        assert!(matches!(read_all(&head, &rest), Ok(Reading::Complete)));
    }
}
