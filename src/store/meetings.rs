//! Meeting records of organisational life (三会一课, 主题党日, …) with attendance.
//!
//! A record carries what inspections check: date and time, place, chair,
//! recorder, lecturer (for a party lesson), topic, what was said, decisions,
//! how a vote went, and one attendance row per expected person.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime};
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::attachments::IncomingFile;
use super::members::require_branch;
use super::record::{create_in, json_value, row_id, select_rows, tidy_text, update_in, value, Columns, Record};
use super::{AttachmentOwner, AttendanceStatus, MeetingKind, Store};
use crate::date::PartialDate;
use crate::error::{ensure, Result};

/// Whether one expected person attended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Attendance {
    /// The member, if the person is one.
    pub member_id: Option<i64>,
    /// Name as recorded.
    pub name: String,
    /// Present, excused or absent.
    pub status: AttendanceStatus,
    /// The reason for an absence.
    pub reason: Option<String>,
}

/// One meeting of a branch or party group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Meeting {
    /// Row id; 0 when new.
    pub id: i64,
    /// The branch that held it.
    pub branch_id: i64,
    /// The party group, for a group meeting.
    pub group_id: Option<i64>,
    /// Which obligation it meets.
    pub kind: MeetingKind,
    /// The day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Start time, `HH:MM`.
    pub start_time: Option<String>,
    /// 地点.
    pub place: Option<String>,
    /// 主持人.
    pub chair: Option<String>,
    /// 记录人.
    pub recorder: Option<String>,
    /// 授课人, for a party lesson.
    pub lecturer: Option<String>,
    /// 主题 (for a party lesson, its title).
    pub topic: String,
    /// 会议内容: what was said.
    pub content: Option<String>,
    /// 决议.
    pub decisions: Option<String>,
    /// 表决情况.
    pub vote: Option<String>,
    /// Further obligations this meeting counts for (a 组织生活会 held
    /// together with the 民主评议 counts for both).
    #[serde(default)]
    pub also_counts: Vec<MeetingKind>,
    /// One row per expected person.
    pub attendance: Vec<Attendance>,
}

impl Meeting {
    /// How many attended.
    pub fn present_count(&self) -> usize {
        self.attendance.iter().filter(|a| a.status == AttendanceStatus::Present).count()
    }
}

/// A meeting is recorded once it has been held: its day may not be after today.
pub fn check_meeting_date(date: NaiveDate, today: NaiveDate) -> Result<()> {
    ensure(date <= today, || format!("会议日期 {date} 晚于今天；会议开完后再登记记录"))
}

