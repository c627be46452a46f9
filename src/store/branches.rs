//! Branches (党支部) and general branches (党总支), with their committees.

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{json_column, json_value, row_id, tidy_text, value, Record};
use super::{BranchKind, CommitteeRole};
use crate::date::PartialDate;
use crate::error::{ensure, Error, Result};

/// A seat on a branch committee (支委) held by a member for a time: a change
/// of secretary ends one post and starts another, so who held which seat on
/// any past date stays known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommitteePost {
    /// The member holding the seat (of this branch, or of a branch under a 党总支).
    pub member_id: i64,
    /// The member's name, filled when read; ignored when saved.
    #[serde(default)]
    pub name: String,
    /// 书记, 副书记 or 委员.
    pub role: CommitteeRole,
    /// The duty of a 委员 (组织委员, 宣传委员, 纪检委员…).
    pub duty: Option<String>,
    /// First day in office; `None` when not recorded (taken as since the branch began).
    pub started_on: Option<PartialDate>,
    /// Last day in office; `None` while in office.
    pub ended_on: Option<PartialDate>,
}

impl CommitteePost {
    /// True when the seat was held on `day` (a month-only date covers its whole month).
    pub fn held_on(&self, day: NaiveDate) -> bool {
        self.started_on.is_none_or(|s| s.first_day() <= day) && self.ended_on.is_none_or(|e| day <= e.last_day())
    }

