//! `dangjian meeting …` and `dangjian activity …`.

use chrono::{Datelike, NaiveDate};
use clap::Subcommand;
use dangjian::store::{
    Activity, ActivityKind, Attendance, AttendanceStatus, Branch, Brand, Meeting, MeetingKind, Participant, Partner,
};
use dangjian::{Error, Result, Store};

use crate::{parse_day, print_json, split_list};

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum MeetingCommand {
    /// 登记一次会议
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
        /// 开始时间 HH:MM
        #[arg(long)]
        time: Option<String>,
        /// 主题（党课为题目）
        #[arg(long)]
        topic: String,
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
        /// 党小组名称（党小组会）
        #[arg(long)]
        group: Option<String>,
        /// 会议内容
        #[arg(long)]
        content: Option<String>,
        /// 决议
        #[arg(long)]
        decisions: Option<String>,
        /// 出席者，逗号分隔
        #[arg(long)]
        present: Option<String>,
        /// 未出席者及理由："姓名:理由,姓名:理由"；有理由记为请假，无理由记为缺席
        #[arg(long)]
        absent: Option<String>,
    },
    /// 列出会议
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

/// Turns `--present` and `--absent` into attendance rows of members of `branch`.
fn attendance(
    store: &Store,
    branch: &Branch,
    present: Option<String>,
    absent: Option<String>,
) -> Result<Vec<Attendance>> {
    let mut rows = Vec::new();
    for name in present.as_deref().map(split_list).unwrap_or_default() {
        let member = store.member_in_branch(branch.id, &name)?;
        rows.push(Attendance {
            member_id: Some(member.id),
            name: member.name,
            status: AttendanceStatus::Present,
            reason: None,
        });
    }
    for entry in absent.as_deref().map(split_list).unwrap_or_default() {
        let (name, reason) = match entry.split_once([':', '：']) {
            Some((name, reason)) => (name.trim(), Some(reason.trim().to_string()).filter(|r| !r.is_empty())),
            None => (entry.as_str(), None),
        };
        let member = store.member_in_branch(branch.id, name)?;
        let status = if reason.is_some() { AttendanceStatus::Excused } else { AttendanceStatus::Absent };
        rows.push(Attendance { member_id: Some(member.id), name: member.name, status, reason });
    }
    Ok(rows)
}

