//! Branches (党支部) and general branches (党总支), with their committees.

use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{json_column, json_value, row_id, tidy_text, value, Record};
use super::BranchKind;
use crate::date::{today, PartialDate};
use crate::error::{ensure, Error, Result};

/// A member of a branch committee (支委) and their role (书记, 组织委员, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommitteeMember {
    /// Name.
    pub name: String,
    /// Role on the committee.
    pub role: String,
}

/// A Party branch or general branch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Branch {
    /// Row id; 0 when new.
    pub id: i64,
    /// Unique name, e.g. 内科第一党支部.
    pub name: String,
    /// Branch or general branch.
    pub kind: BranchKind,
    /// The general branch above it, if any.
    pub parent_id: Option<i64>,
    /// The secretary's name.
    pub secretary: Option<String>,
    /// The branch committee.
    pub committee: Vec<CommitteeMember>,
    /// 成立日期.
    pub founded_on: Option<PartialDate>,
    /// 届满日期: when the committee's term ends.
    pub term_ends_on: Option<PartialDate>,
    /// The departments (科室) it covers.
    pub departments: Vec<String>,
    /// Archived branches are kept for the record but hidden from daily work.
    pub archived: bool,
    /// 备注.
    pub note: Option<String>,
}

impl Branch {
    /// A new, active branch with only a name.
    pub fn new(name: &str) -> Branch {
        Branch {
            id: 0,
            name: name.to_string(),
            kind: BranchKind::Branch,
            parent_id: None,
            secretary: None,
            committee: Vec::new(),
            founded_on: None,
            term_ends_on: None,
            departments: Vec::new(),
            archived: false,
            note: None,
        }
    }
}

impl Record for Branch {
    const TABLE: &'static str = "branches";
    const LABEL: &'static str = "支部";
    const COLUMNS: &'static [&'static str] = &[
        "name",
        "kind",
        "parent_id",
        "secretary",
        "committee",
        "founded_on",
        "term_ends_on",
        "departments",
        "archived",
        "note",
    ];
    const ORDER_BY: &'static str = "archived, name";

    row_id!();

    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.name),
            value(&self.kind),
            value(&self.parent_id),
            value(&self.secretary),
            json_value(&self.committee),
            value(&self.founded_on),
            value(&self.term_ends_on),
            json_value(&self.departments),
            value(&self.archived),
            value(&self.note),
        ]
    }

    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        Ok(Branch {
            id: row.get("id")?,
            name: row.get("name")?,
            kind: row.get("kind")?,
            parent_id: row.get("parent_id")?,
            secretary: row.get("secretary")?,
            committee: json_column(row, "committee")?,
            founded_on: row.get("founded_on")?,
            term_ends_on: row.get("term_ends_on")?,
            departments: json_column(row, "departments")?,
            archived: row.get("archived")?,
            note: row.get("note")?,
        })
    }

    fn tidy(&mut self) {
        self.name = self.name.trim().to_string();
        tidy_text(&mut self.secretary);
        tidy_text(&mut self.note);
        self.committee.retain(|m| !m.name.trim().is_empty());
        for member in &mut self.committee {
            member.name = member.name.trim().to_string();
            member.role = member.role.trim().to_string();
        }
        self.departments = self.departments.iter().map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect();
    }

    fn check(&self, conn: &Connection) -> Result<()> {
        ensure(!self.name.is_empty(), || "支部名称不能为空".into())?;
        let twin: Option<i64> = conn
            .query_row("SELECT id FROM branches WHERE name = ?1 AND id <> ?2", (&self.name, self.id), |r| r.get(0))
            .optional()?;
        if twin.is_some() {
            return Err(Error::Conflict(format!("已有名为「{}」的支部，支部名称不能重复", self.name)));
        }
        if let Some(founded) = self.founded_on {
            ensure(!founded.surely_after_day(today()), || format!("成立日期 {founded} 晚于今天，请核对"))?;
            if let Some(term_end) = self.term_ends_on {
                ensure(!term_end.surely_before(&founded), || {
                    format!("届满日期 {term_end} 早于成立日期 {founded}，请核对")
                })?;
            }
        }
        if let Some(parent_id) = self.parent_id {
            self.check_parent(conn, parent_id)?;
        }
        if self.kind == BranchKind::Branch && self.id != 0 {
            let children: i64 =
                conn.query_row("SELECT count(*) FROM branches WHERE parent_id = ?1", [self.id], |r| r.get(0))?;
            ensure(children == 0, || {
                format!("「{}」下还有 {children} 个支部，不能改为党支部；请先调整下级支部的上级", self.name)
            })?;
        }
        Ok(())
    }

    fn check_delete(&self, conn: &Connection) -> Result<()> {
        let count = |sql: &str| conn.query_row(sql, [self.id], |r| r.get::<_, i64>(0));
        let uses = [
            (count("SELECT count(*) FROM members WHERE branch_id = ?1")?, "名党员"),
            (count("SELECT count(*) FROM branches WHERE parent_id = ?1")?, "个下级支部"),
            (count("SELECT count(*) FROM party_groups WHERE branch_id = ?1")?, "个党小组"),
            (count("SELECT count(*) FROM meetings WHERE branch_id = ?1")?, "条会议记录"),
            (count("SELECT count(*) FROM brands WHERE branch_id = ?1")?, "个品牌"),
            (count("SELECT count(*) FROM activity_branches WHERE branch_id = ?1")?, "项活动"),
        ];
        let in_use: Vec<String> = uses.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{n} {what}")).collect();
        ensure(in_use.is_empty(), || {
            format!("支部「{}」下还有 {}，不能删除；不再使用的支部请改为「已归档」", self.name, in_use.join("、"))
        })
        .map_err(|e| Error::Conflict(e.to_string()))
    }
}

impl Branch {
    fn check_parent(&self, conn: &Connection, parent_id: i64) -> Result<()> {
        ensure(parent_id != self.id, || "支部不能以自己为上级".into())?;
        let mut ancestor = Some(parent_id);
        let mut first = true;
        while let Some(id) = ancestor {
            let row: Option<(String, BranchKind, Option<i64>)> = conn
                .query_row("SELECT name, kind, parent_id FROM branches WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            let (name, kind, parent) = row.ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的上级党总支")))?;
            if first {
                ensure(kind == BranchKind::GeneralBranch, || {
                    format!("上级「{name}」是党支部，只有党总支才能有下级支部")
                })?;
                first = false;
            }
            ensure(id != self.id || self.id == 0, || "上级关系出现循环：支部不能是自己的下级".into())?;
            ancestor = parent;
        }
        Ok(())
    }
}

impl crate::store::Store {
    /// Finds a branch by its exact name.
    pub fn branch_by_name(&self, name: &str) -> Result<Branch> {
        let found = super::record::select::<Branch>(self.conn(), "name = ?1", [name.trim()])?;
        found.into_iter().next().ok_or_else(|| {
            Error::NotFound(format!("找不到名为「{}」的支部；可用 `dangjian branch list` 查看已有支部", name.trim()))
        })
    }
}
