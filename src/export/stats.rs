//! The year's statistics as an Excel workbook (rust_xlsxwriter): a branch
//! summary, the meeting ledger, attendance, activities, volunteer hours per
//! person, honors and suggestions. Every figure comes from the same core
//! calls as `dangjian stats` and the app's screens; dates are real Excel
//! dates and numbers real numbers, each sheet with a frozen header and a
//! filter. No ID or phone number is written.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::xlsx_error;
use crate::error::Result;
use crate::rules::counting::{honor_in_year, suggestion_done_in, suggestion_raised_in, PersonService};
use crate::store::{Activity, Brand, Honor, Member, Partner, Store, Suggestion};

/// A cell of a statistics sheet.
enum Value {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Empty,
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_string())
    }
}
impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}
impl From<Option<String>> for Value {
    fn from(text: Option<String>) -> Value {
        text.map_or(Value::Empty, Value::Text)
    }
}
impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Number(n)
    }
}
impl From<usize> for Value {
    fn from(n: usize) -> Value {
        Value::Number(n as f64)
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Number(n as f64)
    }
}
impl From<NaiveDate> for Value {
    fn from(day: NaiveDate) -> Value {
        Value::Date(day)
    }
}
impl From<Option<NaiveDate>> for Value {
    fn from(day: Option<NaiveDate>) -> Value {
        day.map_or(Value::Empty, Value::Date)
    }
}

/// A sheet's columns: each header and its width.
type Columns = &'static [(&'static str, f64)];

/// Writes one sheet: a bold header (frozen, with a filter), then the rows.
fn table(
    workbook: &mut Workbook,
    name: &str,
    columns: Columns,
    rows: Vec<Vec<Value>>,
) -> std::result::Result<(), XlsxError> {
    let sheet: &mut Worksheet = workbook.add_worksheet().set_name(name)?;
    let bold = Format::new().set_bold().set_background_color("#F2DCDB").set_text_wrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let number = Format::new().set_num_format("0.##");
    for (col, (title, width)) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &bold)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, value) in row.iter().enumerate() {
            let c = c as u16;
            match value {
                Value::Text(text) => sheet.write_string(r, c, text).map(drop)?,
                Value::Number(n) => sheet.write_number_with_format(r, c, *n, &number).map(drop)?,
                Value::Date(day) => {
                    let excel = ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)?;
                    sheet.write_datetime_with_format(r, c, &excel, &date).map(drop)?
                }
                Value::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, columns.len() as u16 - 1)?;
    Ok(())
}

