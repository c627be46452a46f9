//! Dates in a member's Party life: when probation ends (转正), Party age,
//! the 入党纪念日, and the lapse warning for members missing org life.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};

use crate::store::{AttendanceStatus, Category, Meeting, Member, MemberHistory, MemberStatus};

/// The day a probationary member's probation ends: one year after joining,
/// plus the extension if one was recorded. A month-only joining date is taken
/// at the month's end (never flagging a member too early). `None` for full
/// members and for unknown joining dates.
pub fn probation_ends(member: &Member) -> Option<NaiveDate> {
    if member.category != Category::Probationary {
        return None;
    }
    let joined = member.joined_on?.last_day();
    Some(joined + Months::new(12 + member.probation_extension_months.unwrap_or(0)))
}

/// Whole years of Party age on `day`, counted from 转正 (full membership).
pub fn party_age(member: &Member, day: NaiveDate) -> Option<u32> {
    let full = member.full_member_on?.first_day();
    if full > day {
        return Some(0);
    }
    let mut years = day.year() - full.year();
    if (day.month(), day.day()) < (full.month(), full.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// True when the member's 入党纪念日 (the month they joined) is in `day`'s month.
/// A joining date known only to the year says nothing of the month.
pub fn anniversary_in_month(member: &Member, day: NaiveDate) -> bool {
    member.joined_on.is_some_and(|j| {
        let month_known = j.first_day().month() == j.last_day().month();
        month_known && j.first_day().month() == day.month() && j.year() < day.year()
    })
}

/// A member who attended none of the org life they were expected at lately.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lapse {
    /// 3 or 6: the months without attending.
    pub months: u32,
    /// Meetings they were expected at in that time.
    pub missed: usize,
    /// Of those, the absences with no reason recorded.
    pub without_reason: usize,
    /// The last meeting they attended, if any.
    pub last_attended: Option<NaiveDate>,
}

/// One member's attendance at one meeting they were expected at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presence {
    /// The meeting's day.
    pub date: NaiveDate,
    /// Whether they came.
    pub status: AttendanceStatus,
    /// Whether a reason was recorded for an absence.
    pub reason_given: bool,
}

/// Every member's attendance rows in `meetings`, by member id, oldest first.
pub fn presences_by_member(meetings: &[&Meeting]) -> HashMap<i64, Vec<Presence>> {
    let mut by_member: HashMap<i64, Vec<Presence>> = HashMap::new();
    for meeting in meetings {
        for a in &meeting.attendance {
            if let Some(id) = a.member_id {
                by_member.entry(id).or_default().push(Presence {
                    date: meeting.date,
                    status: a.status,
                    reason_given: a.reason.is_some(),
                });
            }
        }
    }
    for rows in by_member.values_mut() {
        rows.sort_by_key(|p| p.date);
    }
    by_member
}

/// Whether `history`'s member is drifting away as of `as_of`: expected at some
/// meeting in the last 6 (or 3) months and present at none of them. Only the
/// meetings that list the member (they were expected) count: `presences` are
/// the member's rows (see [`presences_by_member`]), oldest first. The
/// six-month alarm (Party Constitution art. 9) also needs the member to have
/// been on the rolls six months ago: someone who joined, or came from outside
/// the hospital, since then gets at most the three-month warning.
pub fn lapse(history: &MemberHistory, presences: &[Presence], as_of: NaiveDate) -> Option<Lapse> {
    if history.status_on(as_of) != MemberStatus::Active {
        return None;
    }
    let rows: Vec<&Presence> = presences.iter().filter(|p| p.date <= as_of).collect();
    let last_attended = rows.iter().rev().find(|p| p.status == AttendanceStatus::Present).map(|p| p.date);
    for months in [6, 3] {
        let since = as_of - Months::new(months);
        if months == 6 && !history.branch_on(since).is_some_and(|b| history.on_rolls(b, since)) {
            continue;
        }
        let window: Vec<&&Presence> = rows.iter().filter(|p| p.date > since).collect();
        if !window.is_empty() && window.iter().all(|p| p.status != AttendanceStatus::Present) {
            return Some(Lapse {
                months,
                missed: window.len(),
                without_reason: window.iter().filter(|p| !p.reason_given).count(),
                last_attended,
            });
        }
    }
    None
}
