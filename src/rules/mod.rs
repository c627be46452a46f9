//! The rules of organisational life: who is expected at a meeting, what an
//! inspector would fault in a record, which obligation is done, due or
//! overdue, and what the secretary should do next.
//!
//! Each rule is a pure function over loaded records and a day passed in
//! (`as_of`, or the store's [`Store::today`]); none reads the clock. The
//! functions on [`Store`] here only load what a rule needs and call it, so
//! the CLI, the app and the demo all reach the same rule through one door.

pub mod attendance;
pub mod brand_work;
pub mod compliance;
pub mod counting;
pub mod findings;
pub mod member_dates;
pub mod participants;
pub mod period;
pub mod reminders;
pub mod roster;

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::store::{
    Attachment, AttachmentOwner, Attendance, Branch, Meeting, MeetingKind, Member, MemberHistory, Obligation,
    ObligationScope, PartyGroup, Store,
};
use attendance::AttendanceReport;
use compliance::{Compliance, ComplianceInput};
use findings::Finding;
use reminders::{Reminder, ReminderInput};
use roster::Roster;

/// A meeting as the ledger shows it: the record, what an inspector would
/// fault, its counts and its attachments.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LedgerEntry {
    /// The record.
    pub meeting: Meeting,
    /// The faults; empty when the record is complete.
    pub findings: Vec<Finding>,
    /// 应到.
    pub expected: usize,
    /// 实到.
    pub present: usize,
    /// Photos and scanned sign-in sheets.
    pub attachments: Vec<Attachment>,
}

impl LedgerEntry {
    /// The entry as a list of a year's records shows it: the counts and the
    /// findings stay, the attendance rows and the long texts (content,
    /// decisions, vote) are left out. A year of every branch is thousands of
    /// records, and the record in full is read when it is opened.
    pub fn listed(mut self) -> LedgerEntry {
        let meeting = &mut self.meeting;
        meeting.attendance = Vec::new();
        meeting.content = None;
        meeting.decisions = None;
        meeting.vote = None;
        self
    }
}

impl Store {
    /// Who should attend a meeting of `kind` held by `branch_id` (and `group_id`) on `date`,
    /// as the roster stood that day (see [`Roster::expected`]).
    pub fn expected_attendees(
        &self,
        branch_id: i64,
        kind: MeetingKind,
        group_id: Option<i64>,
        date: NaiveDate,
    ) -> Result<Vec<Member>> {
        let branch: Branch = self.get(branch_id)?;
        let histories = self.roster_history()?;
        let roster = Roster::new(&histories);
        Ok(roster.expected(&branch, kind, group_id, date).into_iter().cloned().collect())
    }

    /// The attendance rows of a meeting from what the secretary reports (see
    /// [`attendance::build_attendance`]): names are matched against the roll
    /// of the day, or, for a talk, the branch's members then.
    pub fn attendance_from_report(
        &self,
        branch_id: i64,
        kind: MeetingKind,
        group_id: Option<i64>,
        date: NaiveDate,
        report: &AttendanceReport,
    ) -> Result<Vec<Attendance>> {
        crate::store::meetings::check_meeting_date(date, self.today())?;
        let branch: Branch = self.get(branch_id)?;
        let histories = self.roster_history()?;
        let roster = Roster::new(&histories);
        let expected = roster.expected(&branch, kind, group_id, date);
        let others = roster.on_rolls(branch_id, date);
        attendance::build_attendance(&expected, &others, report, self.branch_names()?)
    }

    /// The ledger of one year: each meeting (of one branch, or all) with its findings.
    pub fn meeting_ledger(&self, year: i32, branch_id: Option<i64>) -> Result<Vec<LedgerEntry>> {
        let meetings = self.meetings_in_year(year, branch_id)?;
        let branches: Vec<Branch> = self.list()?;
        let histories = self.roster_history()?;
        let roster = Roster::new(&histories);
        // Every meeting's files in one read, rather than one query per meeting.
        let mut files: HashMap<i64, Vec<Attachment>> = HashMap::new();
        for file in self.attachments_of_all(AttachmentOwner::Meeting)? {
            files.entry(file.owner_id).or_default().push(file);
        }
        Ok(meetings
            .into_iter()
            .map(|m| {
                let attachments = files.remove(&m.id).unwrap_or_default();
                ledger_entry(m, attachments, &branches, &roster)
            })
            .collect())
    }

    /// The ledger of one year as a list shows it ([`LedgerEntry::listed`]):
    /// what the meetings page loads; a record opened is [`Store::meeting_entry`].
    pub fn listed_ledger(&self, year: i32, branch_id: Option<i64>) -> Result<Vec<LedgerEntry>> {
        Ok(self.meeting_ledger(year, branch_id)?.into_iter().map(LedgerEntry::listed).collect())
    }

