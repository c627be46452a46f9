//! The SQLite store: one file holds a committee's whole record.
//!
//! [`Store::open`] sets the connection pragmas, refuses a file written by a
//! newer version, and applies the migrations in `schema.rs`. Each table (or
//! aggregate of a table and its child rows) has a module here with its record
//! type, its SQL and its checks; the generic CRUD lives in `record.rs`, and
//! every write goes through [`Store::write`], one transaction that also records
//! the audit log.

pub(crate) mod audit;
mod committee;
pub(crate) mod enums;
pub(crate) mod record;
mod schema;

pub mod activities;
pub mod activity_kinds;
mod attachment_files;
pub mod attachments;
pub mod branches;
pub mod brands;
pub mod groups;
pub mod honors;
pub mod meetings;
pub mod member_history;
pub mod members;
pub mod obligations;
pub mod partners;
pub mod personal;
pub mod stats;
pub mod suggestions;
pub mod year_notes;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;

pub use activities::{Activity, Participant};
pub use attachments::Attachment;
pub use audit::{Action, AuditEntry};
pub use branches::{Branch, BranchView, CommitteePost};
pub use brands::{Brand, BrandTarget, BrandVersion};
pub(crate) use committee::save_committee;
pub use committee::Committee;
pub use enums::*;
pub use groups::PartyGroup;
pub use honors::Honor;
pub use meetings::{Attendance, Meeting};
pub use member_history::{GroupChange, MemberHistory, StatusChange};
pub use members::{Member, MemberDetail, MemberFilter, MemberTransfer};
pub use obligations::Obligation;
pub use partners::{Pairing, Partner};
pub use personal::PersonalNumbers;
pub use record::Record;
pub use suggestions::{Suggestion, SUGGESTION_SOURCES};

use crate::encryption::Passphrase;
use crate::error::{Error, Result};

/// An open database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The passphrase the file is encrypted with, if it is.
    passphrase: Option<Passphrase>,
    /// The day checks and rules take as today; `None` follows the computer's clock.
    today: Option<NaiveDate>,
}

