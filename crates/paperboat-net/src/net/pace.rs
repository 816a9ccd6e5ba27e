//! Politeness per host: one request at a time, a minimum spacing between
//! the end of one and the start of the next, and the server's own "not
//! before" after it asked to wait.

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use super::wait::{self, Cancelled};

/// arXiv's terms: at least 3 seconds between requests.
pub const ARXIV_SPACING: Duration = Duration::from_secs(3);

/// The turns of every host asked so far.
#[derive(Debug, Default)]
pub struct Pacer {
    hosts: Mutex<HashMap<String, Arc<Slot>>>,
}

/// One host's turn-taking.
#[derive(Debug, Default)]
struct Slot {
    state: Mutex<SlotState>,
    freed: Condvar,
}

#[derive(Debug, Default)]
struct SlotState {
    /// A request to the host is under way.
    busy: bool,
    /// When the last request to the host ended.
    last_end: Option<Instant>,
    /// No request before this moment (the server asked to wait).
    not_before: Option<Instant>,
    /// The host's own minimum spacing.
    spacing: Duration,
}

/// The right to send one request to a host; dropping it ends the request
/// and lets the next one take its turn after the spacing.
#[derive(Debug)]
pub struct Turn {
    slot: Arc<Slot>,
}

impl Pacer {
    /// A pacer that knows no host yet.
    pub fn new() -> Pacer {
        Pacer::default()
    }

    /// Every request to `host` waits at least `spacing` after the last.
    pub fn set_spacing(&self, host: &str, spacing: Duration) {
        lock(&self.slot(host).state).spacing = spacing;
    }

    /// No request to `host` starts before `until` (the later of this and
    /// any earlier hold).
    pub fn hold(&self, host: &str, until: Instant) {
        let slot = self.slot(host);
        let mut state = lock(&slot.state);
        state.not_before = Some(state.not_before.map_or(until, |t| t.max(until)));
    }

    /// Waits for `host`'s turn: no other request to it under way, at least
    /// `spacing` (or the host's own, if longer) since the last one ended,
    /// and past any hold. Returns early when `cancel` is set.
    pub fn acquire(
        &self,
        host: &str,
        spacing: Duration,
        cancel: &AtomicBool,
    ) -> Result<Turn, Cancelled> {
        let slot = self.slot(host);
        let mut state = lock(&slot.state);
        loop {
            if wait::is_set(cancel) {
                return Err(Cancelled);
            }
            let now = Instant::now();
            let ready_at = ready_at(&state, spacing);
            if !state.busy && ready_at.is_none_or(|t| t <= now) {
                state.busy = true;
                drop(state);
                return Ok(Turn { slot });
            }
            // Wake at the ready moment, when the turn is freed, or after a
            // slice to look at the cancel flag, whichever comes first.
            let nap = ready_at
                .filter(|_| !state.busy)
                .map_or(wait::SLICE, |t| (t - now).min(wait::SLICE));
            state = slot
                .freed
                .wait_timeout(state, nap)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    fn slot(&self, host: &str) -> Arc<Slot> {
        let mut hosts = lock(&self.hosts);
        Arc::clone(hosts.entry(host.to_string()).or_default())
    }
}

/// The earliest moment the next request may start, if any is set.
fn ready_at(state: &SlotState, spacing: Duration) -> Option<Instant> {
    let spacing = spacing.max(state.spacing);
    let after_last = state.last_end.and_then(|end| end.checked_add(spacing));
    match (after_last, state.not_before) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        let mut state = lock(&self.slot.state);
        state.busy = false;
        state.last_end = Some(Instant::now());
        drop(state);
        self.slot.freed.notify_all();
    }
}

/// A lock that a panic elsewhere does not poison for good: the state is
/// times and flags, valid whatever was interrupted.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering;

    #[test]
    fn the_next_turn_waits_for_the_spacing() {
        let pacer = Pacer::new();
        let spacing = Duration::from_millis(60);
        let first = pacer
            .acquire("h", spacing, &AtomicBool::new(false))
            .unwrap();
        drop(first);
        let ended = Instant::now();
        let _second = pacer
            .acquire("h", spacing, &AtomicBool::new(false))
            .unwrap();
        assert!(ended.elapsed() >= spacing);
    }

    #[test]
    fn the_hosts_own_spacing_applies_when_longer() {
        let pacer = Pacer::new();
        pacer.set_spacing("h", Duration::from_millis(60));
        drop(
            pacer
                .acquire("h", Duration::ZERO, &AtomicBool::new(false))
                .unwrap(),
        );
        let ended = Instant::now();
        drop(
            pacer
                .acquire("h", Duration::ZERO, &AtomicBool::new(false))
                .unwrap(),
        );
        assert!(ended.elapsed() >= Duration::from_millis(60));
        // Another host is not held back.
        drop(
            pacer
                .acquire("other", Duration::ZERO, &AtomicBool::new(false))
                .unwrap(),
        );
    }

    #[test]
    fn a_hold_delays_the_next_turn() {
        let pacer = Pacer::new();
        let until = Instant::now() + Duration::from_millis(60);
        pacer.hold("h", until);
        pacer.hold("h", Instant::now());
        drop(
            pacer
                .acquire("h", Duration::ZERO, &AtomicBool::new(false))
                .unwrap(),
        );
        assert!(Instant::now() >= until);
    }

    #[test]
    fn one_turn_at_a_time_and_the_flag_ends_the_wait() {
        let pacer = Arc::new(Pacer::new());
        let held = pacer
            .acquire("h", Duration::ZERO, &AtomicBool::new(false))
            .unwrap();
        let cancel = Arc::new(AtomicBool::new(false));
        let (p, c) = (Arc::clone(&pacer), Arc::clone(&cancel));
        let waiter = std::thread::spawn(move || p.acquire("h", Duration::ZERO, &c).map(drop));
        std::thread::sleep(Duration::from_millis(30));
        assert!(!waiter.is_finished());
        cancel.store(true, Ordering::Relaxed);
        assert_eq!(waiter.join().unwrap(), Err(Cancelled));
        drop(held);
        assert!(
            pacer
                .acquire("h", Duration::ZERO, &AtomicBool::new(false))
                .is_ok()
        );
    }
}
