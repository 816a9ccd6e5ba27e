//! Opening links safely: which URLs may be opened at all, and the openers
//! that open them (the browser, `$BROWSER`, or a recording fake in tests).
//!
//! A corpus comes from anywhere, so a URL is refused unless it is plainly a
//! web address: `http` or `https`, a host, and no white space, quotes,
//! backslashes, angle brackets or control characters. Nothing is ever run
//! through a shell.

use std::ffi::OsString;
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// Why a URL is not opened; `Display` is the status line's reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Empty text.
    #[error("the link is empty")]
    Empty,
    /// White space, quotes, control characters and the like.
    #[error("the link contains {0}, refused")]
    BadCharacter(&'static str),
    /// A character that shows as nothing, so the link shown is not the
    /// link opened.
    #[error("the link contains an invisible character (U+{0:04X}), refused")]
    Invisible(u32),
    /// Not `http` or `https`.
    #[error("only http and https links are opened, not {0}")]
    Scheme(String),
    /// `http:host` or `http:/host`: the scheme is right but `//` is missing.
    #[error("the link has no `//` before its host (write {0}://host/...)")]
    NoSlashes(String),
    /// No host after the scheme.
    #[error("the link has no host")]
    NoHost,
    /// Not a URL at all.
    #[error("not a valid link ({0})")]
    Invalid(String),
}

/// The search for a paper's exact title on arXiv: what the reader offers
/// for a paper with no link.
pub fn arxiv_title_search(title: &str) -> String {
    // Quoted, as one phrase; quotes inside would end it early.
    let words: Vec<&str> = title
        .split(|c: char| c == '"' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let exact = format!("\"{}\"", words.join(" "));
    let query: String = url::form_urlencoded::byte_serialize(exact.as_bytes()).collect();
    format!("https://arxiv.org/search/?query={query}&searchtype=title")
}

/// Returns the URL when it may be opened, or why not.
pub fn validate(url: &str) -> Result<&str, Refusal> {
    if url.is_empty() {
        return Err(Refusal::Empty);
    }
    if let Some(c) = url.chars().find(|&c| is_forbidden(c)) {
        return Err(Refusal::BadCharacter(describe(c)));
    }
    if let Some(c) = url.chars().find(|&c| is_invisible(c)) {
        return Err(Refusal::Invisible(c as u32));
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        let scheme = url.split_once(':').map_or("no scheme", |(s, _)| s);
        if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
            return Err(Refusal::NoSlashes(scheme.to_ascii_lowercase()));
        }
        return Err(Refusal::Scheme(format!("`{}`", scheme_for_message(scheme))));
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(Refusal::Scheme(format!("`{}`", scheme_for_message(scheme))));
    }
    // `https:///etc` would otherwise parse with the path taken as the host.
    if rest.is_empty() || rest.starts_with(['/', '?', '#']) {
        return Err(Refusal::NoHost);
    }
    let parsed = url::Url::parse(url).map_err(|e| match e {
        url::ParseError::EmptyHost => Refusal::NoHost,
        other => Refusal::Invalid(other.to_string()),
    })?;
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(Refusal::NoHost);
    }
    Ok(url)
}

fn scheme_for_message(scheme: &str) -> String {
    scheme.chars().take(20).collect()
}

fn is_forbidden(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '"' | '\'' | '`' | '\\' | '<' | '>')
        || super::sanitize::is_unsafe(c)
        || c == super::sanitize::REPLACEMENT
}

/// Unicode's default-ignorable code points (DerivedCoreProperties.txt):
/// characters a terminal or a browser draws as nothing, such as U+200B ZERO
/// WIDTH SPACE, U+2060 WORD JOINER, U+FEFF, U+00AD SOFT HYPHEN and U+034F
/// COMBINING GRAPHEME JOINER. A link holding one looks like another.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

fn describe(c: char) -> &'static str {
    match c {
        '"' | '\'' | '`' => "a quote",
        '\\' => "a backslash",
        '<' | '>' => "an angle bracket",
        c if c.is_whitespace() => "white space",
        _ => "a control character",
    }
}

