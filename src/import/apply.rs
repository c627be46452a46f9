//! Applying a [`Plan`]: one transaction, after a backup of the database.
//! If anything fails the transaction is rolled back and the database is as it was.

use super::kind::SheetKind;
use super::plan::{self, Plan};
use super::{backup_database, ImportProgress, ImportReport};
use crate::error::Result;
use crate::store::Store;

/// Writes the plan. When the database has changed since the plan was made
/// (another write came in between), the file is planned again first, inside
/// the same transaction, so what is written always matches the database.
pub(super) fn apply<K: SheetKind>(
    store: &Store,
    plan: Plan<K>,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportReport> {
    if !plan.will_write() {
        return Ok(plan.report);
    }
    let backup = backup_database(store)?;
    let written = store.begin_write().and_then(|tx| {
        let mut plan = if store.last_audit_id()? == plan.stamp {
            plan
        } else {
            plan::plan::<K>(store, &plan.file, &plan.options, progress)?
        };
        if plan.will_write() {
            K::write(&tx, store.today(), &mut plan, backup.as_deref(), progress)?;
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
