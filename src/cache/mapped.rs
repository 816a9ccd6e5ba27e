//! Which cache files this process has mapped into memory, for the one
//! line said when one of them is cut short or rewritten in place by
//! another program: reading such a page ends the process with SIGBUS, and
//! the handler (which may only read memory, never allocate or lock) finds
//! here which file it was.
//!
//! A few slots, reused in turn; each holds a mapping's address range and
//! a path leaked for the life of the process (a handful of short strings).

use std::path::Path;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

/// How many mappings are remembered; an older one's slot is reused.
const SLOTS: usize = 16;

struct Slot {
    start: AtomicUsize,
    len: AtomicUsize,
    path: AtomicPtr<u8>,
    path_len: AtomicUsize,
}

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: Slot = Slot {
    start: AtomicUsize::new(0),
    len: AtomicUsize::new(0),
    path: AtomicPtr::new(std::ptr::null_mut()),
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
    let text: &'static mut [u8] = Box::leak(shown.into_bytes().into_boxed_slice());
    let slot = &SLOTS_IN_USE[NEXT.fetch_add(1, Ordering::SeqCst) % SLOTS];
    // The path first, then the range: a handler that sees the range sees
    // a path that goes with it (or with the slot's last use).
    slot.path_len.store(0, Ordering::SeqCst);
    slot.path.store(text.as_mut_ptr(), Ordering::SeqCst);
    slot.path_len.store(text.len(), Ordering::SeqCst);
    slot.len.store(len, Ordering::SeqCst);
    slot.start.store(start, Ordering::SeqCst);
}

/// The path of the mapped file holding `address`, if one does. Safe in a
/// signal handler: it only reads atomics and leaked memory.
pub fn file_holding(address: usize) -> Option<&'static [u8]> {
    SLOTS_IN_USE
        .iter()
        .find(|slot| {
            let start = slot.start.load(Ordering::SeqCst);
            let len = slot.len.load(Ordering::SeqCst);
            len > 0 && (start..start.saturating_add(len)).contains(&address)
        })
        .and_then(path_of)
}

/// The path of the file or directory mapped last, if any. Safe in a
/// signal handler, as [`file_holding`].
pub fn last_mapped() -> Option<&'static [u8]> {
    let last = NEXT.load(Ordering::SeqCst).checked_sub(1)?;
    path_of(&SLOTS_IN_USE[last % SLOTS])
}

fn path_of(slot: &Slot) -> Option<&'static [u8]> {
    let ptr = slot.path.load(Ordering::SeqCst);
    let len = slot.path_len.load(Ordering::SeqCst);
    // SAFETY: every pointer stored is of a leaked slice of `len` bytes
    // that lives as long as the process.
    (!ptr.is_null() && len > 0)
        .then(|| unsafe { std::slice::from_raw_parts(ptr.cast_const(), len) })
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
        let inside = first.as_ptr() as usize + 10;
        assert_eq!(file_holding(inside), Some(&b"/cache/a/index"[..]));
        assert_eq!(file_holding(1), None);
        note_dir(Path::new("/cache/b/abstracts"));
        // Other tests map files too: the last one is somebody's.
        assert!(last_mapped().is_some());
    }
}
