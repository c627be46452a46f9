//! Activities under a brand (义诊, 健康讲座, …) and the volunteer hours given to them.

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::activity_kinds::kind_in_list;
use super::members::require_branch;
use super::record::{row_id, tidy_text, value, Columns, Record};
use super::ParticipantKind;
use crate::error::{ensure, Error, Result};

/// One person's part in an activity: a member, or an outside volunteer by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Participant {
    /// The member, for a member; `None` for an outside volunteer.
    pub member_id: Option<i64>,
    /// Name as recorded.
    pub name: String,
    /// Volunteer hours given.
    pub hours: f64,
    /// A member, or which kind of outside volunteer.
    pub kind: ParticipantKind,
}

impl Participant {
    /// True for the same person: the same member, or the same outside name.
    pub fn same_person(&self, other: &Participant) -> bool {
        match (self.member_id, other.member_id) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.name == other.name,
            _ => false,
        }
    }
}

/// A dated event run by one or more branches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Activity {
    /// Row id; 0 when new.
    pub id: i64,
    /// Title, e.g. 新华村中医义诊.
    pub title: String,
    /// Kind: one of the list in 设置 ([`super::Store::activity_kinds`]).
    pub kind: String,
    /// The day it took place (its first day); it counts in this day's month and year.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Its last day, for an activity over several days.
    #[ts(type = "string | null")]
    pub end_date: Option<NaiveDate>,
    /// Where.
    pub place: Option<String>,
    /// The lead branch (牵头支部): people served are credited to it.
    pub branch_id: i64,
    /// Other organising branches (协办支部).
    pub co_branch_ids: Vec<i64>,
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

    /// The organising branches: the lead branch first, then the others.
    pub fn organisers(&self) -> impl Iterator<Item = i64> + '_ {
        std::iter::once(self.branch_id).chain(self.co_branch_ids.iter().copied())
    }

    /// True when `branch_id` organised it (as lead or co-organiser).
    pub fn organised_by(&self, branch_id: i64) -> bool {
        self.organisers().any(|b| b == branch_id)
    }
}

