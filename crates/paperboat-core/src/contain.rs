//! Running library code that may panic on files it trusts (tantivy on an
//! index changed under it), so that its panic is a failed answer rather
//! than the end of the process, and says nothing on the way.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    /// Set while contained code runs on this thread.
    static CONTAINING: Cell<bool> = const { Cell::new(false) };
}

/// What `run` returns, or `None` if it panicked.
pub fn contained<T>(run: impl FnOnce() -> T) -> Option<T> {
    let was = CONTAINING.with(|c| c.replace(true));
    let result = catch_unwind(AssertUnwindSafe(run));
    CONTAINING.with(|c| c.set(was));
    result.ok()
}

/// Whether a panic now would be contained: the panic hook then stays
/// quiet and leaves the terminal as it is.
pub fn is_contained() -> bool {
    CONTAINING.with(Cell::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_an_answer_and_the_flag_is_put_back() {
        assert_eq!(contained(|| 3), Some(3));
        assert!(!is_contained());
        let inner = contained(|| {
            assert!(is_contained());
            contained(|| panic!("damaged"))
        });
        assert_eq!(inner, Some(None));
        assert!(!is_contained());
    }
}
