//! Which cache files this process has mapped into memory, for the one
//! line said when one of them is cut short or rewritten in place by
//! another program: reading such a page ends the process with SIGBUS, and
//! the handler (which may only read memory, never allocate or lock) finds
//! here which file it was.
//!
//! A few slots, reused in turn; each holds a mapping's address range and
//! its path's first bytes, copied in (nothing is allocated for the
//! handler, so nothing leaks however many entries are opened).

use std::path::Path;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

/// How many mappings are remembered; an older one's slot is reused.
const SLOTS: usize = 16;
/// The most bytes of a path kept; a longer one is shown cut.
pub const PATH_BYTES: usize = 512;

struct Slot {
    start: AtomicUsize,
    len: AtomicUsize,
    path: [AtomicU8; PATH_BYTES],
    path_len: AtomicUsize,
}

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: Slot = Slot {
    start: AtomicUsize::new(0),
    len: AtomicUsize::new(0),
    path: [const { AtomicU8::new(0) }; PATH_BYTES],
    path_len: AtomicUsize::new(0),
};

static SLOTS_IN_USE: [Slot; SLOTS] = [EMPTY; SLOTS];
/// Registrations so far: the next one takes slot `NEXT % SLOTS`.
static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Remembers that `bytes`, mapped from the file at `path`, may be read.
pub fn note(bytes: &[u8], path: &Path) {
    remember(bytes.as_ptr() as usize, bytes.len(), path);
}

/// Remembers that files of the directory `dir` are mapped (by a library
/// that does not tell where).
pub fn note_dir(dir: &Path) {
    remember(0, 0, dir);
}

fn remember(start: usize, len: usize, path: &Path) {
    // Cleaned now: the handler writes it to the terminal as it is.
    let shown = crate::corpus::sanitize::clean_line(&path.display().to_string());
    let mut bytes = shown.as_bytes();
    if bytes.len() > PATH_BYTES {
        let mut cut = PATH_BYTES;
        while !shown.is_char_boundary(cut) {
            cut -= 1;
        }
        bytes = &bytes[..cut];
    }
    let slot = &SLOTS_IN_USE[NEXT.fetch_add(1, Ordering::SeqCst) % SLOTS];
    // Emptied first, then the path, then the range: a handler that reads
    // the slot meanwhile finds no path or a whole one (or, at worst, one
    // reused at that very moment).
    slot.len.store(0, Ordering::SeqCst);
    slot.path_len.store(0, Ordering::SeqCst);
    for (cell, &b) in slot.path.iter().zip(bytes) {
        cell.store(b, Ordering::Relaxed);
    }
    slot.path_len.store(bytes.len(), Ordering::SeqCst);
    slot.start.store(start, Ordering::SeqCst);
    slot.len.store(len, Ordering::SeqCst);
}

/// Copies into `out` the path of the mapped file holding `address`, if
/// one does; returns its length. Safe in a signal handler: it only reads
/// atomics.
pub fn file_holding(address: usize, out: &mut [u8; PATH_BYTES]) -> Option<usize> {
    let slot = SLOTS_IN_USE.iter().find(|slot| {
        let start = slot.start.load(Ordering::SeqCst);
        let len = slot.len.load(Ordering::SeqCst);
        len > 0 && (start..start.saturating_add(len)).contains(&address)
    })?;
    copy_path(slot, out)
}

/// Copies into `out` the path of the file or directory mapped last, if
/// any; returns its length. Safe in a signal handler, as
/// [`file_holding`].
pub fn last_mapped(out: &mut [u8; PATH_BYTES]) -> Option<usize> {
    let last = NEXT.load(Ordering::SeqCst).checked_sub(1)?;
    copy_path(&SLOTS_IN_USE[last % SLOTS], out)
}

fn copy_path(slot: &Slot, out: &mut [u8; PATH_BYTES]) -> Option<usize> {
    let len = slot.path_len.load(Ordering::SeqCst).min(PATH_BYTES);
    for (o, cell) in out.iter_mut().zip(&slot.path).take(len) {
        *o = cell.load(Ordering::Relaxed);
    }
    (len > 0).then_some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_holding_an_address_is_found() {
        let first = vec![0u8; 64];
        let second = vec![0u8; 64];
        note(&first, Path::new("/cache/a/index"));
        note(&second, Path::new("/cache/b/index"));
        let mut out = [0u8; PATH_BYTES];
        let inside = first.as_ptr() as usize + 10;
        let len = file_holding(inside, &mut out).unwrap();
        assert_eq!(&out[..len], b"/cache/a/index");
        assert_eq!(file_holding(1, &mut out), None);
        note_dir(Path::new("/cache/b/abstracts"));
        // Other tests map files too: the last one is somebody's.
        assert!(last_mapped(&mut out).is_some());
        let third = vec![0u8; 64];
        let long = "/x".repeat(PATH_BYTES);
        note(&third, Path::new(&long));
        let inside = third.as_ptr() as usize;
        assert_eq!(file_holding(inside, &mut out), Some(PATH_BYTES), "cut");
    }
}
