//! Work split over the cores with scoped threads, the one way searching,
//! indexing and ranking a large corpus do it: contiguous parts, results in
//! order, and a panic in a worker carried on in the caller rather than
//! lost.

use std::ops::Range;
use std::thread::{self, ScopedJoinHandle};

/// How many threads a fan-out uses: one per core, at most eight.
pub(crate) fn threads() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// `work` on up to `parts` contiguous, non-empty ranges of `0..len`, each
/// on a scoped thread of its own, the results in range order so that they
/// do not depend on the number of cores. With one part, `work` runs once
/// on the calling thread, on all of `0..len`.
pub(crate) fn map_ranges<T: Send>(
    len: usize,
    parts: usize,
    work: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<T> {
    let size = len.div_ceil(parts.max(1)).max(1);
    if parts <= 1 || len <= size {
        return vec![work(0..len)];
    }
    let work = &work;
    thread::scope(|s| {
        let handles: Vec<_> = (0..len)
            .step_by(size)
            .map(|start| s.spawn(move || work(start..(start + size).min(len))))
            .collect();
        handles.into_iter().map(joined).collect()
    })
}

/// `here` on the calling thread while `there` runs on another.
pub(crate) fn join<A, B: Send>(
    here: impl FnOnce() -> A,
    there: impl FnOnce() -> B + Send,
) -> (A, B) {
    thread::scope(|s| {
        let other = s.spawn(there);
        let first = here();
        (first, joined(other))
    })
}

/// What a finished thread returned; if it panicked, the panic goes on here.
fn joined<T>(handle: ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_everything_once_in_order() {
        for (len, parts) in [
            (0, 1),
            (1, 4),
            (10, 1),
            (10, 3),
            (10, 4),
            (100_003, 8),
            (7, 7),
        ] {
            let ranges = map_ranges(len, parts, |r| r);
            assert!(ranges.len() <= parts.max(1), "{len} {parts}");
            let covered: Vec<usize> = ranges.into_iter().flatten().collect();
            assert_eq!(covered, (0..len).collect::<Vec<_>>(), "{len} {parts}");
        }
    }

    #[test]
    fn one_part_runs_on_the_calling_thread() {
        let caller = thread::current().id();
        assert_eq!(map_ranges(5, 1, |_| thread::current().id()), [caller]);
        let (here, there) = join(|| thread::current().id(), || thread::current().id());
        assert_eq!(here, caller);
        assert_ne!(there, caller);
    }

    #[test]
    fn a_panic_in_a_worker_reaches_the_caller() {
        let caught = std::panic::catch_unwind(|| {
            map_ranges(10, 2, |r| assert!(!r.contains(&7), "seven"));
        });
        assert!(caught.is_err());
        let caught = std::panic::catch_unwind(|| join(|| (), || panic!("there")));
        assert!(caught.is_err());
    }
}
