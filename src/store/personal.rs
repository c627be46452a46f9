//! Members' personal data (PIPL, minimum exposure): seeing a full ID or phone
//! number is a deliberate act on record, and a deleted member's personal data
//! leaves the audit log with them.
//!
//! Everywhere else numbers are masked ([`Member::masked`]); the functions here
//! are the only doors to the full ones, and each writes who opened it, for
//! which member, and when.

use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use super::audit::{self, Action};
use super::record::{get, Record};
use super::{Member, Store};
use crate::error::Result;

/// The fields of a member that are personal data. The audit log forgets
/// them when the member is deleted; `extra` holds whatever other columns a
/// roster brought (籍贯, 家庭住址, …), so it goes too.
const PERSONAL_FIELDS: [&str; 5] = ["id_number", "phone", "address", "birth_date", "extra"];

/// A member's ID and phone numbers in full, as 显示 shows them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PersonalNumbers {
    /// The member's id.
    pub member_id: i64,
    /// 公民身份号码 in full.
    pub id_number: Option<String>,
    /// 联系电话 in full.
    pub phone: Option<String>,
}

impl Store {
    /// One member's full ID and phone numbers; the audit log records the reveal.
    pub fn reveal_member(&self, member_id: i64) -> Result<PersonalNumbers> {
        self.write(|conn| {
            let member: Member = get(conn, member_id)?;
            record_reveals(conn, &[member_id])?;
            Ok(PersonalNumbers { member_id, id_number: member.id_number, phone: member.phone })
        })
    }
}

/// Writes one audit entry per member whose full numbers are being shown.
pub(crate) fn record_reveals(conn: &Connection, member_ids: &[i64]) -> Result<()> {
    let what = json!({ "revealed": ["id_number", "phone"] });
    for &id in member_ids {
        audit::record(conn, Member::TABLE, id, Action::Reveal, None, Some(&what))?;
    }
    Ok(())
}

/// Writes the audit entry of an export that holds members' full numbers.
pub(crate) fn record_full_export(conn: &Connection, what: &str, file: &std::path::Path, members: usize) -> Result<()> {
    let detail = json!({ "export": what, "file": file.display().to_string(), "members": members });
    audit::record(conn, "export", 0, Action::Export, None, Some(&detail))
}

/// The ids of every member in the database open on `conn`.
pub(crate) fn member_ids(conn: &Connection) -> Result<std::collections::HashSet<i64>> {
    Ok(conn.prepare("SELECT id FROM members")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// Empties a member's personal fields in their record (in a backup, for a
/// member since deleted from the database in use), and in the audit log.
pub(crate) fn erase_member(conn: &Connection, member_id: i64) -> Result<()> {
    let emptied = PERSONAL_FIELDS
        .iter()
        .map(|f| if *f == "extra" { "extra = '{}'".to_string() } else { format!("{f} = NULL") })
        .collect::<Vec<_>>()
        .join(", ");
    conn.execute(&format!("UPDATE members SET {emptied} WHERE id = ?1"), [member_id])?;
    forget_member(conn, member_id)
}

/// Removes a deleted member's personal data from every audit entry about
/// them; what was done to the record, and when, stays.
pub(crate) fn forget_member(conn: &Connection, member_id: i64) -> Result<()> {
    let paths = PERSONAL_FIELDS.iter().map(|f| format!("'$.{f}'")).collect::<Vec<_>>().join(", ");
    conn.execute(
        &format!(
            "UPDATE audit_log SET before = json_remove(before, {paths}), after = json_remove(after, {paths})
             WHERE entity = ?1 AND entity_id = ?2"
        ),
        (Member::TABLE, member_id),
    )?;
    Ok(())
}
