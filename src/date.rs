//! Dates that keep the precision their source gave.
//!
//! Rosters often record only a year and month (1985.03). A [`PartialDate`]
//! stores exactly what was known — year, year-month or full date — and is
//! written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, so a month-only date is never
//! given an invented day. Comparisons are by the range of days a date covers.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

use crate::error::{Error, Result};

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(export, type = "string")]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

impl PartialDate {
    /// A date known to the day.
    pub fn day(date: NaiveDate) -> Self {
        PartialDate { year: date.year(), month: Some(date.month()), day: Some(date.day()) }
    }

    /// A date known to the month; `None` if the month is not 1–12.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(PartialDate { year, month: Some(month), day: None })
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The full date, if known to the day.
    pub fn to_date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// How a person reads it: 2026年3月12日, 2026年3月 or 2026年.
    pub fn chinese(&self) -> String {
        match (self.month, self.day) {
            (Some(month), Some(day)) => format!("{}年{month}月{day}日", self.year),
            (Some(month), None) => format!("{}年{month}月", self.year),
            _ => format!("{}年", self.year),
        }
    }

    /// The first day this date may stand for.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("a PartialDate is always valid")
    }

    /// The last day this date may stand for.
    pub fn last_day(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(_), Some(_)) => self.first_day(),
            (Some(_), None) => self.first_day() + Months::new(1) - chrono::Days::new(1),
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31).expect("Dec 31 exists"),
        }
    }

    /// True when this date is certainly earlier than `other` (their ranges do not overlap).
    pub fn surely_before(&self, other: &PartialDate) -> bool {
        self.last_day() < other.first_day()
    }

    /// True when this date is certainly later than `day`.
    pub fn surely_after_day(&self, day: NaiveDate) -> bool {
        self.first_day() > day
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = Error;

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    fn from_str(text: &str) -> Result<Self> {
        let bad = || {
            Error::Invalid(format!(
                "日期「{text}」无法识别：请写成 YYYY-MM-DD（如 1985-03-12），只知道年月时写成 YYYY-MM"
            ))
        };
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str, len: usize| -> Result<u32> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let year = number(parts[0], 4)? as i32;
        let date = match parts[1..] {
            [] => PartialDate { year, month: None, day: None },
            [m] => PartialDate::month(year, number(m, 2)?).ok_or_else(bad)?,
            [m, d] => {
                let date = NaiveDate::from_ymd_opt(year, number(m, 2)?, number(d, 2)?)
                    .ok_or_else(|| Error::Invalid(format!("日期「{text}」不存在（如 2 月 30 日），请核对")))?;
                PartialDate::day(date)
            }
            _ => return Err(bad()),
        };
        Ok(date)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl rusqlite::types::ToSql for PartialDate {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.to_string().into())
    }
}

impl rusqlite::types::FromSql for PartialDate {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        value.as_str()?.parse().map_err(|e: Error| rusqlite::types::FromSqlError::Other(e.to_string().into()))
    }
}

/// A day as a person reads it: 2026年3月12日.
pub fn chinese_day(day: NaiveDate) -> String {
    PartialDate::day(day).chinese()
}

/// Today's date on this computer's clock.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_precision_it_was_given() {
        for text in ["1985", "1985-03", "1985-03-12"] {
            let date: PartialDate = text.parse().unwrap();
            assert_eq!(date.to_string(), text, "{text} should print back unchanged");
        }
    }

    #[test]
    fn refuses_impossible_and_malformed_dates() {
        for text in ["1985-02-30", "1985-13", "85-03-12", "1985/03/12", ""] {
            assert!(text.parse::<PartialDate>().is_err(), "{text} should be refused");
        }
    }

    #[test]
    fn month_only_dates_cover_the_whole_month() {
        let march: PartialDate = "1985-03".parse().unwrap();
        let mid: PartialDate = "1985-03-12".parse().unwrap();
        let april: PartialDate = "1985-04-01".parse().unwrap();
        assert!(!march.surely_before(&mid), "1985-03 may be the 12th: not surely before it");
        assert!(march.surely_before(&april));
        assert_eq!(march.last_day(), NaiveDate::from_ymd_opt(1985, 3, 31).unwrap());
    }
}
