//! Opening a PDF on disk: with the viewer the user names (`[reader]
//! pdf-viewer`, else `$PAPERBOAT_PDF_VIEWER`), else the system's default.
//! No shell: the command is split into words, and the path is one
//! argument, whatever it holds.

use std::ffi::OsString;
use std::path::Path;

/// The variable naming the PDF viewer when the config file does not.
pub const VIEWER_VAR: &str = "PAPERBOAT_PDF_VIEWER";

/// Something that opens PDF files. Implementations must not block.
pub trait PdfOpener: Send + Sync {
    /// Opens the PDF at `path`; the error is one line.
    fn open_pdf(&self, path: &Path) -> Result<(), String>;
}

/// The viewer: a command (`zathura`, `zathura --fork {}`), or the
/// system's default when none is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfViewer {
    command: Option<String>,
}

impl PdfViewer {
    /// The viewer `configured` names, else `$PAPERBOAT_PDF_VIEWER`, else
    /// the system's default.
    pub fn new(configured: Option<&str>) -> PdfViewer {
        let named = |c: &String| !c.trim().is_empty();
        let command = configured
            .map(str::to_string)
            .filter(named)
            .or_else(|| std::env::var(VIEWER_VAR).ok().filter(named));
        PdfViewer { command }
    }

    /// The program and its arguments for `path`; `None` for the system's
    /// default, or a command with no words.
    pub fn command(&self, path: &Path) -> Option<Result<(String, Vec<OsString>), String>> {
        let command = self.command.as_deref()?;
        Some(viewer_command(command, path))
    }
}

/// `command` split into words (quotes group words; nothing else is
/// special), with `{}` in a word replaced by `path`, or `path` appended as
/// the last argument when no word holds `{}`.
pub fn viewer_command(command: &str, path: &Path) -> Result<(String, Vec<OsString>), String> {
    let words = split_words(command)?;
    let (program, rest) = words
        .split_first()
        .ok_or("the PDF viewer command is empty")?;
    let mut args: Vec<OsString> = Vec::with_capacity(rest.len() + 1);
    let mut placed = false;
    for word in rest {
        match word.split_once("{}") {
            Some((before, after)) => {
                let mut arg = OsString::from(before);
                arg.push(path.as_os_str());
                arg.push(after.replace("{}", &path.to_string_lossy()));
                args.push(arg);
                placed = true;
            }
            None => args.push(word.into()),
        }
    }
    if !placed {
        args.push(path.as_os_str().to_owned());
    }
    Ok((program.clone(), args))
}

/// Words of a command line: split at white space, `"…"` and `'…'`
/// keeping theirs.
fn split_words(command: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_with(String::new).push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    if quote.is_some() {
        return Err("the PDF viewer command has a quote that is not closed".into());
    }
    words.extend(word);
    Ok(words)
}

impl PdfOpener for PdfViewer {
    fn open_pdf(&self, path: &Path) -> Result<(), String> {
        match self.command(path) {
            Some(command) => {
                let (program, args) = command?;
                crate::corpus::links::spawn_detached(&program, &args)
            }
            None => open::that_detached(path)
                .map_err(|e| format!("could not open the PDF: {}", crate::corpus::io_reason(&e))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(command: &str, path: &str) -> (String, Vec<String>) {
        let (program, args) = viewer_command(command, Path::new(path)).unwrap();
        let args = args.into_iter().map(|a| a.into_string().unwrap()).collect();
        (program, args)
    }

    #[test]
    fn the_path_is_one_argument_placed_or_appended() {
        let path = "/data/pdfs/a b; rm -rf ~ $(x).pdf";
        assert_eq!(args("zathura", path), ("zathura".into(), vec![path.into()]));
        assert_eq!(
            args("zathura --fork {}", path),
            ("zathura".into(), vec!["--fork".into(), path.into()])
        );
        assert_eq!(
            args("viewer --file={} -x", path),
            ("viewer".into(), vec![format!("--file={path}"), "-x".into()])
        );
        assert_eq!(
            args("'/opt/My Viewer/bin/view' \"a b\" ''", "/p.pdf"),
            (
                "/opt/My Viewer/bin/view".into(),
                vec!["a b".into(), String::new(), "/p.pdf".into()]
            )
        );
    }

    #[test]
    fn empty_and_unclosed_commands_are_refused() {
        assert!(viewer_command("   ", Path::new("/p")).is_err());
        assert!(viewer_command("view 'open", Path::new("/p")).is_err());
        assert_eq!(
            PdfViewer::new(Some("  ")).command,
            std::env::var(VIEWER_VAR)
                .ok()
                .filter(|c| !c.trim().is_empty())
        );
    }
}
