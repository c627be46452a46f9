//! A branch's inspection ledger (迎检台账): every organisational-life record
//! of the year in date order, each on its own pages with all its elements,
//! its attendance and what an inspector would fault, then the year's
//! compliance grid.

use super::document::{Block, Column, Document, Section, Table};
use super::org_life::{absences_table, compliance_grid};
use super::text::fraction;
use crate::date::chinese_day;
use crate::error::Result;
use crate::rules::LedgerEntry;
use crate::store::{AttendanceStatus, Branch, MeetingKind, PartyGroup, Store};

/// The ledger's document for one branch and year.
pub fn document(store: &Store, year: i32, branch_id: i64) -> Result<Document> {
    let branch: Branch = store.get(branch_id)?;
    let committee = store.committee()?;
    let entries = store.meeting_ledger(year, Some(branch_id))?;
    let groups: Vec<PartyGroup> = store.list()?;
    let mut sections: Vec<Section> = entries.iter().map(|entry| meeting_section(entry, &groups)).collect();
    if sections.is_empty() {
        sections.push(Section {
            title: "本年度组织生活记录".into(),
            blocks: vec![Block::Note(format!("{}{year}年暂无组织生活记录。", branch.name))],
        });
    }
    sections.push(year_section(store, year, &branch, &entries)?);
    Ok(Document {
        title: format!("{year}年度组织生活迎检台账"),
        author: committee.committee_name,
        date: store.today(),
        subtitle: Some(branch.name),
        contents: true,
        sections,
    })
}

/// One record: its elements, content, attendance, findings and attachments.
fn meeting_section(entry: &LedgerEntry, groups: &[PartyGroup]) -> Section {
    let m = &entry.meeting;
    let mut facts = vec![("会议类型".to_string(), m.kind.label().to_string())];
    if let Some(group) = m.group_id.and_then(|id| groups.iter().find(|g| g.id == id)) {
        facts.push(("党小组".into(), group.name.clone()));
    }
    let time = match &m.start_time {
        Some(start) => format!("{} {start}", chinese_day(m.date)),
        None => chinese_day(m.date),
    };
    facts.push(("时间".into(), time));
    let elements = [("地点", &m.place), ("主持人", &m.chair), ("记录人", &m.recorder)];
    facts.extend(elements.iter().map(|(label, value)| (label.to_string(), written(value))));
    if m.kind == MeetingKind::PartyLesson {
        facts.push(("授课人".into(), written(&m.lecturer)));
    }
    facts.push(("主题".into(), m.topic.clone()));
    if !m.also_counts.is_empty() {
        let also: Vec<&str> = m.also_counts.iter().map(|k| k.label()).collect();
        facts.push(("同时计入".into(), also.join("、")));
    }
    facts.push(("应到人数".into(), format!("{}人", entry.expected)));
    facts.push(("实到人数".into(), format!("{}人", entry.present)));

    let mut blocks = vec![Block::Facts(facts)];
    let texts = [("会议内容", &m.content), ("决议", &m.decisions), ("表决情况", &m.vote)];
    for (heading, text) in texts {
        if let Some(text) = text {
            blocks.push(Block::Heading(heading.into()));
            blocks.extend(text.lines().filter(|l| !l.trim().is_empty()).map(|l| Block::Paragraph(l.trim().into())));
        }
    }

    blocks.push(Block::Heading("出席情况".into()));
    blocks.push(Block::Table(Table {
        columns: vec![Column::text("姓名", 2.0), Column::text("出席情况", 1.5), Column::text("缺席事由", 5.0)],
        rows: m
            .attendance
            .iter()
            .map(|a| {
                let reason = match (a.status, &a.reason) {
                    (AttendanceStatus::Present, _) => String::new(),
                    (_, Some(reason)) => reason.clone(),
                    (_, None) => "未注明".into(),
                };
                vec![a.name.clone(), a.status.label().to_string(), reason]
            })
            .collect(),
    }));

    blocks.push(Block::Heading("记录完整性".into()));
    if entry.findings.is_empty() {
        blocks.push(Block::Paragraph("记录要素齐全。".into()));
    } else {
        blocks.extend(entry.findings.iter().map(|f| Block::Paragraph(format!("【需补正】{}", f.message))));
    }
    if !entry.attachments.is_empty() {
        blocks.push(Block::Heading("附件".into()));
        blocks.extend(entry.attachments.iter().map(|a| Block::Paragraph(a.file_name.clone())));
    }
    Section { title: format!("{} {} {}", chinese_day(m.date), m.kind.label(), m.topic), blocks }
}

/// 未记录 for an element left blank, so a gap shows on the page.
fn written(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "（未记录）".into())
}

/// The year at a glance: the compliance grid and the absentees.
fn year_section(store: &Store, year: i32, branch: &Branch, entries: &[LedgerEntry]) -> Result<Section> {
    let compliance = store.compliance(year, store.today(), Some(branch.id))?;
    let mut blocks = Vec::new();
    match compliance.branches.first() {
        Some(row) => {
            let incomplete = entries.iter().filter(|e| !e.findings.is_empty()).count();
            blocks.push(Block::Paragraph(format!(
                "{year}年共有组织生活记录{}份，其中{incomplete}份需补正；组织生活完成率{}。",
                entries.len(),
                fraction(row.rate)
            )));
            blocks.push(Block::Grid(compliance_grid(row, &compliance.obligations)));
        }
        None => blocks.push(Block::Note("本支部不在本年度组织生活考核范围内。".into())),
    }
    if let Some(table) = absences_table(entries.iter().map(|e| &e.meeting)) {
        blocks.push(Block::Heading("缺席情况".into()));
        blocks.push(Block::Table(table));
    }
    Ok(Section { title: "年度完成情况".into(), blocks })
}
