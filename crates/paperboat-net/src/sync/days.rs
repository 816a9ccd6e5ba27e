//! Calendar days as numbers, for walking a source day by day.

use crate::corpus::{Date, Instant};

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
pub fn to_days(date: Date) -> i64 {
    let (m, d) = (date.month as i64, date.day as i64);
    let y = date.year as i64 - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The day `days` after 1970-01-01 (`civil_from_days`); `None` outside
/// the years a date may have.
pub fn from_days(days: i64) -> Option<Date> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(u16::try_from(y).ok()?, m as u8, d as u8)
}

/// `date` moved by `days` (back when negative); the same date when that
/// leaves the years a date may have.
pub fn plus(date: Date, days: i64) -> Date {
    from_days(to_days(date) + days).unwrap_or(date)
}

/// Today, in UTC.
pub fn today() -> Date {
    Instant::now().date().unwrap_or(Date {
        year: 2000,
        month: 1,
        day: 1,
    })
}

/// Every day from `from` to `to`, both included.
pub fn each(from: Date, to: Date) -> impl Iterator<Item = Date> {
    (to_days(from)..=to_days(to)).filter_map(from_days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_walk_across_months_and_leap_years() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(to_days(d("1970-01-01")), 0);
        assert_eq!(plus(d("2024-02-28"), 1), d("2024-02-29"));
        assert_eq!(plus(d("2025-03-01"), -1), d("2025-02-28"));
        assert_eq!(plus(d("2025-12-31"), 1), d("2026-01-01"));
        let days: Vec<Date> = each(d("2025-11-29"), d("2025-12-02")).collect();
        assert_eq!(days.len(), 4);
        assert_eq!(days[3], d("2025-12-02"));
        assert_eq!(each(d("2025-12-02"), d("2025-12-01")).count(), 0);
    }
}
