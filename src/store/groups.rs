//! Party groups (党小组) inside a large branch.

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{row_id, tidy_text, value, Columns, Record};
use crate::date::PartialDate;
use crate::error::{ensure, Error, Result};

/// A party group of a branch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PartyGroup {
    /// Row id; 0 when new.
    pub id: i64,
    /// The branch it belongs to.
    pub branch_id: i64,
    /// Name, unique within the branch (第一党小组).
    pub name: String,
    /// The group leader's name.
    pub leader: Option<String>,
    /// 成立日期; `None` when not recorded (taken as since the branch began).
    pub founded_on: Option<PartialDate>,
    /// 撤销日期: the last day the group existed; `None` while it exists.
    pub dissolved_on: Option<PartialDate>,
}

impl PartyGroup {
    /// True when the group existed on some day of `from..=to`.
    pub fn existed_during(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.founded_on.is_none_or(|f| f.first_day() <= to) && self.dissolved_on.is_none_or(|d| from <= d.last_day())
    }
}

impl Record for PartyGroup {
    const TABLE: &'static str = "party_groups";
    const LABEL: &'static str = "党小组";
    const COLUMNS: &'static [&'static str] = &["branch_id", "name", "leader", "founded_on", "dissolved_on"];
    const ORDER_BY: &'static str = "branch_id, name";

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.branch_id),
            value(&self.name),
            value(&self.leader),
            value(&self.founded_on),
            value(&self.dissolved_on),
        ]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        let mut c = Columns::new(row);
        Ok(PartyGroup {
            id: c.get("id")?,
            branch_id: c.get("branch_id")?,
            name: c.get("name")?,
            leader: c.get("leader")?,
            founded_on: c.get("founded_on")?,
            dissolved_on: c.get("dissolved_on")?,
        })
    }
    fn tidy(&mut self) {
        self.name = self.name.trim().to_string();
        tidy_text(&mut self.leader);
    }
    fn check(&self, conn: &Connection, today: NaiveDate) -> Result<()> {
        ensure(!self.name.is_empty(), || "党小组名称不能为空".into())?;
        super::members::require_branch(conn, self.branch_id)?;
        if let Some(founded) = self.founded_on {
            ensure(!founded.surely_after_day(today), || format!("党小组成立日期 {founded} 晚于今天，请核对"))?;
            if let Some(dissolved) = self.dissolved_on {
                ensure(!dissolved.surely_before(&founded), || {
                    format!("党小组撤销日期 {dissolved} 早于成立日期 {founded}，请核对")
                })?;
            }
        }
        if self.id != 0 {
            let moved_members: i64 = conn.query_row(
                "SELECT count(*) FROM members WHERE group_id = ?1 AND branch_id <> ?2",
                [self.id, self.branch_id],
                |r| r.get(0),
            )?;
            ensure(moved_members == 0, || "党小组里还有原支部的党员，不能把它移到其他支部".into())?;
        }
        Ok(())
    }
    fn check_delete(&self, conn: &Connection) -> Result<()> {
        let members: i64 =
            conn.query_row("SELECT count(*) FROM members WHERE group_id = ?1", [self.id], |r| r.get(0))?;
        if members > 0 {
            return Err(Error::Conflict(format!(
                "党小组「{}」里还有 {members} 名党员，请先把他们调到其他党小组再删除",
                self.name
            )));
        }
        Ok(())
    }
}

impl super::Store {
    /// The party groups of one branch.
    pub fn groups_of(&self, branch_id: i64) -> Result<Vec<PartyGroup>> {
        super::record::select(self.conn(), "branch_id = ?1", [branch_id])
    }

    /// The party group of `branch` called `name`.
    pub fn group_by_name(&self, branch: &super::Branch, name: &str) -> Result<PartyGroup> {
        let found: Vec<PartyGroup> =
            super::record::select(self.conn(), "branch_id = ?1 AND name = ?2", (branch.id, name.trim()))?;
        found
            .into_iter()
            .next()
            .ok_or_else(|| Error::NotFound(format!("支部「{}」没有名为「{}」的党小组", branch.name, name.trim())))
    }
}
