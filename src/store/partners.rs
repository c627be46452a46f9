//! Outside organisations (联建单位) and their pairings with branches (结对共建).

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::members::require_branch;
use super::record::{row_id, tidy_text, value, Record};
use crate::date::PartialDate;
use crate::error::{ensure, Result};

/// An outside organisation: a village, school, firm, bank or community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Partner {
    /// Row id; 0 when new.
    pub id: i64,
    /// Unique name, e.g. 新华村党总支.
    pub name: String,
    /// What kind of organisation (村, 社区, 学校, 企业, 银行, 机关, 其他).
    pub kind: String,
    /// Contact person.
    pub contact: Option<String>,
    /// Contact phone.
    pub phone: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// 备注.
    pub note: Option<String>,
}

impl Record for Partner {
    const TABLE: &'static str = "partners";
    const LABEL: &'static str = "联建单位";
    const COLUMNS: &'static [&'static str] = &["name", "kind", "contact", "phone", "address", "note"];
    const ORDER_BY: &'static str = "name";

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.name),
            value(&self.kind),
            value(&self.contact),
            value(&self.phone),
            value(&self.address),
            value(&self.note),
        ]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        Ok(Partner {
            id: row.get("id")?,
            name: row.get("name")?,
            kind: row.get("kind")?,
            contact: row.get("contact")?,
            phone: row.get("phone")?,
            address: row.get("address")?,
            note: row.get("note")?,
        })
    }
    fn tidy(&mut self) {
        self.name = self.name.trim().to_string();
        self.kind = self.kind.trim().to_string();
        for text in [&mut self.contact, &mut self.phone, &mut self.address, &mut self.note] {
            tidy_text(text);
        }
    }
    fn check(&self, _conn: &Connection, _today: NaiveDate) -> Result<()> {
        ensure(!self.name.is_empty(), || "联建单位名称不能为空".into())?;
        ensure(!self.kind.is_empty(), || "请填写联建单位类型（村、社区、学校、企业、银行、机关等）".into())
    }
}

/// A pairing of a branch with a partner over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Pairing {
    /// Row id; 0 when new.
    pub id: i64,
    /// The branch.
    pub branch_id: i64,
    /// The partner.
    pub partner_id: i64,
    /// When the pairing began (签约).
    pub started_on: Option<PartialDate>,
    /// When it ended, if it has.
    pub ended_on: Option<PartialDate>,
    /// What the pairing does together.
    pub content: Option<String>,
}

impl Record for Pairing {
    const TABLE: &'static str = "pairings";
    const LABEL: &'static str = "结对共建";
    const COLUMNS: &'static [&'static str] = &["branch_id", "partner_id", "started_on", "ended_on", "content"];

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.branch_id),
            value(&self.partner_id),
            value(&self.started_on),
            value(&self.ended_on),
            value(&self.content),
        ]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        Ok(Pairing {
            id: row.get("id")?,
            branch_id: row.get("branch_id")?,
            partner_id: row.get("partner_id")?,
            started_on: row.get("started_on")?,
            ended_on: row.get("ended_on")?,
            content: row.get("content")?,
        })
    }
    fn tidy(&mut self) {
        tidy_text(&mut self.content);
    }
    fn check(&self, conn: &Connection, _today: NaiveDate) -> Result<()> {
        require_branch(conn, self.branch_id)?;
        if let (Some(start), Some(end)) = (self.started_on, self.ended_on) {
            ensure(!end.surely_before(&start), || format!("结束日期 {end} 早于开始日期 {start}，请核对"))?;
        }
        Ok(())
    }
}
