//! Who belonged where on a given day, and who is expected at a meeting.
//!
//! A member's branch, party group and status today are stored on the member;
//! the dated transfers and changes (`store::member_history`) tell what they
//! were before. The value on a day is the one set by the last change on or
//! before it, else the one the first change started from, else today's.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::store::{Branch, BranchKind, Category, MeetingKind, Member, MemberHistory, MemberStatus};

/// The value a history gives on `day`: `changes` are `(date, from, to)`, oldest first.
fn value_on<T: Copy>(current: T, changes: impl Iterator<Item = (PartialDate, T, T)>, day: NaiveDate) -> T {
    let mut first_from = None;
    let mut last_to = None;
    for (date, from, to) in changes {
        first_from.get_or_insert(from);
        if date.first_day() <= day {
            last_to = Some(to);
        }
    }
    last_to.or(first_from).unwrap_or(current)
}

impl MemberHistory {
    /// The branch the member belonged to on `day`; `None` before they came to the hospital.
    pub fn branch_on(&self, day: NaiveDate) -> Option<i64> {
        let changes = self.transfers.iter().map(|t| (t.transferred_on, t.from_branch_id, Some(t.to_branch_id)));
        value_on(Some(self.member.branch_id), changes, day)
    }

    /// The party group the member belonged to on `day`.
    pub fn group_on(&self, day: NaiveDate) -> Option<i64> {
        let changes = self.group_changes.iter().map(|c| (c.changed_on, c.from_group_id, c.to_group_id));
        value_on(self.member.group_id, changes, day)
    }

    /// The member's 党籍状态 on `day`.
    pub fn status_on(&self, day: NaiveDate) -> MemberStatus {
        let changes = self.status_changes.iter().map(|c| (c.changed_on, c.from_status, c.to_status));
        value_on(self.member.status, changes, day)
    }

    /// True when the member had joined the Party by `day` (unknown joining dates count as joined).
    pub fn joined_by(&self, day: NaiveDate) -> bool {
        self.member.joined_on.is_none_or(|j| j.first_day() <= day)
    }

    /// True when the member was on the rolls of `branch_id` (在册) on `day`.
    pub fn on_rolls(&self, branch_id: i64, day: NaiveDate) -> bool {
        self.branch_on(day) == Some(branch_id) && self.status_on(day) == MemberStatus::Active && self.joined_by(day)
    }

    /// True when the member could vote on `day`: a full member (probationary members have no vote).
    pub fn has_vote_on(&self, day: NaiveDate) -> bool {
        match self.member.full_member_on {
            Some(full) => full.first_day() <= day,
            None => self.member.category == Category::Full,
        }
    }
}

/// The members and their histories, by member id.
pub struct Roster<'a> {
    by_id: HashMap<i64, &'a MemberHistory>,
    /// Branch id → the members who ever belonged to it (now, or before or
    /// after a transfer), in member order: the only ones who can be on its rolls.
    by_branch: HashMap<i64, Vec<&'a MemberHistory>>,
}

impl<'a> Roster<'a> {
    /// Indexes the histories.
    pub fn new(all: &'a [MemberHistory]) -> Roster<'a> {
        let mut by_branch: HashMap<i64, Vec<&'a MemberHistory>> = HashMap::new();
        for h in all {
            let mut branches: Vec<i64> = std::iter::once(h.member.branch_id)
                .chain(h.transfers.iter().flat_map(|t| t.from_branch_id.into_iter().chain([t.to_branch_id])))
                .collect();
            branches.sort_unstable();
            branches.dedup();
            for branch in branches {
                by_branch.entry(branch).or_default().push(h);
            }
        }
        Roster { by_id: all.iter().map(|h| (h.member.id, h)).collect(), by_branch }
    }

    /// The members who ever belonged to `branch_id`.
    fn ever_in(&self, branch_id: i64) -> impl Iterator<Item = &'a MemberHistory> + '_ {
        self.by_branch.get(&branch_id).into_iter().flatten().copied()
    }

    /// One member's history.
    pub fn get(&self, member_id: i64) -> Option<&'a MemberHistory> {
        self.by_id.get(&member_id).copied()
    }

    /// The members on the rolls of `branch_id` on `day`, in member order.
    pub fn on_rolls(&self, branch_id: i64, day: NaiveDate) -> Vec<&'a Member> {
        self.ever_in(branch_id).filter(|h| h.on_rolls(branch_id, day)).map(|h| &h.member).collect()
    }

    /// Who should attend (应到) a meeting of `kind` held by `branch` (and `group_id`) on `day`:
    /// the branch's members then; the group's for a group meeting; the
    /// committee then for a committee meeting. A heart-to-heart talk has no
    /// fixed roll (its participants are named), so this is empty for it.
    /// A 党总支 without members of its own expects its committee.
    pub fn expected(
        &self,
        branch: &Branch,
        kind: MeetingKind,
        group_id: Option<i64>,
        day: NaiveDate,
    ) -> Vec<&'a Member> {
        let committee = || -> Vec<&'a Member> {
            // A member holds one post at a time (the store refuses overlapping posts).
            branch
                .committee_on(day)
                .filter_map(|p| self.get(p.member_id))
                .filter(|h| h.status_on(day) == MemberStatus::Active)
                .map(|h| &h.member)
                .collect()
        };
        match kind {
            MeetingKind::Talk => Vec::new(),
            MeetingKind::CommitteeMeeting => committee(),
            MeetingKind::GroupMeeting => self
                .ever_in(branch.id)
                .filter(|h| h.on_rolls(branch.id, day) && group_id.is_some() && h.group_on(day) == group_id)
                .map(|h| &h.member)
                .collect(),
            _ => {
                let own = self.on_rolls(branch.id, day);
                if own.is_empty() && branch.kind == BranchKind::GeneralBranch {
                    committee()
                } else {
                    own
                }
            }
        }
    }
}

/// The one member in `members` called `name`; a clear error when nobody or
/// several are, naming their branches so the user can tell them apart.
/// `branch_name` gives a branch's name for the message.
pub fn member_named<'m>(
    members: impl IntoIterator<Item = &'m Member>,
    name: &str,
    branch_name: impl Fn(i64) -> String,
    place: &str,
) -> Result<&'m Member> {
    let name = name.trim();
    let found: Vec<&Member> = members.into_iter().filter(|m| m.name == name).collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(Error::NotFound(format!("{place}没有名为「{name}」的党员，请核对姓名"))),
        several => {
            let where_: Vec<String> =
                several.iter().map(|m| format!("编号 {}，{}", m.id, branch_name(m.branch_id))).collect();
            Err(Error::Invalid(format!(
                "{place}有 {} 名党员叫「{name}」（{}），请用编号指定是哪一位",
                several.len(),
                where_.join("；")
            )))
        }
    }
}
