//! `paperboat pdf` against a local fixture server serving PDFs made here:
//! a download lands once under the data dir, an HTML page or a cut PDF
//! fails with one line and keeps no file, a kill -9 in the middle of a
//! download leaves no file named as the paper's, `--open` runs the
//! configured viewer with the path as one argument, `--clear` removes.

mod common;
mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use paperboat::pdftext::sample_pdf;
use support::fixture_server::{FixtureServer, Reply};

/// A corpus of papers whose PDFs come from `server`, written under `dir`.
fn corpus(dir: &Path, server: &FixtureServer) -> PathBuf {
    let link = |path: &str| format!(r#"[{{"kind": "project", "url": "{}"}}]"#, server.url(path));
    let paper = |id: &str, title: &str, links: String| {
        format!(
            r#"{{"id": "{id}", "title": "{title}", "abstract": "An abstract.", "authors": ["A. Author"], "links": {links}, "tags": []}}"#
        )
    };
    let papers = [
        paper(
            "2401.00001",
            "Retina segmentation with state space models",
            "[]".into(),
        ),
        paper(
            "html-paper",
            "A paper whose PDF link serves a page",
            link("/files/page.pdf"),
        ),
        paper(
            "cut-paper",
            "A paper whose PDF is cut short",
            link("/files/cut.pdf"),
        ),
        paper(
            "slow-paper",
            "A paper whose PDF comes slowly",
            link("/files/slow.pdf"),
        ),
        paper("no-source", "A paper with no PDF anywhere", "[]".into()),
        paper(
            "2401.00002",
            "Neovascularization graded by a network",
            "[]".into(),
        ),
        paper(
            "scanned",
            "A paper scanned as images",
            link("/files/scanned.pdf"),
        ),
    ];
    let text = format!(
        r#"{{"format": "paperboat-corpus", "version": 1, "name": "PDFs", "papers": [{}]}}"#,
        papers.join(",\n")
    );
    let path = dir.join("papers.json");
    fs::write(&path, text).unwrap();
    path
}

fn pdfs_dir(dir: &Path) -> PathBuf {
    dir.join("data").join("pdfs")
}

/// `paperboat --corpus CORPUS pdf ARGS...`, to the end.
fn run_pdf(dir: &Path, server: &FixtureServer, corpus: &str, args: &[&str]) -> Output {
    let mut all = vec!["--corpus", corpus, "pdf"];
    all.extend(args);
    support::run(dir, server, &all)
}

/// The names in the PDFs folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(pdfs_dir(dir))
        .map(|read| {
            read.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn paper_pdf() -> Vec<u8> {
    sample_pdf(&[
        "Retina segmentation with state space models.",
        "The second page mentions choroidal neovascularization.",
    ])
}

#[test]
fn a_download_lands_once_under_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let server = FixtureServer::start();
    let pdf = paper_pdf();
    server.script("/pdf/2401.00001", [Reply::ok(pdf.clone())]);
    let corpus = corpus(dir.path(), &server);
    let corpus = corpus.to_str().unwrap();
    let out = run_pdf(dir.path(), &server, corpus, &["2401.00001"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kept = pdfs_dir(dir.path()).join("2401.00001.pdf");
    assert!(stdout.starts_with("2401.00001: "), "{stdout}");
    assert!(stdout.contains(&kept.display().to_string()), "{stdout}");
    assert_eq!(fs::read(&kept).unwrap(), pdf);
    assert_eq!(server.requests_to("/pdf/2401.00001").len(), 1);

    // Again: on disk already, nothing asked.
    let out = run_pdf(dir.path(), &server, corpus, &["2401.00001"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("on disk already"));
    assert_eq!(server.requests().len(), 1);

    let out = support::run(dir.path(), &server, &["library"]);
    let library = String::from_utf8_lossy(&out.stdout);
    let size = paperboat::units::bytes(pdf.len() as u64);
    assert!(
        library.contains(&format!("1 PDF · {size} · 1 searchable · ")),
        "{library}"
    );
    assert!(library.contains(&pdfs_dir(dir.path()).display().to_string()));
}

/// The ids `paperboat search QUERY` prints, best first.
fn found(dir: &Path, server: &FixtureServer, corpus: &str, query: &str) -> Vec<String> {
    let out = support::run(
        dir,
        server,
        &["--corpus", corpus, "search", query, "--format", "tsv"],
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_text_of_a_pdf_is_searchable_below_titles_and_has_pdf_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = FixtureServer::start();
    server.script("/pdf/2401.00001", [Reply::ok(paper_pdf())]);
    server.fallback("/files/scanned.pdf", Reply::ok(sample_pdf(&["", ""])));
    let corpus = corpus(dir.path(), &server);
    let corpus = corpus.to_str().unwrap();
    assert!(found(dir.path(), &server, corpus, "has:pdf").is_empty());
    assert_eq!(
        found(dir.path(), &server, corpus, "choroidal"),
        Vec::<String>::new()
    );

    let out = run_pdf(dir.path(), &server, corpus, &["2401.00001"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.trim_end().ends_with(" · 2 pages searchable"), "{said}");
    let out = run_pdf(dir.path(), &server, corpus, &["scanned"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "kept: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains(" · unreadable: no text in it"), "{said}");

    assert_eq!(
        found(dir.path(), &server, corpus, "has:pdf"),
        vec!["2401.00001", "scanned"]
    );
    assert_eq!(found(dir.path(), &server, corpus, "!has:pdf").len(), 5);
    // A word only the PDF holds: bare, and with body:.
    assert_eq!(
        found(dir.path(), &server, corpus, "choroidal"),
        vec!["2401.00001"]
    );
    assert_eq!(
        found(dir.path(), &server, corpus, "body:\"choroidal neovasc\""),
        vec!["2401.00001"]
    );
    assert!(found(dir.path(), &server, corpus, "body:retinopathy").is_empty());
    // Below a title that holds the word.
    assert_eq!(
        found(dir.path(), &server, corpus, "neovascularization"),
        vec!["2401.00002", "2401.00001"]
    );
    // The snippet says where in the PDF.
    let out = support::run(
        dir.path(),
        &server,
        &["--corpus", corpus, "search", "choroidal"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("p. 2: The second page mentions choroidal"),
        "{text}"
    );

    let out = support::run(dir.path(), &server, &["library"]);
    let library = String::from_utf8_lossy(&out.stdout);
    assert!(library.contains("2 PDFs · "), "{library}");
    assert!(
        library.contains(" · 1 searchable, 1 unreadable · "),
        "{library}"
    );
}

#[test]
fn an_html_page_a_cut_pdf_or_no_source_fail_with_one_line_and_keep_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let server = FixtureServer::start();
    let html = "<!DOCTYPE html><html><body>Just a moment...</body></html>";
    server.fallback(
        "/files/page.pdf",
        Reply::ok(html).header("Content-Type", "text/html"),
    );
    let pdf = paper_pdf();
    server.fallback("/files/cut.pdf", Reply::ok(pdf[..pdf.len() / 2].to_vec()));
    let corpus = corpus(dir.path(), &server);
    let corpus = corpus.to_str().unwrap();
    for (id, says) in [
        ("html-paper", "not a PDF: the response is an HTML page"),
        ("cut-paper", "the PDF is cut short"),
        ("no-source", "no PDF to download"),
    ] {
        let out = run_pdf(dir.path(), &server, corpus, &[id]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{id}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{id}: {stderr}");
        assert!(
            stderr.starts_with(&format!("paperboat: {id}: ")),
            "{stderr}"
        );
        assert!(stderr.contains(says), "{id}: {stderr}");
        assert!(out.stdout.is_empty());
    }
    assert!(
        names(dir.path()).is_empty(),
        "nothing kept: {:?}",
        names(dir.path())
    );

    // A response announcing 2 GB is refused before its body is read.
    server.fallback(
        "/files/page.pdf",
        Reply::raw(
            &b"HTTP/1.1 200 OK\r\nContent-Length: 2000000000\r\nConnection: close\r\n\r\n%PDF-1.4\n"[..],
        ),
    );
    let out = run_pdf(dir.path(), &server, corpus, &["html-paper"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr,
        "paperboat: html-paper: 127.0.0.1: the response is over 100 MiB\n"
    );
    assert!(names(dir.path()).is_empty());

    // Some done and some not: exit 1, the good one kept.
    server.script("/pdf/2401.00001", [Reply::ok(pdf)]);
    let out = run_pdf(dir.path(), &server, corpus, &["2401.00001", "html-paper"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(names(dir.path()), vec!["2401.00001.pdf", "2401.00001.txt"]);
}

#[test]
fn a_kill_in_the_middle_of_a_download_leaves_no_file_named_as_the_papers() {
    let dir = tempfile::tempdir().unwrap();
    let server = FixtureServer::start();
    let pdf = sample_pdf(&["slow"; 40]);
    server.script(
        "/files/slow.pdf",
        [Reply::ok(pdf.clone()).stall(pdf.len() / 2, Duration::from_secs(20))],
    );
    let corpus = corpus(dir.path(), &server);
    let mut child = support::paperboat(dir.path(), &server)
        .args(["--corpus", corpus.to_str().unwrap(), "pdf", "slow-paper"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the first half to be on disk, under a temporary name.
    let started = Instant::now();
    let partial = loop {
        let partial = fs::read_dir(pdfs_dir(dir.path())).ok().and_then(|read| {
            read.flatten().find(|e| {
                e.metadata()
                    .is_ok_and(|m| m.len() as usize >= pdf.len() / 2)
            })
        });
        if let Some(entry) = partial {
            break entry.file_name().to_string_lossy().into_owned();
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "no download began"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        partial.starts_with('.') && partial.ends_with(".part"),
        "{partial}"
    );
    // kill -9: no destructor, no cleanup.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!pdfs_dir(dir.path()).join("slow-paper.pdf").exists());
    assert!(names(dir.path()).iter().all(|n| n.starts_with('.')));
}

/// A viewer that writes each of its arguments on a line of `record`.
fn recording_viewer(dir: &Path) -> (PathBuf, PathBuf) {
    let script = dir.join("viewer.sh");
    let record = dir.join("viewer-args");
    fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\n",
            record.display()
        ),
    )
    .unwrap();
    let mut permissions = fs::metadata(&script).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    fs::set_permissions(&script, permissions).unwrap();
    (script, record)
}

/// Waits for the viewer (started beside the command) to write `lines`
/// arguments to `record`.
fn recorded(record: &Path, lines: usize) -> Vec<String> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        let text = fs::read_to_string(record).unwrap_or_default();
        if text.ends_with('\n') && text.lines().count() >= lines {
            return text.lines().map(str::to_string).collect();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the viewer never ran");
}

#[test]
fn open_runs_the_configured_viewer_with_the_path_as_one_argument_and_clear_removes() {
    let dir = tempfile::tempdir().unwrap();
    let server = FixtureServer::start();
    server.script("/pdf/2401.00001", [Reply::ok(paper_pdf())]);
    let corpus = corpus(dir.path(), &server);
    let corpus = corpus.to_str().unwrap();
    let (script, record) = recording_viewer(dir.path());
    fs::create_dir_all(dir.path().join("config")).unwrap();
    fs::write(
        dir.path().join("config").join("config.toml"),
        format!(
            "[reader]\npdf-viewer = \"'{}' --page 1 {{}}\"\n",
            script.display()
        ),
    )
    .unwrap();
    let out = run_pdf(dir.path(), &server, corpus, &["--open", "2401.00001"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kept = pdfs_dir(dir.path()).join("2401.00001.pdf");
    assert_eq!(
        recorded(&record, 3),
        vec!["--page".to_string(), "1".into(), kept.display().to_string()]
    );

    let out = run_pdf(dir.path(), &server, corpus, &["--clear", "2401.00001"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "2401.00001: removed\n"
    );
    assert!(!kept.exists());
    let out = run_pdf(dir.path(), &server, corpus, &["--clear", "2401.00001"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "paperboat: 2401.00001: no PDF on disk\n"
    );
    // A bad viewer setting is the config file's error, one line.
    fs::write(
        dir.path().join("config").join("config.toml"),
        "[reader]\npdf-viewer = \"view 'open\"\n",
    )
    .unwrap();
    let out = run_pdf(dir.path(), &server, corpus, &["2401.00001"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("config.toml:2:"), "{stderr}");
}

#[test]
fn in_the_reader_p_downloads_marks_and_opens_with_the_viewer_and_d_downloads() {
    let dir = tempfile::tempdir().unwrap();
    let server = FixtureServer::start();
    server.script("/pdf/2401.00001", [Reply::ok(paper_pdf())]);
    server.script(
        "/pdf/2401.00002",
        [Reply::ok(sample_pdf(&[
            "Grading of choroidal neovascularization.",
        ]))],
    );
    let corpus = corpus(dir.path(), &server);
    let record = dir.path().join("viewer-record");
    let viewer = common::recording_browser(dir.path(), &record);
    let data = dir.path().join("data");
    let pdf_base = server.url("/pdf");
    let mut reader = common::pty::Reader::start_with_env(
        &[corpus.to_str().unwrap()],
        &dir.path().join("config"),
        120,
        40,
        &[
            ("PAPERBOAT_DATA_DIR", data.to_str().unwrap()),
            ("PAPERBOAT_ARXIV_PDF", &pdf_base),
            ("PAPERBOAT_PDF_VIEWER", viewer.to_str().unwrap()),
            ("NO_COLOR", "1"),
        ],
    );
    reader.wait_for("the list", |s| s.contains("7 / 7"));
    // The first row is the first paper of the file.
    reader.send("P");
    reader.wait_for("the PDF opened", |s| {
        s.contains("opened the PDF of 2401.00001")
    });
    let kept = pdfs_dir(dir.path()).join("2401.00001.pdf");
    assert_eq!(
        common::recorded(&record, 1),
        vec!["1".to_string(), kept.display().to_string()],
        "the path, one argument"
    );
    let screen = reader.settle();
    let row = screen
        .lines()
        .find(|l| l.contains("Retina segmentation"))
        .unwrap();
    assert!(row.contains("▤"), "{row}");

    // d on another paper: its text becomes searchable from the reader.
    reader.send("/");
    reader.send("Neovascularization graded");
    reader.wait_for("one paper", |s| s.contains("1 / 7"));
    reader.send("\r");
    reader.send("d");
    reader.wait_for("the second PDF", |s| {
        s.contains("the PDF of 2401.00002 is on disk")
    });
    reader.send("/");
    reader.send("\x15");
    reader.send("has:pdf choroidal");
    let screen = reader.wait_for("both, by their text", |s| s.contains("2 / 7"));
    assert!(
        screen.contains("p. 2: The second page mentions choroidal"),
        "{screen}"
    );
    reader.send_settled("\x1b");
    reader.send("q");
    assert_eq!(reader.wait_exit(), 0);
    // The viewer ran once: `d` downloads without opening.
    assert_eq!(common::recorded(&record, 2).len(), 2);
}

/// Deflate data (fixed Huffman codes) for one zero byte and then `matches`
/// copies of the 258 bytes before: 13 bits that inflate to 258 bytes.
fn zeros_deflated(matches: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(matches * 13 / 8 + 16);
    let (mut byte, mut used) = (0u8, 0);
    // Bits go in from the least significant; Huffman codes most
    // significant bit first.
    let mut put = |bits: u32, count: u32, huffman: bool| {
        for k in 0..count {
            let bit = match huffman {
                true => bits >> (count - 1 - k) & 1,
                false => bits >> k & 1,
            };
            byte |= (bit as u8) << used;
            used += 1;
            if used == 8 {
                out.push(byte);
                (byte, used) = (0, 0);
            }
        }
    };
    put(1, 1, false); // the last block
    put(1, 2, false); // fixed codes
    put(0x30, 8, true); // the literal 0
    for _ in 0..matches {
        put(0b1100_0101, 8, true); // length 258
        put(0, 5, true); // distance 1
    }
    put(0, 7, true); // end of block
    put(0, 7, false);
    if used > 0 {
        out.push(byte);
    }
    out
}

/// A one-page PDF whose content stream inflates to about 1.5 GB.
fn bomb_pdf() -> Vec<u8> {
    let mut stream = vec![0x78, 0x01];
    stream.extend(zeros_deflated(6_000_000));
    stream.extend([0, 0, 0, 1]);
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".into(),
    ];
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).bytes());
    }
    offsets.push(pdf.len());
    pdf.extend(
        format!(
            "4 0 obj\n<< /Length {} /Filter /FlateDecode >>\nstream\n",
            stream.len()
        )
        .bytes(),
    );
    pdf.extend(&stream);
    pdf.extend(b"\nendstream\nendobj\n");
    let xref = pdf.len();
    pdf.extend(b"xref\n0 5\n0000000000 65535 f \n");
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    pdf.extend(format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes());
    pdf
}

#[test]
fn a_pdf_bomb_is_kept_as_unreadable_within_the_childs_limits() {
    let dir = tempfile::tempdir().unwrap();
    let server = FixtureServer::start();
    server.script("/pdf/2401.00001", [Reply::ok(bomb_pdf())]);
    let corpus = corpus(dir.path(), &server);
    let corpus = corpus.to_str().unwrap();
    let started = Instant::now();
    let out = run_pdf(dir.path(), &server, corpus, &["2401.00001"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The child's address-space limit stops the inflating: pdf-extract
    // then has the part it could hold (no text), or the child ends.
    assert!(said.contains(" · unreadable: "), "{said}");
    assert!(started.elapsed() < Duration::from_secs(60));
    assert_eq!(
        names(dir.path()),
        vec!["2401.00001.pdf", "2401.00001.unreadable"]
    );
    let library = String::from_utf8_lossy(&support::run(dir.path(), &server, &["library"]).stdout)
        .into_owned();
    assert!(
        library.contains("1 PDF · ") && library.contains("0 searchable, 1 unreadable"),
        "{library}"
    );
}

#[test]
fn a_link_to_this_machine_is_followed_only_at_the_named_mirror() {
    let dir = tempfile::tempdir().unwrap();
    let server = FixtureServer::start();
    let corpus = dir.path().join("inside.json");
    fs::write(
        &corpus,
        r#"{"format": "paperboat-corpus", "version": 1, "name": "x", "papers": [
            {"id": "inside", "title": "A link to a service on this machine", "abstract": "",
             "links": [{"kind": "project", "url": "http://127.0.0.1:9/admin/paper.pdf"}]}]}"#,
    )
    .unwrap();
    let out = support::run(
        dir.path(),
        &server,
        &["--corpus", corpus.to_str().unwrap(), "pdf", "inside"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "paperboat: inside: http://127.0.0.1:9/admin/paper.pdf: a paper's link to this machine or a private network is not followed\n"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn the_reader_searches_the_text_of_pdfs_downloaded_before_it_started() {
    let dir = tempfile::tempdir().unwrap();
    let server = FixtureServer::start();
    server.script("/pdf/2401.00001", [Reply::ok(paper_pdf())]);
    let corpus = corpus(dir.path(), &server);
    let corpus = corpus.to_str().unwrap();
    let out = run_pdf(dir.path(), &server, corpus, &["2401.00001"]);
    assert!(out.status.success());
    let data = dir.path().join("data");
    // The first time the file is read; the second it opens from the
    // cache, the catalog whole before the reader starts.
    for _ in 0..2 {
        let mut reader = common::pty::Reader::start_with_env(
            &[corpus],
            &dir.path().join("config"),
            120,
            40,
            &[
                ("PAPERBOAT_DATA_DIR", data.to_str().unwrap()),
                ("NO_COLOR", "1"),
            ],
        );
        reader.wait_for("the list", |s| s.contains("7 / 7"));
        reader.send("/");
        reader.send("choroidal");
        let screen = reader.wait_for("the paper, by its PDF", |s| s.contains("1 / 7"));
        assert!(
            screen.contains("p. 2: The second page mentions choroidal"),
            "{screen}"
        );
        reader.send_settled("\x1b");
        reader.send("q");
        assert_eq!(reader.wait_exit(), 0);
    }
}
