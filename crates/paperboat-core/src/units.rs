//! Numbers written for people: `1,000,000` papers, `412 MB`.

/// `1234567` as `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 paper`, `3 papers`, `1,234 papers`.
pub fn papers(n: usize) -> String {
    if n == 1 {
        "1 paper".into()
    } else {
        format!("{} papers", thousands(n))
    }
}

/// A size in decimal units: `512 B`, `18.0 KB`, `412 MB`, `1.7 GB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if n < 1000 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.5 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if value < 99.95 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(papers(1), "1 paper");
        assert_eq!(papers(0), "0 papers");
        assert_eq!(papers(1234), "1,234 papers");
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(18_000), "18.0 KB");
        assert_eq!(bytes(412_300_000), "412 MB");
        assert_eq!(bytes(1_680_000_000), "1.7 GB");
        assert_eq!(bytes(999_999), "1.0 MB");
    }
}
