use std::process::ExitCode;

use clap::Parser;
use paperboat::cli::{self, Args};

fn main() -> ExitCode {
    cli::run(Args::parse())
}
