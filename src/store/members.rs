//! Party members: every roster column, their status, and their transfers between branches.

use std::collections::BTreeMap;

use chrono::Months;
use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{get, insert, json_value, row_id, select, tidy_text, value, Columns, Record};
use super::{audit, Action, Branch, Category, Gender, MemberStatus, Store};
use crate::date::PartialDate;
use crate::error::{ensure, Error, Result};
use crate::id_number::IdNumber;

/// A Party member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Member {
    /// Row id; 0 when new.
    pub id: i64,
    /// 姓名.
    pub name: String,
    /// 性别.
    pub gender: Option<Gender>,
    /// 民族.
    pub ethnicity: Option<String>,
    /// 公民身份号码, upper-case; unique.
    pub id_number: Option<String>,
    /// 出生日期.
    pub birth_date: Option<PartialDate>,
    /// 学历.
    pub education: Option<String>,
    /// 学位.
    pub degree: Option<String>,
    /// 人员类别.
    pub category: Category,
    /// 所在党支部.
    pub branch_id: i64,
    /// 党小组.
    pub group_id: Option<i64>,
    /// 入党日期.
    pub joined_on: Option<PartialDate>,
    /// 转正日期.
    pub full_member_on: Option<PartialDate>,
    /// 延长预备期: the months (6–12) a probation was extended by, once.
    pub probation_extension_months: Option<u32>,
    /// 工号: the hospital's staff number; unique.
    pub staff_no: Option<String>,
    /// 工作岗位.
    pub post: Option<String>,
    /// 科室 / 工作部门.
    pub department: Option<String>,
    /// 职务.
    pub duty: Option<String>,
    /// 职称.
    pub professional_title: Option<String>,
    /// 手机号码.
    pub phone: Option<String>,
    /// 家庭住址.
    pub address: Option<String>,
    /// 党籍状态.
    pub status: MemberStatus,
    /// 是否失联党员.
    pub lost_contact: bool,
    /// 是否流动党员.
    pub floating: bool,
    /// 备注.
    pub note: Option<String>,
    /// Roster columns with no field of their own, kept by header name.
    pub extra: BTreeMap<String, String>,
}

impl Member {
    /// A new full member on the rolls of `branch_id`, with only a name.
    pub fn new(name: &str, branch_id: i64) -> Member {
        Member {
            id: 0,
            name: name.to_string(),
            gender: None,
            ethnicity: None,
            id_number: None,
            birth_date: None,
            education: None,
            degree: None,
            category: Category::Full,
            branch_id,
            group_id: None,
            joined_on: None,
            full_member_on: None,
            probation_extension_months: None,
            staff_no: None,
            post: None,
            department: None,
            duty: None,
            professional_title: None,
            phone: None,
            address: None,
            status: MemberStatus::Active,
            lost_contact: false,
            floating: false,
            note: None,
            extra: BTreeMap::new(),
        }
    }

    /// A copy with the ID and phone numbers masked, for lists and exports.
    pub fn masked(&self) -> Member {
        Member {
            id_number: self.id_number.as_deref().map(crate::id_number::mask_id_number),
            phone: self.phone.as_deref().map(crate::id_number::mask_phone),
            ..self.clone()
        }
    }