    /// True when the seat was held on some day of `from..=to`.
    pub fn held_during(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.started_on.is_none_or(|s| s.first_day() <= to) && self.ended_on.is_none_or(|e| from <= e.last_day())
    }
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
    /// The branch committee's posts, past and present, oldest first.
    pub committee: Vec<CommitteePost>,
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
            committee: Vec::new(),
            founded_on: row.get("founded_on")?,
            term_ends_on: row.get("term_ends_on")?,
            departments: json_column(row, "departments")?,
            archived: row.get("archived")?,
            note: row.get("note")?,
        })
    }

    fn tidy(&mut self) {
        self.name = self.name.trim().to_string();
        tidy_text(&mut self.note);
        for post in &mut self.committee {
            tidy_text(&mut post.duty);
        }
        self.committee.sort_by_key(|p| (p.started_on.map(|d| d.first_day()), p.role));
        self.departments = self.departments.iter().map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect();
    }

    fn check(&self, conn: &Connection, today: NaiveDate) -> Result<()> {
        ensure(!self.name.is_empty(), || "支部名称不能为空".into())?;
        let twin: Option<i64> = conn
            .query_row("SELECT id FROM branches WHERE name = ?1 AND id <> ?2", (&self.name, self.id), |r| r.get(0))
            .optional()?;
        if twin.is_some() {
            return Err(Error::Conflict(format!("已有名为「{}」的支部，支部名称不能重复", self.name)));
        }
        if let Some(founded) = self.founded_on {
            ensure(!founded.surely_after_day(today), || format!("成立日期 {founded} 晚于今天，请核对"))?;
            if let Some(term_end) = self.term_ends_on {
                ensure(!term_end.surely_before(&founded), || {
                    format!("届满日期 {term_end} 早于成立日期 {founded}，请核对")
                })?;
            }
        }
        if let Some(parent_id) = self.parent_id {
            self.check_parent(conn, parent_id)?;
        }
        self.check_committee(conn, today)?;
        if self.kind == BranchKind::Branch && self.id != 0 {
            let children: i64 =
                conn.query_row("SELECT count(*) FROM branches WHERE parent_id = ?1", [self.id], |r| r.get(0))?;
            ensure(children == 0, || {
                format!("「{}」下还有 {children} 个支部，不能改为党支部；请先调整下级支部的上级", self.name)
            })?;
        }
        Ok(())
    }

    fn save_children(&self, conn: &Connection) -> Result<()> {
        conn.prepare_cached("DELETE FROM committee_posts WHERE branch_id = ?1")?.execute([self.id])?;
        let mut insert = conn.prepare_cached(
            "INSERT INTO committee_posts (branch_id, member_id, role, duty, started_on, ended_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for p in &self.committee {
            insert.execute((self.id, p.member_id, p.role, &p.duty, p.started_on, p.ended_on))?;
        }
        Ok(())
    }

    fn load_children(&mut self, conn: &Connection) -> Result<()> {
        let mut statement = conn.prepare_cached(
            "SELECT p.member_id, m.name, p.role, p.duty, p.started_on, p.ended_on
             FROM committee_posts p JOIN members m ON m.id = p.member_id
             WHERE p.branch_id = ?1 ORDER BY p.id",
        )?;
        self.committee = statement
            .query_map([self.id], |r| {
                Ok(CommitteePost {
                    member_id: r.get(0)?,
                    name: r.get(1)?,
                    role: r.get(2)?,
                    duty: r.get(3)?,
                    started_on: r.get(4)?,
                    ended_on: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
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
    /// The committee posts held on `day`.
    pub fn committee_on(&self, day: NaiveDate) -> impl Iterator<Item = &CommitteePost> {
        self.committee.iter().filter(move |p| p.held_on(day))
    }

    /// The secretary's post on `day`, if the seat was filled.
    pub fn secretary_on(&self, day: NaiveDate) -> Option<&CommitteePost> {
        self.committee_on(day).find(|p| p.role == CommitteeRole::Secretary)
    }

    /// Each post names a stored member, starts before it ends, and no two
    /// secretaries (or deputies) hold office on the same day.
    fn check_committee(&self, conn: &Connection, today: NaiveDate) -> Result<()> {
        let mut find = conn.prepare_cached(
            "SELECT m.name, m.branch_id = ?2 OR b.parent_id = ?2 FROM members m JOIN branches b ON b.id = m.branch_id
             WHERE m.id = ?1",
        )?;
        for (i, post) in self.committee.iter().enumerate() {
            let found: Option<(String, bool)> =
                find.query_row((post.member_id, self.id), |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
            let (name, belongs) = found.ok_or_else(|| {
                Error::NotFound(format!("第 {} 名支委（编号 {} 的党员）不存在，请重新选择", i + 1, post.member_id))
            })?;
            // A sitting member must belong to the branch (or, for a 党总支, to a branch under it);
            // a past post stays history after its holder has moved on.
            ensure(belongs || post.ended_on.is_some(), || {
                format!("「{name}」不是「{}」的党员，不能担任其支委；已调离的请填写离任日期", self.name)
            })?;
            if let (Some(start), Some(end)) = (post.started_on, post.ended_on) {
                ensure(!end.surely_before(&start), || {
                    format!("{name}担任{}的离任日期 {end} 早于任职日期 {start}，请核对", post.role.label())
                })?;
            }
            if let Some(start) = post.started_on {
                ensure(!start.surely_after_day(today), || format!("{name}的任职日期 {start} 晚于今天，请核对"))?;
            }
            for other in &self.committee[..i] {
                let overlap = |a: &CommitteePost, b: &CommitteePost| {
                    let (a0, a1) = (a.started_on.map(|d| d.first_day()), a.ended_on.map(|d| d.last_day()));
                    let (b0, b1) = (b.started_on.map(|d| d.first_day()), b.ended_on.map(|d| d.last_day()));
                    a0.zip(b1).is_none_or(|(s, e)| s <= e) && b0.zip(a1).is_none_or(|(s, e)| s <= e)
                };
                let same_seat = other.role == post.role && post.role != CommitteeRole::Member;
                ensure(!(same_seat && overlap(other, post)), || {
                    format!(
                        "两名{}的任期重叠（{}）；换届时请先填写前任的离任日期，再添加新任",
                        post.role.label(),
                        name
                    )
                })?;
                ensure(!(other.member_id == post.member_id && overlap(other, post)), || {
                    format!("{name}在同一时期担任了两个支委职务，请合并或填写离任日期")
                })?;
            }
        }
        Ok(())
    }

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

impl crate::store::Store {
    /// Seats `member_id` on the committee of `branch_id` from `from`. A new
    /// 书记 or 副书记 ends the incumbent's post the day before, so a change of
    /// secretary is kept as history.
    pub fn appoint(
        &self,
        branch_id: i64,
        member_id: i64,
        role: CommitteeRole,
        duty: Option<String>,
        from: PartialDate,
    ) -> Result<Branch> {
        let today = self.today();
        self.write(|conn| {
            let mut branch: Branch = super::record::get(conn, branch_id)?;
            let start = from.first_day();
            if role != CommitteeRole::Member {
                for post in branch.committee.iter_mut().filter(|p| p.role == role && p.ended_on.is_none()) {
                    if post.started_on.is_some_and(|s| s.first_day() >= start) {
                        return Err(Error::Invalid(format!(
                            "现任{}「{}」的任职日期不早于 {from}，请核对新任的任职日期",
                            role.label(),
                            post.name
                        )));
                    }
                    post.ended_on = Some(PartialDate::day(start - chrono::Days::new(1)));
                }
            }
            branch.committee.push(CommitteePost {
                member_id,
                name: String::new(),
                role,
                duty,
                started_on: Some(from),
                ended_on: None,
            });
            super::record::update_in(conn, today, &branch)
        })
    }

    /// Ends `member_id`'s current post on the committee of `branch_id` on `on` (their last day).
    pub fn end_post(&self, branch_id: i64, member_id: i64, on: PartialDate) -> Result<Branch> {
        let today = self.today();
        self.write(|conn| {
            let mut branch: Branch = super::record::get(conn, branch_id)?;
            let post = branch
                .committee
                .iter_mut()
                .find(|p| p.member_id == member_id && p.ended_on.is_none())
                .ok_or_else(|| Error::NotFound(format!("该党员目前不是「{}」的支委", branch.name)))?;
            post.ended_on = Some(on);
            super::record::update_in(conn, today, &branch)
        })
    }
}
