//! For tests: a part of the docs made from the code (the key tables in
//! `docs/keys.md`, the default config file in `docs/config.md`), checked
//! against what the code makes, or rewritten with `PAPERBOAT_UPDATE_README=1`.

use std::sync::Mutex;

/// Rewrites read and write whole pages: one at a time, or two tests
/// running at once on one page would each undo the other's.
static PAGES: Mutex<()> = Mutex::new(());

/// The page `page` (a path from the repository's root, such as
/// `docs/keys.md`) between `start` and `end` is `made`; `what` names the
/// part for the message when it is not.
pub(crate) fn check(page: &str, start: &str, end: &str, made: &str, what: &str) {
    let _one_at_a_time = PAGES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let path = format!("{}/{page}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{page}: {e}"));
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{page}'s {what}"))
        + start.len();
    let to = from + text[from..].find(end).expect("its end");
    if std::env::var_os("PAPERBOAT_UPDATE_README").is_some() {
        let updated = format!("{}{made}{}", &text[..from], &text[to..]);
        std::fs::write(&path, updated).unwrap();
    } else {
        assert_eq!(
            text[from..to],
            *made,
            "{page}'s {what} differ from the code (PAPERBOAT_UPDATE_README=1 cargo test --lib readme -- --test-threads=1 rewrites them)"
        );
    }
}