    /// The rules this member's own fields break, each with the field at fault
    /// (the name of the struct field). Empty when the fields agree with each other.
    /// Checks against stored data (branch, group, duplicate ID) are in `check`.
    pub fn problems(&self, today: NaiveDate) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push(("name", "姓名不能为空".to_string()));
        }
        let now = today;
        let dates = [
            ("birth_date", "出生日期", self.birth_date),
            ("joined_on", "入党日期", self.joined_on),
            ("full_member_on", "转正日期", self.full_member_on),
        ];
        for (field, label, date) in dates {
            if let Some(date) = date.filter(|d| d.surely_after_day(now)) {
                problems.push((field, format!("{label} {date} 晚于今天，请核对")));
            }
        }
        if let (Some(birth), Some(joined)) = (self.birth_date, self.joined_on) {
            let eighteenth = birth.first_day() + Months::new(18 * 12);
            if joined.last_day() < eighteenth {
                problems.push((
                    "joined_on",
                    format!("入党日期 {joined} 时未满 18 岁（出生日期 {birth}），请核对这两个日期"),
                ));
            }
        }
        if let (Some(joined), Some(full)) = (self.joined_on, self.full_member_on) {
            if full.surely_before(&joined) {
                problems.push(("full_member_on", format!("转正日期 {full} 早于入党日期 {joined}，请核对")));
            }
        }
        if let (Category::Probationary, Some(full)) = (self.category, self.full_member_on) {
            problems.push((
                "full_member_on",
                format!("预备党员不应有转正日期（{full}）；已转正的请把人员类别改为正式党员"),
            ));
        }
        if let Some(months) = self.probation_extension_months.filter(|m| !(6..=12).contains(m)) {
            problems.push((
                "probation_extension_months",
                format!("预备期只能延长 6 至 12 个月（现为 {months} 个月），请核对"),
            ));
        }
        if let Some(text) = &self.id_number {
            problems.extend(self.id_number_problems(text));
        }
        problems
    }

    fn id_number_problems(&self, text: &str) -> Vec<(&'static str, String)> {
        let id = match IdNumber::parse(text) {
            Ok(id) => id,
            Err(e) => return vec![("id_number", e.to_string())],
        };
        let mut problems = Vec::new();
        if let (Some(birth), Some(encoded)) = (self.birth_date, id.birth_date()) {
            if !(birth.first_day() <= encoded && encoded <= birth.last_day()) {
                problems.push((
                    "birth_date",
                    format!("出生日期 {birth} 与身份证号中的出生日期 {} 不一致，请核对", encoded.format("%Y-%m-%d")),
                ));
            }
        }
        if let Some(gender) = self.gender.filter(|g| *g != id.gender()) {
            problems
                .push(("gender", format!("性别「{gender}」与身份证号（第 17 位表示{}）不一致，请核对", id.gender())));
        }
        problems
    }

    /// The stored member, other than this one, that has this member's ID number:
    /// `(name, branch name)`.
    pub(crate) fn id_twin(&self, conn: &Connection) -> Result<Option<(String, String)>> {
        let Some(id) = &self.id_number else { return Ok(None) };
        Ok(conn
            .prepare_cached(
                "SELECT m.name, b.name FROM members m JOIN branches b ON b.id = m.branch_id
                 WHERE m.id_number = ?1 AND m.id <> ?2",
            )?
            .query_row((id, self.id), |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }
}

/// Fails with a clear message unless the branch exists.
pub(crate) fn require_branch(conn: &Connection, branch_id: i64) -> Result<()> {
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM branches WHERE id = ?1)")?
        .query_row([branch_id], |r| r.get(0))?;
    ensure(exists, || format!("编号为 {branch_id} 的支部不存在，请先新建支部或重新选择"))
        .map_err(|e| Error::NotFound(e.to_string()))
}