/// Writes the statistics of `year` to `path`; returns the names of the sheets written.
pub fn export_stats(store: &Store, year: i32, path: &Path) -> Result<Vec<&'static str>> {
    let _timed = crate::logging::timed("statistics export");
    let stats = store.year_stats(year)?;
    let ledger = store.meeting_ledger(year, None)?;
    let activities = store.activities_in_year(year)?;
    let people = store.people_service(Some(year))?;
    let branch_name = store.branch_names()?;
    let brands: Vec<Brand> = store.list()?;
    let partners: Vec<Partner> = store.list()?;
    let members: Vec<Member> = store.list()?;
    let honors: Vec<Honor> = store.list::<Honor>()?.into_iter().filter(|h| honor_in_year(h, year)).collect();
    let suggestions: Vec<Suggestion> = store
        .list::<Suggestion>()?
        .into_iter()
        .filter(|s| suggestion_raised_in(s, year) || suggestion_done_in(s, year))
        .collect();
    let brand_name = |id: Option<i64>| id.and_then(|id| brands.iter().find(|b| b.id == id)).map(|b| b.name.clone());
    let partner_name = |id: Option<i64>| id.and_then(|id| partners.iter().find(|p| p.id == id)).map(|p| p.name.clone());
    let member_name = |id: Option<i64>| id.and_then(|id| members.iter().find(|m| m.id == id)).map(|m| m.name.clone());

    let mut summary: Vec<Vec<Value>> = stats
        .per_branch
        .iter()
        .map(|b| {
            vec![
                b.branch.clone().into(),
                b.activities.into(),
                b.people_served.into(),
                b.volunteer_hours.into(),
                b.members_serving.into(),
                b.members_on_rolls.into(),
                b.participation_rate.into(),
                b.honors.into(),
                b.suggestions_done.into(),
            ]
        })
        .collect();
    summary.push(vec![
        "全院合计".into(),
        stats.activities.into(),
        stats.people_served.into(),
        stats.volunteer_hours.into(),
        stats.members_serving.into(),
        stats.members_on_rolls.into(),
        stats.participation_rate.into(),
        stats.honors.into(),
        stats.suggestions_done.into(),
    ]);

    let meetings: Vec<Vec<Value>> = ledger
        .iter()
        .map(|e| {
            let m = &e.meeting;
            let findings: Vec<&str> = e.findings.iter().map(|f| f.kind.label()).collect();
            vec![
                m.date.into(),
                branch_name(m.branch_id).into(),
                m.kind.label().into(),
                m.topic.clone().into(),
                m.place.clone().into(),
                m.chair.clone().into(),
                m.recorder.clone().into(),
                e.expected.into(),
                e.present.into(),
                findings.join("、").into(),
            ]
        })
        .collect();
    let attendance: Vec<Vec<Value>> = ledger
        .iter()
        .flat_map(|e| {
            let m = &e.meeting;
            m.attendance.iter().map(move |a| (m, a))
        })
        .map(|(m, a)| {
            vec![
                m.date.into(),
                branch_name(m.branch_id).into(),
                m.kind.label().into(),
                m.topic.clone().into(),
                a.name.clone().into(),
                a.status.label().into(),
                a.reason.clone().into(),
            ]
        })
        .collect();
    let activity_rows: Vec<Vec<Value>> = activities
        .iter()
        .map(|a: &Activity| {
            let co: Vec<String> = a.co_branch_ids.iter().map(|id| branch_name(*id)).collect();
            vec![
                a.date.into(),
                a.end_date.into(),
                a.kind.clone().into(),
                a.title.clone().into(),
                branch_name(a.branch_id).into(),
                co.join("、").into(),
                brand_name(a.brand_id).into(),
                partner_name(a.partner_id).into(),
                a.place.clone().into(),
                a.people_served.into(),
                a.participants.len().into(),
                a.hours().into(),
            ]
        })
        .collect();
    let people_rows: Vec<Vec<Value>> = people
        .iter()
        .map(|p: &PersonService| {
            let branch =
                p.member_id.and_then(|id| members.iter().find(|m| m.id == id)).map(|m| branch_name(m.branch_id));
            vec![p.name.clone().into(), p.kind.label().into(), branch.into(), p.entries.len().into(), p.hours.into()]
        })
        .collect();
    let honor_rows: Vec<Vec<Value>> = honors
        .iter()
        .map(|h| {
            let to = match (h.branch_id, h.member_id, h.brand_id) {
                (Some(b), _, _) => branch_name(b),
                (_, Some(_), _) => member_name(h.member_id).unwrap_or_default(),
                (_, _, Some(_)) => brand_name(h.brand_id).unwrap_or_default(),
                _ => "院党委".to_string(),
            };
            vec![
                h.awarded_on.map(|d| d.to_string()).into(),
                h.level.label().into(),
                h.title.clone().into(),
                h.issuer.clone().into(),
                to.into(),
            ]
        })
        .collect();
    let suggestion_rows: Vec<Vec<Value>> = suggestions
        .iter()
        .map(|s| {
            vec![
                s.raised_on.map(|d| d.to_string()).into(),
                s.source.clone().into(),
                s.content.clone().into(),
                s.branch_id.map(&branch_name).into(),
                s.due_on.into(),
                s.status.label().into(),
                s.resolved_on.map(|d| d.to_string()).into(),
                s.response.clone().into(),
            ]
        })
        .collect();

    let mut workbook = Workbook::new();
    let sheets: [(&'static str, Columns, Vec<Vec<Value>>); 7] = [
        (
            "支部汇总",
            &[
                ("支部", 22.0),
                ("活动", 8.0),
                ("服务人次", 10.0),
                ("志愿服务时长", 12.0),
                ("参与党员", 10.0),
                ("在册党员", 10.0),
                ("党员参与率（%）", 14.0),
                ("荣誉", 8.0),
                ("办结意见建议", 12.0),
            ],
            summary,
        ),
        (
            "组织生活",
            &[
                ("日期", 12.0),
                ("支部", 20.0),
                ("类型", 14.0),
                ("主题", 36.0),
                ("地点", 16.0),
                ("主持人", 10.0),
                ("记录人", 10.0),
                ("应到", 8.0),
                ("实到", 8.0),
                ("记录问题", 30.0),
            ],
            meetings,
        ),
        (
            "出勤",
            &[
                ("日期", 12.0),
                ("支部", 20.0),
                ("类型", 14.0),
                ("主题", 36.0),
                ("姓名", 10.0),
                ("出勤", 8.0),
                ("理由", 20.0),
            ],
            attendance,
        ),
        (
            "活动",
            &[
                ("日期", 12.0),
                ("结束日期", 12.0),
                ("类型", 10.0),
                ("名称", 32.0),
                ("牵头支部", 20.0),
                ("协办支部", 20.0),
                ("品牌", 18.0),
                ("联建单位", 22.0),
                ("地点", 16.0),
                ("服务人次", 10.0),
                ("参与人数", 10.0),
                ("志愿服务时长", 12.0),
            ],
            activity_rows,
        ),
        (
            "志愿服务",
            &[("姓名", 12.0), ("身份", 12.0), ("所在支部", 20.0), ("次数", 8.0), ("时长（小时）", 12.0)],
            people_rows,
        ),
        ("荣誉", &[("获奖日期", 12.0), ("级别", 8.0), ("名称", 30.0), ("颁发单位", 24.0), ("授予", 22.0)], honor_rows),
        (
            "意见建议",
            &[
                ("提出日期", 12.0),
                ("来源", 14.0),
                ("内容", 36.0),
                ("责任支部", 20.0),
                ("办结时限", 12.0),
                ("状态", 8.0),
                ("办结日期", 12.0),
                ("办理结果", 36.0),
            ],
            suggestion_rows,
        ),
    ];
    let names = sheets.iter().map(|(name, _, _)| *name).collect();
    for (name, columns, rows) in sheets {
        table(&mut workbook, name, columns, rows).map_err(|e| xlsx_error(path, e))?;
    }
    workbook.save(path).map_err(|e| xlsx_error(path, e))?;
    Ok(names)
}
