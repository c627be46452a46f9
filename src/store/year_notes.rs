//! The secretary's own words for a branch's year: a short summary of the year
//! and next year's plan, printed in the branch's section of the annual report.

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{row_id, tidy_text, value, Columns, Record};
use super::Store;
use crate::error::{ensure, Result};

/// A branch's year in the secretary's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct YearNote {
    /// Row id; 0 when new.
    pub id: i64,
    /// The branch it speaks for.
    pub branch_id: i64,
    /// The calendar year.
    pub year: i32,
    /// 年度工作总结: what the year brought.
    pub summary: Option<String>,
    /// 下一年度工作计划: what comes next.
    pub plan: Option<String>,
}

impl Record for YearNote {
    const TABLE: &'static str = "year_notes";
    const LABEL: &'static str = "年度总结与计划";
    const COLUMNS: &'static [&'static str] = &["branch_id", "year", "summary", "plan"];
    const ORDER_BY: &'static str = "year, branch_id";

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![value(&self.branch_id), value(&self.year), value(&self.summary), value(&self.plan)]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        let mut c = Columns::new(row);
        Ok(YearNote {
            id: c.get("id")?,
            branch_id: c.get("branch_id")?,
            year: c.get("year")?,
            summary: c.get("summary")?,
            plan: c.get("plan")?,
        })
    }
    fn tidy(&mut self) {
        tidy_text(&mut self.summary);
        tidy_text(&mut self.plan);
    }
    fn check(&self, conn: &Connection, _today: NaiveDate) -> Result<()> {
        ensure((1949..=9999).contains(&self.year), || format!("年度 {} 不是有效年份", self.year))?;
        let twin: Option<i64> = conn
            .query_row(
                "SELECT id FROM year_notes WHERE branch_id = ?1 AND year = ?2 AND id <> ?3",
                params![self.branch_id, self.year, self.id],
                |row| row.get(0),
            )
            .optional()?;
        ensure(twin.is_none(), || format!("该支部 {} 年的总结与计划已存在，请直接修改", self.year))
    }
}

impl Store {
    /// The branch's note for the year, or an empty one (id 0) when none is written yet.
    pub fn year_note(&self, branch_id: i64, year: i32) -> Result<YearNote> {
        let stored =
            super::record::select::<YearNote>(self.conn(), "branch_id = ?1 AND year = ?2", params![branch_id, year])?;
        Ok(stored.into_iter().next().unwrap_or(YearNote { id: 0, branch_id, year, summary: None, plan: None }))
    }

    /// Writes the branch's note for its year, replacing the one stored.
    pub fn save_year_note(&self, note: &YearNote) -> Result<YearNote> {
        let stored = self.year_note(note.branch_id, note.year)?;
        let note = YearNote { id: stored.id, ..note.clone() };
        if note.id == 0 {
            self.create(&note)
        } else {
            self.update(&note)
        }
    }
}