impl Record for Member {
    const TABLE: &'static str = "members";
    const LABEL: &'static str = "党员";
    const COLUMNS: &'static [&'static str] = &[
        "name",
        "gender",
        "ethnicity",
        "id_number",
        "birth_date",
        "education",
        "degree",
        "category",
        "branch_id",
        "group_id",
        "joined_on",
        "full_member_on",
        "probation_extension_months",
        "staff_no",
        "post",
        "department",
        "duty",
        "professional_title",
        "phone",
        "address",
        "status",
        "lost_contact",
        "floating",
        "note",
        "extra",
    ];
    const ORDER_BY: &'static str = "branch_id, id";

    row_id!();

    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.name),
            value(&self.gender),
            value(&self.ethnicity),
            value(&self.id_number),
            value(&self.birth_date),
            value(&self.education),
            value(&self.degree),
            value(&self.category),
            value(&self.branch_id),
            value(&self.group_id),
            value(&self.joined_on),
            value(&self.full_member_on),
            value(&self.probation_extension_months),
            value(&self.staff_no),
            value(&self.post),
            value(&self.department),
            value(&self.duty),
            value(&self.professional_title),
            value(&self.phone),
            value(&self.address),
            value(&self.status),
            value(&self.lost_contact),
            value(&self.floating),
            value(&self.note),
            json_value(&self.extra),
        ]
    }

    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        let mut c = Columns::new(row);
        Ok(Member {
            id: c.get("id")?,
            name: c.get("name")?,
            gender: c.get("gender")?,
            ethnicity: c.get("ethnicity")?,
            id_number: c.get("id_number")?,
            birth_date: c.get("birth_date")?,
            education: c.get("education")?,
            degree: c.get("degree")?,
            category: c.get("category")?,
            branch_id: c.get("branch_id")?,
            group_id: c.get("group_id")?,
            joined_on: c.get("joined_on")?,
            full_member_on: c.get("full_member_on")?,
            probation_extension_months: c.get("probation_extension_months")?,
            staff_no: c.get("staff_no")?,
            post: c.get("post")?,
            department: c.get("department")?,
            duty: c.get("duty")?,
            professional_title: c.get("professional_title")?,
            phone: c.get("phone")?,
            address: c.get("address")?,
            status: c.get("status")?,
            lost_contact: c.get("lost_contact")?,
            floating: c.get("floating")?,
            note: c.get("note")?,
            extra: c.json("extra")?,
        })
    }

    /// An ID or phone number sent back exactly as the masked form of the
    /// stored one is the stored one: an edit form shows them masked.
    fn keep_unchanged(&mut self, stored: &Self) {
        let shown = stored.masked();
        if self.id_number.is_some() && self.id_number == shown.id_number {
            self.id_number.clone_from(&stored.id_number);
        }
        if self.phone.is_some() && self.phone == shown.phone {
            self.phone.clone_from(&stored.phone);
        }
    }

    fn forget(conn: &Connection, id: i64) -> Result<()> {
        super::personal::forget_member(conn, id)
    }

    fn tidy(&mut self) {
        if self.name.trim().len() != self.name.len() {
            self.name = self.name.trim().to_string();
        }
        for text in [
            &mut self.ethnicity,
            &mut self.id_number,
            &mut self.education,
            &mut self.degree,
            &mut self.staff_no,
            &mut self.post,
            &mut self.department,
            &mut self.duty,
            &mut self.professional_title,
            &mut self.phone,
            &mut self.address,
            &mut self.note,
        ] {
            tidy_text(text);
        }
        if let Some(id) = self.id_number.as_mut() {
            id.make_ascii_uppercase();
        }
        // What an ID number states need not be typed twice.
        if let Some(id) = self.id_number.as_deref().and_then(|id| IdNumber::parse(id).ok()) {
            if self.birth_date.is_none() {
                self.birth_date = id.birth_date().map(PartialDate::day);
            }
            self.gender.get_or_insert(id.gender());
        }
    }

    fn check(&self, conn: &Connection, today: NaiveDate) -> Result<()> {
        require_branch(conn, self.branch_id)?;
        if let Some(group_id) = self.group_id {
            let group_branch: Option<i64> = conn
                .query_row("SELECT branch_id FROM party_groups WHERE id = ?1", [group_id], |r| r.get(0))
                .optional()?;
            ensure(group_branch == Some(self.branch_id), || {
                "所选党小组不属于该党员所在的支部，请重新选择党小组".into()
            })?;
        }
        if let Some((_, message)) = self.problems(today).into_iter().next() {
            return Err(Error::Invalid(message));
        }
        match self.id_twin(conn)? {
            Some((name, branch)) => Err(Error::Conflict(format!(
                "身份证号 {} 已登记为「{name}」（{branch}），同一人不能重复录入",
                crate::id_number::mask_id_number(self.id_number.as_deref().unwrap_or_default())
            ))),
            None => Ok(()),
        }
    }

    fn after_update(&self, before: &Self, conn: &Connection, today: NaiveDate) -> Result<()> {
        if before.branch_id != self.branch_id {
            let transfer = MemberTransfer {
                id: 0,
                member_id: self.id,
                from_branch_id: Some(before.branch_id),
                to_branch_id: self.branch_id,
                transferred_on: PartialDate::day(today),
                note: None,
            };
            let stored = insert(conn, &transfer, false)?;
            audit::record(conn, MemberTransfer::TABLE, stored.id, Action::Create, None, Some(&stored))?;
        }
        super::member_history::record_member_changes(conn, today, before, self, PartialDate::day(today))
    }

    fn check_delete(&self, conn: &Connection) -> Result<()> {
        let posts: i64 =
            conn.query_row("SELECT count(*) FROM committee_posts WHERE member_id = ?1", [self.id], |r| r.get(0))?;
        ensure(posts == 0, || {
            format!("「{}」在支委任职记录中出现 {posts} 次，删除会破坏支委的历史；离开的党员请把党籍状态改为「转出」或「去世」", self.name)
        })
        .map_err(|e| Error::Conflict(e.to_string()))?;
        let records: i64 = conn.query_row(
            "SELECT (SELECT count(*) FROM meeting_attendance WHERE member_id = ?1)
                  + (SELECT count(*) FROM activity_participants WHERE member_id = ?1)
                  + (SELECT count(*) FROM honors WHERE member_id = ?1)",
            [self.id],
            |r| r.get(0),
        )?;
        ensure(records == 0, || {
            format!(
                "「{}」已出现在 {records} 条会议、活动或荣誉记录中，删除会破坏这些记录；离开的党员请把党籍状态改为「转出」或「去世」",
                self.name
            )
        })
        .map_err(|e| Error::Conflict(e.to_string()))
    }
}

