//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod pty;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The built binary, with no access to the real config dir, cache dir or
/// browser: its cache is `cache` under `config_dir`.
pub fn paperboat(config_dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("paperboat").expect("binary is built");
    cmd.env_remove("PAPERBOAT_CONFIG_DIR")
        .env("PAPERBOAT_CACHE_DIR", config_dir.join("cache"))
        .env("PAPERBOAT_DATA_DIR", config_dir.join("data"))
        .env("BROWSER", "/bin/false")
        .env("NO_COLOR", "1")
        .arg("--config-dir")
        .arg(config_dir);
    cmd
}

/// A file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Writes `text` to `name` in `dir` and returns its path.
pub fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temp dir is writable");
    path
}

/// A `BROWSER` stand-in: a script that appends its arguments, one per line
/// after a count line, to `record`; returns the script's path.
pub fn recording_browser(dir: &Path, record: &Path) -> PathBuf {
    let script = dir.join("browser.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n{{ echo \"$#\"; for a in \"$@\"; do echo \"$a\"; done; }} >> '{}'\n",
            record.display()
        ),
    )
    .expect("temp dir is writable");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    script
}

/// The lines `recording_browser` wrote, once `count` launches arrived (or
/// after a few seconds).
pub fn recorded(record: &Path, count: usize) -> Vec<String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let lines: Vec<String> = std::fs::read_to_string(record)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect();
        let launches = count_launches(&lines);
        if launches >= count || std::time::Instant::now() > deadline {
            return lines;
        }
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
}

fn count_launches(lines: &[String]) -> usize {
    let mut i = 0;
    let mut n = 0;
    // A launch counts once all its lines are written: the script writes
    // them one by one, and a read may fall in between.
    while let Some(count) = lines.get(i).and_then(|l| l.parse::<usize>().ok()) {
        if lines.len() < i + 1 + count {
            break;
        }
        i += count + 1;
        n += 1;
    }
    n
}

/// Waits until the clock is in a later whole second than now: times
/// written so far, to the second, are then before any written next.
pub fn wait_for_the_next_second() {
    let second = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("the clock is after 1970")
            .as_secs()
    };
    let now = second();
    while second() <= now {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// A small corpus with several links per paper, hostile ones included.
pub const LINKS_CORPUS: &str = r#"{"format": "paperboat-corpus", "version": 1, "name": "Links", "papers": [
  {"id": "many", "title": "A Paper With Many Links", "published": "2025-01-02",
   "links": [
     {"kind": "paper", "url": "https://arxiv.org/abs/2501.00001"},
     {"kind": "code", "url": "https://github.com/lab/many?tab=readme&x=1"},
     {"kind": "project", "url": "https://lab.github.io/many/"}
   ]},
  {"id": "hostile", "title": "A Paper With Hostile Links", "published": "2024-01-01",
   "links": [
     {"kind": "code", "url": "javascript:alert(1)"},
     {"kind": "project", "url": "file:///etc/passwd"},
     {"kind": "project", "url": "https://x.org/a b"},
     {"kind": "project", "url": "-https://x.org"}
   ]}
]}"#;

/// Makes a FIFO at `path`: a file that blocks whoever opens it until the
/// other end is opened too.
#[cfg(unix)]
pub fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("no NUL in temp paths");
    // SAFETY: `c_path` is a valid NUL-terminated string that outlives the call.
    let status = unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) };
    assert_eq!(status, 0, "mkfifo {}", path.display());
}

/// The text's characters that a terminal would obey: C0 and C1 controls
/// (line breaks aside), DEL, and the bidi overrides and isolates.
pub fn terminal_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// Every `.rs` file under `dir`, sorted; none when it does not exist.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}
