//! Dates in a member's Party life: when probation ends (转正), Party age,
//! the 入党纪念日, and the lapse warning for members missing org life.

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
pub fn anniversary_in_month(member: &Member, day: NaiveDate) -> bool {
    member.joined_on.is_some_and(|j| j.first_day().month() == day.month() && j.year() < day.year())
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

/// Whether `history`'s member is drifting away as of `as_of`: expected at some
/// meeting in the last 3 (or 6) months and present at none of them. Only the
/// meetings that list the member (they were expected) count. `meetings` may
/// hold any meetings; only those in the last six months are looked at.
pub fn lapse(history: &MemberHistory, meetings: &[&Meeting], as_of: NaiveDate) -> Option<Lapse> {
    if history.status_on(as_of) != MemberStatus::Active {
        return None;
    }
    let id = history.member.id;
    let mut rows: Vec<(NaiveDate, AttendanceStatus, bool)> = meetings
        .iter()
        .filter(|m| m.date <= as_of)
        .filter_map(|m| {
            m.attendance.iter().find(|a| a.member_id == Some(id)).map(|a| (m.date, a.status, a.reason.is_some()))
        })
        .collect();
    rows.sort_by_key(|r| r.0);
    let last_attended = rows.iter().rev().find(|r| r.1 == AttendanceStatus::Present).map(|r| r.0);
    for months in [6, 3] {
        let since = as_of - Months::new(months);
        let window: Vec<_> = rows.iter().filter(|r| r.0 > since).collect();
        if !window.is_empty() && window.iter().all(|r| r.1 != AttendanceStatus::Present) {
            return Some(Lapse {
                months,
                missed: window.len(),
                without_reason: window.iter().filter(|r| !r.2).count(),
                last_attended,
            });
        }
    }
    None
}