/// A move of a member from one branch to another (组织关系转接).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberTransfer {
    /// Row id; 0 when new.
    pub id: i64,
    /// Who moved.
    pub member_id: i64,
    /// The branch left (none for a member who came from outside the hospital).
    pub from_branch_id: Option<i64>,
    /// The branch joined.
    pub to_branch_id: i64,
    /// When.
    pub transferred_on: PartialDate,
    /// 备注.
    pub note: Option<String>,
}

impl Record for MemberTransfer {
    const TABLE: &'static str = "member_transfers";
    const LABEL: &'static str = "转接记录";
    const COLUMNS: &'static [&'static str] = &["member_id", "from_branch_id", "to_branch_id", "transferred_on", "note"];
    const ORDER_BY: &'static str = "member_id, transferred_on, id";

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.member_id),
            value(&self.from_branch_id),
            value(&self.to_branch_id),
            value(&self.transferred_on),
            value(&self.note),
        ]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        let mut c = Columns::new(row);
        Ok(MemberTransfer {
            id: c.get("id")?,
            member_id: c.get("member_id")?,
            from_branch_id: c.get("from_branch_id")?,
            to_branch_id: c.get("to_branch_id")?,
            transferred_on: c.get("transferred_on")?,
            note: c.get("note")?,
        })
    }
    fn tidy(&mut self) {
        tidy_text(&mut self.note);
    }
    fn check(&self, _conn: &Connection, today: NaiveDate) -> Result<()> {
        ensure(!self.transferred_on.surely_after_day(today), || {
            format!("转接日期 {} 晚于今天，请核对", self.transferred_on)
        })
    }
}

/// A member with the history and dates the detail view shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MemberDetail {
    /// The member (masked unless revealed).
    pub member: Member,
    /// Transfers between branches, oldest first.
    pub transfers: Vec<MemberTransfer>,
    /// Status changes, oldest first.
    pub status_changes: Vec<super::StatusChange>,
    /// Party-group changes, oldest first.
    pub group_changes: Vec<super::GroupChange>,
    /// 党龄: whole years since 转正.
    pub party_age: Option<u32>,
    /// The day probation ends, for a probationary member.
    #[ts(type = "string | null")]
    pub probation_ends: Option<NaiveDate>,
}

/// Which members a listing shows; every field narrows it, `None` matches all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberFilter {
    /// Only this branch.
    pub branch_id: Option<i64>,
    /// Only this category.
    pub category: Option<Category>,
    /// Only this status.
    pub status: Option<MemberStatus>,
    /// Text found in the name, department or post, or a whole ID number (a
    /// part of one would tell, digit by digit, what the mask hides).
    pub search: Option<String>,
}

