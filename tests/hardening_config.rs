//! Hardening of the output and the config file: a closed pipe is the end
//! of the output, a full or closed stdout an error; a config file that is
//! not a regular file, or not readable, never stops or hangs the reader.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use tempfile::TempDir;

const ID: &str = "mmed-rag-versatile-multimodal-rag-system-for-medical-vision-language-models";

/// The built binary on a temp config and cache dir, as a plain command.
fn binary(dir: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("paperboat"));
    cmd.env_remove("PAPERBOAT_CONFIG_DIR")
        .env("PAPERBOAT_CACHE_DIR", dir.join("cache"))
        .env("PAPERBOAT_DATA_DIR", dir.join("data"))
        .env("BROWSER", "/bin/false")
        .env("NO_COLOR", "1")
        .arg("--config-dir")
        .arg(dir);
    cmd
}

/// Every output path: clap's own, each subcommand that prints.
fn every_output(dir: &Path) -> Vec<Vec<String>> {
    common::write(dir, "q.json", r#"[{"title": "A paper"}]"#);
    let corpus = dir.join("q.json").display().to_string();
    let run = |args: &[&str]| {
        let status = binary(dir).args(args).stdout(Stdio::null()).status();
        assert!(status.unwrap().success(), "{args:?}");
    };
    run(&["bookmarks", "add", ID]);
    run(&["queries", "add", "mine", "mamba"]);
    let lines = [
        "--help",
        "--version",
        "search --help",
        "completions bash",
        "completions zsh",
        "man",
        "search mamba",
        "search mamba --format json",
        &format!("similar {ID}"),
        &format!("show {ID}"),
        "tags",
        "tags --timeline",
        "bookmarks list",
        "bookmarks export --format bibtex",
        "queries list",
        "cache list",
        "config default",
        "config path",
        "config check",
        &format!("open {ID} --print"),
        &format!("check {corpus}"),
    ];
    lines
        .iter()
        .map(|l| l.split(' ').map(str::to_string).collect())
        .collect()
}

fn one_line_on_stderr(output: &std::process::Output, args: &[String], expected: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.contains(expected), "{args:?}: {stderr}");
    assert!(!stderr.contains("internal error"), "{args:?}: {stderr}");
}

