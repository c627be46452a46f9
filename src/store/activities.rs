//! Activities under a brand (义诊, 健康宣教, …) and the volunteer hours given to them.

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::members::require_branch;
use super::record::{row_id, tidy_text, value, Record};
use super::ActivityKind;
use crate::error::{ensure, Result};

/// One person's part in an activity: a member, or an outside volunteer by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Participant {
    /// The member, if the person is one.
    pub member_id: Option<i64>,
    /// Name as recorded.
    pub name: String,
    /// Volunteer hours given.
    pub hours: f64,
}

/// A dated event run by one or more branches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Activity {
    /// Row id; 0 when new.
    pub id: i64,
    /// Title, e.g. 新华村中医义诊.
    pub title: String,
    /// Kind.
    pub kind: ActivityKind,
    /// The day it took place.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Where.
    pub place: Option<String>,
    /// The branches that ran it (at least one).
    pub branch_ids: Vec<i64>,
    /// The brand it belongs to.
    pub brand_id: Option<i64>,
    /// The partner it was held with.
    pub partner_id: Option<i64>,
    /// 服务人次: people served.
    pub people_served: i64,
    /// What was done.
    pub description: Option<String>,
    /// Who took part, with hours.
    pub participants: Vec<Participant>,
}

impl Activity {
    /// Total volunteer hours of the activity.
    pub fn hours(&self) -> f64 {
        self.participants.iter().map(|p| p.hours).sum()
    }
}

impl Record for Activity {
    const TABLE: &'static str = "activities";
    const LABEL: &'static str = "活动";
    const COLUMNS: &'static [&'static str] =
        &["title", "kind", "date", "place", "brand_id", "partner_id", "people_served", "description"];
    const ORDER_BY: &'static str = "date, id";

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.title),
            value(&self.kind),
            value(&self.date),
            value(&self.place),
            value(&self.brand_id),
            value(&self.partner_id),
            value(&self.people_served),
            value(&self.description),
        ]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        Ok(Activity {
            id: row.get("id")?,
            title: row.get("title")?,
            kind: row.get("kind")?,
            date: row.get("date")?,
            place: row.get("place")?,
            branch_ids: Vec::new(),
            brand_id: row.get("brand_id")?,
            partner_id: row.get("partner_id")?,
            people_served: row.get("people_served")?,
            description: row.get("description")?,
            participants: Vec::new(),
        })
    }
    fn tidy(&mut self) {
        self.title = self.title.trim().to_string();
        tidy_text(&mut self.place);
        tidy_text(&mut self.description);
        self.branch_ids.sort_unstable();
        self.branch_ids.dedup();
        for p in &mut self.participants {
            p.name = p.name.trim().to_string();
        }
    }
    fn check(&self, conn: &Connection, today: NaiveDate) -> Result<()> {
        ensure(!self.title.is_empty(), || "活动名称不能为空".into())?;
        ensure(self.date <= today, || format!("活动日期 {} 晚于今天；活动办完后再登记", self.date))?;
        ensure(!self.branch_ids.is_empty(), || "请至少选择一个承办支部".into())?;
        for branch_id in &self.branch_ids {
            require_branch(conn, *branch_id)?;
        }
        ensure(self.people_served >= 0, || "服务人次不能为负数".into())?;
        if let Some(brand_id) = self.brand_id {
            let owner: Option<i64> =
                conn.query_row("SELECT branch_id FROM brands WHERE id = ?1", [brand_id], |r| r.get(0)).optional()?;
            ensure(owner.is_some_and(|b| self.branch_ids.contains(&b)), || {
                "所选品牌不属于承办支部，请重新选择品牌或承办支部".into()
            })?;
        }
        for (i, p) in self.participants.iter().enumerate() {
            ensure(!p.name.is_empty(), || format!("第 {} 位参与人缺少姓名", i + 1))?;
            ensure(p.hours.is_finite() && (0.0..=24.0).contains(&p.hours), || {
                format!("「{}」的志愿服务时长 {} 小时不合理，一次活动应在 0–24 小时之间", p.name, p.hours)
            })?;
            let repeated = self.participants[..i].iter().any(|q| q.name == p.name && q.member_id == p.member_id);
            ensure(!repeated, || format!("参与人「{}」重复出现", p.name))?;
        }
        Ok(())
    }
    fn save_children(&self, conn: &Connection) -> Result<()> {
        conn.execute("DELETE FROM activity_branches WHERE activity_id = ?1", [self.id])?;
        conn.execute("DELETE FROM activity_participants WHERE activity_id = ?1", [self.id])?;
        let mut branch = conn.prepare("INSERT INTO activity_branches (activity_id, branch_id) VALUES (?1, ?2)")?;
        for branch_id in &self.branch_ids {
            branch.execute([self.id, *branch_id])?;
        }
        let mut participant = conn.prepare(
            "INSERT INTO activity_participants (activity_id, member_id, name, hours) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for p in &self.participants {
            participant.execute((self.id, p.member_id, &p.name, p.hours))?;
        }
        Ok(())
    }
    fn load_children(&mut self, conn: &Connection) -> Result<()> {
        let mut branches =
            conn.prepare("SELECT branch_id FROM activity_branches WHERE activity_id = ?1 ORDER BY branch_id")?;
        self.branch_ids = branches.query_map([self.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut participants = conn
            .prepare("SELECT member_id, name, hours FROM activity_participants WHERE activity_id = ?1 ORDER BY id")?;
        self.participants = participants
            .query_map([self.id], |r| Ok(Participant { member_id: r.get(0)?, name: r.get(1)?, hours: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
}

impl super::Store {
    /// The activities held in `year`, by date.
    pub fn activities_in_year(&self, year: i32) -> Result<Vec<Activity>> {
        super::record::select(self.conn(), "substr(date, 1, 4) = ?1", [format!("{year:04}")])
    }
}
