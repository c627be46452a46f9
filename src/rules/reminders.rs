//! The to-do list of the home screen: what is overdue, what is due now,
//! probations ending, members drifting away, records an inspector would
//! fault, and this month's 入党纪念日. A pure function of loaded records.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::compliance::Compliance;
use super::findings::Finding;
use super::member_dates::{anniversary_in_month, lapse, presences_by_member, probation_ends};
use super::period::Period;
use crate::store::{
    Branch, ComplianceStatus, Frequency, Meeting, MemberHistory, Obligation, ObligationScope, ReminderKind, Suggestion,
};

/// One item of the to-do list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Reminder {
    /// What kind of item.
    pub kind: ReminderKind,
    /// The branch's name.
    pub branch: String,
    /// The branch's id.
    pub branch_id: i64,
    /// The member's name, where the item is about one.
    pub member: Option<String>,
    /// The member's id.
    pub member_id: Option<i64>,
    /// The meeting, for an incomplete record.
    pub meeting_id: Option<i64>,
    /// The suggestion, for one past its due date.
    pub suggestion_id: Option<i64>,
    /// The obligation's code and period, for an overdue or due obligation.
    pub obligation: Option<String>,
    /// The period, for an obligation.
    pub period: Option<String>,
    /// The day the item is about: a period's end, a probation's end, a meeting's day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// What to do, in Chinese.
    pub message: String,
}

/// Everything the reminders are computed from.
pub struct ReminderInput<'a> {
    /// The grids to take overdue and due obligations from: the as-of year's,
    /// and last year's while its end is recent.
    pub grids: &'a [Compliance],
    /// Overdue obligations of periods that ended on or before this day are
    /// left out of last year's grid (this year's are all listed).
    pub overdue_since: NaiveDate,
    /// Every branch.
    pub branches: &'a [Branch],
    /// Every member with their history.
    pub roster: &'a [MemberHistory],
    /// The meetings of the last twelve months at least (for lapses), each with
    /// its findings where it is recent enough to list (empty otherwise).
    pub meetings: &'a [(Meeting, Vec<Finding>)],
    /// Every suggestion (those past their due date and not closed are listed).
    pub suggestions: &'a [Suggestion],
}

fn item(kind: ReminderKind, branch: &Branch, date: NaiveDate, message: String) -> Reminder {
    Reminder {
        kind,
        branch: branch.name.clone(),
        branch_id: branch.id,
        member: None,
        member_id: None,
        meeting_id: None,
        suggestion_id: None,
        obligation: None,
        period: None,
        date,
        message,
    }
}

/// What a reminder calls an obligation.
fn obligation_name(obligation: Option<&Obligation>, code: &str) -> String {
    match obligation {
        Some(o) if o.scope == ObligationScope::Secretary => format!("书记讲{}", o.kind.label()),
        Some(o) if o.scope == ObligationScope::CommitteeMember => format!("支委{}", o.kind.label()),
        Some(o) => o.kind.label().to_string(),
        None => code.to_string(),
    }
}

/// The overdue cells of `grid` whose period ended after `overdue_since`, and
/// the cells due by the end of `as_of`'s month.
fn obligation_reminders(
    grid: &Compliance,
    branches: &[Branch],
    as_of: NaiveDate,
    overdue_since: NaiveDate,
    list: &mut Vec<Reminder>,
) {
    let month_end = Period::containing(Frequency::Month, as_of).end();
    for row in &grid.branches {
        let Some(b) = branches.iter().find(|b| b.id == row.branch_id) else { continue };
        for cell in &row.items {
            let obligation = grid.obligations.iter().find(|o| o.code == cell.obligation);
            let name = obligation_name(obligation, &cell.obligation);
            let whom = cell.group.as_deref().map(|g| format!("（{g}）")).unwrap_or_default();
            let period = cell.period.chinese();
            let (held, required) = if obligation.is_some_and(|o| o.scope == ObligationScope::CommitteeMember) {
                (format!("已谈 {} 人", cell.held), format!("应谈 {} 人", cell.required))
            } else {
                (format!("已开 {} 次", cell.held), format!("应开 {} 次", cell.required))
            };
            let (kind, message) = match cell.status {
                ComplianceStatus::Overdue if cell.period.end() > overdue_since => {
                    (ReminderKind::Overdue, format!("{}{whom}{period}的{name}未达要求（{required}，{held}）", b.name))
                }
                ComplianceStatus::Due if cell.period.contains(as_of) && cell.period.end() <= month_end => (
                    ReminderKind::Due,
                    format!(
                        "{}{whom}{period}的{name}尚未完成（{required}，{held}），截止 {}（含当日）",
                        b.name,
                        cell.period.end()
                    ),
                ),
                _ => continue,
            };
            let mut reminder = item(kind, b, cell.period.end(), message);
            reminder.obligation = Some(cell.obligation.clone());
            reminder.period = Some(cell.period.label());
            list.push(reminder);
        }
    }
}

