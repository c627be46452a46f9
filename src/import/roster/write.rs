//! Writing a roster plan: new branches and party groups, then every member,
//! inside the transaction [`crate::import::apply`] opened after its backup.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::RosterPlan;
use crate::error::{Error, Result};
use crate::import::ImportProgress;
use crate::store::audit::{self, Action};
use crate::store::record::{create_in, replace_logged, Inserter};
use crate::store::{Branch, PartyGroup};

/// The audit log's one entry for an import. Members it adds are listed by id
/// (the file and the backup taken before say where they came from); each
/// member it changes also has an entry of its own, with before and after.
#[derive(Serialize)]
struct ImportLog {
    file: String,
    backup: Option<String>,
    new_branches: Vec<i64>,
    new_groups: Vec<i64>,
    new_members: Vec<i64>,
    updated_members: Vec<i64>,
}

/// Creates the planned branches and groups, then stores every member, and
/// logs the import.
pub(super) fn write(
    conn: &rusqlite::Connection,
    today: chrono::NaiveDate,
    plan: &mut RosterPlan,
    backup: Option<&Path>,
    progress: &dyn Fn(ImportProgress),
) -> Result<()> {
    let mut log = ImportLog {
        file: plan.file.to_string_lossy().into_owned(),
        backup: backup.map(|path| path.to_string_lossy().into_owned()),
        new_branches: Vec::with_capacity(plan.extra.branches.len()),
        new_groups: Vec::with_capacity(plan.extra.groups.len()),
        new_members: Vec::with_capacity(plan.writes.len()),
        updated_members: Vec::new(),
    };
    let mut ids: HashMap<i64, i64> = HashMap::new();
    for branch in &plan.extra.branches {
        let created = create_in(conn, today, &Branch { id: 0, ..branch.clone() })?;
        ids.insert(branch.id, created.id);
        log.new_branches.push(created.id);
    }
    let real = |id: i64| ids.get(&id).copied().unwrap_or(id);
    let mut group_ids: HashMap<i64, i64> = HashMap::new();
    for group in &plan.extra.groups {
        let created = create_in(conn, today, &PartyGroup { id: 0, branch_id: real(group.branch_id), ..group.clone() })?;
        group_ids.insert(group.id, created.id);
        log.new_groups.push(created.id);
    }
    let total = plan.writes.len();
    let mut inserter = Inserter::new(conn, false)?;
    for (index, write) in plan.writes.iter_mut().enumerate() {
        if index % 2_000 == 0 {
            progress(ImportProgress { stage: "正在写入".into(), done: index, total });
        }
        let member = &mut write.member;
        member.branch_id = real(member.branch_id);
        member.group_id = member.group_id.map(|g| group_ids.get(&g).copied().unwrap_or(g));
        let written = match &write.before {
            None => inserter.insert(member).map(|()| log.new_members.push(member.id)),
            Some(before) => {
                replace_logged(conn, today, before.as_ref(), member).map(|()| log.updated_members.push(before.id))
            }
        };
        written.map_err(|e| {
            let (sheet, row) = &write.origin;
            Error::Invalid(format!("「{sheet}」第 {row} 行无法写入，已全部撤销，数据库保持原样：{e}"))
        })?;
    }
    audit::record(conn, "roster_import", 0, Action::Import, None, Some(&log))?;
    progress(ImportProgress { stage: "完成".into(), done: total, total });
    Ok(())
}