/// The settings of every connection, the writer's and the readers'.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.set_prepared_statement_cache_capacity(64);
    conn.pragma_update(None, "foreign_keys", true)?;
    // Up to 32 MiB of page cache: a large import spills little of its
    // transaction to disk midway, and a reader keeps a year's meetings in
    // memory between two reads (SQLite's default of 2 MiB held less than one).
    conn.pragma_update(None, "cache_size", -32768)?;
    // Deleted content is overwritten with zeros, so a deleted member's numbers
    // do not linger in the file's free space.
    conn.pragma_update(None, "secure_delete", true)?;
    Ok(())
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// A file whose schema is newer than this build knows is refused untouched;
    /// an encrypted one needs [`Store::open_with_passphrase`].
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with_passphrase(path, None)
    }

    /// [`Store::open`] for a file that may be encrypted: `passphrase` opens
    /// it (see [`crate::encryption`]); a missing or wrong one is
    /// [`Error::Passphrase`]. A new file is created plain.
    pub fn open_with_passphrase(path: &Path, passphrase: Option<&Passphrase>) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("无法创建数据目录 {}", dir.display()), e))?;
        }
        let (conn, passphrase) = crate::encryption::connect(path, rusqlite::OpenFlags::default(), passphrase)?;
        crate::encryption::remove_leftovers(path);
        // A file an older version made readable by others is tightened before
        // SQLite copies its mode to the WAL.
        crate::private_files::make_private(path)?;
        let store = Store::prepare(conn, Some(path.to_path_buf()), passphrase)?;
        // Finishes a change of passphrase cut short (see attachment_files.rs).
        store.settle_attachment_files()?;
        Ok(store)
    }

    /// Opens another connection to the database at `path`, which [`Store::open`]
    /// has already brought up to date, for reading only: it refuses every write
    /// (`query_only`). Under WAL it reads beside a connection that is writing,
    /// seeing the last committed state, so a long import never makes it wait.
    /// It takes `today` as its "today" (see [`Store::set_today`]), and
    /// `passphrase` if the file is encrypted.
    pub fn open_reader(path: &Path, today: Option<NaiveDate>, passphrase: Option<&Passphrase>) -> Result<Store> {
        let (conn, passphrase) =
            crate::encryption::connect(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE, passphrase)?;
        configure(&conn)?;
        conn.pragma_update(None, "query_only", true)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if version != schema::LATEST_VERSION {
            return Err(Error::Invalid(format!(
                "数据库文件 {} 尚未升级到本程序的版本，请先用本程序正常打开它",
                path.display()
            )));
        }
        Ok(Store { conn, path: Some(path.to_path_buf()), passphrase, today })
    }

    /// Opens a fresh database in memory (for tests and previews).
    pub fn open_in_memory() -> Result<Store> {
        Store::prepare(Connection::open_in_memory()?, None, None)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>, passphrase: Option<Passphrase>) -> Result<Store> {
        configure(&conn)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if version > schema::LATEST_VERSION {
            return Err(Error::DatabaseTooNew { found: version, supported: schema::LATEST_VERSION });
        }
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if version == 0 && tables > 0 {
            return Err(Error::Invalid(
                "该文件不是党建台账的数据库（里面已有其他数据），为保护它未做任何修改；请选择其他文件".into(),
            ));
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        if let Some(db) = path.as_deref().filter(|_| version > 0 && version < schema::LATEST_VERSION) {
            let now = chrono::Local::now().naive_local();
            crate::backups::copy_into(
                &conn,
                &crate::backups::database_name(db),
                &crate::backups::folder_of(db),
                crate::backups::BackupReason::BeforeUpgrade,
                now,
                passphrase.as_ref(),
            )?;
        }
        schema::migrations().to_latest(&mut conn)?;
        Ok(Store { conn, path, passphrase, today: None })
    }

    /// The day every check and rule of this store takes as today: the one set
    /// by [`Store::set_today`], else the computer's clock. Nothing below the
    /// store reads the clock; it is handed this value.
    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(crate::date::today)
    }

    /// The "today" fixed by [`Store::set_today`], if any.
    pub fn fixed_today(&self) -> Option<NaiveDate> {
        self.today
    }

    /// Fixes "today" (tests, `dangjian --today`, scenarios dated in the future);
    /// `None` returns to the computer's clock.
    pub fn set_today(&mut self, today: Option<NaiveDate>) {
        self.today = today;
    }

    /// The database file, if not in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The passphrase the file is encrypted with; `None` when it is not.
    pub fn passphrase(&self) -> Option<&Passphrase> {
        self.passphrase.as_ref()
    }

    /// The folder beside the database where attachments are kept.
    pub fn data_dir(&self) -> Option<PathBuf> {
        self.path.as_ref().and_then(|p| p.parent()).map(Path::to_path_buf)
    }

    /// Runs `work` in one transaction, committed only if it returns `Ok`.
    pub(crate) fn write<T>(&self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.begin_write()?;
        let result = work(&tx)?;
        tx.commit()?;
        Ok(result)
    }

    /// Starts a write transaction that takes the write lock at once, so a busy
    /// database makes it wait (up to the busy timeout) instead of failing halfway.
    pub(crate) fn begin_write(&self) -> Result<rusqlite::Transaction<'_>> {
        Ok(rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)?)
    }

    /// Runs `work` in one read transaction, so that everything it reads is of
    /// one moment even while another connection commits writes (a report must
    /// not count half an import). Nothing `work` writes is kept.
    pub fn in_one_snapshot<T>(&self, work: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let snapshot = rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Deferred)?;
        let result = work(self);
        snapshot.rollback()?;
        result
    }

    /// Replaces the whole database with the one open on `source` (a restore)
    /// and brings it up to date. A copy made before databases had a file key
    /// is given this one's, so the attachment files sealed under it stay
    /// readable (see `attachment_files.rs`). The copy gets the key in a file
    /// of its own before it replaces the database in one step, so a kill
    /// never leaves the database without its key.
    pub(crate) fn replace_with(&mut self, source: &Connection) -> Result<()> {
        let key: zeroize::Zeroizing<Vec<u8>> =
            zeroize::Zeroizing::new(self.conn.query_row("SELECT key FROM file_key WHERE id = 1", [], |r| r.get(0))?);
        match self.path.clone() {
            Some(db) => {
                let (staging, mut staged) = crate::encryption::staging_beside(&db, self.passphrase.as_ref())?;
                let replaced = (|| -> Result<()> {
                    rusqlite::backup::Backup::new(source, &mut staged)?.step(-1)?;
                    schema::give_file_key(&staged, &key)?;
                    rusqlite::backup::Backup::new(&staged, &mut self.conn)?.step(-1)?;
                    Ok(())
                })();
                drop(staged);
                crate::encryption::remove_staging(&staging);
                replaced?;
            }
            None => {
                rusqlite::backup::Backup::new(source, &mut self.conn)?.step(-1)?;
                schema::give_file_key(&self.conn, &key)?;
            }
        }
        schema::migrations().to_latest(&mut self.conn)?;
        Ok(())
    }

    /// The underlying connection, for read-only queries elsewhere in the core.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// True when the database holds no branches and no members yet.
    pub fn is_empty(&self) -> Result<bool> {
        let count: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM branches) + (SELECT count(*) FROM members)",
            [],
            |r| r.get(0),
        )?;
        Ok(count == 0)
    }
}

/// The database the CLI works on: `explicit` (`--db`) if given, else
/// `DANGJIAN_DB`, else [`crate::databases::default_path`].
pub fn resolve_db_path(explicit: Option<PathBuf>) -> Result<PathBuf> {
    match explicit.or_else(crate::databases::pinned) {
        Some(path) => Ok(path),
        None => crate::databases::default_path(),
    }
}

/// What a user calls a column, for messages about duplicates.
pub(crate) fn column_label(column: &str) -> &str {
    match column {
        "name" => "名称",
        "id_number" => "身份证号",
        "staff_no" => "工号",
        "branch_id" => "支部",
        "version" => "版本",
        "brand_id" => "品牌",
        other => other,
    }
}

/// What the app shows about the open database.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StoreStatus {
    /// The database file.
    pub path: String,
    /// The log folder beside it (none for a database in memory).
    pub log_dir: Option<String>,
    /// True when it holds no branches and no members yet.
    pub empty: bool,
    /// True when the file is encrypted (see [`crate::encryption`]).
    pub encrypted: bool,
    /// What it holds (the restore preview sets a backup's beside it).
    pub counts: crate::backups::BackupCounts,
    /// The committee's names.
    pub committee: Committee,
}

impl Store {
    /// The file, whether it is empty, and the committee's names.
    pub fn status(&self) -> Result<StoreStatus> {
        Ok(StoreStatus {
            path: self.path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| ":memory:".into()),
            log_dir: self.path.as_deref().map(|p| crate::logging::log_dir_of(p).display().to_string()),
            empty: self.is_empty()?,
            encrypted: self.passphrase.is_some(),
            counts: crate::backups::counts_in(&self.conn)?,
            committee: self.committee()?,
        })
    }
}
