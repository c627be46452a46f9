//! Copies of the database file (备份): taken on the first start of each day,
//! before every upgrade, import and restore, or when the user asks; each one
//! checked (`PRAGMA integrity_check` on the copy) before it counts; kept in
//! `backups/` beside the database by a rotation; listed with what they hold;
//! and restored, after a copy of the state they replace. The databases of one
//! folder (the real one and the demo) share `backups/`, and each copy's name
//! begins with its database's, so each database lists, rotates, re-encrypts
//! and restores only its own.
//!
//! (`backup.rs` is the JSON interchange format; this module copies the file.)

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::encryption::{connect, Passphrase};
use crate::error::{Error, Result};
use crate::store::audit::{self, Action};
use crate::store::Store;

/// The folder of the rotated copies, beside the database.
pub const BACKUP_FOLDER: &str = "backups";

/// How many of the newest days, weeks and months keep their newest copy
/// (besides every copy of the last 24 hours).
const KEEP_DAYS: usize = 7;
const KEEP_WEEKS: usize = 4;
const KEEP_MONTHS: usize = 12;

/// Why a copy was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BackupReason {
    /// The first start of the day.
    Daily,
    /// Before the database was upgraded to a newer version of the app.
    BeforeUpgrade,
    /// Before an import.
    BeforeImport,
    /// Before a restore replaced the data.
    BeforeRestore,
    /// The user asked for it.
    Manual,
}

impl BackupReason {
    /// Every reason, in display order.
    pub const ALL: [BackupReason; 5] = [
        BackupReason::Daily,
        BackupReason::BeforeUpgrade,
        BackupReason::BeforeImport,
        BackupReason::BeforeRestore,
        BackupReason::Manual,
    ];

    /// The name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::BeforeUpgrade => "before_upgrade",
            BackupReason::BeforeImport => "before_import",
            BackupReason::BeforeRestore => "before_restore",
            BackupReason::Manual => "manual",
        }
    }

    /// The tag in the file name.
    fn tag(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::BeforeUpgrade => "upgrade",
            BackupReason::BeforeImport => "import",
            BackupReason::BeforeRestore => "restore",
            BackupReason::Manual => "manual",
        }
    }

    /// What the user reads.
    pub fn label(self) -> &'static str {
        match self {
            BackupReason::Daily => "每日自动备份",
            BackupReason::BeforeUpgrade => "升级前",
            BackupReason::BeforeImport => "导入前",
            BackupReason::BeforeRestore => "恢复前",
            BackupReason::Manual => "手动备份",
        }
    }
}

/// What a database or a copy of it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupCounts {
    /// Branches and general branches.
    pub branches: u32,
    /// Members.
    pub members: u32,
    /// Meeting records.
    pub meetings: u32,
}

/// One copy of the database.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    /// The file.
    pub path: String,
    /// When it was taken, local time, `YYYY-MM-DD HH:MM:SS`.
    pub taken_at: String,
    /// Why.
    pub reason: BackupReason,
    /// Its size in bytes.
    pub size: u64,
    /// What it holds; `None` when it cannot be read as a database of this app.
    pub counts: Option<BackupCounts>,
}

/// The rotated copies and the room they take.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BackupList {
    /// The folder.
    pub folder: String,
    /// The copies, newest first.
    pub backups: Vec<BackupInfo>,
    /// Their total size in bytes.
    pub total_size: u64,
}

const STAMP: &str = "%Y%m%d-%H%M%S";

/// What the copies of the database at `db` are named after: its file name
/// without the ending (`dangjian` for `dangjian.db`).
pub(crate) fn database_name(db: &Path) -> String {
    db.file_stem().map_or_else(|| "dangjian".into(), |s| s.to_string_lossy().into_owned())
}

/// `dangjian-20261201-083000-daily.db` for a copy of `dangjian.db`.
fn file_name(database: &str, taken_at: NaiveDateTime, reason: BackupReason) -> String {
    format!("{database}-{}-{}.db", taken_at.format(STAMP), reason.tag())
}

