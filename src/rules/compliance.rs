//! The compliance grid: for a year and an "as of" day, each branch's standing
//! on each obligation in each period. A pure function of loaded records.
//!
//! A cell is `done` when enough meetings that count for the obligation were
//! held in the period (by the as-of day), `due` while the period is not over,
//! `overdue` once it is, and `n/a` where the obligation does not bind the
//! branch (its kind, a branch founded after the period, a group that did not
//! exist then). A meeting counts for its kind and for every kind in its
//! `also_counts`. A branch's rate is done ÷ (done + overdue) over the cells
//! whose period has ended; the committee's is the same over all branches.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::period::Period;
use crate::store::{
    AttendanceStatus, Branch, BranchKind, ComplianceStatus, Meeting, Obligation, ObligationScope, PartyGroup,
};

/// One cell of the grid.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ComplianceItem {
    /// The obligation's code.
    pub obligation: String,
    /// The period, `2026-03`, `2026-Q1`, `2026-H1` or `2026`.
    pub period: Period,
    /// Where the branch stands.
    pub status: ComplianceStatus,
    /// Meetings (or, for a per-committee-member rule, members seen) that count.
    pub held: u32,
    /// How many are required.
    pub required: u32,
    /// The party group's name, for a per-group rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub group: Option<String>,
    /// The party group's id, for a per-group rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub group_id: Option<i64>,
    /// The meetings that count, by id.
    pub meeting_ids: Vec<i64>,
}

/// One branch's row of the grid.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BranchCompliance {
    /// The branch's name.
    pub branch: String,
    /// The branch's id.
    pub branch_id: i64,
    /// 党支部 or 党总支.
    pub kind: BranchKind,
    /// Done ÷ (done + overdue) over the ended periods; `None` when none has ended.
    pub rate: Option<f64>,
    /// Every cell, by obligation then period (then group).
    pub items: Vec<ComplianceItem>,
}

/// The whole grid.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Compliance {
    /// The year judged.
    pub year: i32,
    /// The day it was judged as of.
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    /// The committee's rate over all branches.
    pub rate: Option<f64>,
    /// The obligations judged, in order (for column headings).
    pub obligations: Vec<Obligation>,
    /// One row per branch.
    pub branches: Vec<BranchCompliance>,
}

/// What the grid is computed from: records loaded by the caller.
pub struct ComplianceInput<'a> {
    /// The branches to judge.
    pub branches: &'a [Branch],
    /// Every party group (of any branch).
    pub groups: &'a [PartyGroup],
    /// The obligations (inactive ones are skipped).
    pub obligations: &'a [Obligation],
    /// The meetings of the year (others are ignored).
    pub meetings: &'a [Meeting],
}

/// Judges every branch in `input` for `year` as of `as_of`.
pub fn compliance(input: &ComplianceInput, year: i32, as_of: NaiveDate) -> Compliance {
    let obligations: Vec<Obligation> = input.obligations.iter().filter(|o| o.active).cloned().collect();
    let branches: Vec<BranchCompliance> =
        input.branches.iter().map(|b| branch_compliance(input, &obligations, b, year, as_of)).collect();
    let rate = rate(branches.iter().flat_map(|b| &b.items), as_of);
    Compliance { year, as_of, rate, obligations, branches }
}

/// Done ÷ (done + overdue) over the items whose period ended before `as_of`.
fn rate<'i>(items: impl Iterator<Item = &'i ComplianceItem>, as_of: NaiveDate) -> Option<f64> {
    let (mut done, mut judged) = (0u32, 0u32);
    for item in items.filter(|i| i.period.end() < as_of) {
        match item.status {
            ComplianceStatus::Done => {
                done += 1;
                judged += 1;
            }
            ComplianceStatus::Overdue => judged += 1,
            _ => {}
        }
    }
    (judged > 0).then(|| f64::from(done) / f64::from(judged))
}

