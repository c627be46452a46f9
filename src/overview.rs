//! The home screen (概览) in one read: what the app shows the moment it opens.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::rules::reminders::Reminder;
use crate::stats::YearStats;
use crate::store::{Committee, Obligation};
use crate::Store;

/// Everything the home screen draws: the to-do list as of today and the
/// figures of one year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Overview {
    /// The day the store takes as today.
    #[ts(type = "string")]
    pub today: NaiveDate,
    /// The year the figures are of.
    pub year: i32,
    /// The committee's names.
    pub committee: Committee,
    /// The to-do list as of today, most urgent kinds first.
    pub reminders: Vec<Reminder>,
    /// The obligations, which the to-do items link to.
    pub obligations: Vec<Obligation>,
    /// The figures of `year`.
    pub stats: YearStats,
}

impl Store {
    /// The home screen as of the store's today, with the figures of `year`
    /// (today's year when `None`).
    pub fn overview(&self, year: Option<i32>) -> Result<Overview> {
        let today = self.today();
        let year = year.unwrap_or(today.year());
        Ok(Overview {
            today,
            year,
            committee: self.committee()?,
            reminders: self.reminders(today)?,
            obligations: self.obligations()?,
            stats: self.year_stats(year)?,
        })
    }
}
