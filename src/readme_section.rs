//! For tests: a part of the README made from the code (the key tables,
//! the default config file), checked against what the code makes, or
//! rewritten with `PAPERBOAT_UPDATE_README=1`.

use std::sync::Mutex;

/// Rewrites read and write the whole README: one at a time, or two tests
/// running at once would each undo the other's.
static README: Mutex<()> = Mutex::new(());

/// The README between `start` and `end` is `made`; `what` names the part
/// for the message when it is not.
pub(crate) fn check(start: &str, end: &str, made: &str, what: &str) {
    let _one_at_a_time = README
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let from = readme
        .find(start)
        .unwrap_or_else(|| panic!("the README's {what}"))
        + start.len();
    let to = from + readme[from..].find(end).expect("its end");
    if std::env::var_os("PAPERBOAT_UPDATE_README").is_some() {
        let updated = format!("{}{made}{}", &readme[..from], &readme[to..]);
        std::fs::write(path, updated).unwrap();
    } else {
        assert_eq!(
            readme[from..to],
            *made,
            "the README's {what} differ from the code (PAPERBOAT_UPDATE_README=1 cargo test readme rewrites them)"
        );
    }
}