/// Something that opens URLs. Implementations must not block.
pub trait Opener {
    /// Opens a URL that passed [`validate`]; the error is one line.
    fn open(&self, url: &str) -> Result<(), String>;
}

/// The user's browser: `$BROWSER` when set (its words are the command; the
/// URL replaces `%s` or is appended as one argument), else the platform's
/// opener through the `open` crate.
pub struct SystemOpener {
    browser: Option<OsString>,
}

impl SystemOpener {
    /// Reads `$BROWSER` once.
    pub fn from_env() -> SystemOpener {
        SystemOpener {
            browser: std::env::var_os("BROWSER").filter(|b| !b.is_empty()),
        }
    }
}

/// The program and arguments `$BROWSER` asks for with this URL: split on
/// white space, `%s` replaced by the URL, else the URL appended.
pub fn browser_command(browser: &str, url: &str) -> Option<(String, Vec<String>)> {
    let mut words = browser.split_whitespace();
    let program = words.next()?.to_string();
    let mut args: Vec<String> = words.map(str::to_string).collect();
    if args.iter().any(|a| a.contains("%s")) {
        for a in &mut args {
            *a = a.replace("%s", url);
        }
    } else {
        args.push(url.to_string());
    }
    Some((program, args))
}

impl Opener for SystemOpener {
    fn open(&self, url: &str) -> Result<(), String> {
        let url = validate(url).map_err(|r| r.to_string())?;
        match &self.browser {
            Some(browser) => {
                let browser = browser.to_string_lossy();
                let (program, args) = browser_command(&browser, url).ok_or("BROWSER is empty")?;
                spawn_detached(&program, &args)
            }
            None => open::that_detached(url)
                .map_err(|e| format!("could not open a browser: {}", super::io_reason(&e))),
        }
    }
}

/// Starts `program` with `args` and no terminal (its input, output and
/// errors go nowhere), without a shell; reaped on a thread of its own so
/// that no zombie is left and the caller never waits for it (a browser,
/// a PDF viewer).
pub fn spawn_detached(program: &str, args: &[impl AsRef<std::ffi::OsStr>]) -> Result<(), String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            let program = super::sanitize::clean_line(program);
            format!("could not start {program}: {}", super::io_reason(&e))
        })?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// A fake opener that records what it was asked to open.
#[derive(Default)]
pub struct RecordingOpener {
    /// The URLs opened, in order.
    pub opened: Mutex<Vec<String>>,
}