/// The time and reason a file name gives, if it is that of a copy of
/// `database` (a second copy in the same second ends in `-2`, `-3`, …).
fn parse_name(database: &str, name: &str) -> Option<(NaiveDateTime, BackupReason)> {
    let parts: Vec<&str> = name.strip_prefix(database)?.strip_prefix('-')?.strip_suffix(".db")?.split('-').collect();
    let (date, time, tag) = match parts.as_slice() {
        [date, time, tag] => (date, time, tag),
        [date, time, tag, n] if n.parse::<u32>().is_ok() => (date, time, tag),
        _ => return None,
    };
    let reason = BackupReason::ALL.into_iter().find(|r| r.tag() == *tag)?;
    Some((NaiveDateTime::parse_from_str(&format!("{date}-{time}"), STAMP).ok()?, reason))
}

/// The backups folder of the database at `db`.
pub fn folder_of(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join(BACKUP_FOLDER)
}

/// Counts what the database open on `conn` holds.
pub(crate) fn counts_in(conn: &Connection) -> rusqlite::Result<BackupCounts> {
    conn.query_row(
        "SELECT (SELECT count(*) FROM branches), (SELECT count(*) FROM members), (SELECT count(*) FROM meetings)",
        [],
        |r| Ok(BackupCounts { branches: r.get(0)?, members: r.get(1)?, meetings: r.get(2)? }),
    )
}

/// Counts what the database file at `path` holds, read-only, opened with
/// `passphrase` if encrypted.
fn counts_of(path: &Path, passphrase: Option<&Passphrase>) -> Option<BackupCounts> {
    let (conn, _) = connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY, passphrase).ok()?;
    counts_in(&conn).ok()
}

/// Checks the database file at `path` with `PRAGMA integrity_check`, opened
/// with `passphrase` if encrypted.
fn check_integrity(path: &Path, passphrase: Option<&Passphrase>) -> Result<()> {
    let unreadable =
        |detail: String| Error::Invalid(format!("备份文件 {} 已损坏或不完整（{detail}），不能使用", path.display()));
    let (conn, _) = connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY, passphrase).map_err(|e| match e {
        Error::Passphrase(_) => Error::Passphrase(format!(
            "备份文件 {} 是用另一个密码加密的（在更改数据库密码之前所做），当前密码打不开它",
            path.display()
        )),
        other => unreadable(other.to_string()),
    })?;
    let verdict: String =
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| unreadable(e.to_string()))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(unreadable(verdict))
    }
}

/// The copy at `path`, described; `passphrase` opens it to count what it holds.
fn info(path: &Path, taken_at: NaiveDateTime, reason: BackupReason, passphrase: Option<&Passphrase>) -> BackupInfo {
    BackupInfo {
        path: path.display().to_string(),
        taken_at: taken_at.format("%Y-%m-%d %H:%M:%S").to_string(),
        reason,
        size: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        counts: counts_of(path, passphrase),
    }
}

/// Copies the database open on `conn`, named `database` (see
/// [`database_name`]), into `folder` as a consistent snapshot (`VACUUM INTO`,
/// which keeps the database's encryption), checks the copy with
/// `passphrase`, and removes it again if it fails.
pub(crate) fn copy_into(
    conn: &Connection,
    database: &str,
    folder: &Path,
    reason: BackupReason,
    taken_at: NaiveDateTime,
    passphrase: Option<&Passphrase>,
) -> Result<BackupInfo> {
    std::fs::create_dir_all(folder).map_err(|e| Error::io(format!("无法创建备份文件夹 {}", folder.display()), e))?;
    let name = file_name(database, taken_at, reason);
    let mut target = folder.join(&name);
    // Two copies in one second (an import right after the daily copy) get distinct names.
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = folder.join(name.replace(".db", &format!("-{n}.db")));
    }
    let _timed = crate::logging::timed("backup");
    // Written under another name and renamed once checked and on disk, so a
    // copy cut short (the app killed, the disk full) is never listed or restored.
    let partial = partial_name(&target);
    let _ = std::fs::remove_file(&partial);
    if let Err(e) = conn.execute("VACUUM INTO ?1", [partial.display().to_string()]) {
        let _ = std::fs::remove_file(&partial);
        return Err(e.into());
    }
    if let Err(e) = check_integrity(&partial, passphrase) {
        let _ = std::fs::remove_file(&partial);
        return Err(Error::io(format!("备份未成功：副本校验不通过（{e}）"), std::io::Error::other("数据库未改动")));
    }
    std::fs::File::open(&partial)
        .and_then(|f| f.sync_all())
        .and_then(|()| std::fs::rename(&partial, &target))
        .map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            Error::io(format!("无法写入备份 {}", target.display()), e)
        })?;
    Ok(info(&target, taken_at, reason, passphrase))
}

