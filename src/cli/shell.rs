//! `paperboat completions SHELL`, `paperboat man` and `paperboat config`:
//! what is made from the command line's own definition and the keymap.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use super::{Args, CliError, ConfigAction, Status};

/// The completion script for `shell`, from the clap definitions: it
/// completes subcommands, flags and their values (`--format`, `--theme`).
pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) -> Result<Status, CliError> {
    use clap_complete::Generator;
    let mut command = Args::command();
    command.set_bin_name("paperboat");
    command.build();
    // `generate` panics when the output cannot be written; this tells it.
    shell.try_generate(&command, out)?;
    Ok(Status::Done)
}

/// The manual page, in roff.
pub fn man(out: &mut impl Write) -> Result<Status, CliError> {
    clap_mangen::Man::new(Args::command()).render(out)?;
    Ok(Status::Done)
}

/// `config default|path|check`.
pub fn config(
    dir: Option<&Path>,
    action: ConfigAction,
    out: &mut impl Write,
) -> Result<Status, CliError> {
    match action {
        ConfigAction::Default => {
            out.write_all(crate::tui::config_file::default_file().as_bytes())?
        }
        ConfigAction::Path | ConfigAction::Check => {
            let dir = dir.ok_or_else(|| {
                CliError::Usage(crate::store::StoreError::NoConfigDir.to_string())
            })?;
            let path = dir.join(crate::config::FILE_NAME);
            if let ConfigAction::Path = action {
                writeln!(
                    out,
                    "{}",
                    crate::corpus::sanitize::clean_line(&path.display().to_string())
                )?;
            } else {
                match crate::tui::config_file::load(&path)? {
                    Some(_) => {
                        if let Some(config) = crate::config::Config::load(&path)? {
                            config.check_corpus_exists(dir)?;
                        }
                        writeln!(out, "ok")?
                    }
                    None => writeln!(out, "no config file; the defaults are in effect")?,
                }
            }
        }
    }
    Ok(Status::Done)
}
