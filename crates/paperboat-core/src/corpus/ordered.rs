//! What the two parsers on every core (JSON Lines, and the array formats)
//! share: workers that take numbered pieces from one queue, and their
//! results taken back in the pieces' order.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;

/// The next numbered piece for a worker; `None` once there are none, or
/// once `stop` is set.
pub(crate) fn next_piece<T>(
    pieces: &Mutex<Receiver<(usize, T)>>,
    stop: &AtomicBool,
) -> Option<(usize, T)> {
    let next = pieces.lock().ok()?.recv().ok()?;
    (!stop.load(Ordering::Relaxed)).then_some(next)
}

/// Hands results numbered from 0 on to `take` in their order, whatever
/// order they come in, until it breaks or they end.
pub(crate) fn in_order<T>(
    results: impl IntoIterator<Item = (usize, T)>,
    take: &mut dyn FnMut(T) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for (index, result) in results {
        waiting.insert(index, result);
        while let Some(result) = waiting.remove(&next) {
            next += 1;
            take(result)?;
        }
    }
    ControlFlow::Continue(())
}