/// The name a copy is written under until it is checked.
fn partial_name(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(PARTIAL);
    PathBuf::from(name)
}

/// The ending of a copy still being written (see [`partial_name`]).
const PARTIAL: &str = ".partial";

/// What copies were named after before they were named after their
/// database: every copy was `dangjian-….db`.
const OLD_NAME: &str = "dangjian";

/// The names the copies of the database at `db` begin with: its own, and
/// [`OLD_NAME`] unless `dangjian.db` is beside it (the older copies then are
/// that database's; otherwise they can only be this one's, or shared by
/// every database of the folder as they were before).
fn names_of_copies(db: &Path) -> Vec<String> {
    let own = database_name(db);
    let adopts_old = own != OLD_NAME && !db.with_file_name(format!("{OLD_NAME}.db")).exists();
    if adopts_old {
        vec![own, OLD_NAME.to_string()]
    } else {
        vec![own]
    }
}

/// The copies of the database at `db` in its backups folder, newest first.
pub(crate) fn copies_of(db: &Path) -> Vec<(PathBuf, NaiveDateTime, BackupReason)> {
    let Ok(entries) = std::fs::read_dir(folder_of(db)) else { return Vec::new() };
    let names = names_of_copies(db);
    let mut copies: Vec<_> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let file_name = e.file_name().to_string_lossy().into_owned();
            let (at, reason) = names.iter().find_map(|database| parse_name(database, &file_name))?;
            Some((e.path(), at, reason))
        })
        .collect();
    copies.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    copies
}

/// Which of `taken` (newest first) the rotation keeps as of `now`: every copy
/// of the last 24 hours, and the newest copy of each of the last
/// [`KEEP_DAYS`] days, [`KEEP_WEEKS`] weeks and [`KEEP_MONTHS`] months that have one.
pub fn kept(taken: &[NaiveDateTime], now: NaiveDateTime) -> Vec<bool> {
    let mut keep: Vec<bool> = taken.iter().map(|t| now - *t < chrono::Duration::hours(24)).collect();
    let mut newest_of = |period: &dyn Fn(&NaiveDateTime) -> (i32, u32), limit: usize| {
        let mut seen: Vec<(i32, u32)> = Vec::new();
        for (i, t) in taken.iter().enumerate() {
            let p = period(t);
            if !seen.contains(&p) && seen.len() < limit {
                seen.push(p);
                keep[i] = true;
            }
        }
    };
    newest_of(&|t| (t.year(), t.ordinal()), KEEP_DAYS);
    newest_of(&|t| (t.iso_week().year(), t.iso_week().week()), KEEP_WEEKS);
    newest_of(&|t| (t.year(), t.month()), KEEP_MONTHS);
    keep
}

/// Deletes the copies of the database at `db` the rotation no longer keeps.
fn rotate(db: &Path, now: NaiveDateTime) -> Result<()> {
    remove_cut_short(db, now);
    let copies = copies_of(db);
    let times: Vec<NaiveDateTime> = copies.iter().map(|c| c.1).collect();
    for ((path, _, _), keep) in copies.iter().zip(kept(&times, now)) {
        if !keep {
            std::fs::remove_file(path).map_err(|e| Error::io(format!("无法删除过期备份 {}", path.display()), e))?;
        }
    }
    Ok(())
}

