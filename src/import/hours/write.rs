//! Writing a plan of volunteer hours: each activity the file names gets its
//! people's hours (added, or replacing theirs), and is then updated through
//! the record machinery, so its checks and its audit entry run, inside the
//! transaction [`crate::import::apply`] opened after its backup.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::HoursPlan;
use crate::error::{Error, Result};
use crate::import::ImportProgress;
use crate::store::audit::{self, Action};
use crate::store::record::{get, update_in};
use crate::store::Activity;

/// The audit log's one entry for an import of hours; each activity changed
/// also has an entry of its own, with before and after.
#[derive(Serialize)]
struct HoursLog {
    file: String,
    backup: Option<String>,
    activities: Vec<i64>,
    added: usize,
    replaced: usize,
}

/// Lays every planned person's hours over their activity, updates each
/// activity once, and logs the import.
pub(super) fn write(
    conn: &rusqlite::Connection,
    today: chrono::NaiveDate,
    plan: &mut HoursPlan,
    backup: Option<&Path>,
    progress: &dyn Fn(ImportProgress),
) -> Result<()> {
    let mut log = HoursLog {
        file: plan.file.to_string_lossy().into_owned(),
        backup: backup.map(|path| path.to_string_lossy().into_owned()),
        activities: Vec::new(),
        added: 0,
        replaced: 0,
    };
    // Each activity, with the rows that give hours in it.
    let mut activities: Vec<(Activity, Vec<String>)> = Vec::new();
    let mut position: HashMap<i64, usize> = HashMap::new();
    for write in &plan.writes {
        let index = match position.get(&write.activity_id) {
            Some(index) => *index,
            None => {
                activities.push((get(conn, write.activity_id)?, Vec::new()));
                position.insert(write.activity_id, activities.len() - 1);
                activities.len() - 1
            }
        };
        let (sheet, row) = &write.origin;
        activities[index].1.push(format!("「{sheet}」第 {row} 行"));
        let participants = &mut activities[index].0.participants;
        match participants.iter_mut().find(|p| p.same_person(&write.participant)) {
            Some(stored) => {
                *stored = write.participant.clone();
                log.replaced += 1;
            }
            None => {
                participants.push(write.participant.clone());
                log.added += 1;
            }
        }
    }
    let total = activities.len();
    for (done, (activity, rows)) in activities.iter().enumerate() {
        progress(ImportProgress { stage: "正在写入".into(), done, total });
        update_in(conn, today, activity).map_err(|e| {
            Error::Invalid(format!(
                "活动「{}」（{}）无法写入（{}），已全部撤销，数据库保持原样：{e}",
                activity.title,
                activity.date,
                rows.join("、")
            ))
        })?;
        log.activities.push(activity.id);
    }
    audit::record(conn, "hours_import", 0, Action::Import, None, Some(&log))?;
    progress(ImportProgress { stage: "完成".into(), done: total, total });
    Ok(())
}
