//! Dated changes of a member's status (在册, 转出, 去世, 停止党籍) and party group.
//!
//! With the transfers between branches (`members.rs`), these let the rules
//! know a member's branch, group and status on any past date
//! (`crate::rules::roster`). A change made by editing the member is dated
//! with the store's today; the dedicated calls take the date it happened.

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{get, insert, row_id, select, tidy_text, value, Columns, Record};
use super::{audit, Action, Member, MemberStatus, MemberTransfer, PartyGroup, Store};
use crate::date::PartialDate;
use crate::error::{ensure, Error, Result};

/// A dated change of 党籍状态 (leaving the hospital is a change to 转出).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusChange {
    /// Row id; 0 when new.
    pub id: i64,
    /// Whose status changed.
    pub member_id: i64,
    /// The status before.
    pub from_status: MemberStatus,
    /// The status from `changed_on` on.
    pub to_status: MemberStatus,
    /// The first day of the new status.
    pub changed_on: PartialDate,
    /// 备注 (where to, why).
    pub note: Option<String>,
}

impl Record for StatusChange {
    const TABLE: &'static str = "member_status_changes";
    const LABEL: &'static str = "党籍状态变动";
    const COLUMNS: &'static [&'static str] = &["member_id", "from_status", "to_status", "changed_on", "note"];
    const ORDER_BY: &'static str = "member_id, changed_on, id";

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.member_id),
            value(&self.from_status),
            value(&self.to_status),
            value(&self.changed_on),
            value(&self.note),
        ]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        let mut c = Columns::new(row);
        Ok(StatusChange {
            id: c.get("id")?,
            member_id: c.get("member_id")?,
            from_status: c.get("from_status")?,
            to_status: c.get("to_status")?,
            changed_on: c.get("changed_on")?,
            note: c.get("note")?,
        })
    }
    fn tidy(&mut self) {
        tidy_text(&mut self.note);
    }
    fn check(&self, _conn: &Connection, today: NaiveDate) -> Result<()> {
        ensure(!self.changed_on.surely_after_day(today), || format!("变动日期 {} 晚于今天，请核对", self.changed_on))
    }
}

/// A dated move of a member between the party groups of their branch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GroupChange {
    /// Row id; 0 when new.
    pub id: i64,
    /// Who moved.
    pub member_id: i64,
    /// The group left, if any.
    pub from_group_id: Option<i64>,
    /// The group joined, if any.
    pub to_group_id: Option<i64>,
    /// The first day in the new group.
    pub changed_on: PartialDate,
}

impl Record for GroupChange {
    const TABLE: &'static str = "member_group_changes";
    const LABEL: &'static str = "党小组变动";
    const COLUMNS: &'static [&'static str] = &["member_id", "from_group_id", "to_group_id", "changed_on"];
    const ORDER_BY: &'static str = "member_id, changed_on, id";

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![value(&self.member_id), value(&self.from_group_id), value(&self.to_group_id), value(&self.changed_on)]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        let mut c = Columns::new(row);
        Ok(GroupChange {
            id: c.get("id")?,
            member_id: c.get("member_id")?,
            from_group_id: c.get("from_group_id")?,
            to_group_id: c.get("to_group_id")?,
            changed_on: c.get("changed_on")?,
        })
    }
    fn check(&self, _conn: &Connection, today: NaiveDate) -> Result<()> {
        ensure(!self.changed_on.surely_after_day(today), || format!("变动日期 {} 晚于今天，请核对", self.changed_on))
    }
}

/// Stores and logs a history row inside the caller's transaction.
pub(crate) fn record_change<R: Record>(conn: &Connection, today: NaiveDate, change: &R) -> Result<()> {
    let mut change = change.clone();
    change.tidy();
    change.check(conn, today)?;
    let stored = insert(conn, &change, false)?;
    audit::record(conn, R::TABLE, stored.id(), Action::Create, None, Some(&stored))
}

/// Records the status and group changes between two versions of a member, dated `on`.
pub(crate) fn record_member_changes(
    conn: &Connection,
    today: NaiveDate,
    before: &Member,
    after: &Member,
    on: PartialDate,
) -> Result<()> {
    if before.status != after.status {
        let change = StatusChange {
            id: 0,
            member_id: after.id,
            from_status: before.status,
            to_status: after.status,
            changed_on: on,
            note: None,
        };
        record_change(conn, today, &change)?;
    }
    if before.group_id != after.group_id {
        let change = GroupChange {
            id: 0,
            member_id: after.id,
            from_group_id: before.group_id,
            to_group_id: after.group_id,
            changed_on: on,
        };
        record_change(conn, today, &change)?;
    }
    Ok(())
}

