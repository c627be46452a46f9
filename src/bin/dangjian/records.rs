//! `dangjian meeting …`.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use dangjian::rules::attendance::{Absence, AttendanceReport};
use dangjian::rules::LedgerEntry;
use dangjian::store::{Branch, Meeting, MeetingKind};
use dangjian::{Error, Result, Store};

use crate::{parse_day, print_json, split_list};

/// The fields of a meeting record shared by `meeting add` and `meeting edit`.
#[derive(Args)]
pub struct MeetingFields {
    /// 开始时间 HH:MM
    #[arg(long)]
    time: Option<String>,
    /// 主题（党课为题目）
    #[arg(long)]
    topic: Option<String>,
    /// 地点
    #[arg(long)]
    place: Option<String>,
    /// 主持人
    #[arg(long)]
    chair: Option<String>,
    /// 记录人
    #[arg(long)]
    recorder: Option<String>,
    /// 授课人（党课）
    #[arg(long)]
    lecturer: Option<String>,
    /// 会议内容
    #[arg(long)]
    content: Option<String>,
    /// 决议
    #[arg(long)]
    decisions: Option<String>,
    /// 表决情况（填写即表示进行了表决或选举）
    #[arg(long)]
    vote: Option<String>,
    /// 同时计入的其他组织生活类型（如组织生活会同时开展民主评议：--also democratic_review），可多次使用
    #[arg(long = "also", value_parser = parse_meeting_kind)]
    also: Vec<MeetingKind>,
    /// 不再计入其他类型（清除原有的 --also）
    #[arg(long, conflicts_with = "also")]
    no_also: bool,
    /// 出席者，逗号分隔
    #[arg(long)]
    present: Option<String>,
    /// 未出席者及理由："姓名:理由,姓名"；有理由记为请假，无理由记为缺席
    #[arg(long)]
    absent: Option<String>,
    /// 除 --absent 列出的人外，应到人员全部出席
    #[arg(long)]
    all_present: bool,
    /// 附件（照片、签到表扫描件），可多次使用
    #[arg(long = "attach", value_name = "FILE")]
    attach: Vec<PathBuf>,
}

impl MeetingFields {
    /// True when any attendance option was given.
    fn names_attendance(&self) -> bool {
        self.present.is_some() || self.absent.is_some() || self.all_present
    }

    /// What the options say about attendance.
    fn attendance_report(&self) -> AttendanceReport {
        AttendanceReport {
            present: self.present.as_deref().map(split_list).unwrap_or_default(),
            absent: self
                .absent
                .as_deref()
                .map(split_list)
                .unwrap_or_default()
                .iter()
                .map(|e| parse_absence(e))
                .collect(),
            all_present: self.all_present,
        }
    }

    /// Lays the given fields over `meeting`.
    fn apply(self, meeting: &mut Meeting) -> Vec<PathBuf> {
        let set = |field: &mut Option<String>, value: Option<String>| {
            if value.is_some() {
                *field = value;
            }
        };
        set(&mut meeting.start_time, self.time);
        set(&mut meeting.place, self.place);
        set(&mut meeting.chair, self.chair);
        set(&mut meeting.recorder, self.recorder);
        set(&mut meeting.lecturer, self.lecturer);
        set(&mut meeting.content, self.content);
        set(&mut meeting.decisions, self.decisions);
        set(&mut meeting.vote, self.vote);
        if let Some(topic) = self.topic {
            meeting.topic = topic;
        }
        if self.no_also || !self.also.is_empty() {
            meeting.also_counts = self.also;
        }
        self.attach
    }
}