    /// One meeting as the ledger shows it.
    pub fn meeting_entry(&self, id: i64) -> Result<LedgerEntry> {
        let meeting: Meeting = self.get(id)?;
        let branches: Vec<Branch> = self.list()?;
        let histories = self.roster_history()?;
        let attachments = self.attachments_of(AttachmentOwner::Meeting, id)?;
        Ok(ledger_entry(meeting, attachments, &branches, &Roster::new(&histories)))
    }

    /// The obligations, in their order.
    pub fn obligations(&self) -> Result<Vec<Obligation>> {
        self.list()
    }

    /// The compliance grid of `year` as of `as_of`, for every branch or one.
    /// Archived branches are left out unless asked for by id.
    pub fn compliance(&self, year: i32, as_of: NaiveDate, branch_id: Option<i64>) -> Result<Compliance> {
        let obligations = self.obligations()?;
        let per_member: Vec<MeetingKind> = obligations
            .iter()
            .filter(|o| o.active && o.scope == ObligationScope::CommitteeMember)
            .map(|o| o.kind)
            .collect();
        let meetings = self.meetings_in_year_with_attendance_of(year, branch_id, &per_member)?;
        self.grid(year, as_of, branch_id, &obligations, &meetings)
    }

    /// The grid of [`Store::compliance`] over meetings already read: `meetings`
    /// holds at least those of `year` up to `as_of` (others are ignored), with
    /// the attendance of the per-committee-member kinds.
    fn grid(
        &self,
        year: i32,
        as_of: NaiveDate,
        branch_id: Option<i64>,
        obligations: &[Obligation],
        meetings: &[Meeting],
    ) -> Result<Compliance> {
        let branches: Vec<Branch> =
            self.list::<Branch>()?.into_iter().filter(|b| branch_id.map_or(!b.archived, |id| b.id == id)).collect();
        if let Some(id) = branch_id.filter(|_| branches.is_empty()) {
            self.get::<Branch>(id)?;
        }
        let groups: Vec<PartyGroup> = self.list()?;
        let input = ComplianceInput { branches: &branches, groups: &groups, obligations, meetings };
        Ok(compliance::compliance(&input, year, as_of))
    }

    /// The to-do list as of `as_of` (see [`reminders::reminders`]).
    pub fn reminders(&self, as_of: NaiveDate) -> Result<Vec<Reminder>> {
        // Last year's grid too while its last quarter is recent, so a December
        // meeting missed does not drop off the list on 1 January.
        let recent = as_of - Months::new(3);
        let grid_years: Vec<i32> = (recent.year()..=as_of.year()).collect();
        // One read serves the grids and the lapses: twelve months back, as
        // [`ReminderInput::meetings`] asks (a lapse names the last meeting
        // attended, or says none was seen in the last year), and from the
        // first day of the earliest grid's year.
        let year_back = as_of - Months::new(12);
        let first_of_grids = NaiveDate::from_ymd_opt(grid_years[0], 1, 1).expect("1 January exists");
        let read = self.meetings_between(first_of_grids.min(year_back), as_of)?;
        let obligations = self.obligations()?;
        let grids = grid_years
            .iter()
            .map(|&year| self.grid(year, as_of, None, &obligations, &read))
            .collect::<Result<Vec<_>>>()?;
        let branches: Vec<Branch> = self.list()?;
        let histories: Vec<MemberHistory> = self.roster_history()?;
        let roster = Roster::new(&histories);
        // This year's records, and those of the last three months, are checked for completeness.
        let meetings: Vec<(Meeting, Vec<Finding>)> = read
            .into_iter()
            .filter(|m| m.date >= year_back)
            .map(|m| {
                let findings = branches
                    .iter()
                    .find(|b| b.id == m.branch_id)
                    .filter(|_| m.date.year() == as_of.year() || m.date > recent)
                    .map(|b| findings::meeting_findings(&m, b, &roster))
                    .unwrap_or_default();
                (m, findings)
            })
            .collect();
        let input = ReminderInput {
            grids: &grids,
            // All of this year's overdue items; last year's only from its recent months.
            overdue_since: recent
                .min(NaiveDate::from_ymd_opt(as_of.year(), 1, 1).expect("1 January exists") - Days::new(1)),
            branches: &branches,
            roster: &histories,
            meetings: &meetings,
            suggestions: &self.list()?,
        };
        Ok(reminders::reminders(&input, as_of))
    }
}

/// A meeting as the ledger shows it, with its files.
fn ledger_entry(meeting: Meeting, attachments: Vec<Attachment>, branches: &[Branch], roster: &Roster) -> LedgerEntry {
    let findings = match branches.iter().find(|b| b.id == meeting.branch_id) {
        Some(branch) => findings::meeting_findings(&meeting, branch, roster),
        None => Vec::new(),
    };
    LedgerEntry { expected: meeting.attendance.len(), present: meeting.present_count(), attachments, findings, meeting }
}
