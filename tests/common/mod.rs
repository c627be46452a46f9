//! Shared helpers for the integration tests: a real database file in a temp dir.

#![allow(dead_code)]

use dangjian::store::{Branch, Member};
use dangjian::Store;
use tempfile::TempDir;

/// A fresh database file that lives as long as the returned directory.
pub fn temp_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("test.db")).expect("open a new database");
    (dir, store)
}

/// Creates a branch called `name`.
pub fn branch(store: &Store, name: &str) -> Branch {
    store.create(&Branch::new(name)).expect("create branch")
}

/// Creates a full member called `name` in `branch`.
pub fn member(store: &Store, branch: &Branch, name: &str) -> Member {
    store.create(&Member::new(name, branch.id)).expect("create member")
}

/// A valid ID number for the given birth date (`YYYYMMDD`) and sequence (odd = male).
pub fn id_number(birth: &str, sequence: u32) -> String {
    let first17 = format!("310116{birth}{sequence:03}");
    format!("{first17}{}", dangjian::id_number::check_char(&first17))
}

/// The whole database as JSON text, to show that a failed write changed nothing.
pub fn snapshot(store: &Store) -> String {
    serde_json::to_string(&dangjian::backup::export(store).expect("export")).expect("json")
}

/// A day written `YYYY-MM-DD`.
pub fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| panic!("{text} is not a day"))
}

/// A fresh database file whose "today" is `today` (so scenarios may be dated in the future).
pub fn store_on(today: &str) -> (TempDir, Store) {
    let (dir, mut store) = temp_store();
    store.set_today(Some(day(today)));
    (dir, store)
}

/// One attendance row of `member` with `status`; a reason makes an absence 请假.
pub fn attended(
    member: &Member,
    status: dangjian::store::AttendanceStatus,
    reason: Option<&str>,
) -> dangjian::store::Attendance {
    dangjian::store::Attendance {
        member_id: Some(member.id),
        name: member.name.clone(),
        status,
        reason: reason.map(String::from),
    }
}

/// A meeting of `kind` on `date` with every field an inspector checks filled in,
/// so its only possible findings come from `attendance` (empty: 未登记应到人员).
pub fn meeting_on(
    branch_id: i64,
    kind: dangjian::store::MeetingKind,
    date: &str,
    attendance: Vec<dangjian::store::Attendance>,
) -> dangjian::store::Meeting {
    dangjian::store::Meeting {
        id: 0,
        branch_id,
        group_id: None,
        kind,
        date: day(date),
        start_time: Some("14:30".into()),
        place: Some("行政楼三楼会议室".into()),
        chair: Some("王喆".into()),
        recorder: Some("陈玥".into()),
        lecturer: (kind == dangjian::store::MeetingKind::PartyLesson).then(|| "王喆".into()),
        topic: format!("{date} {}", kind.label()),
        content: Some("传达学习，交流讨论。".into()),
        decisions: None,
        vote: None,
        also_counts: Vec::new(),
        attendance,
    }
}

/// Deactivates every rule of organisational life but the ones named (so a
/// scenario's expected grid or to-do list stays short enough to write by hand).
pub fn only_rules(store: &Store, codes: &[&str]) -> dangjian::Result<()> {
    for rule in store.obligations()? {
        if !codes.contains(&rule.code.as_str()) {
            store.update(&dangjian::store::Obligation { active: false, ..rule })?;
        }
    }
    Ok(())
}

/// Every cell of every sheet of a spreadsheet, one row a line, cells
/// separated by tabs, read back by calamine.
pub fn sheet_text(path: &std::path::Path) -> String {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).expect("a workbook calamine reads");
    let mut text = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("a readable sheet");
        for row in range.rows() {
            text += &row.iter().map(ToString::to_string).collect::<Vec<_>>().join("\t");
            text.push('\n');
        }
    }
    text
}
