//! Attendance built from names, the way a secretary reports it: who came,
//! who was away with a reason (请假), who was away without one (缺席).

use crate::error::{Error, Result};
use crate::store::{Attendance, AttendanceStatus, Member};

/// Someone named as not present, with the reason if one was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Absence {
    /// The name as given.
    pub name: String,
    /// Why they were away; `None` makes the absence 缺席 rather than 请假.
    pub reason: Option<String>,
}

/// What the secretary says about a meeting's attendance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttendanceReport {
    /// Named as present.
    pub present: Vec<String>,
    /// Named as away.
    pub absent: Vec<Absence>,
    /// Everyone expected and not named as away was present.
    pub all_present: bool,
}

/// Builds the attendance rows of a meeting from `report`.
///
/// With a fixed roll (`expected` not empty, every kind but a talk) each name
/// must be on it, and everyone on it must be accounted for (named, or covered
/// by `all_present`): nobody is marked present by default. Without a roll the
/// names are looked up among `others` (the branch's members) and only those
/// named are listed. A name shared by two people is refused with both named.
pub fn build_attendance(
    expected: &[&Member],
    others: &[&Member],
    report: &AttendanceReport,
    branch_name: impl Fn(i64) -> String,
) -> Result<Vec<Attendance>> {
    let fixed_roll = !expected.is_empty();
    let find = |name: &str| -> Result<&Member> {
        let pool: &[&Member] = if fixed_roll { expected } else { others };
        let place = if fixed_roll { "应到名单中" } else { "本支部" };
        super::roster::member_named(pool.iter().copied(), name, &branch_name, place).map_err(|e| match e {
            Error::NotFound(_) if fixed_roll => Error::Invalid(format!(
                "「{}」不在这次会议的应到名单中（会议当天不是该支部、党小组或支委的在册党员），请核对姓名或会议日期",
                name.trim()
            )),
            other => other,
        })
    };
    let mut rows: Vec<Attendance> = Vec::new();
    let mut add = |member: &Member, status: AttendanceStatus, reason: Option<String>| -> Result<()> {
        if let Some(twice) = rows.iter().find(|a| a.member_id == Some(member.id)) {
            return Err(Error::Invalid(format!(
                "「{}」被标记了两次（{}和{}），请只保留一处",
                member.name,
                twice.status.label(),
                status.label()
            )));
        }
        rows.push(Attendance { member_id: Some(member.id), name: member.name.clone(), status, reason });
        Ok(())
    };
    for name in &report.present {
        add(find(name)?, AttendanceStatus::Present, None)?;
    }
    for absence in &report.absent {
        let reason = absence.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(String::from);
        let status = if reason.is_some() { AttendanceStatus::Excused } else { AttendanceStatus::Absent };
        add(find(&absence.name)?, status, reason)?;
    }
    let unaccounted: Vec<&&Member> =
        expected.iter().filter(|m| !rows.iter().any(|a| a.member_id == Some(m.id))).collect();
    if !unaccounted.is_empty() {
        if !report.all_present {
            let names: Vec<&str> = unaccounted.iter().take(10).map(|m| m.name.as_str()).collect();
            return Err(Error::Invalid(format!(
                "应到的 {} 人未标明是否出席：{}{}；请用「出席」或「缺席」标明每一位，或选择「其余全部出席」",
                unaccounted.len(),
                names.join("、"),
                if unaccounted.len() > 10 { "等" } else { "" }
            )));
        }
        for member in unaccounted {
            rows.push(Attendance {
                member_id: Some(member.id),
                name: member.name.clone(),
                status: AttendanceStatus::Present,
                reason: None,
            });
        }
    }
    // The roll's order, then anyone named without a roll.
    let position = |a: &Attendance| expected.iter().position(|m| Some(m.id) == a.member_id).unwrap_or(usize::MAX);
    rows.sort_by_key(position);
    Ok(rows)
}

/// Records the reason an absentee gave, after the fact: the row of
/// `absence.name` becomes 请假 with that reason (an empty reason makes it 缺席).
pub fn give_reason(attendance: &[Attendance], absence: &Absence) -> Result<Vec<Attendance>> {
    let name = absence.name.trim();
    let mut rows = attendance.to_vec();
    let row = rows
        .iter_mut()
        .find(|a| a.name == name && a.status != AttendanceStatus::Present)
        .ok_or_else(|| Error::NotFound(format!("这次会议没有名为「{name}」的缺席人员，请核对姓名")))?;
    row.reason = absence.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(String::from);
    row.status = if row.reason.is_some() { AttendanceStatus::Excused } else { AttendanceStatus::Absent };
    Ok(rows)
}
