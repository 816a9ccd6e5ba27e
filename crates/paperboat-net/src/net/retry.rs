//! When to ask again: which failures are worth another try, how long to
//! wait before it (the server's word first, else an exponential backoff),
//! and when a wait is too long to sit through.

use std::time::{Duration, SystemTime};

use super::http_date;

/// How failures are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first try (so `max_retries + 1` tries in all).
    pub max_retries: u32,
    /// The first backoff; each retry doubles it.
    pub backoff_base: Duration,
    /// The longest backoff.
    pub backoff_max: Duration,
    /// The longest wait the server may ask for; a longer one fails at once
    /// with the moment to try again.
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_retries: 4,
            backoff_base: Duration::from_secs(2),
            backoff_max: Duration::from_secs(60),
            max_wait: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// The backoff before retry number `retry` (0 for the first retry).
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry.min(30)).unwrap_or(u32::MAX);
        self.backoff_base
            .checked_mul(factor)
            .unwrap_or(self.backoff_max)
            .min(self.backoff_max)
    }
}

/// Statuses that say "not now" rather than "no": 429 and the 5xx of an
/// overloaded or restarting service.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// What the server says about waiting, read from its headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ServerWait {
    /// `Retry-After`, as a duration from now.
    pub retry_after: Option<Duration>,
    /// The IETF `RateLimit` field (Hugging Face's): requests left in the
    /// window and the seconds until it resets, for the tightest policy.
    pub rate_limit: Option<(u64, Duration)>,
}

impl ServerWait {
    /// Reads `Retry-After` and `RateLimit` values; anything malformed is
    /// ignored.
    pub fn read(
        retry_after: Option<&str>,
        rate_limit: Option<&str>,
        now: SystemTime,
    ) -> ServerWait {
        ServerWait {
            retry_after: retry_after.and_then(|v| parse_retry_after(v, now)),
            rate_limit: rate_limit.and_then(parse_rate_limit),
        }
    }

    /// The wait the server asks for before asking again after `status`:
    /// `Retry-After` first; else on 429 the window's reset, and on other
    /// statuses the reset only when no request is left.
    pub fn after_failure(&self, status: u16) -> Option<Duration> {
        self.retry_after.or(match self.rate_limit {
            Some((_, reset)) if status == 429 => Some(reset),
            _ => self.exhausted(),
        })
    }

    /// The time until the window resets when no request is left in it, so
    /// that the next request waits rather than fails.
    pub fn exhausted(&self) -> Option<Duration> {
        match self.rate_limit {
            Some((0, reset)) => Some(reset),
            _ => None,
        }
    }
}

/// `Retry-After`: delay-seconds or an HTTP date (a date past is no wait).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Saturate: a huge number is a very long wait, not garbage.
        let secs = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(secs.min(u64::from(u32::MAX))));
    }
    let at = http_date::parse(value)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The IETF `RateLimit` field (`"api";r=0;t=55`, several policies comma
/// separated): the policy with the fewest requests left (the longest reset
/// among equals), as (remaining, reset).
pub fn parse_rate_limit(value: &str) -> Option<(u64, Duration)> {
    split_outside_quotes(value, ',')
        .into_iter()
        .filter_map(policy)
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
}

/// One policy's `r` and `t`, when it has both.
fn policy(item: &str) -> Option<(u64, Duration)> {
    let mut remaining = None;
    let mut reset = None;
    for param in split_outside_quotes(item, ';').into_iter().skip(1) {
        let Some((key, value)) = param.split_once('=') else {
            continue;
        };
        let number = value.trim().parse::<u64>().ok();
        match key.trim() {
            "r" => remaining = number,
            "t" => reset = number.map(|t| Duration::from_secs(t.min(u64::from(u32::MAX)))),
            _ => {}
        }
    }
    Some((remaining?, reset?))
}

/// `text` split at `sep` except inside double quotes (where `\` escapes).
fn split_outside_quotes(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == sep && !quoted => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let p = RetryPolicy::default();
        let waits: Vec<Duration> = (0..7).map(|r| p.backoff(r)).collect();
        assert_eq!(
            waits,
            [
                secs(2),
                secs(4),
                secs(8),
                secs(16),
                secs(32),
                secs(60),
                secs(60)
            ]
        );
        assert_eq!(p.backoff(u32::MAX), secs(60));
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = SystemTime::UNIX_EPOCH + secs(784_111_700);
        assert_eq!(parse_retry_after("120", now), Some(secs(120)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(secs(0)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(secs(77))
        );
        let later = now + secs(1000);
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", later),
            Some(secs(0))
        );
        assert!(parse_retry_after("99999999999999999999999", now).unwrap() >= secs(1 << 31));
        for bad in ["", "-5", "1.5", "soon", "12 s"] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
    }

    #[test]
    fn the_rate_limit_field_as_hugging_face_sends_it() {
        assert_eq!(parse_rate_limit("\"api\";r=0;t=55"), Some((0, secs(55))));
        assert_eq!(
            parse_rate_limit("\"api\";r=412;t=120"),
            Some((412, secs(120)))
        );
        assert_eq!(
            parse_rate_limit("\"pages\";r=80;t=10, \"api\";r=0;t=55"),
            Some((0, secs(55)))
        );
        assert_eq!(
            parse_rate_limit("\"a,b;c\";r=3;t=9, default;t=5;r=3"),
            Some((3, secs(9)))
        );
        for bad in [
            "",
            "\"api\"",
            "\"api\";r=0",
            "\"api\";t=5",
            "\"api\";r=x;t=5",
            "\"unterminated;r=0;t=1",
        ] {
            assert_eq!(parse_rate_limit(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_servers_word_comes_first() {
        let now = SystemTime::UNIX_EPOCH;
        let both = ServerWait::read(Some("7"), Some("\"api\";r=0;t=55"), now);
        assert_eq!(both.after_failure(429), Some(secs(7)));
        let limit_only = ServerWait::read(None, Some("\"api\";r=5;t=55"), now);
        assert_eq!(limit_only.after_failure(429), Some(secs(55)));
        assert_eq!(limit_only.after_failure(503), None);
        assert_eq!(limit_only.exhausted(), None);
        let exhausted = ServerWait::read(None, Some("\"api\";r=0;t=30"), now);
        assert_eq!(exhausted.after_failure(503), Some(secs(30)));
        assert_eq!(exhausted.exhausted(), Some(secs(30)));
        assert_eq!(ServerWait::read(None, None, now).after_failure(429), None);
    }

    #[test]
    fn which_statuses_are_retried() {
        for s in [429, 500, 502, 503, 504] {
            assert!(is_retryable_status(s));
        }
        for s in [200, 301, 400, 401, 403, 404, 410, 501, 505] {
            assert!(!is_retryable_status(s));
        }
    }
}
