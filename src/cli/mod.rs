//! The subcommands. Each writes to any `io::Write` and returns a [`Status`];
//! [`run`] turns that into an exit code and every error into one line.

mod args;
mod check;
mod import;
mod search;
mod show;
mod tags;

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

pub use args::{Args, Command, Common, Format, ImportSource};

use crate::corpus::{Corpus, LoadError, load_file};
use crate::import::ImportError;

/// How a successful command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Exit 0.
    Done,
    /// Exit 1: a search matched nothing.
    NothingMatched,
    /// The reader was ended by a signal: exit 128+N.
    Signalled(u8),
}

/// Why a command failed; `Display` is the one line on stderr (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad usage or an unknown name.
    #[error("{0}")]
    Usage(String),
    /// A corpus that does not load.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A page that does not import.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// Writing the output failed.
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Runs the parsed command line; the exit code follows PRODUCT.md section 7.
pub fn run(args: Args) -> ExitCode {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = dispatch(args, &mut out).and_then(|status| {
        out.flush()?;
        Ok(status)
    });
    match result {
        Ok(Status::Done) => ExitCode::SUCCESS,
        Ok(Status::NothingMatched) => ExitCode::from(1),
        Ok(Status::Signalled(code)) => ExitCode::from(code),
        // A closed pipe (`paperboat search x | head -1`) is not an error.
        Err(CliError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("paperboat: {e}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(args: Args, out: &mut impl Write) -> Result<Status, CliError> {
    let common = &args.common;
    match args.command {
        None => {
            let corpus = load_corpus(args.corpus_file.as_deref().or(common.corpus.as_deref()))?;
            match crate::tui::run(corpus).map_err(|e| CliError::Usage(e.to_string()))? {
                0 => Ok(Status::Done),
                signal => Ok(Status::Signalled(signal)),
            }
        }
        Some(Command::Search {
            query,
            limit,
            format,
            sort,
        }) => {
            // `--sort` is the `sort:` clause; the last one wins.
            let query = match sort {
                Some(key) => format!("{query} sort:{key}"),
                None => query,
            };
            search::run(
                &load_corpus(common.corpus.as_deref())?,
                &query,
                limit,
                format,
                out,
            )
        }
        Some(Command::Show { id }) => show::run(&load_corpus(common.corpus.as_deref())?, &id, out),
        Some(Command::Tags { query }) => tags::run(
            &load_corpus(common.corpus.as_deref())?,
            query.as_deref().unwrap_or(""),
            out,
        ),
        Some(Command::Check { file }) => check::run(&file, out),
        Some(Command::Import { source }) => import::run(source, out),
    }
}

/// The corpus at `path`, or the bundled one.
pub fn load_corpus(path: Option<&Path>) -> Result<Corpus, LoadError> {
    match path {
        Some(p) => load_file(p),
        None => Corpus::bundled(),
    }
}