#[test]
fn a_pipe_closed_by_its_reader_ends_every_command_quietly() {
    let dir = TempDir::new().unwrap();
    for args in every_output(dir.path()) {
        let mut child = binary(dir.path())
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before a byte is read: `| head -0`.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn a_full_stdout_is_one_line_and_exit_2() {
    let dir = TempDir::new().unwrap();
    for args in every_output(dir.path()) {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = binary(dir.path())
            .args(&args)
            .stdout(full)
            .output()
            .unwrap();
        one_line_on_stderr(&output, &args, "No space left on device");
    }
}

#[test]
fn a_closed_stdout_is_one_line_and_exit_2() {
    let dir = TempDir::new().unwrap();
    for args in every_output(dir.path()) {
        let output = Command::new("sh")
            .arg("-c")
            .arg("exec \"$@\" >&-")
            .arg("sh")
            .arg(assert_cmd::cargo::cargo_bin("paperboat"))
            .arg("--config-dir")
            .arg(dir.path())
            .args(&args)
            .env_remove("PAPERBOAT_CONFIG_DIR")
            .env("PAPERBOAT_DATA_DIR", dir.path().join("data"))
            .env("PAPERBOAT_CACHE_DIR", dir.path().join("cache"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        one_line_on_stderr(&output, &args, "standard output");
    }
}

/// Runs `cmd` to its end, or kills it after 20 seconds and fails: a hang
/// is a failure, not a stuck test.
fn finishes(mut cmd: Command) -> std::process::Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("{cmd:?} did not finish");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// `config check` on `dir`: exit 2 and one line containing `expected`,
/// never a `:0:0:` position.
fn check_refuses(dir: &Path, expected: &str) {
    let mut cmd = binary(dir);
    cmd.args(["config", "check"]);
    let output = finishes(cmd);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(expected), "{stderr}");
    assert!(!stderr.contains(":0:0:"), "{stderr}");
}

#[test]
fn a_config_file_that_is_not_a_regular_file_is_refused_at_once() {
    let dir = TempDir::new().unwrap();
    let config = dir.path().join("config.toml");
    mkfifo(&config);
    check_refuses(dir.path(), "config.toml: is a FIFO, not a regular file");
    std::fs::remove_file(&config).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &config).unwrap();
    check_refuses(dir.path(), "config.toml: is a device, not a regular file");
    std::fs::remove_file(&config).unwrap();
    std::fs::write(&config, "#".repeat(2_000_000)).unwrap();
    check_refuses(dir.path(), "config.toml: is larger than 1.0 MB");
}

#[test]
fn a_config_dir_that_is_a_file_is_one_line_without_a_position() {
    let dir = TempDir::new().unwrap();
    let file = common::write(dir.path(), "in-the-way", "x");
    check_refuses(&file, "in-the-way: the config directory is a file");
    check_refuses(&file.join("below"), "the config directory is a file");
}

#[test]
fn config_check_refuses_an_empty_corpus_and_a_directory() {
    let dir = TempDir::new().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[reader]\ncorpus = \"\"\n").unwrap();
    check_refuses(dir.path(), "config.toml:2:10: `corpus` is empty");
    std::fs::create_dir(dir.path().join("papers")).unwrap();
    std::fs::write(&config, "[reader]\nsort = \"date\"\ncorpus = \"papers\"\n").unwrap();
    check_refuses(dir.path(), "config.toml:3:10: `corpus` names a directory");
    std::fs::write(&config, "[reader]\ncorpus = \"papers/x.json\"\n").unwrap();
    std::fs::write(dir.path().join("papers/x.json"), "[]").unwrap();
    let output = finishes({
        let mut cmd = binary(dir.path());
        cmd.args(["config", "check"]);
        cmd
    });
    assert!(output.status.success());
}

/// The reader on a config dir whose `config.toml` cannot be read: it
/// starts on the defaults, says why in the status line, and quits on `q`.
fn reader_starts_without_the_config(config_dir: &Path, expected: &str) {
    let mut reader = common::pty::Reader::start(&[], config_dir, 160, 24);
    let screen = reader.wait_for("the reason in the status line", |s| {
        s.contains(expected) && s.contains("the defaults are in effect")
    });
    assert!(screen.contains("/ 192"), "{screen}");
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
    common::pty::assert_restored(&reader);
}

#[test]
fn the_reader_starts_without_a_config_it_cannot_read() {
    let dir = TempDir::new().unwrap();
    let file = common::write(dir.path(), "in-the-way", "x");
    reader_starts_without_the_config(&file, "the config directory is a file");
    let fifo_dir = dir.path().join("fifo");
    std::fs::create_dir(&fifo_dir).unwrap();
    mkfifo(&fifo_dir.join("config.toml"));
    reader_starts_without_the_config(&fifo_dir, "is a FIFO, not a regular file");
}

/// `V` picks all 192 papers of the bundled corpus, `E` exports them to
/// `path`.
fn export_all(reader: &mut common::pty::Reader, path: &Path) {
    reader.send("V");
    reader.wait_for("the picks", |s| s.contains("192 selected"));
    reader.send("E");
    reader.wait_for("the export popup", |s| s.contains("papers.bib"));
    reader.send("\x15");
    reader.send(&path.display().to_string());
    reader.send("\r");
}

fn files_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn an_export_shows_its_progress_and_esc_or_ctrl_c_cancels_it_leaving_no_file() {
    let dir = TempDir::new().unwrap();
    let out = TempDir::new().unwrap();
    let path = out.path().join("all.json");
    let pause = [("PAPERBOAT_TEST_EXPORT_PAUSE_MS", "100")];
    let mut reader = common::pty::Reader::start_with_env(&[], dir.path(), 160, 30, &pause);
    reader.wait_for("the start screen", |s| s.contains("/ 192"));
    export_all(&mut reader, &path);
    reader.wait_for("the progress", |s| {
        s.contains("exporting 192 papers to") && s.contains("% · Esc cancels")
    });
    reader.send("\x1b");
    let screen = reader.wait_for("the cancel", |s| s.contains("not exported: cancelled"));
    assert!(screen.contains("no file was written"), "{screen}");
    assert!(
        files_in(out.path()).is_empty(),
        "{:?}",
        files_in(out.path())
    );
    // Ctrl-c stops an export and quits.
    export_all(&mut reader, &path);
    reader.wait_for("the progress", |s| s.contains("% · Esc cancels"));
    reader.send("\x03");
    assert_eq!(reader.wait_exit(), 0);
    common::pty::assert_restored(&reader);
    assert!(
        files_in(out.path()).is_empty(),
        "{:?}",
        files_in(out.path())
    );
}

#[test]
fn an_export_written_beside_the_keyboard_says_how_many_with_separators() {
    let dir = TempDir::new().unwrap();
    let out = TempDir::new().unwrap();
    let path = out.path().join("all.md");
    let pause = [("PAPERBOAT_TEST_EXPORT_PAUSE_MS", "5")];
    let mut reader = common::pty::Reader::start_with_env(&[], dir.path(), 160, 30, &pause);
    reader.wait_for("the start screen", |s| s.contains("/ 192"));
    export_all(&mut reader, &path);
    reader.wait_for("the export", |s| s.contains("exported 192 papers to"));
    assert_eq!(files_in(out.path()), ["all.md"]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 192);
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
}