impl Record for Activity {
    const TABLE: &'static str = "activities";
    const LABEL: &'static str = "活动";
    const COLUMNS: &'static [&'static str] = &[
        "title",
        "kind",
        "date",
        "end_date",
        "place",
        "branch_id",
        "brand_id",
        "partner_id",
        "people_served",
        "description",
    ];
    const ORDER_BY: &'static str = "date, id";

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.title),
            value(&self.kind),
            value(&self.date),
            value(&self.end_date),
            value(&self.place),
            value(&self.branch_id),
            value(&self.brand_id),
            value(&self.partner_id),
            value(&self.people_served),
            value(&self.description),
        ]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        let mut c = Columns::new(row);
        Ok(Activity {
            id: c.get("id")?,
            title: c.get("title")?,
            kind: c.get("kind")?,
            date: c.get("date")?,
            end_date: c.get("end_date")?,
            place: c.get("place")?,
            branch_id: c.get("branch_id")?,
            co_branch_ids: Vec::new(),
            brand_id: c.get("brand_id")?,
            partner_id: c.get("partner_id")?,
            people_served: c.get("people_served")?,
            description: c.get("description")?,
            participants: Vec::new(),
        })
    }
    fn tidy(&mut self) {
        self.title = self.title.trim().to_string();
        self.kind = self.kind.trim().to_string();
        tidy_text(&mut self.place);
        tidy_text(&mut self.description);
        let lead = self.branch_id;
        self.co_branch_ids.retain(|b| *b != lead);
        self.co_branch_ids.sort_unstable();
        self.co_branch_ids.dedup();
        if self.end_date == Some(self.date) {
            self.end_date = None;
        }
        for p in &mut self.participants {
            p.name = p.name.trim().to_string();
        }
    }
    fn check(&self, conn: &Connection, today: NaiveDate) -> Result<()> {
        ensure(!self.title.is_empty(), || "活动名称不能为空".into())?;
        kind_in_list(conn, &self.kind)?;
        ensure(self.date <= today, || format!("活动日期 {} 晚于今天；活动办完后再登记", self.date))?;
        if let Some(end) = self.end_date {
            ensure(end > self.date, || format!("结束日期 {end} 早于开始日期 {}，请核对", self.date))?;
            ensure(end <= today, || format!("结束日期 {end} 晚于今天；活动办完后再登记"))?;
        }
        for branch_id in self.organisers() {
            require_branch(conn, branch_id)?;
        }
        ensure(self.people_served >= 0, || "服务人次不能为负数".into())?;
        if let Some(brand_id) = self.brand_id {
            let owner: Option<i64> =
                conn.query_row("SELECT branch_id FROM brands WHERE id = ?1", [brand_id], |r| r.get(0)).optional()?;
            ensure(owner.is_some_and(|b| self.organised_by(b)), || {
                "所选品牌不属于承办支部，请重新选择品牌或承办支部".into()
            })?;
        }
        for (i, p) in self.participants.iter().enumerate() {
            ensure(!p.name.is_empty(), || format!("第 {} 位参与人缺少姓名", i + 1))?;
            ensure(p.hours.is_finite() && (0.0..=24.0).contains(&p.hours), || {
                format!("「{}」的志愿服务时长 {} 小时不合理，一次活动应在 0–24 小时之间", p.name, p.hours)
            })?;
            match (p.kind, p.member_id) {
                (ParticipantKind::Member, None) => {
                    return Err(Error::Invalid(format!(
                        "「{}」标为党员，但没有对应到名册中的党员，请从名册中选择",
                        p.name
                    )))
                }
                (ParticipantKind::LeagueMember | ParticipantKind::Volunteer, Some(_)) => {
                    return Err(Error::Invalid(format!("「{}」是名册中的党员，不能登记为{}", p.name, p.kind.label())))
                }
                _ => {}
            }
            let repeated = self.participants[..i].iter().any(|q| q.same_person(p));
            ensure(!repeated, || format!("参与人「{}」重复出现", p.name))?;
        }
        Ok(())
    }
    fn save_children(&self, conn: &Connection) -> Result<()> {
        conn.execute("DELETE FROM activity_branches WHERE activity_id = ?1", [self.id])?;
        conn.execute("DELETE FROM activity_participants WHERE activity_id = ?1", [self.id])?;
        let mut branch = conn.prepare("INSERT INTO activity_branches (activity_id, branch_id) VALUES (?1, ?2)")?;
        for branch_id in &self.co_branch_ids {
            branch.execute([self.id, *branch_id])?;
        }
        let mut participant = conn.prepare(
            "INSERT INTO activity_participants (activity_id, member_id, name, hours, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for p in &self.participants {
            participant.execute((self.id, p.member_id, &p.name, p.hours, p.kind))?;
        }
        Ok(())
    }
    fn load_children(&mut self, conn: &Connection) -> Result<()> {
        let mut branches =
            conn.prepare_cached("SELECT branch_id FROM activity_branches WHERE activity_id = ?1 ORDER BY branch_id")?;
        self.co_branch_ids = branches.query_map([self.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut participants = conn.prepare_cached(
            "SELECT member_id, name, hours, kind FROM activity_participants WHERE activity_id = ?1 ORDER BY id",
        )?;
        self.participants = participants
            .query_map([self.id], |r| {
                Ok(Participant { member_id: r.get(0)?, name: r.get(1)?, hours: r.get(2)?, kind: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
}

impl super::Store {
    /// The activities held in `year`, by date.
    pub fn activities_in_year(&self, year: i32) -> Result<Vec<Activity>> {
        super::record::select(self.conn(), "substr(date, 1, 4) = ?1", [format!("{year:04}")])
    }

    /// The activities whose first day falls in `year` (all years when `None`),
    /// of one organising branch (lead or co-organiser) or all, by date.
    pub fn activities_of(&self, year: Option<i32>, branch_id: Option<i64>) -> Result<Vec<Activity>> {
        let all = match year {
            Some(year) => self.activities_in_year(year)?,
            None => self.list()?,
        };
        Ok(all.into_iter().filter(|a| branch_id.is_none_or(|id| a.organised_by(id))).collect())
    }

    /// The activities under a brand, by date.
    pub fn activities_of_brand(&self, brand_id: i64) -> Result<Vec<Activity>> {
        super::record::select(self.conn(), "brand_id = ?1", [brand_id])
    }

    /// The activities held with a partner that is paired with `branch_id`
    /// (with any branch when `None`), by date.
    pub fn activities_with_partners_of(&self, branch_id: Option<i64>) -> Result<Vec<Activity>> {
        super::record::select(
            self.conn(),
            "partner_id IN (SELECT partner_id FROM pairings WHERE ?1 IS NULL OR branch_id = ?1)",
            [branch_id],
        )
    }
}
