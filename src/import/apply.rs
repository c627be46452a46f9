//! Applying a [`RosterPlan`]: one transaction, after a backup of the database.
//! If anything fails the transaction is rolled back and the database is as it was.

use std::collections::HashMap;

use super::plan::{self, RosterPlan};
use super::{backup_database, ImportProgress, ImportReport};
use crate::error::{Error, Result};
use crate::store::record::{create_in, insert_logged, replace_logged};
use crate::store::{Branch, PartyGroup, Store};

/// Writes the plan. When the database has changed since the plan was made
/// (another write came in between), the file is planned again first, inside
/// the same transaction, so what is written always matches the database.
pub(super) fn apply(store: &Store, plan: RosterPlan, progress: &dyn Fn(ImportProgress)) -> Result<ImportReport> {
    if !plan.will_write() {
        return Ok(plan.report);
    }
    let backup = backup_database(store)?;
    let written = store.begin_write().and_then(|tx| {
        let plan = if store.last_audit_id()? == plan.stamp {
            plan
        } else {
            plan::plan(store, &plan.file, &plan.options, progress)?
        };
        if plan.will_write() {
            write(&tx, &plan, progress)?;
            tx.commit()?;
        }
        Ok(plan)
    });
    match written {
        Ok(plan) if plan.will_write() => {
            Ok(ImportReport { applied: true, backup: backup.map(|path| path.display().to_string()), ..plan.report })
        }
        other => {
            if let Some(path) = backup {
                let _ = std::fs::remove_file(path);
            }
            other.map(|plan| plan.report)
        }
    }
}

/// Creates the planned branches and groups, then stores every member.
fn write(conn: &rusqlite::Connection, plan: &RosterPlan, progress: &dyn Fn(ImportProgress)) -> Result<()> {
    let mut ids: HashMap<i64, i64> = HashMap::new();
    for branch in &plan.new_branches {
        let created = create_in(conn, &Branch { id: 0, ..branch.clone() })?;
        ids.insert(branch.id, created.id);
    }
    let real = |id: i64| ids.get(&id).copied().unwrap_or(id);
    let mut group_ids: HashMap<i64, i64> = HashMap::new();
    for group in &plan.new_groups {
        let created = create_in(conn, &PartyGroup { id: 0, branch_id: real(group.branch_id), ..group.clone() })?;
        group_ids.insert(group.id, created.id);
    }
    let total = plan.writes.len();
    for (index, write) in plan.writes.iter().enumerate() {
        if index % 2_000 == 0 {
            progress(ImportProgress { stage: "正在写入".into(), done: index, total });
        }
        let mut member = std::borrow::Cow::Borrowed(&write.member);
        if member.branch_id < 0 || member.group_id.is_some_and(|g| g < 0) {
            let owned = member.to_mut();
            owned.branch_id = real(owned.branch_id);
            owned.group_id = owned.group_id.map(|g| group_ids.get(&g).copied().unwrap_or(g));
        }
        let written = match &write.before {
            None => insert_logged(conn, member.as_ref()).map(drop),
            Some(before) => replace_logged(conn, before.as_ref(), member.as_ref()),
        };
        written.map_err(|e| {
            let (sheet, row) = &write.origin;
            Error::Invalid(format!("「{sheet}」第 {row} 行无法写入，已全部撤销，数据库保持原样：{e}"))
        })?;
    }
    progress(ImportProgress { stage: "完成".into(), done: total, total });
    Ok(())
}
