//! Reading an input that is parsed whole (the array formats), judged as it
//! grows: a file that cannot be a corpus is refused after its first bytes
//! rather than after reading all of it, and an input of unknown size (a
//! pipe, a device) cannot grow without bound while it is still valid.

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
/// `progress` after each chunk. `size`: the input is a regular file of
/// that many bytes.
pub(crate) fn read_rest<R: Read>(
    reader: &mut R,
    text: &mut Vec<u8>,
    read: &mut u64,
    mut more: bool,
    size: Option<u64>,
    file: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<Reading, LoadError> {
    if more && let Err(e) = syntax(text, file) {
        return Ok(Reading::Broken(e));
    }
    if let Some(total) = size {
        let wanted = total.saturating_sub(*read);
        if text
            .try_reserve(usize::try_from(wanted).unwrap_or(usize::MAX))
            .is_err()
        {
            return Err(too_large(file, total));
        }
    }
    let mut next_check = 2 * CHUNK;
    while more {
        // A regular file has its room made above: asking for a chunk more
        // near its end would double a buffer of its whole size (and copy
        // it) for the last few bytes. Only an input that outgrows it, or
        // one of unknown size, grows it.
        let spare = text.capacity() - text.len();
        if size.is_some() && spare == 0 {
            // Full at the size the file had: most likely its end. A byte
            // read says, before the buffer grows (doubling, and copying
            // everything read) for nothing.
            let mut probe = [0u8; 1];
            let n = loop {
                match reader.read(&mut probe) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    other => break other.map_err(|e| LoadError::io(file, &e))?,
                }
            };
            if n == 0 {
                break;
            }
            if text.try_reserve(CHUNK).is_err() {
                return Err(too_large(file, *read));
            }
            text.push(probe[0]);
            *read += 1;
        } else if size.is_none() && spare < CHUNK && text.try_reserve(CHUNK).is_err() {
            return Err(too_large(file, *read));
        }
        let n = reader
            .take(CHUNK as u64)
            .read_to_end(text)
            .map_err(|e| LoadError::io(file, &e))?;
        more = n > 0;
        *read += n as u64;
        progress(*read);
        // A regular file ends; anything else is looked at as it grows.
        if size.is_none() && text.len() >= next_check {
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

    fn read_all(head: &[u8], rest: &[u8], size: Option<u64>) -> Result<Reading, LoadError> {
        let mut text = head.to_vec();
        let mut read = head.len() as u64;
        read_rest(
            &mut &rest[..],
            &mut text,
            &mut read,
            true,
            size,
            "f",
            &mut |_| {},
        )
    }

    #[test]
    fn garbage_after_a_valid_start_stops_the_reading() {
        // The head is a whole chunk, so more may follow: it is judged.
        let mut head = b"[{\"title\": \"a\"}, ".to_vec();
        head.resize(CHUNK, b' ');
        head.extend_from_slice(b"\x00\x00");
        let rest = vec![0u8; 10 * CHUNK];
        let Ok(Reading::Broken(e)) = read_all(&head, &rest, None) else {
            panic!("not judged")
        };
        assert!(e.to_string().starts_with("f:1:"), "{e}");
        // Unknown size: judged again as it grows.
        let mut head = b"[".to_vec();
        head.resize(CHUNK, b' ');
        let mut rest = vec![b' '; 3 * CHUNK];
        rest.extend_from_slice(b"nonsense");
        rest.extend(std::iter::repeat_n(b' ', 20 * CHUNK));
        assert!(matches!(
            read_all(&head, &rest, None),
            Ok(Reading::Broken(_))
        ));
        // A valid file is read whole.
        let mut rest = vec![b' '; 3 * CHUNK];
        rest.extend_from_slice(b"]");
        assert!(matches!(
            read_all(&head, &rest, None),
            Ok(Reading::Complete)
        ));
    }
}
