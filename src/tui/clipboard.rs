//! Copying to the clipboard of the terminal the reader runs in, wherever
//! that is (over SSH too): an OSC 52 sequence, which the terminal turns
//! into a clipboard write. Inside tmux, the sequence either goes to tmux
//! as it is (tmux takes it when `set-clipboard` is `on`) or is wrapped to
//! pass through tmux to the terminal outside (`allow-passthrough on`).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// The most text one copy carries: the base64 of it stays within the
/// 100,000 bytes that the strictest terminals (hterm, older tmux) accept.
pub const MAX_TEXT: usize = 74_994;

/// How the sequence reaches the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Written as it is: a terminal, or tmux with `set-clipboard on`.
    Direct,
    /// Wrapped in tmux's passthrough DCS, for the terminal outside tmux.
    TmuxPassthrough,
}

/// The route for this session: direct outside tmux; inside it (`$TMUX`
/// set), direct when tmux says it takes OSC 52 itself, else wrapped.
pub fn route() -> Route {
    if std::env::var_os("TMUX").is_none_or(|t| t.is_empty()) {
        return Route::Direct;
    }
    match tmux_option("set-clipboard").as_deref() {
        Some("on") => Route::Direct,
        _ => Route::TmuxPassthrough,
    }
}

impl Route {
    /// Whether a copy on this route is known to reach a clipboard: tmux
    /// with `set-clipboard on` takes it; wrapped, it reaches one only if
    /// tmux lets it pass (`allow-passthrough on`), which cannot be asked.
    pub fn is_confirmed(self) -> bool {
        self == Route::Direct
    }
}

/// A tmux server option's value, or `None` when tmux does not answer
/// within a moment.
fn tmux_option(name: &str) -> Option<String> {
    let mut child = Command::new("tmux")
        .args(["show-options", "-sv", name])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let deadline = Instant::now() + Duration::from_millis(300);
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => break,
            Ok(Some(_)) | Err(_) => return None,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    let output = child.wait_with_output().ok()?;
    Some(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// The bytes that put `text` on the clipboard: `ESC ] 52 ; c ; BASE64 BEL`,
/// wrapped for tmux when the route says so (every ESC inside doubled).
/// The text travels as base64 only, so nothing in it reaches the terminal
/// as text or as a command.
pub fn osc52(text: &str, route: Route) -> Vec<u8> {
    let payload = STANDARD.encode(text.as_bytes());
    let sequence = format!("\x1b]52;c;{payload}\x07");
    match route {
        Route::Direct => sequence.into_bytes(),
        Route::TmuxPassthrough => {
            format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b")).into_bytes()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_travels_as_base64_only() {
        let text = "A \u{1b}]0;title\u{7} \u{9b}2J title";
        let direct = osc52(text, Route::Direct);
        let payload = STANDARD.encode(text);
        assert_eq!(direct, format!("\x1b]52;c;{payload}\x07").into_bytes());
        assert_eq!(direct.iter().filter(|&&b| b == 0x1b).count(), 1);
        let wrapped = osc52(text, Route::TmuxPassthrough);
        assert_eq!(
            wrapped,
            format!("\x1bPtmux;\x1b\x1b]52;c;{payload}\x07\x1b\\").into_bytes()
        );
    }

    #[test]
    fn the_largest_text_stays_within_100_000_bytes() {
        let text = "x".repeat(MAX_TEXT);
        assert!(osc52(&text, Route::Direct).len() <= 100_000 + 8);
        assert!(STANDARD.encode(&text).len() <= 100_000);
    }
}
