//! Calendar periods of an obligation: months, quarters, half-years, years.
//!
//! A period is written `2026-03`, `2026-Q1`, `2026-H1` or `2026`. A meeting
//! on 31 March falls in Q1 and one on 1 April in Q2: periods are whole days.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Serialize, Serializer};
use ts_rs::TS;

use crate::store::Frequency;

/// One period of a frequency in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(export, type = "string")]
pub struct Period {
    /// The year.
    pub year: i32,
    /// Month, quarter, half-year or year.
    pub frequency: Frequency,
    /// 1-based: the month (1–12), quarter (1–4), half (1–2), or 1 for the year.
    pub index: u32,
}

impl Period {
    /// How many months one period of `frequency` spans.
    fn span(frequency: Frequency) -> u32 {
        match frequency {
            Frequency::Month => 1,
            Frequency::Quarter => 3,
            Frequency::HalfYear => 6,
            Frequency::Year => 12,
        }
    }

    /// The period of `frequency` that contains `day`.
    pub fn containing(frequency: Frequency, day: NaiveDate) -> Period {
        Period { year: day.year(), frequency, index: (day.month() - 1) / Period::span(frequency) + 1 }
    }

    /// Every period of `frequency` in `year`, in order.
    pub fn all_in_year(frequency: Frequency, year: i32) -> Vec<Period> {
        (1..=12 / Period::span(frequency)).map(|index| Period { year, frequency, index }).collect()
    }

    /// The first month of the period (1–12).
    pub fn first_month(&self) -> u32 {
        (self.index - 1) * Period::span(self.frequency) + 1
    }

    /// The last month of the period (1–12).
    pub fn last_month(&self) -> u32 {
        self.index * Period::span(self.frequency)
    }

    /// The first day.
    pub fn start(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.first_month(), 1).expect("a period starts on a real day")
    }

    /// The last day.
    pub fn end(&self) -> NaiveDate {
        self.start() + Months::new(Period::span(self.frequency)) - chrono::Days::new(1)
    }

    /// True when `day` falls in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start() <= day && day <= self.end()
    }

    /// How the period is written: `2026-03`, `2026-Q1`, `2026-H1` or `2026`.
    pub fn label(&self) -> String {
        match self.frequency {
            Frequency::Month => format!("{:04}-{:02}", self.year, self.index),
            Frequency::Quarter => format!("{:04}-Q{}", self.year, self.index),
            Frequency::HalfYear => format!("{:04}-H{}", self.year, self.index),
            Frequency::Year => format!("{:04}", self.year),
        }
    }

    /// How a person reads it: 2026年3月, 2026年第一季度, 2026年上半年, 2026年.
    pub fn chinese(&self) -> String {
        const ORDINALS: [&str; 4] = ["一", "二", "三", "四"];
        match self.frequency {
            Frequency::Month => format!("{}年{}月", self.year, self.index),
            Frequency::Quarter => format!("{}年第{}季度", self.year, ORDINALS[self.index as usize - 1]),
            Frequency::HalfYear => format!("{}年{}", self.year, if self.index == 1 { "上半年" } else { "下半年" }),
            Frequency::Year => format!("{}年", self.year),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn quarter_boundaries_are_whole_days() {
        let q1 = Period::containing(Frequency::Quarter, day("2026-03-31"));
        let q2 = Period::containing(Frequency::Quarter, day("2026-04-01"));
        assert_eq!((q1.label(), q2.label()), ("2026-Q1".to_string(), "2026-Q2".to_string()));
        assert_eq!(q1.end(), day("2026-03-31"));
        assert_eq!(q2.start(), day("2026-04-01"));
    }

    #[test]
    fn february_of_a_leap_year_has_29_days() {
        let feb = Period::containing(Frequency::Month, day("2028-02-29"));
        assert_eq!(feb.end(), day("2028-02-29"));
        assert_eq!(Period::containing(Frequency::Month, day("2026-02-10")).end(), day("2026-02-28"));
    }

    #[test]
    fn labels_for_every_frequency() {
        let labels: Vec<String> = [Frequency::Month, Frequency::Quarter, Frequency::HalfYear, Frequency::Year]
            .iter()
            .map(|f| Period::containing(*f, day("2026-08-15")).label())
            .collect();
        assert_eq!(labels, ["2026-08", "2026-Q3", "2026-H2", "2026"]);
        assert_eq!(Period::all_in_year(Frequency::HalfYear, 2026).len(), 2);
        assert_eq!(Period::all_in_year(Frequency::Month, 2026).len(), 12);
    }
}
