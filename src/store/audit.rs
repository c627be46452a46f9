//! The audit log: every write, with who made it and the record before and after.
//! A roster import is one entry naming what it added (the file and the backup
//! taken before it say where that came from); each member it changes has an
//! entry of its own, with before and after.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Store;
use crate::error::Result;

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Action {
    /// A record was created.
    Create,
    /// A record was changed.
    Update,
    /// A record was deleted.
    Delete,
    /// A whole backup was loaded.
    Restore,
    /// A roster was imported: one entry for the import, naming what it created
    /// (each member it changed has an entry of its own, with before and after).
    Import,
    /// A member's full ID and phone numbers were shown.
    Reveal,
    /// A file holding members' full numbers was written.
    Export,
    /// Deleted members' personal data was erased from older backups (清除历史个人信息).
    Erase,
    /// The database's passphrase was set, changed or removed.
    Encrypt,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Restore => "restore",
            Action::Import => "import",
            Action::Reveal => "reveal",
            Action::Export => "export",
            Action::Erase => "erase",
            Action::Encrypt => "encrypt",
        }
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    /// Row id.
    pub id: i64,
    /// Local time of the write, `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    /// The operating-system user who made it.
    pub os_user: String,
    /// The table written.
    pub entity: String,
    /// The record's id.
    pub entity_id: Option<i64>,
    /// What was done.
    pub action: String,
    /// The record before, as JSON.
    pub before: Option<String>,
    /// The record after, as JSON.
    pub after: Option<String>,
}

/// The operating-system user, read once per process.
fn os_user() -> &'static str {
    static USER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    USER.get_or_init(|| {
        ["USER", "USERNAME", "LOGNAME"]
            .iter()
            .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
            .unwrap_or_else(|| "unknown".into())
    })
}

/// Appends one entry for a write made on `conn`.
pub(crate) fn record<T: Serialize>(
    conn: &Connection,
    entity: &str,
    entity_id: i64,
    action: Action,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<()> {
    let to_json = |v: Option<&T>| v.map(serde_json::to_string).transpose();
    conn.prepare_cached(
        "INSERT INTO audit_log (at, os_user, entity, entity_id, action, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(rusqlite::params![
        chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        os_user(),
        entity,
        entity_id,
        action.as_str(),
        to_json(before)?,
        to_json(after)?,
    ])?;
    Ok(())
}

impl Store {
    /// The id of the newest audit entry (0 for none). Every write adds one, so
    /// a change of this number means the database was written.
    pub fn last_audit_id(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| r.get(0))?)
    }

    /// The newest `limit` audit entries, newest first.
    pub fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        let mut statement = self.conn().prepare(
            "SELECT id, at, os_user, entity, entity_id, action, before, after
             FROM audit_log ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = statement.query_map([limit], |row| {
            Ok(AuditEntry {
                id: row.get(0)?,
                at: row.get(1)?,
                os_user: row.get(2)?,
                entity: row.get(3)?,
                entity_id: row.get(4)?,
                action: row.get(5)?,
                before: row.get(6)?,
                after: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
