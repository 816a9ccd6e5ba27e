//! A writer of `read.json` killed with SIGKILL at any moment of a save
//! leaves the old file or the new one, never a broken one.
//!
//! The writer must be a process of its own so that it can be killed. This
//! file has its own `main` (`harness = false` in Cargo.toml): run with
//! `--write-until-killed DIR` it is that writer; run as Cargo runs tests it
//! is the test, which starts this same executable as the writer. So the
//! writer is never a test that passes by doing nothing, and it is built
//! with the test by `cargo test` alone, on a fresh clone as anywhere.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use paperboat::store::read_state::{ReadChange, ReadStore};
use tempfile::TempDir;

/// The test's name, for `--list` and for filters.
const NAME: &str = "a_writer_killed_mid_save_leaves_the_old_or_the_new_file";
/// The argument that makes this executable the writer.
const WRITER: &str = "--write-until-killed";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, dir] = args.as_slice()
        && flag == WRITER
    {
        write_until_killed(Path::new(dir));
    }
    if args.iter().any(|a| a == "--list") {
        println!("{NAME}: test");
        return;
    }
    if !selected(&args) {
        println!("\nrunning 0 tests\n\ntest result: ok. 0 passed; 0 failed; 1 filtered out\n");
        return;
    }
    println!("\nrunning 1 test");
    a_writer_killed_mid_save_leaves_the_old_or_the_new_file();
    println!("test {NAME} ... ok\n\ntest result: ok. 1 passed; 0 failed\n");
}

/// Whether the test runner's arguments (filters, `--exact`, `--skip`,
/// `--ignored`) select this file's one test.
fn selected(args: &[String]) -> bool {
    let exact = args.iter().any(|a| a == "--exact");
    let mut filters = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            // Only ignored tests are asked for, and this one is not.
            "--ignored" => return false,
            "--skip" => {
                if args.next().is_some_and(|skip| NAME.contains(skip.as_str())) {
                    return false;
                }
            }
            // Options with a value: the value is not a filter.
            "--test-threads" | "--format" | "--color" | "-Z" | "--logfile" => {
                args.next();
            }
            flag if flag.starts_with('-') => {}
            filter => filters.push(filter),
        }
    }
    filters.is_empty()
        || filters
            .iter()
            .any(|f| if exact { NAME == *f } else { NAME.contains(f) })
}

/// Marks papers read in `dir`, one save each, until killed: `pN` where
/// `N` marks are there already, then `pN+1`, and so on.
fn write_until_killed(dir: &Path) -> ! {
    let store = ReadStore::new(dir);
    let first = store.load().expect("the file parses").len();
    for i in first.. {
        store
            .apply(ReadChange::Read(vec![format!("p{i}")]))
            .expect("the writer can save");
    }
    unreachable!("a writer runs until it is killed")
}

/// Starts this executable as the writer in `dir`.
fn start_writer(dir: &Path) -> Child {
    Command::new(std::env::current_exe().expect("the test's own path"))
        .arg(WRITER)
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the writer starts")
}

/// Waits until the writer has saved at least once more than `before`
/// marks, so that the kill falls among its saves rather than before its
/// first one; panics if it never does.
fn wait_for_saves(store: &ReadStore, before: usize, writer: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while store.load().map_or(0, |read| read.len()) <= before {
        if let Some(status) = writer.try_wait().expect("the writer's status") {
            panic!("the writer stopped by itself: {status}");
        }
        assert!(Instant::now() < deadline, "the writer never saved");
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn a_writer_killed_mid_save_leaves_the_old_or_the_new_file() {
    let dir = TempDir::new().unwrap();
    let store = ReadStore::new(PathBuf::from(dir.path()));
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..12 {
        let before = store.load().unwrap().len();
        let mut writer = start_writer(dir.path());
        wait_for_saves(&store, before, &mut writer);
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // The sleep is what is tested: the writer saves for a varying
        // moment and is killed wherever in a save that moment ends.
        std::thread::sleep(Duration::from_millis(seed % 60));
        writer.kill().unwrap();
        writer.wait().unwrap();
        // Whatever moment it died at, the file parses, and each run only
        // added to what the one before left.
        let read = store.load().unwrap();
        assert!(read.len() > before, "the run added marks");
        assert!((0..read.len()).all(|i| read.contains(&format!("p{i}"))));
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("corrupt"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
