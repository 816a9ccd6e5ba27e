//! When the results came out: their counts per month, or per year when
//! they span more than ten years, every period from the first to the last
//! (empty ones too, so that a chart's gaps are gaps), from the facets
//! pass's counts.

use std::collections::BTreeMap;

/// One period of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    Month { year: u16, month: u8 },
    Year(u16),
}

impl Period {
    /// `2024-03`, or `2024`.
    pub fn label(self) -> String {
        match self {
            Period::Month { year, month } => format!("{year:04}-{month:02}"),
            Period::Year(year) => format!("{year:04}"),
        }
    }

    /// The query clause that keeps its papers: `date:2024-03` or
    /// `year:2024`.
    pub fn clause(self) -> String {
        match self {
            Period::Month { .. } => format!("date:{}", self.label()),
            Period::Year(year) => format!("year:{year}"),
        }
    }
}

/// Periods more than this many years apart are counted per year.
const MONTHS_UP_TO_YEARS: u32 = 10;

/// The results per period, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    pub periods: Vec<(Period, usize)>,
}

impl Timeline {
    /// From counts per month (`YYYYMM`).
    pub fn of(months: &BTreeMap<u32, usize>) -> Timeline {
        let (Some((&first, _)), Some((&last, _))) =
            (months.first_key_value(), months.last_key_value())
        else {
            return Timeline::default();
        };
        let index = |ym: u32| (ym / 100) * 12 + (ym % 100).saturating_sub(1);
        let span = index(last) - index(first);
        if span > MONTHS_UP_TO_YEARS * 12 {
            let mut years: BTreeMap<u16, usize> = BTreeMap::new();
            for (&ym, &n) in months {
                *years.entry((ym / 100) as u16).or_default() += n;
            }
            let (from, to) = ((first / 100) as u16, (last / 100) as u16);
            return Timeline {
                periods: (from..=to)
                    .map(|y| (Period::Year(y), years.get(&y).copied().unwrap_or(0)))
                    .collect(),
            };
        }
        let periods = (index(first)..=index(last))
            .map(|i| {
                let (year, month) = ((i / 12) as u16, (i % 12 + 1) as u8);
                let key = u32::from(year) * 100 + u32::from(month);
                (
                    Period::Month { year, month },
                    months.get(&key).copied().unwrap_or(0),
                )
            })
            .collect();
        Timeline { periods }
    }

    /// The period with the most results (the first of equals).
    pub fn busiest(&self) -> Option<(Period, usize)> {
        self.periods
            .iter()
            .copied()
            .fold(None, |best: Option<(Period, usize)>, p| match best {
                Some(b) if b.1 >= p.1 => Some(b),
                _ => Some(p),
            })
    }

    pub fn is_empty(&self) -> bool {
        self.periods.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(pairs: &[(u32, usize)]) -> BTreeMap<u32, usize> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn months_run_from_the_first_to_the_last_gaps_included() {
        let t = Timeline::of(&months(&[(202411, 2), (202502, 5)]));
        let labels: Vec<String> = t.periods.iter().map(|(p, _)| p.label()).collect();
        assert_eq!(labels, ["2024-11", "2024-12", "2025-01", "2025-02"]);
        let counts: Vec<usize> = t.periods.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, [2, 0, 0, 5]);
        assert_eq!(
            t.busiest().map(|(p, n)| (p.clause(), n)),
            Some(("date:2025-02".into(), 5))
        );
    }

    #[test]
    fn more_than_ten_years_are_counted_per_year() {
        let t = Timeline::of(&months(&[(199401, 1), (199406, 2), (202410, 7)]));
        assert_eq!(t.periods.len(), 31);
        assert_eq!(t.periods[0], (Period::Year(1994), 3));
        assert_eq!(t.periods[30], (Period::Year(2024), 7));
        assert_eq!(t.periods[30].0.clause(), "year:2024");
        assert!(Timeline::of(&BTreeMap::new()).is_empty());
    }
}
