//! A subcommand typed wrong reads to clap as a corpus file followed by
//! stray words (`paperboat serach mamba`): caught before clap sees it, and
//! told as what it most likely is.

use std::ffi::OsString;
use std::path::Path;

use clap::CommandFactory;

use super::Args;

/// Options before the subcommand that take a value as the next argument.
const TAKES_VALUE: [&str; 3] = ["--corpus", "--config-dir", "--cache-dir"];

/// `no such file 'serach'; did you mean 'paperboat search'?` when the
/// first word of `args` (after the program's name) is no file but is
/// within two edits of a subcommand.
pub fn misspelt_subcommand(args: &[OsString]) -> Option<String> {
    let mut words = args.iter().skip(1);
    let first = loop {
        let arg = words.next()?.to_str()?;
        if TAKES_VALUE.contains(&arg) {
            words.next();
        } else if arg == "--" {
            return None;
        } else if !arg.starts_with('-') {
            break arg;
        }
    };
    if Path::new(first).exists() {
        return None;
    }
    let command = Args::command();
    let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
    if names.contains(&first) {
        return None;
    }
    let nearest = crate::query::nearest_name(first, &names, 2)?;
    Some(format!(
        "no such file '{}'; did you mean 'paperboat {nearest}'?",
        crate::corpus::sanitize::clean_line(first)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str) -> Option<String> {
        let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
        misspelt_subcommand(&args)
    }

    #[test]
    fn near_subcommands_are_named_and_files_and_subcommands_pass() {
        assert_eq!(
            check("paperboat serach mamba").as_deref(),
            Some("no such file 'serach'; did you mean 'paperboat search'?")
        );
        assert_eq!(
            check("paperboat bookmark list").as_deref(),
            Some("no such file 'bookmark'; did you mean 'paperboat bookmarks'?")
        );
        assert!(
            check("paperboat --config-dir serach shwo x")
                .unwrap()
                .contains("'paperboat show'")
        );
        assert_eq!(check("paperboat search mamba"), None);
        assert_eq!(check("paperboat"), None);
        assert_eq!(check("paperboat papers-2024.json"), None, "far from any");
        assert_eq!(check("paperboat Cargo.toml"), None, "a file");
        assert_eq!(check("paperboat --help"), None);
    }
}