impl Opener for RecordingOpener {
    fn open(&self, url: &str) -> Result<(), String> {
        let url = validate(url).map_err(|r| r.to_string())?;
        self.opened
            .lock()
            .map_err(|_| "recorder poisoned".to_string())?
            .push(url.to_string());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(url: &str) -> Refusal {
        validate(url).expect_err(url)
    }

    #[test]
    fn hostile_urls_are_refused() {
        assert_eq!(
            refused("javascript:alert(1)"),
            Refusal::Scheme("`javascript`".into())
        );
        assert_eq!(
            refused("file:///etc/passwd"),
            Refusal::Scheme("`file`".into())
        );
        assert_eq!(
            refused("data:text/html,<script>"),
            Refusal::BadCharacter("an angle bracket")
        );
        assert_eq!(
            refused("data:text/html;base64,AAAA"),
            Refusal::Scheme("`data`".into())
        );
        assert!(
            matches!(refused("-https://x.org"), Refusal::Scheme(_)),
            "a leading dash"
        );
        assert!(matches!(refused("--help"), Refusal::Scheme(_)));
        assert_eq!(
            refused("https://x.org/\"onload"),
            Refusal::BadCharacter("a quote")
        );
        assert_eq!(
            refused("https://x.org/'a'"),
            Refusal::BadCharacter("a quote")
        );
        assert_eq!(
            refused("https://x.org/a b"),
            Refusal::BadCharacter("white space")
        );
        assert_eq!(
            refused("https://x.org/a&rm -rf ~"),
            Refusal::BadCharacter("white space")
        );
        assert_eq!(
            refused("https://x.org/\u{7}"),
            Refusal::BadCharacter("a control character")
        );
        assert_eq!(
            refused("https://x.org/\u{1b}[2J"),
            Refusal::BadCharacter("a control character")
        );
        assert_eq!(
            refused("https://x.org/\u{9b}"),
            Refusal::BadCharacter("a control character")
        );
        assert_eq!(
            refused("https://x.org/\u{202e}gpj"),
            Refusal::BadCharacter("a control character")
        );
        assert_eq!(
            refused("https://x.org/a\nb"),
            Refusal::BadCharacter("white space")
        );
        assert_eq!(refused("https://"), Refusal::NoHost);
        assert_eq!(refused("https:///etc/passwd"), Refusal::NoHost);
        assert_eq!(refused("http://?q=1"), Refusal::NoHost);
        assert_eq!(refused(""), Refusal::Empty);
        assert_eq!(
            refused("github.com/a/b"),
            Refusal::Scheme("`no scheme`".into())
        );
        assert!(matches!(
            refused("https://exa mple.com"),
            Refusal::BadCharacter(_)
        ));
        assert!(matches!(refused("https://[::1"), Refusal::Invalid(_)));
    }

    #[test]
    fn invisible_characters_are_refused_wherever_they_are() {
        let invisible = [
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{2060}',
            '\u{2061}',
            '\u{FEFF}',
            '\u{AD}',
            '\u{34F}',
            '\u{61C}',
            '\u{180E}',
            '\u{FE0F}',
            '\u{E0041}',
            '\u{1D173}',
        ];
        for c in invisible {
            for url in [
                format!("https://git{c}hub.com/a/b"),
                format!("https://github.com/a{c}/b"),
                format!("https://github.com/a/b?q={c}"),
                format!("https://github.com/a/b{c}"),
            ] {
                assert_eq!(refused(&url), Refusal::Invisible(c as u32), "{url:?}");
            }
        }
        assert_eq!(
            Refusal::Invisible(0x200B).to_string(),
            "the link contains an invisible character (U+200B), refused"
        );
        // Visible non-ASCII text is fine.
        assert!(validate("https://example.org/café").is_ok());
    }

    #[test]
    fn a_missing_double_slash_is_named() {
        for (url, scheme) in [
            ("http:evil.com", "http"),
            ("https:evil.com/a", "https"),
            ("HTTP:/evil.com", "http"),
        ] {
            assert_eq!(refused(url), Refusal::NoSlashes(scheme.into()));
        }
        assert_eq!(
            refused("http:evil.com").to_string(),
            "the link has no `//` before its host (write http://host/...)"
        );
    }

    #[test]
    fn good_urls_pass_unchanged() {
        for url in [
            "https://github.com/richard-peng-xia/MMed-RAG",
            "http://tianrun-chen.github.io/xLSTM-UNet/",
            "https://example.org/search?q=mamba&sort=date#results",
            "https://huggingface.co/papers/2410.13085",
            "HTTPS://EXAMPLE.ORG/A",
            "https://user@example.org:8443/path",
            "https://bücher.example/",
        ] {
            assert_eq!(validate(url), Ok(url));
        }
    }

    #[test]
    fn browser_commands_take_the_url_as_one_argument() {
        let url = "https://x.org/?a=1&b=2";
        assert_eq!(
            browser_command("firefox", url),
            Some(("firefox".into(), vec![url.into()]))
        );
        assert_eq!(
            browser_command("firefox --new-window %s --flag", url),
            Some((
                "firefox".into(),
                vec!["--new-window".into(), url.into(), "--flag".into()]
            ))
        );
        assert_eq!(browser_command("   ", url), None);
    }

    #[test]
    fn the_recording_opener_refuses_like_the_real_one() {
        let fake = RecordingOpener::default();
        assert!(fake.open("https://github.com/a/b").is_ok());
        assert!(fake.open("file:///etc/passwd").is_err());
        assert_eq!(*fake.opened.lock().unwrap(), ["https://github.com/a/b"]);
    }
}