/// `姓名:理由` or `姓名`.
fn parse_absence(entry: &str) -> Absence {
    match entry.split_once([':', '：']) {
        Some((name, reason)) => {
            Absence { name: name.trim().to_string(), reason: Some(reason.trim().to_string()).filter(|r| !r.is_empty()) }
        }
        None => Absence { name: entry.trim().to_string(), reason: None },
    }
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum MeetingCommand {
    /// 登记一次会议（应到人员按会议当天的名册自动列出；出席情况须逐一标明或用 --all-present）
    Add {
        /// 会议类型：general_meeting、committee_meeting、group_meeting、party_lesson、theme_day、org_life_meeting、democratic_review、talk，或中文名称
        #[arg(long, value_parser = parse_meeting_kind)]
        kind: MeetingKind,
        /// 支部名称
        #[arg(long)]
        branch: String,
        /// 日期 YYYY-MM-DD
        #[arg(long, value_parser = parse_day)]
        date: NaiveDate,
        /// 党小组名称（党小组会）
        #[arg(long)]
        group: Option<String>,
        #[command(flatten)]
        fields: MeetingFields,
    },
    /// 修改一条会议记录；给出出席选项时重新登记出席情况
    Edit {
        /// 会议编号
        id: i64,
        /// 为缺席者补记理由："姓名:理由"，可多次使用
        #[arg(long = "reason", value_name = "姓名:理由")]
        reasons: Vec<String>,
        #[command(flatten)]
        fields: MeetingFields,
    },
    /// 删除一条会议记录（须加 --yes 确认）
    Delete {
        /// 会议编号
        id: i64,
        /// 确认删除
        #[arg(long)]
        yes: bool,
    },
    /// 查看一条会议记录及其完整性检查
    Show {
        /// 会议编号
        id: i64,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 列出会议（组织生活台账），含每条记录的完整性检查
    List {
        /// 只列此支部
        #[arg(long)]
        branch: Option<String>,
        /// 年份（默认今年）
        #[arg(long)]
        year: Option<i32>,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
}

fn parse_meeting_kind(text: &str) -> std::result::Result<MeetingKind, String> {
    MeetingKind::parse(text).ok_or_else(|| {
        let codes: Vec<&str> = MeetingKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("会议类型「{text}」无法识别，可选：{}（或中文：{}）", codes.join("、"), MeetingKind::choices())
    })
}

/// Prints a ledger entry's counts and findings on one or more lines.
fn print_entry(entry: &LedgerEntry, branch: &str) {
    let m = &entry.meeting;
    let also: Vec<&str> = m.also_counts.iter().map(|k| k.label()).collect();
    println!(
        "{}\t{}\t{}\t{}{}\t{}\t应到 {} 实到 {}\t{}",
        m.id,
        m.date,
        branch,
        m.kind.label(),
        if also.is_empty() { String::new() } else { format!("（兼{}）", also.join("、")) },
        m.topic,
        entry.expected,
        entry.present,
        if entry.findings.is_empty() { "完整".to_string() } else { format!("{} 处问题", entry.findings.len()) }
    );
    for finding in &entry.findings {
        println!("\t  · {}", finding.message);
    }
}

pub fn meeting(store: &Store, command: MeetingCommand) -> Result<()> {
    match command {
        MeetingCommand::Add { kind, branch, date, group, fields } => {
            let branch = store.branch_by_name(&branch)?;
            let group_id = group.as_deref().map(|name| store.group_by_name(&branch, name).map(|g| g.id)).transpose()?;
            let attendance =
                store.attendance_from_report(branch.id, kind, group_id, date, &fields.attendance_report())?;
            let mut meeting = Meeting {
                id: 0,
                branch_id: branch.id,
                group_id,
                kind,
                date,
                start_time: None,
                place: None,
                chair: None,
                recorder: None,
                lecturer: None,
                topic: String::new(),
                content: None,
                decisions: None,
                vote: None,
                also_counts: Vec::new(),
                attendance,
            };
            let files = fields.apply(&mut meeting);
            let meeting = store.create_meeting(&meeting, &files)?;
            let entry = store.meeting_entry(meeting.id)?;
            println!(
                "已登记「{}」{}（编号 {}），应到 {} 人，实到 {} 人",
                branch.name,
                meeting.kind.label(),
                meeting.id,
                entry.expected,
                entry.present
            );
            for finding in &entry.findings {
                println!("记录不完整：{}", finding.message);
            }
            Ok(())
        }
        MeetingCommand::Edit { id, reasons, fields } => {
            let mut meeting: Meeting = store.get(id)?;
            if fields.names_attendance() {
                meeting.attendance = store.attendance_from_report(
                    meeting.branch_id,
                    meeting.kind,
                    meeting.group_id,
                    meeting.date,
                    &fields.attendance_report(),
                )?;
            }
            for entry in &reasons {
                let absence = parse_absence(entry);
                meeting.attendance = dangjian::rules::attendance::give_reason(&meeting.attendance, &absence)?;
            }
            let files = fields.apply(&mut meeting);
            store.update_meeting(&meeting, &files)?;
            let entry = store.meeting_entry(id)?;
            println!(
                "已修改会议记录（编号 {id}），{}",
                if entry.findings.is_empty() {
                    "记录完整".to_string()
                } else {
                    format!("仍有 {} 处问题", entry.findings.len())
                }
            );
            for finding in &entry.findings {
                println!("记录不完整：{}", finding.message);
            }
            Ok(())
        }
        MeetingCommand::Delete { id, yes } => {
            let meeting: Meeting = store.get(id)?;
            if !yes {
                return Err(Error::Invalid(format!(
                    "删除会议记录（{} {}「{}」）不能撤销；确认删除请加 --yes",
                    meeting.date,
                    meeting.kind.label(),
                    meeting.topic
                )));
            }
            store.delete::<Meeting>(id)?;
            println!("已删除会议记录（编号 {id}）");
            Ok(())
        }
        MeetingCommand::Show { id, json } => {
            let entry = store.meeting_entry(id)?;
            if json {
                return print_json(&entry);
            }
            let branch: Branch = store.get(entry.meeting.branch_id)?;
            print_entry(&entry, &branch.name);
            for a in &entry.meeting.attendance {
                println!(
                    "\t{}\t{}{}",
                    a.name,
                    a.status.label(),
                    a.reason.as_deref().map(|r| format!("（{r}）")).unwrap_or_default()
                );
            }
            for file in &entry.attachments {
                println!("\t附件：{}（{} 字节）", file.file_name, file.size);
            }
            Ok(())
        }
        MeetingCommand::List { branch, year, json } => {
            let branch_id = branch.map(|b| store.branch_by_name(&b).map(|b| b.id)).transpose()?;
            let ledger = store.meeting_ledger(year.unwrap_or_else(|| store.today().year()), branch_id)?;
            if json {
                return print_json(&ledger);
            }
            let branches: Vec<Branch> = store.list()?;
            for entry in &ledger {
                let name = branches.iter().find(|b| b.id == entry.meeting.branch_id).map_or("", |b| b.name.as_str());
                print_entry(entry, name);
            }
            println!(
                "共 {} 次，其中 {} 次记录不完整",
                ledger.len(),
                ledger.iter().filter(|e| !e.findings.is_empty()).count()
            );
            Ok(())
        }
    }
}
