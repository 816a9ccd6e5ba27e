//! Writes a deterministic synthetic corpus to standard output:
//!
//! ```text
//! cargo run --release --example synthetic -- COUNT [SEED] [--format native|daily-papers|arxiv]
//! cargo run --release --example synthetic -- COUNT [SEED] --fzf-lines
//! ```
//!
//! COUNT defaults to 10000 and SEED to 42. Every format carries the same
//! papers (titles, authors, dates, tags); `--fzf-lines` writes them as the
//! lines `fzf --filter` reads. Output is streamed, so any size fits.

mod formats;
mod fzf_lines;
mod generator;
mod record;

use std::io::{self, Write};
use std::process::ExitCode;

use formats::Format;

const USAGE: &str =
    "usage: synthetic [COUNT] [SEED] [--format native|daily-papers|arxiv | --fzf-lines]";

/// What to write.
enum Output {
    Corpus(Format),
    FzfLines,
}

struct Options {
    count: usize,
    seed: u64,
    output: Output,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut positional = Vec::new();
    let mut format = None;
    let mut fzf_lines = false;
    while let Some(arg) = args.next() {
        if arg == "--fzf-lines" {
            fzf_lines = true;
        } else if arg == "--format" || arg.starts_with("--format=") {
            let name = match arg.strip_prefix("--format=") {
                Some(name) => name.to_string(),
                None => args.next().ok_or("--format needs a value")?,
            };
            let found = Format::ALL.into_iter().find(|f| f.name() == name);
            format = Some(found.ok_or_else(|| format!("unknown format `{name}`"))?);
        } else if arg.starts_with('-') {
            return Err(format!("unknown option `{arg}`"));
        } else {
            positional.push(arg);
        }
    }
    let output = match (format, fzf_lines) {
        (Some(_), true) => return Err("--format and --fzf-lines exclude each other".into()),
        (_, true) => Output::FzfLines,
        (format, false) => Output::Corpus(format.unwrap_or(Format::Native)),
    };
    let number = |i: usize, default: u64| -> Result<u64, String> {
        positional.get(i).map_or(Ok(default), |text: &String| {
            text.parse().map_err(|_| format!("not a number: `{text}`"))
        })
    };
    if positional.len() > 2 {
        return Err(format!("unexpected argument `{}`", positional[2]));
    }
    Ok(Options {
        count: number(0, 10_000)? as usize,
        seed: number(1, 42)?,
        output,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let options = match parse(args.into_iter()) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("synthetic: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let written = match options.output {
        Output::Corpus(format) => format.write(&mut out, options.count, options.seed),
        Output::FzfLines => fzf_lines::write(&mut out, options.count, options.seed),
    };
    // A closed pipe (`| head`) or a full disk: stop quietly with a failure.
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}
