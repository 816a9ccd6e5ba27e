//! Loading corpus files with `load_file`, format by format, at 100k and 1M
//! papers; and for each file the peak memory of `paperboat search ''` on
//! it (which keeps and indexes every paper, as the reader does) against the
//! bytes of text the loaded papers keep.
//!
//! The files are generated once into `target/bench-corpora/` (the same
//! names `scripts/bench-vs-fzf.sh` uses) and reused; delete them after
//! changing the generator. A format this build's loader cannot read yet is
//! skipped with a note. `cargo bench --bench load -- 100k` runs one size.

#[path = "../examples/synthetic/formats/mod.rs"]
mod formats;
#[path = "../examples/synthetic/generator.rs"]
mod generator;
#[path = "../examples/synthetic/record.rs"]
mod record;

use std::cell::{Cell, OnceCell};
use std::fs::File;
use std::hint::black_box;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use paperboat::corpus::{Corpus, load_file};

use formats::Format;

/// The sizes and the formats loaded at each: every format, at 100k and 1M.
const CASES: &[(usize, &[Format])] = &[(100_000, &Format::ALL), (1_000_000, &Format::ALL)];
const SEED: u64 = 42;

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1));
    for &(count, formats) in CASES {
        // Ten loads fill the time when a 1M load takes 5 s; criterion never
        // takes fewer than ten samples, so a slower loader takes longer.
        let seconds = if count >= 1_000_000 { 50 } else { 10 };
        group.measurement_time(Duration::from_secs(seconds));
        for &format in formats {
            let id = format!("{}/{}k", format.name(), count / 1000);
            if let Err(reason) = readable(format) {
                eprintln!("load/{id}: skipped, the loader does not read this format yet: {reason}");
                continue;
            }
            // Generated and measured only when the benchmark runs, not on --list.
            let file: OnceCell<PathBuf> = OnceCell::new();
            let reported = Cell::new(false);
            let first: Cell<Option<Corpus>> = Cell::new(None);
            group.bench_function(&id, |b| {
                let file = file.get_or_init(|| {
                    corpus_file(format, count).expect("the corpus file is written")
                });
                // Reported here, outside the timing criterion also uses to
                // plan the samples.
                if let Some(corpus) = first.take() {
                    report(&id, file, &corpus, count);
                }
                // Timed by hand to leave out dropping the corpus.
                b.iter_custom(|iters| {
                    let mut spent = Duration::ZERO;
                    for _ in 0..iters {
                        let start = Instant::now();
                        let corpus = black_box(load_file(file).expect("the corpus loads"));
                        spent += start.elapsed();
                        if !reported.replace(true) {
                            first.set(Some(corpus));
                        }
                    }
                    spent
                })
            });
        }
    }
    group.finish();
}

/// Whether `load_file` reads this format: a file of a few papers loads, with
/// the titles and author counts they were generated with (a loader that
/// takes a Daily Papers array for bare native papers keeps titles only).
fn readable(format: Format) -> Result<(), String> {
    const PROBE: usize = 20;
    let file = corpus_file(format, PROBE).map_err(|e| e.to_string())?;
    let corpus = load_file(&file).map_err(|e| e.to_string())?;
    let generated = generator::Papers::new(PROBE, SEED);
    let same = corpus.papers.len() == PROBE
        && (corpus.papers.iter().zip(generated)).all(|(loaded, made)| {
            loaded.title == made.title && loaded.display_author_count() == made.authors.len()
        });
    if same {
        Ok(())
    } else {
        Err(format!(
            "{}: the papers loaded differ from those generated",
            file.display()
        ))
    }
}

/// One line on the file's memory use: the peak RSS of `paperboat search ''`
/// on it against the text the loaded papers keep.
fn report(id: &str, file: &Path, corpus: &Corpus, count: usize) {
    assert_eq!(corpus.papers.len(), count, "{}", file.display());
    let size = std::fs::metadata(file).map_or(0, |m| m.len());
    let kept = text_bytes(corpus);
    match peak_rss_of_search_all(file) {
        Ok(peak) => eprintln!(
            "load/{id}: file {}, peak RSS {}, text kept {} (ratio {:.1})",
            human(size),
            human(peak),
            human(kept),
            peak as f64 / kept.max(1) as f64
        ),
        Err(e) => eprintln!("load/{id}: peak RSS unknown: {e}"),
    }
}

/// `target/bench-corpora/FORMAT-COUNT-SEED.EXT`, written on first use.
fn corpus_file(format: Format, count: usize) -> io::Result<PathBuf> {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target dir holds tmp/");
    let dir = target.join("bench-corpora");
    let extension = match format {
        Format::Arxiv => "jsonl",
        Format::Native | Format::DailyPapers => "json",
    };
    let file = dir.join(format!("{}-{count}-{SEED}.{extension}", format.name()));
    if !file.exists() {
        std::fs::create_dir_all(&dir)?;
        // Written aside and renamed, so an interrupted run leaves no
        // truncated file to be reused.
        let partial = file.with_extension("partial");
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&partial)?);
        format.write(&mut out, count, SEED)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&partial, &file)?;
    }
    Ok(file)
}

/// The bytes of every string the loaded papers keep: what the loader must
/// hold at the least.
fn text_bytes(corpus: &Corpus) -> u64 {
    let all: usize = corpus
        .papers
        .iter()
        .map(|p| {
            p.id.len()
                + p.title.len()
                + p.abstract_text.len()
                + p.authors.iter().map(String::len).sum::<usize>()
                + p.organization.as_ref().map_or(0, String::len)
                + p.links.iter().map(|l| l.url.len()).sum::<usize>()
                + p.tags.iter().map(|t| t.as_str().len()).sum::<usize>()
        })
        .sum();
    all as u64
}

/// The peak resident memory of `paperboat search '' --corpus FILE`, in
/// bytes: every paper loaded and indexed.
fn peak_rss_of_search_all(file: &Path) -> io::Result<u64> {
    let child = Command::new(env!("CARGO_BIN_EXE_paperboat"))
        .args(["search", "", "--format", "tsv", "--no-cache", "--corpus"])
        .arg(file)
        .stdout(Stdio::null())
        .spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data, all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // wait4 reports this child's own usage; RUSAGE_CHILDREN would give the
    // largest of every child waited for so far.
    loop {
        // SAFETY: pid is our child, not yet waited for; the pointers are to
        // live locals.
        let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if waited == pid {
            break;
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        return Err(io::Error::other(format!(
            "paperboat search failed (wait status {status})"
        )));
    }
    // Linux reports ru_maxrss in KiB.
    Ok(usage.ru_maxrss as u64 * 1024)
}

/// `1.4 GiB`, `310.2 MiB`.
fn human(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    let b = bytes as f64;
    if b >= 1024.0 * MIB {
        format!("{:.1} GiB", b / (1024.0 * MIB))
    } else {
        format!("{:.1} MiB", b / MIB)
    }
}

/// The allocator the binary uses, so the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

criterion_group!(benches, load);
criterion_main!(benches);