impl Store {
    /// The members that match `filter`, by branch then entry order.
    pub fn members(&self, filter: &MemberFilter) -> Result<Vec<Member>> {
        let search = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty());
        select(
            self.conn(),
            "(?1 IS NULL OR branch_id = ?1) AND (?2 IS NULL OR category = ?2) AND (?3 IS NULL OR status = ?3)
             AND (?4 IS NULL OR name LIKE ?5 OR department LIKE ?5 OR post LIKE ?5 OR id_number = upper(?4))",
            (filter.branch_id, filter.category, filter.status, search, search.map(|s| format!("%{s}%"))),
        )
    }

    /// The one member of `branch_id` called `name`; an error names the problem if none or several.
    pub fn member_in_branch(&self, branch_id: i64, name: &str) -> Result<Member> {
        let branch: Branch = get(self.conn(), branch_id)?;
        let found: Vec<Member> = select(self.conn(), "branch_id = ?1 AND name = ?2", (branch_id, name.trim()))?;
        let place = format!("支部「{}」中", branch.name);
        crate::rules::roster::member_named(&found, name, |_| branch.name.clone(), &place).cloned()
    }

    /// The one member anywhere in the hospital called `name`; when several
    /// share it, the error lists each with its number and branch.
    pub fn member_by_name(&self, name: &str) -> Result<Member> {
        let found: Vec<Member> = select(self.conn(), "name = ?1", [name.trim()])?;
        crate::rules::roster::member_named(&found, name, self.branch_names()?, "全院").cloned()
    }

    /// The members that match `filter` as a list shows them: ID and phone
    /// numbers masked unless `reveal` (the one place that decides it), which
    /// the audit log records for each member shown.
    pub fn listed_members(&self, filter: &MemberFilter, reveal: bool) -> Result<Vec<Member>> {
        let members = self.members(filter)?;
        if !reveal {
            return Ok(members.iter().map(Member::masked).collect());
        }
        let ids: Vec<i64> = members.iter().map(|m| m.id).collect();
        self.write(|conn| super::personal::record_reveals(conn, &ids))?;
        Ok(members)
    }

    /// One member with their history, Party age and probation end as of the
    /// store's today; masked unless `reveal`, which the audit log records.
    pub fn member_detail(&self, member_id: i64, reveal: bool) -> Result<MemberDetail> {
        let history = self.member_history(member_id)?;
        let today = self.today();
        let member = if reveal {
            self.write(|conn| super::personal::record_reveals(conn, &[member_id]))?;
            history.member.clone()
        } else {
            history.member.masked()
        };
        Ok(MemberDetail {
            party_age: crate::rules::member_dates::party_age(&member, today),
            probation_ends: crate::rules::member_dates::probation_ends(&member),
            member,
            transfers: history.transfers,
            status_changes: history.status_changes,
            group_changes: history.group_changes,
        })
    }

    /// The transfers of one member, oldest first.
    pub fn transfers_of(&self, member_id: i64) -> Result<Vec<MemberTransfer>> {
        select(self.conn(), "member_id = ?1", [member_id])
    }

    /// Moves a member to another branch on `date`, recording the transfer.
    pub fn transfer_member(
        &self,
        member_id: i64,
        to_branch_id: i64,
        date: PartialDate,
        note: Option<String>,
    ) -> Result<Member> {
        self.write(|conn| transfer_in(conn, self.today(), member_id, to_branch_id, date, note))
    }
}

/// [`Store::transfer_member`] inside the caller's transaction.
pub(crate) fn transfer_in(
    conn: &Connection,
    today: NaiveDate,
    member_id: i64,
    to_branch_id: i64,
    date: PartialDate,
    note: Option<String>,
) -> Result<Member> {
    let before: Member = get(conn, member_id)?;
    ensure(before.branch_id != to_branch_id, || format!("「{}」已在该支部，无需转接", before.name))?;
    require_branch(conn, to_branch_id)?;
    let mut transfer = MemberTransfer {
        id: 0,
        member_id,
        from_branch_id: Some(before.branch_id),
        to_branch_id,
        transferred_on: date,
        note,
    };
    transfer.tidy();
    transfer.check(conn, today)?;
    let stored = insert(conn, &transfer, false)?;
    audit::record(conn, MemberTransfer::TABLE, stored.id, Action::Create, None, Some(&stored))?;
    conn.execute("UPDATE members SET branch_id = ?1, group_id = NULL WHERE id = ?2", [to_branch_id, member_id])?;
    let after: Member = get(conn, member_id)?;
    super::member_history::record_member_changes(conn, today, &before, &after, date)?;
    super::branches::end_posts_leaving(conn, today, member_id, date, Some(to_branch_id))?;
    audit::record(conn, Member::TABLE, member_id, Action::Update, Some(&before), Some(&after))?;
    Ok(after)
}
