//! Outside organisations (联建单位) and their pairings with branches (结对共建).

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::members::require_branch;
use super::record::{row_id, tidy_text, value, Columns, Record};
use super::PartnerKind;
use crate::date::PartialDate;
use crate::error::{ensure, Error, Result};

/// An outside organisation: a village, school, firm, bank or community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Partner {
    /// Row id; 0 when new.
    pub id: i64,
    /// Unique name, e.g. 新华村党总支.
    pub name: String,
    /// What kind of organisation.
    pub kind: PartnerKind,
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
        let mut c = Columns::new(row);
        Ok(Partner {
            id: c.get("id")?,
            name: c.get("name")?,
            kind: c.get("kind")?,
            contact: c.get("contact")?,
            phone: c.get("phone")?,
            address: c.get("address")?,
            note: c.get("note")?,
        })
    }
    fn tidy(&mut self) {
        self.name = self.name.trim().to_string();
        for text in [&mut self.contact, &mut self.phone, &mut self.address, &mut self.note] {
            tidy_text(text);
        }
    }
    fn check(&self, _conn: &Connection, _today: NaiveDate) -> Result<()> {
        ensure(!self.name.is_empty(), || "联建单位名称不能为空".into())
    }
    fn check_delete(&self, conn: &Connection) -> Result<()> {
        let used: i64 = conn.query_row(
            "SELECT (SELECT count(*) FROM pairings WHERE partner_id = ?1) + (SELECT count(*) FROM activities WHERE partner_id = ?1)",
            [self.id],
            |r| r.get(0),
        )?;
        if used > 0 {
            return Err(Error::Conflict(format!(
                "「{}」还有结对协议或联建活动，不能删除；请先删除或改动它们",
                self.name
            )));
        }
        Ok(())
    }
}

/// A pairing agreement (结对共建协议) of a branch with a partner over a term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Pairing {
    /// Row id; 0 when new.
    pub id: i64,
    /// The branch.
    pub branch_id: i64,
    /// The partner.
    pub partner_id: i64,
    /// When the agreement was signed (签约), the start of its term.
    pub started_on: Option<PartialDate>,
    /// When its term ends (or ended).
    pub ended_on: Option<PartialDate>,
    /// Its goals and what the two do together (共建目标与内容).
    pub content: Option<String>,
}

impl Pairing {
    /// True when `day` falls within the agreement's term (an open end, or an
    /// unknown start, does not limit it).
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.started_on.is_none_or(|start| start.first_day() <= day)
            && self.ended_on.is_none_or(|end| day <= end.last_day())
    }

    /// True when the term shares at least one day with `from`..=`to`.
    pub fn in_force_during(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.started_on.is_none_or(|start| start.first_day() <= to)
            && self.ended_on.is_none_or(|end| from <= end.last_day())
    }
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
        let mut c = Columns::new(row);
        Ok(Pairing {
            id: c.get("id")?,
            branch_id: c.get("branch_id")?,
            partner_id: c.get("partner_id")?,
            started_on: c.get("started_on")?,
            ended_on: c.get("ended_on")?,
            content: c.get("content")?,
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

impl super::Store {
    /// Stores a new partner and its pairing agreement together (the pairing's
    /// `partner_id` is filled in): both or neither.
    pub fn create_partner_with_pairing(&self, partner: &Partner, pairing: &Pairing) -> Result<(Partner, Pairing)> {
        self.write(|conn| {
            let partner = super::record::create_in(conn, self.today(), partner)?;
            let pairing =
                super::record::create_in(conn, self.today(), &Pairing { partner_id: partner.id, ..pairing.clone() })?;
            Ok((partner, pairing))
        })
    }

    /// The partner called `name` (names are unique).
    pub fn partner_by_name(&self, name: &str) -> Result<Partner> {
        let name = name.trim();
        let found: Vec<Partner> = super::record::select(self.conn(), "name = ?1", [name])?;
        found.into_iter().next().ok_or_else(|| {
            crate::Error::NotFound(format!("没有名为「{name}」的联建单位，请先用 dangjian partner add 登记"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairing(started: &str, ended: Option<&str>) -> Pairing {
        Pairing {
            id: 0,
            branch_id: 1,
            partner_id: 1,
            started_on: Some(started.parse().unwrap()),
            ended_on: ended.map(|e| e.parse().unwrap()),
            content: None,
        }
    }

    #[test]
    fn a_term_is_in_force_during_a_year_it_overlaps_even_inside_it() {
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        let year = (day("2026-01-01"), day("2026-12-31"));
        assert!(pairing("2026-03", Some("2026-10")).in_force_during(year.0, year.1), "a term inside the year");
        assert!(pairing("2024-05", None).in_force_during(year.0, year.1), "an open term begun earlier");
        assert!(pairing("2025-01", Some("2026-01")).in_force_during(year.0, year.1), "a term ending in January");
        assert!(!pairing("2023-01", Some("2025-12")).in_force_during(year.0, year.1), "a term over before it");
        assert!(!pairing("2027-01", None).in_force_during(year.0, year.1), "a term not yet begun");
    }
}
