//! The year's figures at a glance: branches, members, meetings, activities, hours.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ActivityKind, MeetingKind, Store};
use crate::error::Result;

/// Members on the rolls (在册) by category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberCounts {
    /// All members on the rolls.
    pub total: i64,
    /// 正式党员.
    pub full: i64,
    /// 预备党员.
    pub probationary: i64,
}

/// The figures of one calendar year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct YearStats {
    /// The year.
    pub year: i32,
    /// Active (not archived) 党支部.
    pub branches: i64,
    /// Active 党总支.
    pub general_branches: i64,
    /// Members on the rolls now.
    pub members: MemberCounts,
    /// Meetings held in the year, by kind code (every kind listed, zeros included).
    #[ts(type = "Record<string, number>")]
    pub meetings: BTreeMap<String, i64>,
    /// Activities held in the year.
    pub activities: i64,
    /// Activities by kind (every kind listed).
    #[ts(type = "Record<string, number>")]
    pub activities_by_kind: BTreeMap<String, i64>,
    /// Volunteer hours given in the year.
    pub volunteer_hours: f64,
    /// 服务人次 in the year.
    pub people_served: i64,
}

impl Store {
    /// The figures of `year`.
    pub fn year_stats(&self, year: i32) -> Result<YearStats> {
        let conn = self.conn();
        let year_text = format!("{year:04}");
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        let in_year = |sql: &str| conn.query_row(sql, [&year_text], |r| r.get::<_, i64>(0));
        let by_kind = |sql: &str, kinds: Vec<&str>| -> Result<BTreeMap<String, i64>> {
            let mut counts: BTreeMap<String, i64> = kinds.into_iter().map(|k| (k.to_string(), 0)).collect();
            let mut statement = conn.prepare(sql)?;
            let rows = statement.query_map([&year_text], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
            for row in rows {
                let (kind, n) = row?;
                counts.insert(kind, n);
            }
            Ok(counts)
        };
        Ok(YearStats {
            year,
            branches: count("SELECT count(*) FROM branches WHERE kind = 'branch' AND NOT archived")?,
            general_branches: count("SELECT count(*) FROM branches WHERE kind = 'general_branch' AND NOT archived")?,
            members: MemberCounts {
                total: count("SELECT count(*) FROM members WHERE status = '在册'")?,
                full: count("SELECT count(*) FROM members WHERE status = '在册' AND category = '正式党员'")?,
                probationary: count("SELECT count(*) FROM members WHERE status = '在册' AND category = '预备党员'")?,
            },
            meetings: by_kind(
                "SELECT kind, count(*) FROM meetings WHERE substr(date, 1, 4) = ?1 GROUP BY kind",
                MeetingKind::ALL.iter().map(|k| k.as_str()).collect(),
            )?,
            activities: in_year("SELECT count(*) FROM activities WHERE substr(date, 1, 4) = ?1")?,
            activities_by_kind: by_kind(
                "SELECT kind, count(*) FROM activities WHERE substr(date, 1, 4) = ?1 GROUP BY kind",
                ActivityKind::ALL.iter().map(|k| k.as_str()).collect(),
            )?,
            volunteer_hours: conn.query_row(
                "SELECT coalesce(sum(p.hours), 0) FROM activity_participants p
                 JOIN activities a ON a.id = p.activity_id WHERE substr(a.date, 1, 4) = ?1",
                [&year_text],
                |r| r.get(0),
            )?,
            people_served: in_year(
                "SELECT coalesce(sum(people_served), 0) FROM activities WHERE substr(date, 1, 4) = ?1",
            )?,
        })
    }
}