/// A member with every dated change of branch, group and status.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberHistory {
    /// The member as stored now.
    pub member: Member,
    /// Transfers between branches, oldest first.
    pub transfers: Vec<MemberTransfer>,
    /// Status changes, oldest first.
    pub status_changes: Vec<StatusChange>,
    /// Party-group changes, oldest first.
    pub group_changes: Vec<GroupChange>,
}

impl Store {
    /// Every member with their history (for the rules), in member order.
    pub fn roster_history(&self) -> Result<Vec<MemberHistory>> {
        let members: Vec<Member> = self.list()?;
        let mut transfers: Vec<MemberTransfer> = self.list()?;
        let mut status: Vec<StatusChange> = self.list()?;
        let mut groups: Vec<GroupChange> = self.list()?;
        let mut histories: Vec<MemberHistory> = members
            .into_iter()
            .map(|member| MemberHistory {
                member,
                transfers: Vec::new(),
                status_changes: Vec::new(),
                group_changes: Vec::new(),
            })
            .collect();
        histories.sort_by_key(|h| h.member.id);
        let index = |id: i64, histories: &[MemberHistory]| histories.binary_search_by_key(&id, |h| h.member.id).ok();
        for t in transfers.drain(..) {
            if let Some(i) = index(t.member_id, &histories) {
                histories[i].transfers.push(t);
            }
        }
        for c in status.drain(..) {
            if let Some(i) = index(c.member_id, &histories) {
                histories[i].status_changes.push(c);
            }
        }
        for c in groups.drain(..) {
            if let Some(i) = index(c.member_id, &histories) {
                histories[i].group_changes.push(c);
            }
        }
        Ok(histories)
    }

    /// One member with their history.
    pub fn member_history(&self, member_id: i64) -> Result<MemberHistory> {
        Ok(MemberHistory {
            member: self.get(member_id)?,
            transfers: self.transfers_of(member_id)?,
            status_changes: select(self.conn(), "member_id = ?1", [member_id])?,
            group_changes: select(self.conn(), "member_id = ?1", [member_id])?,
        })
    }

    /// Changes a member's 党籍状态 as of `date` (转出 when they leave the hospital, 去世, …).
    pub fn change_member_status(
        &self,
        member_id: i64,
        to: MemberStatus,
        date: PartialDate,
        note: Option<String>,
    ) -> Result<Member> {
        self.write(|conn| change_status_in(conn, self.today(), member_id, to, date, note))
    }

    /// Moves a member to another party group of their branch (or out of any) as of `date`.
    pub fn change_member_group(&self, member_id: i64, to: Option<i64>, date: PartialDate) -> Result<Member> {
        self.write(|conn| change_group_in(conn, self.today(), member_id, to, date))
    }
}

/// [`Store::change_member_status`] inside the caller's transaction.
pub(crate) fn change_status_in(
    conn: &Connection,
    today: NaiveDate,
    member_id: i64,
    to: MemberStatus,
    date: PartialDate,
    note: Option<String>,
) -> Result<Member> {
    let before: Member = get(conn, member_id)?;
    ensure(before.status != to, || format!("「{}」的党籍状态已是「{to}」", before.name))?;
    let change = StatusChange { id: 0, member_id, from_status: before.status, to_status: to, changed_on: date, note };
    record_change(conn, today, &change)?;
    conn.execute("UPDATE members SET status = ?1 WHERE id = ?2", (to, member_id))?;
    if to != MemberStatus::Active {
        super::branches::end_posts_leaving(conn, today, member_id, date, None)?;
    }
    let after: Member = get(conn, member_id)?;
    audit::record(conn, Member::TABLE, member_id, Action::Update, Some(&before), Some(&after))?;
    Ok(after)
}

/// [`Store::change_member_group`] inside the caller's transaction.
pub(crate) fn change_group_in(
    conn: &Connection,
    today: NaiveDate,
    member_id: i64,
    to: Option<i64>,
    date: PartialDate,
) -> Result<Member> {
    let before: Member = get(conn, member_id)?;
    ensure(before.group_id != to, || format!("「{}」已在该党小组", before.name))?;
    if let Some(group_id) = to {
        let group: PartyGroup = get(conn, group_id)?;
        if group.branch_id != before.branch_id {
            return Err(Error::Invalid(format!(
                "党小组「{}」不属于「{}」所在的支部，请先办理组织关系转接",
                group.name, before.name
            )));
        }
    }
    let change = GroupChange { id: 0, member_id, from_group_id: before.group_id, to_group_id: to, changed_on: date };
    record_change(conn, today, &change)?;
    conn.execute("UPDATE members SET group_id = ?1 WHERE id = ?2", (to, member_id))?;
    let after: Member = get(conn, member_id)?;
    audit::record(conn, Member::TABLE, member_id, Action::Update, Some(&before), Some(&after))?;
    Ok(after)
}