pub fn meeting(store: &Store, command: MeetingCommand) -> Result<()> {
    match command {
        MeetingCommand::Add {
            kind,
            branch,
            date,
            time,
            topic,
            place,
            chair,
            recorder,
            lecturer,
            group,
            content,
            decisions,
            present,
            absent,
        } => {
            let branch = store.branch_by_name(&branch)?;
            let group_id = group.as_deref().map(|name| store.group_by_name(&branch, name).map(|g| g.id)).transpose()?;
            let meeting = store.create(&Meeting {
                id: 0,
                branch_id: branch.id,
                group_id,
                kind,
                date,
                start_time: time,
                place,
                chair,
                recorder,
                lecturer,
                topic,
                content,
                decisions,
                vote: None,
                attendance: attendance(store, &branch, present, absent)?,
            })?;
            println!(
                "已登记「{}」{}（编号 {}），应到 {} 人，实到 {} 人",
                branch.name,
                meeting.kind.label(),
                meeting.id,
                meeting.attendance.len(),
                meeting.present_count()
            );
            Ok(())
        }
        MeetingCommand::List { branch, year, json } => {
            let branch_id = branch.map(|b| store.branch_by_name(&b).map(|b| b.id)).transpose()?;
            let meetings = store.meetings_in_year(year.unwrap_or_else(|| dangjian::date::today().year()), branch_id)?;
            if json {
                return print_json(&meetings);
            }
            for m in &meetings {
                println!(
                    "{}\t{}\t{}\t{}\t实到 {}/{}",
                    m.id,
                    m.date,
                    m.kind.label(),
                    m.topic,
                    m.present_count(),
                    m.attendance.len()
                );
            }
            println!("共 {} 次", meetings.len());
            Ok(())
        }
    }
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum ActivityCommand {
    /// 登记一次活动
    Add {
        /// 活动名称
        #[arg(long)]
        title: String,
        /// 活动类型：义诊、健康宣教、急救培训、志愿服务、走访慰问、联建活动、参观学习、其他
        #[arg(long, value_parser = parse_activity_kind)]
        kind: ActivityKind,
        /// 日期 YYYY-MM-DD
        #[arg(long, value_parser = parse_day)]
        date: NaiveDate,
        /// 承办支部，多个用逗号分隔
        #[arg(long)]
        branch: String,
        /// 所属品牌名称
        #[arg(long)]
        brand: Option<String>,
        /// 联建单位名称
        #[arg(long)]
        partner: Option<String>,
        /// 地点
        #[arg(long)]
        place: Option<String>,
        /// 服务人次
        #[arg(long, default_value_t = 0)]
        served: i64,
        /// 活动内容
        #[arg(long)]
        description: Option<String>,
        /// 志愿者及服务时长："姓名:小时,姓名:小时"；承办支部的党员按姓名关联
        #[arg(long)]
        volunteers: Option<String>,
    },
    /// 列出活动
    List {
        /// 年份（默认今年）
        #[arg(long)]
        year: Option<i32>,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
}

fn parse_activity_kind(text: &str) -> std::result::Result<ActivityKind, String> {
    ActivityKind::parse(text).ok_or_else(|| format!("活动类型「{text}」无法识别，可选：{}", ActivityKind::choices()))
}

/// Turns `--volunteers` into participants, linking names to members of the branches.
fn participants(store: &Store, branches: &[Branch], volunteers: Option<String>) -> Result<Vec<Participant>> {
    let mut rows = Vec::new();
    for entry in volunteers.as_deref().map(split_list).unwrap_or_default() {
        let (name, hours) = entry
            .split_once([':', '：'])
            .ok_or_else(|| Error::Invalid(format!("志愿者「{entry}」应写成 姓名:小时，如 张三:2.5")))?;
        let hours: f64 = hours
            .trim()
            .parse()
            .map_err(|_| Error::Invalid(format!("「{name}」的服务时长「{hours}」不是数字，应写成如 2.5")))?;
        let member_id = branches.iter().find_map(|b| store.member_in_branch(b.id, name).ok()).map(|m| m.id);
        rows.push(Participant { member_id, name: name.trim().to_string(), hours });
    }
    Ok(rows)
}

pub fn activity(store: &Store, command: ActivityCommand) -> Result<()> {
    match command {
        ActivityCommand::Add { title, kind, date, branch, brand, partner, place, served, description, volunteers } => {
            let branches = split_list(&branch).iter().map(|b| store.branch_by_name(b)).collect::<Result<Vec<_>>>()?;
            let brand_id = match brand {
                Some(name) => Some(
                    store
                        .list::<Brand>()?
                        .into_iter()
                        .find(|b| b.name == name.trim())
                        .ok_or_else(|| Error::NotFound(format!("没有名为「{name}」的品牌")))?
                        .id,
                ),
                None => None,
            };
            let partner_id = match partner {
                Some(name) => Some(
                    store
                        .list::<Partner>()?
                        .into_iter()
                        .find(|p| p.name == name.trim())
                        .ok_or_else(|| Error::NotFound(format!("没有名为「{name}」的联建单位")))?
                        .id,
                ),
                None => None,
            };
            let activity = store.create(&Activity {
                id: 0,
                title,
                kind,
                date,
                place,
                branch_ids: branches.iter().map(|b| b.id).collect(),
                brand_id,
                partner_id,
                people_served: served,
                description,
                participants: participants(store, &branches, volunteers)?,
            })?;
            println!(
                "已登记活动「{}」（编号 {}），志愿者 {} 人，共 {} 小时",
                activity.title,
                activity.id,
                activity.participants.len(),
                activity.hours()
            );
            Ok(())
        }
        ActivityCommand::List { year, json } => {
            let activities = store.activities_in_year(year.unwrap_or_else(|| dangjian::date::today().year()))?;
            if json {
                return print_json(&activities);
            }
            for a in &activities {
                println!(
                    "{}\t{}\t{}\t{}\t服务 {} 人次\t{} 小时",
                    a.id,
                    a.date,
                    a.kind.label(),
                    a.title,
                    a.people_served,
                    a.hours()
                );
            }
            println!("共 {} 项", activities.len());
            Ok(())
        }
    }
}
