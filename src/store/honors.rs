//! Honors (荣誉) won by the committee, a branch or a member.

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{row_id, tidy_text, value, Columns, Record};
use super::HonorLevel;
use crate::date::PartialDate;
use crate::error::{ensure, Result};

/// An award, to one branch, member or brand; with none of them it belongs to
/// the committee (院党委).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Honor {
    /// Row id; 0 when new.
    pub id: i64,
    /// The award's title, e.g. 先进基层党组织.
    pub title: String,
    /// Its level.
    pub level: HonorLevel,
    /// When it was awarded.
    pub awarded_on: Option<PartialDate>,
    /// Who awarded it.
    pub issuer: Option<String>,
    /// The branch honored.
    pub branch_id: Option<i64>,
    /// The member honored.
    pub member_id: Option<i64>,
    /// The brand honored.
    pub brand_id: Option<i64>,
    /// 备注.
    pub note: Option<String>,
}

impl Record for Honor {
    const TABLE: &'static str = "honors";
    const LABEL: &'static str = "荣誉";
    const COLUMNS: &'static [&'static str] =
        &["title", "level", "awarded_on", "issuer", "branch_id", "member_id", "brand_id", "note"];
    const ORDER_BY: &'static str = "awarded_on, id";

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.title),
            value(&self.level),
            value(&self.awarded_on),
            value(&self.issuer),
            value(&self.branch_id),
            value(&self.member_id),
            value(&self.brand_id),
            value(&self.note),
        ]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        let mut c = Columns::new(row);
        Ok(Honor {
            id: c.get("id")?,
            title: c.get("title")?,
            level: c.get("level")?,
            awarded_on: c.get("awarded_on")?,
            issuer: c.get("issuer")?,
            branch_id: c.get("branch_id")?,
            member_id: c.get("member_id")?,
            brand_id: c.get("brand_id")?,
            note: c.get("note")?,
        })
    }
    fn tidy(&mut self) {
        self.title = self.title.trim().to_string();
        tidy_text(&mut self.issuer);
        tidy_text(&mut self.note);
    }
    fn check(&self, _conn: &Connection, today: NaiveDate) -> Result<()> {
        ensure(!self.title.is_empty(), || "荣誉名称不能为空".into())?;
        let recipients = [self.branch_id, self.member_id, self.brand_id].iter().flatten().count();
        ensure(recipients <= 1, || "一项荣誉只授予一个对象：支部、党员或品牌，请只选其一（都不选即为院党委）".into())?;
        if let Some(date) = self.awarded_on {
            ensure(!date.surely_after_day(today), || format!("获奖日期 {date} 晚于今天，请核对"))?;
        }
        Ok(())
    }
}
