//! The home screen (概览) in one read: what the app shows the moment it opens.
//! The year's figures below it are [`Store::year_stats`], asked for once that
//! part of the screen is scrolled into view.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::rules::reminders::Reminder;
use crate::store::{Committee, Obligation};
use crate::Store;

/// What the home screen draws first: the committee and the to-do list as of today.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Overview {
    /// The day the store takes as today.
    #[ts(type = "string")]
    pub today: NaiveDate,
    /// Today's year, which the year's figures start at.
    pub year: i32,
    /// The committee's names.
    pub committee: Committee,
    /// The to-do list as of today, most urgent kinds first.
    pub reminders: Vec<Reminder>,
    /// The obligations, which the to-do items link to.
    pub obligations: Vec<Obligation>,
}

impl Store {
    /// The home screen as of the store's today.
    pub fn overview(&self) -> Result<Overview> {
        let today = self.today();
        Ok(Overview {
            today,
            year: today.year(),
            committee: self.committee()?,
            reminders: self.reminders(today)?,
            obligations: self.obligations()?,
        })
    }
}
