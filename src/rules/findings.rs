//! The completeness check on a meeting record, as an inspector would fault it.
//!
//! Findings mark a record; they never stop a meeting from counting as held.

use serde::Serialize;
use ts_rs::TS;

use super::roster::Roster;
use crate::store::{AttendanceStatus, Branch, FindingKind, Meeting, MeetingKind};

/// One fault in a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Finding {
    /// What kind of fault.
    pub kind: FindingKind,
    /// What is wrong and how to fix it, naming people where there are some.
    pub message: String,
}

fn finding(kind: FindingKind, message: impl Into<String>) -> Finding {
    Finding { kind, message: message.into() }
}

/// Everything an inspector would fault in `meeting` of `branch`. `roster`
/// tells who had a vote on the day (probationary members have none).
pub fn meeting_findings(meeting: &Meeting, branch: &Branch, roster: &Roster) -> Vec<Finding> {
    let mut found = Vec::new();
    let missing = [
        (meeting.start_time.is_none(), FindingKind::MissingTime, "请补记会议开始时间"),
        (meeting.place.is_none(), FindingKind::MissingPlace, "请补记会议地点"),
        (meeting.chair.is_none(), FindingKind::MissingChair, "请补记主持人"),
        (meeting.recorder.is_none(), FindingKind::MissingRecorder, "请补记记录人"),
        (meeting.content.is_none(), FindingKind::MissingContent, "请补记会议内容（发言、讨论情况）"),
        (
            meeting.kind == MeetingKind::PartyLesson && meeting.lecturer.is_none(),
            FindingKind::MissingLecturer,
            "请补记授课人",
        ),
        (meeting.attendance.is_empty(), FindingKind::MissingAttendance, "请登记应到人员和出席情况"),
    ];
    for (is_missing, kind, advice) in missing {
        if is_missing {
            found.push(finding(kind, format!("{}：{advice}", kind.label())));
        }
    }
    let unexplained: Vec<&str> = meeting
        .attendance
        .iter()
        .filter(|a| a.status != AttendanceStatus::Present && a.reason.is_none())
        .map(|a| a.name.as_str())
        .collect();
    if !unexplained.is_empty() {
        found.push(finding(
            FindingKind::AbsentWithoutReason,
            format!("{} 缺席未注明理由：请补记理由（如病假、外出、值班）", unexplained.join("、")),
        ));
    }
    if !meeting.attendance.is_empty() {
        let left_out: Vec<&str> = roster
            .expected(branch, meeting.kind, meeting.group_id, meeting.date)
            .into_iter()
            .filter(|m| !meeting.attendance.iter().any(|a| a.member_id == Some(m.id)))
            .map(|m| m.name.as_str())
            .collect();
        if !left_out.is_empty() {
            found.push(finding(
                FindingKind::MissingAttendees,
                format!("{} 在会议当天的应到名单中，却未登记出席或缺席：请补登", left_out.join("、")),
            ));
        }
    }
    let present = |a: &&crate::store::Attendance| a.status == AttendanceStatus::Present;
    if meeting.kind == MeetingKind::GeneralMeeting && meeting.vote.is_some() {
        let voters: Vec<_> = meeting
            .attendance
            .iter()
            .filter(|a| a.member_id.and_then(|id| roster.get(id)).is_none_or(|h| h.has_vote_on(meeting.date)))
            .collect();
        let voting_present = voters.iter().filter(|a| present(a)).count();
        if voting_present * 2 <= voters.len() {
            found.push(finding(
                FindingKind::VoteWithoutQuorum,
                format!(
                    "进行表决时有表决权的党员应到 {} 人、实到 {voting_present} 人，未超过半数，表决无效（预备党员没有表决权）",
                    voters.len()
                ),
            ));
        }
    }
    if meeting.kind == MeetingKind::CommitteeMeeting {
        // The committee of the day, its departed members left out; only they make the quorum.
        let seated: Vec<i64> =
            roster.expected(branch, MeetingKind::CommitteeMeeting, None, meeting.date).iter().map(|m| m.id).collect();
        let came = meeting
            .attendance
            .iter()
            .filter(|a| present(a) && a.member_id.is_some_and(|id| seated.contains(&id)))
            .count();
        if !seated.is_empty() && came * 2 <= seated.len() {
            found.push(finding(
                FindingKind::CommitteeWithoutQuorum,
                format!("支委 {} 人、到会支委 {came} 人，未超过半数，会议决定无效", seated.len()),
            ));
        }
    }
    found
}
