//! Organisational life as the reports show it: a branch's compliance grid
//! (obligations × months) and its absentees of the year.

use std::collections::BTreeMap;

use super::document::{Column, Grid, GridCell, GridRow, Table, Tone};
use crate::rules::compliance::BranchCompliance;
use crate::store::{AttendanceStatus, ComplianceStatus, Meeting, Obligation};

/// The branch's grid: a row per obligation (per party group for a group rule),
/// a column per month; a quarter's or a year's cell spans its months.
pub(crate) fn compliance_grid(branch: &BranchCompliance, obligations: &[Obligation]) -> Grid {
    let mut rows: Vec<((String, Option<i64>), GridRow)> = Vec::new();
    for item in &branch.items {
        let key = (item.obligation.clone(), item.group_id);
        let at = match rows.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                let name = obligations
                    .iter()
                    .find(|o| o.code == item.obligation)
                    .map_or(item.obligation.as_str(), |o| o.name.as_str());
                let label = match &item.group {
                    Some(group) => format!("{name}（{group}）"),
                    None => name.to_string(),
                };
                rows.push((key, GridRow { label, cells: vec![None; 12] }));
                rows.len() - 1
            }
        };
        let first = item.period.first_month() as usize - 1;
        let span = item.period.last_month() as usize - first;
        let text = match item.status {
            ComplianceStatus::NotApplicable => String::new(),
            _ => format!("{}/{}", item.held, item.required),
        };
        rows[at].1.cells[first] = Some(GridCell { text, tone: tone(item.status), span });
    }
    let legend = ComplianceStatus::ALL.iter().map(|&s| (tone(s), s.label().to_string())).collect();
    Grid {
        title: "组织生活完成情况（已开展/应开展）".into(),
        columns: (1..=12).map(|m| format!("{m}月")).collect(),
        rows: rows.into_iter().map(|(_, row)| row).collect(),
        legend,
    }
}

fn tone(status: ComplianceStatus) -> Tone {
    match status {
        ComplianceStatus::Done => Tone::Good,
        ComplianceStatus::Due => Tone::Pending,
        ComplianceStatus::Overdue => Tone::Bad,
        ComplianceStatus::NotApplicable => Tone::Muted,
    }
}

/// Everyone who missed one of `meetings`: how often excused, how often absent
/// without a reason, and the reasons given; `None` when nobody did.
pub(crate) fn absences_table<'m>(meetings: impl IntoIterator<Item = &'m Meeting>) -> Option<Table> {
    #[derive(Default)]
    struct Missed {
        excused: usize,
        absent: usize,
        reasons: Vec<String>,
    }
    let mut by_name: BTreeMap<&str, Missed> = BTreeMap::new();
    for row in meetings.into_iter().flat_map(|m| &m.attendance) {
        let missed = match row.status {
            AttendanceStatus::Present => continue,
            _ => by_name.entry(&row.name).or_default(),
        };
        match row.status {
            AttendanceStatus::Excused => missed.excused += 1,
            _ => missed.absent += 1,
        }
        if let Some(reason) = row.reason.as_ref().filter(|r| !missed.reasons.contains(r)) {
            missed.reasons.push(reason.clone());
        }
    }
    let mut rows: Vec<(&str, Missed)> = by_name.into_iter().collect();
    rows.sort_by_key(|(_, m)| std::cmp::Reverse(m.excused + m.absent));
    (!rows.is_empty()).then(|| Table {
        columns: vec![
            Column::text("姓名", 2.0),
            Column::number(AttendanceStatus::Excused.label(), 1.0),
            Column::number(AttendanceStatus::Absent.label(), 1.0),
            Column::text("事由", 6.0),
        ],
        rows: rows
            .into_iter()
            .map(|(name, m)| {
                let reasons = if m.reasons.is_empty() { "未注明".to_string() } else { m.reasons.join("；") };
                vec![name.to_string(), m.excused.to_string(), m.absent.to_string(), reasons]
            })
            .collect(),
    })
}
