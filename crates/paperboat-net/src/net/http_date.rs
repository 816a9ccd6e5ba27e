//! HTTP dates (`Sun, 06 Nov 1994 08:49:37 GMT`, as `Retry-After` may carry
//! one) and the moment to try again written for people.

use std::time::{Duration, SystemTime};

use crate::corpus::date::{civil_from_days, days_from_civil};

/// The moment an IMF-fixdate names (RFC 9110 section 5.6.7), or `None`
/// when the text is not one. The obsolete RFC 850 and asctime forms are
/// not read: the caller then falls back to its own backoff.
pub fn parse(text: &str) -> Option<SystemTime> {
    let parts: Vec<&str> = text.split_ascii_whitespace().collect();
    let [weekday, day, month, year, time, zone] = parts.as_slice() else {
        return None;
    };
    if !weekday.ends_with(',') || *zone != "GMT" {
        return None;
    }
    let day: u32 = number(day, 2)?;
    let month = MONTHS.iter().position(|m| m == month)? as u32 + 1;
    let year: i64 = number(year, 4)? as i64;
    let clock: Vec<&str> = time.split(':').collect();
    let [h, m, s] = clock.as_slice() else {
        return None;
    };
    let (h, m, s) = (number(h, 2)?, number(m, 2)?, number(s, 2)?);
    if day == 0 || day > 31 || h > 23 || m > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + i64::from(h * 3600 + m * 60 + s);
    let secs = u64::try_from(secs).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(secs))
}

/// `2025-12-06 05:47 UTC`: the moment rounded up to the minute, so that
/// trying again then is never early.
pub fn format_utc_minute(at: SystemTime) -> String {
    let secs = at
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let minutes = secs.div_ceil(60);
    let (days, minute_of_day) = (minutes / 1440, minutes % 1440);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        minute_of_day / 60,
        minute_of_day % 60
    )
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Exactly `width` ASCII digits.
fn number(text: &str, width: usize) -> Option<u32> {
    (text.len() == width && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn an_imf_fixdate_is_read() {
        assert_eq!(
            parse("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(at(784_111_777))
        );
        assert_eq!(
            parse("Sat, 06 Dec 2025 05:46:40 GMT"),
            Some(at(1_765_000_000))
        );
        assert_eq!(parse("Thu, 01 Jan 1970 00:00:00 GMT"), Some(at(0)));
        assert_eq!(
            parse("Tue, 29 Feb 2028 23:59:59 GMT"),
            Some(at(1_835_481_599))
        );
    }

    #[test]
    fn anything_else_is_not_a_date() {
        for text in [
            "",
            "120",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nox 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1969 08:49:37 GMT",
            "Sun, 06 Nov +994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn the_moment_to_retry_is_rounded_up_to_the_minute() {
        assert_eq!(format_utc_minute(at(1_765_000_000)), "2025-12-06 05:47 UTC");
        assert_eq!(format_utc_minute(at(1_764_979_200)), "2025-12-06 00:00 UTC");
        assert_eq!(format_utc_minute(at(1_835_481_599)), "2028-03-01 00:00 UTC");
        assert_eq!(format_utc_minute(at(0)), "1970-01-01 00:00 UTC");
    }

    #[test]
    fn days_round_trip() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
