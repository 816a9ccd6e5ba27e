//! Calendar days as numbers, for walking a source day by day.

use crate::corpus::{Date, Instant};

/// Days since 1970-01-01.
pub fn to_days(date: Date) -> i64 {
    date.days()
}

/// The day `days` after 1970-01-01; `None` outside the years a date may
/// have.
pub fn from_days(days: i64) -> Option<Date> {
    Date::from_days(days)
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