/// Deletes the copies of the database at `db` of an hour ago or more that
/// were never finished (the app was killed while writing them): they hold
/// personal data and count for nothing.
fn remove_cut_short(db: &Path, now: NaiveDateTime) {
    let Ok(entries) = std::fs::read_dir(folder_of(db)) else { return };
    let database = database_name(db);
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let started = name.strip_suffix(PARTIAL).and_then(|n| parse_name(&database, n)).map(|(at, _)| at);
        if started.is_some_and(|at| at <= now - chrono::Duration::hours(1)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// What 清除历史个人信息 did (see [`Store::erase_deleted_members_from_backups`]).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ErasedFromBackups {
    /// The backups looked at (those taken before the day chosen).
    pub backups: usize,
    /// The backups rewritten, because they held a member since deleted.
    pub rewritten: usize,
    /// The members since deleted whose personal data they held, each counted once.
    pub members: usize,
}

impl ErasedFromBackups {
    /// What was done, in a sentence for the user.
    pub fn summary(&self) -> String {
        if self.members == 0 {
            format!("已检查 {} 份备份，其中没有已删除党员的个人信息", self.backups)
        } else {
            format!(
                "已检查 {} 份备份，从其中 {} 份删去了 {} 名已删除党员的个人信息",
                self.backups, self.rewritten, self.members
            )
        }
    }
}

/// Erases from the copy at `path` the personal data of its members not in
/// `kept`; returns their ids. The copy is then vacuumed, so nothing of it is
/// left in its free pages, and checked. `passphrase` opens it if encrypted.
fn erase_members_not_in(
    path: &Path,
    kept: &std::collections::HashSet<i64>,
    passphrase: Option<&Passphrase>,
) -> Result<Vec<i64>> {
    let (mut conn, _) = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE, passphrase)?;
    conn.pragma_update(None, "secure_delete", true)?;
    let tx = conn.transaction()?;
    let gone: Vec<i64> = crate::store::personal::member_ids(&tx)?.difference(kept).copied().collect();
    for &id in &gone {
        crate::store::personal::erase_member(&tx, id)?;
    }
    tx.commit()?;
    if !gone.is_empty() {
        conn.execute_batch("VACUUM")?;
        drop(conn);
        check_integrity(path, passphrase)?;
    }
    Ok(gone)
}

impl Store {
    /// Takes a checked copy into the backups folder and rotates the folder.
    /// `None` for a database in memory.
    pub fn back_up(&self, reason: BackupReason, now: NaiveDateTime) -> Result<Option<BackupInfo>> {
        let Some(db) = self.path() else { return Ok(None) };
        let taken = copy_into(self.conn(), &database_name(db), &folder_of(db), reason, now, self.passphrase())?;
        rotate(db, now)?;
        Ok(Some(taken))
    }

    /// The copy the user asks for: into `folder` (a USB drive) when given,
    /// else into the backups folder, rotated.
    pub fn back_up_now(&self, folder: Option<&Path>, now: NaiveDateTime) -> Result<BackupInfo> {
        match folder {
            Some(folder) => self.back_up_to(folder, now),
            None => self
                .back_up(BackupReason::Manual, now)?
                .ok_or_else(|| Error::Invalid("内存中的数据库没有备份文件夹，请选择一个文件夹".into())),
        }
    }

    /// Takes the day's copy unless one was taken today already.
    pub fn back_up_daily(&self, now: NaiveDateTime) -> Result<Option<BackupInfo>> {
        let Some(db) = self.path() else { return Ok(None) };
        if copies_of(db).iter().any(|(_, at, _)| at.date() == now.date()) {
            return Ok(None);
        }
        self.back_up(BackupReason::Daily, now)
    }