impl Record for Meeting {
    const TABLE: &'static str = "meetings";
    const LABEL: &'static str = "会议记录";
    const COLUMNS: &'static [&'static str] = &[
        "branch_id",
        "group_id",
        "kind",
        "date",
        "start_time",
        "place",
        "chair",
        "recorder",
        "lecturer",
        "topic",
        "content",
        "decisions",
        "vote",
        "also_counts",
    ];
    const ORDER_BY: &'static str = "date, start_time, id";

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.branch_id),
            value(&self.group_id),
            value(&self.kind),
            value(&self.date),
            value(&self.start_time),
            value(&self.place),
            value(&self.chair),
            value(&self.recorder),
            value(&self.lecturer),
            value(&self.topic),
            value(&self.content),
            value(&self.decisions),
            value(&self.vote),
            json_value(&self.also_counts),
        ]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        let mut c = Columns::new(row);
        Ok(Meeting {
            id: c.get("id")?,
            branch_id: c.get("branch_id")?,
            group_id: c.get("group_id")?,
            kind: c.get("kind")?,
            date: c.get("date")?,
            start_time: c.get("start_time")?,
            place: c.get("place")?,
            chair: c.get("chair")?,
            recorder: c.get("recorder")?,
            lecturer: c.get("lecturer")?,
            topic: c.get("topic")?,
            content: c.get("content")?,
            decisions: c.get("decisions")?,
            vote: c.get("vote")?,
            also_counts: c.json("also_counts")?,
            attendance: Vec::new(),
        })
    }
    fn tidy(&mut self) {
        self.topic = self.topic.trim().to_string();
        for text in [
            &mut self.start_time,
            &mut self.place,
            &mut self.chair,
            &mut self.recorder,
            &mut self.lecturer,
            &mut self.content,
            &mut self.decisions,
            &mut self.vote,
        ] {
            tidy_text(text);
        }
        for a in &mut self.attendance {
            a.name = a.name.trim().to_string();
            tidy_text(&mut a.reason);
            // The one rule for absences: with a reason 请假, without one 缺席.
            if a.status != AttendanceStatus::Present {
                a.status = if a.reason.is_some() { AttendanceStatus::Excused } else { AttendanceStatus::Absent };
            }
        }
        let kind = self.kind;
        self.also_counts.retain(|k| *k != kind);
        self.also_counts.sort();
        self.also_counts.dedup();
    }
    fn check(&self, conn: &Connection, today: NaiveDate) -> Result<()> {
        ensure(!self.topic.is_empty(), || "请填写会议主题（党课请填写题目）".into())?;
        ensure(!self.also_counts.contains(&MeetingKind::GroupMeeting), || {
            "党小组会只能按党小组登记，不能由其他会议兼计".into()
        })?;
        check_meeting_date(self.date, today)?;
        if let Some(time) = &self.start_time {
            ensure(NaiveTime::parse_from_str(time, "%H:%M").is_ok(), || {
                format!("开始时间「{time}」应写成 时:分，如 14:30")
            })?;
        }
        require_branch(conn, self.branch_id)?;
        let founded: Option<PartialDate> =
            conn.query_row("SELECT founded_on FROM branches WHERE id = ?1", [self.branch_id], |r| r.get(0))?;
        if let Some(founded) = founded {
            ensure(!founded.surely_after_day(self.date), || {
                format!("会议日期 {} 早于支部成立日期 {founded}，请核对日期或支部", self.date)
            })?;
        }
        match (self.kind, self.group_id) {
            (MeetingKind::GroupMeeting, None) => {
                return Err(crate::Error::Invalid("党小组会须注明是哪个党小组".into()));
            }
            (MeetingKind::GroupMeeting, Some(group_id)) => {
                let owner: Option<i64> = conn
                    .query_row("SELECT branch_id FROM party_groups WHERE id = ?1", [group_id], |r| r.get(0))
                    .optional()?;
                ensure(owner == Some(self.branch_id), || "所选党小组不属于该支部，请重新选择".into())?;
            }
            (_, Some(_)) => return Err(crate::Error::Invalid("只有党小组会才需要选择党小组".into())),
            (_, None) => {}
        }
        for (i, a) in self.attendance.iter().enumerate() {
            ensure(!a.name.is_empty(), || format!("第 {} 条出勤记录缺少姓名", i + 1))?;
            let repeated = self.attendance[..i].iter().any(|b| b.name == a.name && b.member_id == a.member_id);
            ensure(!repeated, || format!("「{}」在出勤名单中出现了两次", a.name))?;
            ensure(a.status != AttendanceStatus::Present || a.reason.is_none(), || {
                format!("「{}」已出席，不应填写缺席理由", a.name)
            })?;
        }
        Ok(())
    }
    fn save_children(&self, conn: &Connection) -> Result<()> {
        conn.execute("DELETE FROM meeting_attendance WHERE meeting_id = ?1", [self.id])?;
        let mut insert = conn.prepare_cached(
            "INSERT INTO meeting_attendance (meeting_id, member_id, name, status, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for a in &self.attendance {
            insert.execute((self.id, a.member_id, &a.name, a.status, &a.reason))?;
        }
        Ok(())
    }
    fn load_children(&mut self, conn: &Connection) -> Result<()> {
        let mut statement = conn.prepare_cached(
            "SELECT member_id, name, status, reason FROM meeting_attendance WHERE meeting_id = ?1 ORDER BY id",
        )?;
        self.attendance =
            statement.query_map([self.id], |row| attendance_from(row, 0))?.collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
}

/// The attendance row whose `member_id, name, status, reason` are the row's
/// columns from `first` on. Read by position: by name, rusqlite compares every
/// column's name for every value, which was most of the time the to-do list
/// took to read a year's tens of thousands of rows.
fn attendance_from(r: &Row, first: usize) -> rusqlite::Result<Attendance> {
    Ok(Attendance {
        member_id: r.get(first)?,
        name: r.get(first + 1)?,
        status: r.get(first + 2)?,
        reason: r.get(first + 3)?,
    })
}