fn branch_compliance(
    input: &ComplianceInput,
    obligations: &[Obligation],
    branch: &Branch,
    year: i32,
    as_of: NaiveDate,
) -> BranchCompliance {
    let meetings: Vec<&Meeting> =
        input.meetings.iter().filter(|m| m.branch_id == branch.id && m.date <= as_of).collect();
    let groups: Vec<&PartyGroup> = input.groups.iter().filter(|g| g.branch_id == branch.id).collect();
    let mut items = Vec::new();
    for obligation in obligations {
        for period in Period::all_in_year(obligation.frequency, year) {
            let counting: Vec<&Meeting> =
                meetings.iter().copied().filter(|m| period.contains(m.date) && counts_for(m, obligation)).collect();
            if obligation.scope == ObligationScope::Group && !groups.is_empty() {
                for group in &groups {
                    let held: Vec<&Meeting> =
                        counting.iter().copied().filter(|m| m.group_id == Some(group.id)).collect();
                    let exists = group.existed_during(period.start(), period.end());
                    let mut item = judge(obligation, branch, period, as_of, &held, obligation.per_period, exists);
                    item.group = Some(group.name.clone());
                    item.group_id = Some(group.id);
                    items.push(item);
                }
                continue;
            }
            let applies = obligation.scope != ObligationScope::Group;
            let item = match obligation.scope {
                ObligationScope::Secretary => {
                    let held: Vec<&Meeting> =
                        counting.iter().copied().filter(|m| lectured_by_secretary(m, branch)).collect();
                    judge(obligation, branch, period, as_of, &held, obligation.per_period, applies)
                }
                ObligationScope::CommitteeMember => committee_item(obligation, branch, period, as_of, &counting),
                _ => judge(obligation, branch, period, as_of, &counting, obligation.per_period, applies),
            };
            items.push(item);
        }
    }
    BranchCompliance {
        branch: branch.name.clone(),
        branch_id: branch.id,
        kind: branch.kind,
        rate: rate(items.iter(), as_of),
        items,
    }
}

/// True when `meeting` counts for `obligation`'s kind of meeting.
fn counts_for(meeting: &Meeting, obligation: &Obligation) -> bool {
    meeting.kind == obligation.kind || meeting.also_counts.contains(&obligation.kind)
}

/// True when the lecturer was the branch's secretary on the day.
fn lectured_by_secretary(meeting: &Meeting, branch: &Branch) -> bool {
    let secretary = branch.secretary_on(meeting.date).map(|p| p.name.as_str());
    secretary.is_some() && meeting.lecturer.as_deref().map(str::trim) == secretary
}

/// A cell from the meetings that count; `applies` false makes it `n/a`.
fn judge(
    obligation: &Obligation,
    branch: &Branch,
    period: Period,
    as_of: NaiveDate,
    held: &[&Meeting],
    required: u32,
    applies: bool,
) -> ComplianceItem {
    let count = held.len() as u32;
    let status = status(obligation, branch, period, as_of, count, required, applies);
    ComplianceItem {
        obligation: obligation.code.clone(),
        period,
        status,
        held: count,
        required,
        group: None,
        group_id: None,
        meeting_ids: held.iter().map(|m| m.id).collect(),
    }
}

fn status(
    obligation: &Obligation,
    branch: &Branch,
    period: Period,
    as_of: NaiveDate,
    held: u32,
    required: u32,
    applies: bool,
) -> ComplianceStatus {
    let founded_after = branch.founded_on.is_some_and(|f| f.first_day() > period.end());
    if !applies || !obligation.binds(branch.kind) || founded_after {
        ComplianceStatus::NotApplicable
    } else if held >= required {
        ComplianceStatus::Done
    } else if period.end() < as_of {
        ComplianceStatus::Overdue
    } else {
        ComplianceStatus::Due
    }
}

/// A per-committee-member rule: each member holding a seat at the period's
/// end (or on the as-of day, if earlier) must have taken part, present, in
/// `per_period` meetings that count. Without a committee it falls back to the
/// branch as a whole.
fn committee_item(
    obligation: &Obligation,
    branch: &Branch,
    period: Period,
    as_of: NaiveDate,
    counting: &[&Meeting],
) -> ComplianceItem {
    let day = period.end().min(as_of).max(period.start());
    let seated: Vec<i64> = branch.committee_on(day).map(|p| p.member_id).collect();
    if seated.is_empty() {
        return judge(obligation, branch, period, as_of, counting, obligation.per_period, true);
    }
    let seen = |member_id: i64| -> u32 {
        let times = counting
            .iter()
            .filter(|m| {
                m.attendance.iter().any(|a| a.member_id == Some(member_id) && a.status == AttendanceStatus::Present)
            })
            .count() as u32;
        times.min(obligation.per_period)
    };
    let held: u32 = seated.iter().map(|id| seen(*id)).sum();
    let required = seated.len() as u32 * obligation.per_period;
    let mut item = judge(obligation, branch, period, as_of, counting, required, true);
    item.held = held;
    item.status = status(obligation, branch, period, as_of, held, required, true);
    item
}