    /// Takes a checked copy into `folder` (a USB drive, say), outside the rotation.
    pub fn back_up_to(&self, folder: &Path, now: NaiveDateTime) -> Result<BackupInfo> {
        let database = database_name(self.path().unwrap_or(Path::new("dangjian")));
        copy_into(self.conn(), &database, folder, BackupReason::Manual, now, self.passphrase())
    }

    /// The rotated copies, newest first, with what each holds.
    pub fn backups(&self) -> Result<BackupList> {
        let Some(db) = self.path() else {
            return Ok(BackupList { folder: String::new(), backups: Vec::new(), total_size: 0 });
        };
        let folder = folder_of(db);
        let backups: Vec<BackupInfo> =
            copies_of(db).into_iter().map(|(path, at, reason)| info(&path, at, reason, self.passphrase())).collect();
        let total_size = backups.iter().map(|b| b.size).sum();
        Ok(BackupList { folder: folder.display().to_string(), backups, total_size })
    }

    /// What restoring `backup` would bring back, after checking it.
    pub fn backup_counts(&self, backup: &Path) -> Result<BackupCounts> {
        if !backup.is_file() {
            return Err(Error::NotFound(format!("找不到备份文件 {}，请重新选择", backup.display())));
        }
        check_integrity(backup, self.passphrase())?;
        counts_of(backup, self.passphrase())
            .ok_or_else(|| Error::Invalid(format!("{} 不是党建台账的数据库备份，不能用来恢复", backup.display())))
    }

    /// Replaces the whole database with the copy at `backup`, after checking
    /// the copy and backing up the state it replaces, in one step that holds
    /// all or nothing; then upgrades it if it is older, and records the
    /// restore in the audit log. Returns the copy of the replaced state.
    pub fn restore(&mut self, backup: &Path, now: NaiveDateTime) -> Result<Option<BackupInfo>> {
        self.backup_counts(backup)?;
        let before = self.back_up(BackupReason::BeforeRestore, now)?;
        let (source, _) = connect(backup, OpenFlags::SQLITE_OPEN_READ_ONLY, self.passphrase())?;
        let _timed = crate::logging::timed("restore");
        self.replace_with(&source)?;
        let detail = serde_json::json!({
            "restored_from": backup.display().to_string(),
            "replaced_state_kept_in": before.as_ref().map(|b| b.path.clone()),
        });
        self.write(|conn| audit::record(conn, "backup", 0, Action::Restore, None, Some(&detail)))?;
        Ok(before)
    }

    /// 清除历史个人信息: in every backup of the rotation taken before
    /// `before`, erases the personal data (ID, phone, address, birth date,
    /// the roster's other columns) of the members since deleted from this
    /// database, from their records and from the audit entries about them,
    /// as deleting a member does here. Each copy is otherwise kept, and still
    /// restores. The audit log records the erasure. Copies on other drives
    /// (back up to a folder) are not reached.
    pub fn erase_deleted_members_from_backups(&self, before: NaiveDate) -> Result<ErasedFromBackups> {
        let Some(db) = self.path() else { return Ok(ErasedFromBackups { backups: 0, rewritten: 0, members: 0 }) };
        let _timed = crate::logging::timed("erase personal data from backups");
        let kept = crate::store::personal::member_ids(self.conn())?;
        let older: Vec<PathBuf> =
            copies_of(db).into_iter().filter(|(_, at, _)| at.date() < before).map(|(p, _, _)| p).collect();
        let mut erased = std::collections::BTreeSet::new();
        let mut rewritten = 0;
        for path in &older {
            let gone = erase_members_not_in(path, &kept, self.passphrase())?;
            rewritten += usize::from(!gone.is_empty());
            erased.extend(gone);
        }
        let done = ErasedFromBackups { backups: older.len(), rewritten, members: erased.len() };
        let detail = serde_json::json!({ "before": before, "backups": done.rewritten, "members": done.members });
        self.write(|conn| audit::record(conn, "backup", 0, Action::Erase, None, Some(&detail)))?;
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("a time")
    }