/// The meetings matching `filter` with their attendance, read in two queries
/// rather than one per meeting (the grid and the reminders read thousands).
/// Only meetings matching `with_attendance` (an SQL condition too) get their
/// attendance; the others come without it.
fn select_with_attendance<P: rusqlite::Params + Clone>(
    conn: &Connection,
    filter: &str,
    with_attendance: &str,
    params: P,
) -> Result<Vec<Meeting>> {
    let mut meetings: Vec<Meeting> = select_rows(conn, filter, params.clone())?;
    let index: HashMap<i64, usize> = meetings.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    // A subquery rather than a join: SQLite then walks the attendance index
    // in (meeting, row) order and needs no sort of tens of thousands of rows.
    let sql = format!(
        "SELECT a.meeting_id, a.member_id, a.name, a.status, a.reason FROM meeting_attendance a
         WHERE a.meeting_id IN (SELECT id FROM meetings WHERE ({filter}) AND ({with_attendance}))
         ORDER BY a.meeting_id, a.id"
    );
    let mut statement = conn.prepare_cached(&sql)?;
    let mut rows = statement.query(params)?;
    while let Some(row) = rows.next()? {
        if let Some(i) = index.get(&row.get::<_, i64>(0)?) {
            meetings[*i].attendance.push(attendance_from(row, 1)?);
        }
    }
    Ok(meetings)
}

impl Store {
    /// Stores a new meeting with its attachment files, all or nothing: every
    /// file is read first, and the record, its attendance and its attachments
    /// are written in one transaction.
    pub fn create_meeting(&self, meeting: &Meeting, files: &[PathBuf]) -> Result<Meeting> {
        let incoming = files.iter().map(|f| IncomingFile::read(f)).collect::<Result<Vec<_>>>()?;
        self.write(|conn| {
            let stored = create_in(conn, self.today(), meeting)?;
            for file in &incoming {
                self.attach_in(conn, AttachmentOwner::Meeting, stored.id, file)?;
            }
            Ok(stored)
        })
    }

    /// Saves changes to a meeting and adds attachment files, all or nothing.
    pub fn update_meeting(&self, meeting: &Meeting, files: &[PathBuf]) -> Result<Meeting> {
        let incoming = files.iter().map(|f| IncomingFile::read(f)).collect::<Result<Vec<_>>>()?;
        self.write(|conn| {
            let stored = update_in(conn, self.today(), meeting)?;
            for file in &incoming {
                self.attach_in(conn, AttachmentOwner::Meeting, stored.id, file)?;
            }
            Ok(stored)
        })
    }

    /// The meetings held from `from` to `to` (both included), by date.
    pub fn meetings_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Meeting>> {
        select_with_attendance(self.conn(), "date >= ?1 AND date <= ?2", "1", (from, to))
    }

    /// The meetings held in `year`, optionally of one branch, by date.
    pub fn meetings_in_year(&self, year: i32, branch_id: Option<i64>) -> Result<Vec<Meeting>> {
        self.meetings_in_year_with_attendance_of(year, branch_id, MeetingKind::ALL)
    }

    /// The meetings held in `year` (optionally of one branch), with the
    /// attendance of only those of `kinds` (by kind or `also_counts`): the
    /// grid needs attendance for the per-committee-member rules alone.
    pub(crate) fn meetings_in_year_with_attendance_of(
        &self,
        year: i32,
        branch_id: Option<i64>,
        kinds: &[MeetingKind],
    ) -> Result<Vec<Meeting>> {
        // The kinds are a closed list of plain identifiers, safe to write into the SQL.
        let with_attendance = match kinds.len() {
            0 => "0".to_string(),
            n if n == MeetingKind::ALL.len() => "1".to_string(),
            _ => kinds
                .iter()
                .map(|k| format!("kind = '{0}' OR also_counts LIKE '%\"{0}\"%'", k.as_str()))
                .collect::<Vec<_>>()
                .join(" OR "),
        };
        select_with_attendance(
            self.conn(),
            "date >= ?1 AND date <= ?2 AND (?3 IS NULL OR branch_id = ?3)",
            &with_attendance,
            (format!("{year:04}-01-01"), format!("{year:04}-12-31"), branch_id),
        )
    }
}
