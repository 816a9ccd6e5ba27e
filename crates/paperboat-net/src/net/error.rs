//! What can go wrong when asking a service for something, each said in one
//! line that names the host and the reason.

use std::fmt;
use std::time::{Duration, SystemTime};

use super::http_date;

/// A request that did not bring its response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetError {
    /// The URL itself is refused (see [`super::url_check`]).
    BadUrl {
        /// The URL, cleaned for the terminal.
        url: String,
        /// Why it is refused.
        reason: String,
    },
    /// No connection could be made: the host is unknown, refused the
    /// connection, did not answer, or its certificate is not valid.
    Unreachable {
        /// The host.
        host: String,
        /// What happened, e.g. `connection refused`.
        reason: String,
    },
    /// The server answered with a status that is not success.
    Status {
        /// The host.
        host: String,
        /// The HTTP status.
        status: u16,
        /// The path and query asked for.
        target: String,
        /// How many times it was asked.
        tries: u32,
    },
    /// The connection closed before any response.
    Dropped {
        /// The host.
        host: String,
        /// How many times it was asked.
        tries: u32,
    },
    /// The connection broke before the whole response arrived.
    CutShort {
        /// The host.
        host: String,
        /// How many times it was asked.
        tries: u32,
    },
    /// The server stopped answering for longer than the read timeout.
    TimedOut {
        /// The host.
        host: String,
        /// The timeout.
        after: Duration,
        /// How many times it was asked.
        tries: u32,
    },
    /// The body is larger than the request's cap.
    TooLarge {
        /// The host.
        host: String,
        /// The cap, in bytes.
        cap: u64,
    },
    /// A redirect that is not followed.
    Redirect {
        /// The host that redirected.
        host: String,
        /// Why it is not followed.
        reason: String,
    },
    /// The server asks to wait longer than paperboat waits.
    RateLimited {
        /// The host.
        host: String,
        /// The status that came with the request to wait.
        status: u16,
        /// How long the server asks to wait.
        wait: Duration,
        /// When to try again.
        retry_at: SystemTime,
    },
    /// A response that is not well-formed HTTP (or not well-formed gzip).
    BadResponse {
        /// The host.
        host: String,
        /// What is wrong.
        reason: String,
    },
    /// The caller gave up (the cancel flag was set).
    Cancelled {
        /// The host.
        host: String,
    },
}

impl NetError {
    /// True when the service could not be reached at all, so nothing was
    /// asked: the caller's "nothing could be done" (exit 2) rather than a
    /// failure after some success.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, NetError::Unreachable { .. } | NetError::BadUrl { .. })
    }

    /// True when the caller gave up.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, NetError::Cancelled { .. })
    }

    /// The host the error is about (the URL for a refused URL).
    pub fn host(&self) -> &str {
        match self {
            NetError::BadUrl { url, .. } => url,
            NetError::Unreachable { host, .. }
            | NetError::Status { host, .. }
            | NetError::Dropped { host, .. }
            | NetError::CutShort { host, .. }
            | NetError::TimedOut { host, .. }
            | NetError::TooLarge { host, .. }
            | NetError::Redirect { host, .. }
            | NetError::RateLimited { host, .. }
            | NetError::BadResponse { host, .. }
            | NetError::Cancelled { host } => host,
        }
    }
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetError::BadUrl { url, reason } => write!(f, "{url}: {reason}"),
            NetError::Unreachable { host, reason } => write!(f, "cannot reach {host}: {reason}"),
            NetError::Status {
                host,
                status,
                target,
                tries,
            } => {
                write!(f, "{host}: HTTP {status}")?;
                if let Some(reason) = status_reason(*status) {
                    write!(f, " {reason}")?;
                }
                write!(f, " for {target}{}", tries_note(*tries))
            }
            NetError::Dropped { host, tries } => write!(
                f,
                "{host}: the connection closed without an answer{}",
                tries_note(*tries)
            ),
            NetError::CutShort { host, tries } => {
                write!(
                    f,
                    "{host}: the response was cut short{}",
                    tries_note(*tries)
                )
            }
            NetError::TimedOut { host, after, tries } => write!(
                f,
                "{host}: no answer for {}{}",
                seconds(*after),
                tries_note(*tries)
            ),
            NetError::TooLarge { host, cap } => {
                write!(f, "{host}: the response is over {}", size(*cap))
            }
            NetError::Redirect { host, reason } => write!(f, "{host}: {reason}"),
            NetError::RateLimited {
                host,
                status,
                wait,
                retry_at,
            } => {
                write!(f, "{host}: HTTP {status}")?;
                if let Some(reason) = status_reason(*status) {
                    write!(f, " {reason}")?;
                }
                write!(
                    f,
                    "; the server asks to wait {}, try again after {}",
                    seconds(*wait),
                    http_date::format_utc_minute(*retry_at)
                )
            }
            NetError::BadResponse { host, reason } => write!(f, "{host}: {reason}"),
            NetError::Cancelled { host } => write!(f, "{host}: stopped"),
        }
    }
}

