//! Waiting that the reader can cut short: sleeps in small slices, looking
//! at the cancel flag between them.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The longest a cancelled wait goes on after the flag is set.
pub const SLICE: Duration = Duration::from_millis(50);

/// The wait was cut short by the cancel flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// True when the flag is set.
pub fn is_set(cancel: &AtomicBool) -> bool {
    cancel.load(Ordering::Relaxed)
}

/// Sleeps until `deadline`, or returns `Err(Cancelled)` within a
/// [`SLICE`] of the flag being set.
pub fn until(deadline: Instant, cancel: &AtomicBool) -> Result<(), Cancelled> {
    loop {
        if is_set(cancel) {
            return Err(Cancelled);
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(());
        }
        std::thread::sleep((deadline - now).min(SLICE));
    }
}

/// Sleeps for `wait`, cut short as [`until`].
pub fn sleep(wait: Duration, cancel: &AtomicBool) -> Result<(), Cancelled> {
    match Instant::now().checked_add(wait) {
        Some(deadline) => until(deadline, cancel),
        // A wait past the end of time is only ever ended by the flag.
        None => loop {
            std::thread::sleep(SLICE);
            if is_set(cancel) {
                return Err(Cancelled);
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_set_flag_ends_a_long_wait() {
        let cancel = Arc::new(AtomicBool::new(false));
        let setter = Arc::clone(&cancel);
        let t = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            setter.store(true, Ordering::Relaxed);
        });
        assert_eq!(sleep(Duration::from_secs(3600), &cancel), Err(Cancelled));
        t.join().unwrap();
        assert_eq!(sleep(Duration::ZERO, &cancel), Err(Cancelled));
    }

    #[test]
    fn an_unset_flag_lets_the_wait_end() {
        let cancel = AtomicBool::new(false);
        assert_eq!(sleep(Duration::from_millis(5), &cancel), Ok(()));
        assert_eq!(until(Instant::now(), &cancel), Ok(()));
    }
}