/// The to-do list as of `as_of`, most urgent kinds first, each kind by date.
pub fn reminders(input: &ReminderInput, as_of: NaiveDate) -> Vec<Reminder> {
    let mut list = Vec::new();
    let branch = |id: i64| input.branches.iter().find(|b| b.id == id);
    for grid in input.grids {
        obligation_reminders(grid, input.branches, as_of, input.overdue_since, &mut list);
    }
    let recent: Vec<&Meeting> = input.meetings.iter().map(|(m, _)| m).collect();
    let presences = presences_by_member(&recent);
    for history in input.roster {
        let member = &history.member;
        let Some(b) = history.branch_on(as_of).and_then(branch) else { continue };
        if !history.on_rolls(b.id, as_of) {
            continue;
        }
        let mut add = |kind: ReminderKind, date: NaiveDate, message: String| {
            let mut reminder = item(kind, b, date, message);
            reminder.member = Some(member.name.clone());
            reminder.member_id = Some(member.id);
            list.push(reminder);
        };
        if let Some(ends) = probation_ends(member) {
            if ends < as_of {
                add(
                    ReminderKind::ProbationOverdue,
                    ends,
                    format!("{}的预备期已于 {ends} 届满，请及时讨论转正或延长预备期", member.name),
                );
            } else if ends <= as_of + Days::new(30) {
                add(
                    ReminderKind::ProbationDue,
                    ends,
                    format!("{}的预备期将于 {ends} 届满，请准备转正材料并召开支部党员大会", member.name),
                );
            }
        }
        let theirs = presences.get(&member.id).map_or(&[][..], Vec::as_slice);
        if let Some(lapse) = lapse(history, theirs, as_of) {
            let kind = if lapse.months >= 6 { ReminderKind::LapseAlarm } else { ReminderKind::LapseWarning };
            let last = lapse
                .last_attended
                .map_or("近一年未见出席记录".to_string(), |d| format!("最近一次出席是 {d}"));
            add(
                kind,
                as_of,
                format!(
                    "{}近 {} 个月应参加的 {} 次组织生活均未出席，{}（{last}）；请谈心谈话了解情况{}",
                    member.name,
                    lapse.months,
                    lapse.missed,
                    match lapse.without_reason {
                        0 => "每次都注明了理由".to_string(),
                        n => format!("其中 {n} 次未注明理由"),
                    },
                    if lapse.months >= 6 && lapse.without_reason > 0 {
                        "。按党章第九条，无正当理由连续六个月不参加组织生活视为自行脱党"
                    } else {
                        ""
                    }
                ),
            );
        }
        if anniversary_in_month(member, as_of) {
            let joined = member.joined_on.expect("an anniversary has a joining date");
            let date = NaiveDate::from_ymd_opt(as_of.year(), as_of.month(), 1).unwrap_or(as_of);
            add(
                ReminderKind::Anniversary,
                date,
                format!("{}本月入党 {} 周年（{joined} 入党）", member.name, as_of.year() - joined.year()),
            );
        }
    }
    for (meeting, findings) in input.meetings {
        if findings.is_empty() || meeting.date > as_of {
            continue;
        }
        let Some(b) = branch(meeting.branch_id) else { continue };
        let faults: Vec<&str> = findings.iter().map(|f| f.kind.label()).collect();
        let mut reminder = item(
            ReminderKind::IncompleteRecord,
            b,
            meeting.date,
            format!("{} {}「{}」记录不完整：{}", meeting.date, meeting.kind.label(), meeting.topic, faults.join("、")),
        );
        reminder.meeting_id = Some(meeting.id);
        list.push(reminder);
    }
    for s in input.suggestions.iter().filter(|s| s.overdue(as_of)) {
        let due = s.due_on.expect("an overdue suggestion has a due date");
        let (branch, branch_id) = match s.branch_id.and_then(branch) {
            Some(b) => (b.name.clone(), b.id),
            None => ("未指定责任支部".to_string(), 0),
        };
        let summary: String = s.content.chars().take(30).collect();
        let ellipsis = if s.content.chars().count() > 30 { "…" } else { "" };
        list.push(Reminder {
            kind: ReminderKind::SuggestionOverdue,
            branch,
            branch_id,
            member: None,
            member_id: None,
            meeting_id: None,
            suggestion_id: Some(s.id),
            obligation: None,
            period: None,
            date: due,
            message: format!("意见建议「{summary}{ellipsis}」应于 {due} 前办结，目前{}", s.status.label()),
        });
    }
    list.sort_by_key(|r| (r.kind, r.date, r.branch_id));
    list
}