impl std::error::Error for NetError {}

/// `HTTP 404 Not Found`: the standard phrase, never the server's own text.
fn status_reason(status: u16) -> Option<&'static str> {
    ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
}

/// ` (5 tries)` after a failure that was retried.
fn tries_note(tries: u32) -> String {
    if tries > 1 {
        format!(" ({tries} tries)")
    } else {
        String::new()
    }
}

/// `45 s`, `3 min`, `2 h 5 min`.
pub fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64().ceil() as u64;
    match s {
        0..120 => format!("{s} s"),
        120..7200 => format!("{} min", s.div_ceil(60)),
        _ => format!("{} h {} min", s / 3600, (s % 3600).div_ceil(60)),
    }
}

/// `64 MiB`, `512 KiB`, `1000 bytes`.
pub fn size(bytes: u64) -> String {
    const MIB: u64 = 1 << 20;
    const KIB: u64 = 1 << 10;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_is_one_line_naming_the_host() {
        let host = "huggingface.co".to_string();
        let errors = [
            NetError::Unreachable {
                host: host.clone(),
                reason: "connection refused".into(),
            },
            NetError::Status {
                host: host.clone(),
                status: 404,
                target: "/api/daily_papers?date=2025-12-01".into(),
                tries: 1,
            },
            NetError::CutShort {
                host: host.clone(),
                tries: 5,
            },
            NetError::TooLarge {
                host: host.clone(),
                cap: 64 << 20,
            },
            NetError::RateLimited {
                host: host.clone(),
                status: 429,
                wait: Duration::from_secs(3300),
                retry_at: SystemTime::UNIX_EPOCH + Duration::from_secs(1_765_000_000),
            },
        ];
        let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            lines,
            [
                "cannot reach huggingface.co: connection refused",
                "huggingface.co: HTTP 404 Not Found for /api/daily_papers?date=2025-12-01",
                "huggingface.co: the response was cut short (5 tries)",
                "huggingface.co: the response is over 64 MiB",
                "huggingface.co: HTTP 429 Too Many Requests; the server asks to wait 55 min, try again after 2025-12-06 05:47 UTC",
            ]
        );
        assert!(errors[0].is_unreachable());
        assert!(!errors[1].is_unreachable());
        assert!(errors.iter().all(|e| e.host() == host));
    }

    #[test]
    fn an_unknown_status_has_no_phrase() {
        let e = NetError::Status {
            host: "h".into(),
            status: 599,
            target: "/".into(),
            tries: 2,
        };
        assert_eq!(e.to_string(), "h: HTTP 599 for / (2 tries)");
    }

    #[test]
    fn durations_and_sizes_read_as_people_write_them() {
        assert_eq!(seconds(Duration::from_millis(300)), "1 s");
        assert_eq!(seconds(Duration::from_secs(55)), "55 s");
        assert_eq!(seconds(Duration::from_secs(600)), "10 min");
        assert_eq!(seconds(Duration::from_secs(7500)), "2 h 5 min");
        assert_eq!(size(64 << 20), "64 MiB");
        assert_eq!(size(512 << 10), "512 KiB");
        assert_eq!(size(1000), "1000 bytes");
    }
}
