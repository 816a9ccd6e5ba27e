//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod pty;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The built binary, with no access to the real config dir or browser.
pub fn paperboat(config_dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("paperboat").expect("binary is built");
    cmd.env_remove("PAPERBOAT_CONFIG_DIR")
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
