// No unsafe code but the look at stdout below, which says why.
#![deny(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

use std::process::ExitCode;

use clap::Parser;
use paperboat::cli::{self, Args};

/// Loading a large corpus makes tens of millions of small allocations, from
/// both cores at once; mimalloc does them several times faster than the
/// system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Looks at stdout before the runtime does: the runtime puts `/dev/null`
/// in place of a closed descriptor, after which `>&-` could not be told
/// from an output that is read.
#[cfg(target_os = "linux")]
#[used]
// Run before `main` from the init array: a section the linker must trust.
#[allow(unsafe_code)]
#[unsafe(link_section = ".init_array")]
static LOOK_AT_STDOUT: extern "C" fn() = look_at_stdout;

#[cfg(target_os = "linux")]
// Asking about a descriptor is a libc call, which is unsafe.
#[allow(unsafe_code)]
extern "C" fn look_at_stdout() {
    // SAFETY: F_GETFD only asks about the descriptor; it changes nothing.
    if unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) } == -1 {
        cli::output::mark_stdout_closed();
    }
}

fn main() -> ExitCode {
    // One clean line on a panic, wherever it happens: never a backtrace.
    paperboat::tui::install_panic_hook();
    // One clean line, and the terminal back, on a fault too.
    paperboat::tui::install_fault_handlers();
    let words: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The child that takes a PDF's text, which paperboat runs itself.
    if let Some(code) = cli::extract_text::run_if_asked(&words) {
        return code;
    }
    if let Some(message) = cli::misspelt_subcommand(&words) {
        eprintln!("paperboat: {message}");
        return ExitCode::from(2);
    }
    match Args::try_parse_from(words) {
        Ok(args) => cli::run(args),
        Err(e) => cli::clap_error(e),
    }
}
