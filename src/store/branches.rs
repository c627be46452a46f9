//! Branches (党支部) and general branches (党总支), with their committees.

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{json_value, row_id, tidy_text, value, Columns, Record};
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

    /// True when the two posts were held on some common day.
    pub fn overlaps(&self, other: &CommitteePost) -> bool {
        let first = |p: &CommitteePost| p.started_on.map_or(NaiveDate::MIN, |d| d.first_day());
        let last = |p: &CommitteePost| p.ended_on.map_or(NaiveDate::MAX, |d| d.last_day());
        first(self) <= last(other) && first(other) <= last(self)
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
    const COLUMNS: &'static [&'static str] =
        &["name", "kind", "parent_id", "founded_on", "term_ends_on", "departments", "archived", "note"];
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
        let mut c = Columns::new(row);
        Ok(Branch {
            id: c.get("id")?,
            name: c.get("name")?,
            kind: c.get("kind")?,
            parent_id: c.get("parent_id")?,
            committee: Vec::new(),
            founded_on: c.get("founded_on")?,
            term_ends_on: c.get("term_ends_on")?,
            departments: c.json("departments")?,
            archived: c.get("archived")?,
            note: c.get("note")?,
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
            "SELECT m.name, m.branch_id = ?2 OR b.parent_id IS ?2 FROM members m JOIN branches b ON b.id = m.branch_id
             WHERE m.id = ?1",
        )?;
        let mut names: Vec<String> = Vec::with_capacity(self.committee.len());
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
            for (other, other_name) in self.committee[..i].iter().zip(&names) {
                if !other.overlaps(post) {
                    continue;
                }
                ensure(other.role != post.role || post.role == CommitteeRole::Member, || {
                    format!(
                        "两名{}（{other_name}、{name}）的任期重叠；换届时请先填写前任的离任日期，再添加新任",
                        post.role.label()
                    )
                })?;
                ensure(other.member_id != post.member_id, || {
                    format!("{name}在同一时期担任了两个支委职务，请合并或填写离任日期")
                })?;
            }
            names.push(name);
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
    /// A branch's name by id, for messages that tell people apart by branch.
    pub(crate) fn branch_names(&self) -> Result<impl Fn(i64) -> String> {
        let branches: Vec<Branch> = self.list()?;
        Ok(move |id: i64| branches.iter().find(|b| b.id == id).map_or_else(|| format!("支部 {id}"), |b| b.name.clone()))
    }

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
            // A 委员 made 书记 leaves the old seat the day before.
            for post in branch.committee.iter_mut().filter(|p| p.member_id == member_id && p.ended_on.is_none()) {
                post.ended_on = Some(PartialDate::day(start - chrono::Days::new(1)));
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

/// A branch as lists show it: the record, with its secretary and the size
/// of its committee on the store's today (so no screen works them out itself).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BranchView {
    /// The branch.
    #[serde(flatten)]
    #[ts(flatten)]
    pub branch: Branch,
    /// The secretary's name today.
    pub secretary_now: Option<String>,
    /// How many sit on the committee today.
    pub committee_now: usize,
}

impl crate::store::Store {
    /// Every branch with its secretary and committee size today, active first.
    pub fn branch_views(&self) -> Result<Vec<BranchView>> {
        let today = self.today();
        Ok(self
            .list::<Branch>()?
            .into_iter()
            .map(|branch| BranchView {
                secretary_now: branch.secretary_on(today).map(|p| p.name.clone()),
                committee_now: branch.committee_on(today).count(),
                branch,
            })
            .collect())
    }
}

/// Ends, the day before `from`, the open committee posts of a member who
/// from that day no longer belongs where they sit: every post when they
/// leave the rolls (`still_in` is `None`), else the posts outside `still_in`
/// and the 党总支 above it. Called inside the transfer's or change's transaction.
pub(crate) fn end_posts_leaving(
    conn: &Connection,
    today: NaiveDate,
    member_id: i64,
    from: PartialDate,
    still_in: Option<i64>,
) -> Result<()> {
    let parent: Option<i64> = match still_in {
        Some(id) => conn.query_row("SELECT parent_id FROM branches WHERE id = ?1", [id], |r| r.get(0))?,
        None => None,
    };
    let seats: Vec<i64> = conn
        .prepare_cached("SELECT DISTINCT branch_id FROM committee_posts WHERE member_id = ?1 AND ended_on IS NULL")?
        .query_map([member_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let last_day = PartialDate::day(from.first_day() - chrono::Days::new(1));
    for branch_id in seats.into_iter().filter(|id| Some(*id) != still_in && Some(*id) != parent) {
        let mut branch: Branch = super::record::get(conn, branch_id)?;
        for post in branch.committee.iter_mut().filter(|p| p.member_id == member_id && p.ended_on.is_none()) {
            post.ended_on = Some(last_day);
        }
        super::record::update_in(conn, today, &branch)?;
    }
    Ok(())
}

/// The seat an old free-text committee title stands for: 副书记, 书记 (支部书记,
/// 党总支书记…), or 委员 with the title kept as the duty (组织委员…).
pub(crate) fn seat_from_title(title: &str) -> (CommitteeRole, Option<String>) {
    let title = title.trim();
    if title.contains("副书记") {
        (CommitteeRole::DeputySecretary, None)
    } else if title.contains("书记") {
        (CommitteeRole::Secretary, None)
    } else if matches!(title, "" | "委员" | "支委" | "支部委员") {
        (CommitteeRole::Member, None)
    } else {
        (CommitteeRole::Member, Some(title.to_string()))
    }
}

/// Turns an old committee, kept as names and titles (and a separate
/// secretary's name, which takes the 书记 seat), into undated posts held by
/// the members of those names among `candidates` (member id, name; the
/// branch's members and those of the branches under it). Only one 书记 and
/// one 副书记 are seated; a further one becomes a 委员 with the title as duty.
/// Returns the posts and, as `姓名（职务）`, the names that match nobody.
/// The schema upgrade and the upgrade of old backups both use it.
pub(crate) fn posts_from_names(
    secretary: Option<&str>,
    seats: &[(String, String)],
    candidates: &[(i64, String)],
) -> (Vec<CommitteePost>, Vec<String>) {
    let mut seats: Vec<(String, String)> = seats
        .iter()
        .map(|(n, t)| (n.trim().to_string(), t.trim().to_string()))
        .filter(|(n, _)| !n.is_empty())
        .collect();
    if let Some(secretary) = secretary.map(str::trim).filter(|s| !s.is_empty()) {
        match seats.iter_mut().find(|(name, _)| name == secretary) {
            Some(seat) => seat.1 = "书记".into(),
            None => seats.insert(0, (secretary.to_string(), "书记".into())),
        }
    }
    let (mut posts, mut unmatched): (Vec<CommitteePost>, Vec<String>) = (Vec::new(), Vec::new());
    for (name, title) in seats {
        let Some((member_id, _)) = candidates.iter().find(|(_, n)| *n == name) else {
            unmatched.push(format!("{name}（{}）", if title.is_empty() { "委员" } else { &title }));
            continue;
        };
        if posts.iter().any(|p| p.member_id == *member_id) {
            continue;
        }
        let (mut role, mut duty) = seat_from_title(&title);
        if role != CommitteeRole::Member && posts.iter().any(|p| p.role == role) {
            (role, duty) = (CommitteeRole::Member, Some(title.clone()));
        }
        posts.push(CommitteePost { member_id: *member_id, name, role, duty, started_on: None, ended_on: None });
    }
    (posts, unmatched)
}

/// The note kept for committee names that matched no member.
pub(crate) fn unmatched_note(unmatched: &[String]) -> String {
    format!("原支委记录（未能对应到党员，请在支委中重新选择）：{}", unmatched.join("、"))
}
