//! The hospital Party committee: one per database.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{audit, Action, Store};
use crate::error::Result;

/// The committee's names, shown on reports and the app's title.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Committee {
    /// 医院名称, e.g. 滨江市第一人民医院.
    pub hospital_name: String,
    /// 党委名称, e.g. 中共滨江市第一人民医院委员会.
    pub committee_name: String,
}

impl Store {
    /// The committee's names.
    pub fn committee(&self) -> Result<Committee> {
        read_committee(self.conn())
    }

    /// Sets the committee's names.
    pub fn set_committee(&self, committee: &Committee) -> Result<Committee> {
        let tidy = Committee {
            hospital_name: committee.hospital_name.trim().to_string(),
            committee_name: committee.committee_name.trim().to_string(),
        };
        self.write(|conn| save_committee(conn, &tidy))?;
        Ok(tidy)
    }
}

fn read_committee(conn: &Connection) -> Result<Committee> {
    Ok(conn.query_row("SELECT hospital_name, committee_name FROM committee WHERE id = 1", [], |row| {
        Ok(Committee { hospital_name: row.get(0)?, committee_name: row.get(1)? })
    })?)
}

/// Writes and logs the committee's names on `conn` (inside the caller's transaction).
pub(crate) fn save_committee(conn: &Connection, committee: &Committee) -> Result<()> {
    let before = read_committee(conn)?;
    conn.execute(
        "UPDATE committee SET hospital_name = ?1, committee_name = ?2 WHERE id = 1",
        [&committee.hospital_name, &committee.committee_name],
    )?;
    audit::record(conn, "committee", 1, Action::Update, Some(&before), Some(committee))
}