    #[test]
    fn json_names_are_serdes() {
        for reason in BackupReason::ALL {
            assert_eq!(serde_json::to_value(reason).unwrap(), reason.as_str());
        }
    }

    #[test]
    fn names_carry_the_database_the_time_and_the_reason() {
        assert_eq!(database_name(Path::new("/data/演示数据.db")), "演示数据");
        let name = file_name("dangjian", at("2026-12-01 08:30"), BackupReason::BeforeImport);
        assert_eq!(name, "dangjian-20261201-083000-import.db");
        assert_eq!(parse_name("dangjian", &name), Some((at("2026-12-01 08:30"), BackupReason::BeforeImport)));
        let second = "dangjian-20261201-083000-import-2.db";
        assert_eq!(parse_name("dangjian", second).map(|p| p.1), Some(BackupReason::BeforeImport));
        assert_eq!(parse_name("dangjian", "dangjian-20261201-083000-other.db"), None);
        assert_eq!(parse_name("dangjian", "notes.db"), None);
        let demo = file_name("演示数据", at("2026-12-01 08:30"), BackupReason::Daily);
        assert_eq!(parse_name("dangjian", &demo), None, "another database's copy");
        assert_eq!(parse_name("dangjian-old", &name), None);
        assert_eq!(
            parse_name("dangjian", &file_name("dangjian-old", at("2026-12-01 08:30"), BackupReason::Daily)),
            None
        );
    }

    #[test]
    fn the_rotation_keeps_today_and_the_newest_of_recent_days_weeks_and_months() {
        let now = at("2026-12-01 09:00");
        // One copy every day at 08:00 for 400 days, and three this morning.
        let mut taken: Vec<NaiveDateTime> =
            vec![at("2026-12-01 08:50"), at("2026-12-01 08:40"), at("2026-12-01 08:00")];
        taken.extend((1..400).map(|d| at("2026-12-01 08:00") - chrono::Duration::days(d)));
        let keep = kept(&taken, now);
        let kept_times: Vec<NaiveDateTime> = taken.iter().zip(&keep).filter(|(_, k)| **k).map(|(t, _)| *t).collect();

        assert!(kept_times[..4].contains(&at("2026-11-30 08:00")), "all of the last 24 hours");
        assert_eq!(&kept_times[..3], &taken[..3]);
        for day in 0..7 {
            let newest =
                if day == 0 { at("2026-12-01 08:50") } else { at("2026-12-01 08:00") - chrono::Duration::days(day) };
            assert!(kept_times.contains(&newest), "the newest of day -{day}");
        }
        assert!(!kept_times.contains(&at("2026-11-20 08:00")), "an ordinary day 11 days back goes");
        assert!(kept_times.contains(&at("2026-10-31 08:00")), "the newest of October stays");
        assert!(kept_times.contains(&at("2026-01-31 08:00")), "the newest of January, the twelfth month, stays");
        assert!(!kept_times.contains(&at("2025-12-31 08:00")), "the thirteenth month back goes");
        assert!(kept_times.len() <= 3 + KEEP_DAYS + KEEP_WEEKS + KEEP_MONTHS, "{}", kept_times.len());
    }

    #[test]
    fn a_copy_cut_short_is_never_listed_and_goes_after_an_hour() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("dangjian.db");
        let folder = folder_of(&db);
        std::fs::create_dir(&folder).unwrap();
        let old = folder.join("dangjian-20261201-070000-daily.db.partial");
        let recent = folder.join("dangjian-20261201-083000-import.db.partial");
        for file in [&old, &recent] {
            std::fs::write(file, b"half a copy").unwrap();
        }
        assert!(copies_of(&db).is_empty(), "a copy not yet checked is not a backup");

        rotate(&db, at("2026-12-01 09:00")).unwrap();
        assert!(!old.exists(), "left by a copy that was killed two hours ago");
        assert!(recent.exists(), "possibly still being written by another process");
    }
}
