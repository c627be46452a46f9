//! Encryption at rest (SQLCipher): a database file, and every copy in its
//! backups folder, may be encrypted with a passphrase.
//!
//! A file is encrypted or not as a whole; [`is_encrypted`] tells which by its
//! first bytes. Every connection to a database file is made by [`connect`],
//! which gives SQLCipher the passphrase when the file needs one and turns a
//! missing or wrong one into [`Error::Passphrase`]. [`change_passphrase`]
//! sets, changes or removes it: the database is written afresh under the new
//! passphrase beside the old file, checked, and renamed over it, so a failure
//! or a kill at any moment leaves either the old file or the new one, whole;
//! the copies in the backups folder follow, each the same way, and the
//! attachment files are sealed or unsealed (see `store/attachment_files.rs`).
//!
//! A forgotten passphrase cannot be recovered: nothing keeps it, and the app
//! says so before one is set.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::Store;

/// The fewest characters a new passphrase may have.
pub const MIN_CHARS: usize = 8;

/// The first bytes of every SQLite file that is not encrypted.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// A database passphrase, wiped from memory when dropped and never printed.
#[derive(Clone, PartialEq)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// The passphrase as typed.
    pub fn new(text: String) -> Passphrase {
        Passphrase(Zeroizing::new(text))
    }

    fn as_str(&self) -> &str {
        &self.0
    }

    /// Refuses a passphrase too weak to be set as a new one.
    fn check_new(&self) -> Result<()> {
        if self.as_str().chars().count() < MIN_CHARS {
            return Err(Error::Invalid(format!("密码至少需要 {MIN_CHARS} 个字符，请换一个更长的密码")));
        }
        if self.as_str().trim() != self.as_str() {
            return Err(Error::Invalid("密码的开头和结尾不能是空格，以免输入时难以察觉".into()));
        }
        Ok(())
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(***)")
    }
}

/// Whether the file at `path` is an encrypted database: it exists, is not
/// empty, and does not begin as every plain SQLite file does. A file that is
/// not a database at all counts as encrypted (no passphrase will open it).
///
/// It opens and closes the file, so it must not be called in a process that
/// has SQLite connections to the file open: closing any descriptor of a file
/// drops every POSIX lock the process holds on it, SQLite's included, and
/// another process could then delete the WAL under them. [`connect`] asks
/// SQLite instead.
pub fn is_encrypted(path: &Path) -> Result<bool> {
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::io(format!("无法读取数据库文件 {}", path.display()), e)),
    };
    let mut header = Vec::with_capacity(PLAIN_HEADER.len());
    file.by_ref()
        .take(PLAIN_HEADER.len() as u64)
        .read_to_end(&mut header)
        .map_err(|e| Error::io(format!("无法读取数据库文件 {}", path.display()), e))?;
    Ok(!header.is_empty() && header != PLAIN_HEADER)
}

/// Opens a connection to the database file at `path` with `flags`, keyed
/// with `passphrase` when the file is encrypted (a passphrase given for a
/// plain file is not used). Returns the connection and the passphrase it
/// took, if any. An encrypted file without a passphrase, or with a wrong
/// one, is [`Error::Passphrase`]. SQLite alone reads the file (see
/// [`is_encrypted`] for why).
pub(crate) fn connect(
    path: &Path,
    flags: OpenFlags,
    passphrase: Option<&Passphrase>,
) -> Result<(Connection, Option<Passphrase>)> {
    // A connection is used by one thread at a time (rusqlite's `Connection`
    // is not `Sync`): without SQLite's own mutex, which a reader otherwise
    // took for every value it read (a tenth of a large ledger's time).
    let flags = flags | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let open = || -> Result<Connection> {
        let conn = Connection::open_with_flags(path, flags).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::CannotOpen) => Error::io(
                format!("无法打开数据库文件 {}", path.display()),
                std::io::Error::other("请检查路径是否存在、是否有写入权限"),
            ),
            _ => Error::from(e),
        })?;
        // SQLCipher would print each failed page check on stderr; a wrong
        // passphrase is reported once, below.
        conn.pragma_update(None, "cipher_log_level", "NONE")?;
        Ok(conn)
    };
    // The first read of a file is where SQLite, or SQLCipher with a key,
    // finds out whether it can read it.
    let readable = |conn: &Connection| match conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())) {
        Ok(()) => Ok(true),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => Ok(false),
        Err(e) => Err(Error::from(e)),
    };
    let plain = open()?;
    if readable(&plain)? {
        return Ok((plain, None));
    }
    drop(plain);
    let Some(passphrase) = passphrase else {
        return Err(Error::Passphrase(format!("数据库 {} 已加密，请输入密码", path.display())));
    };
    let conn = open()?;
    conn.pragma_update(None, "key", passphrase.as_str())?;
    if !readable(&conn)? {
        return Err(Error::Passphrase(format!(
            "密码不正确，无法打开 {}（密码区分大小写）；也可能该文件不是党建台账的数据库",
            path.display()
        )));
    }
    Ok((conn, Some(passphrase.clone())))
}

/// What every command meets while the database at `path` is locked (the
/// user stepped away), until its passphrase is typed again. Only an
/// encrypted database (`passphrase` given) can be locked: the file of a plain
/// one is readable without the app, so a lock would only pretend to protect it.
pub fn lock(path: &Path, passphrase: Option<&Passphrase>) -> Result<Error> {
    match passphrase {
        Some(_) => Ok(Error::Passphrase(format!("数据库 {} 已锁定，请输入密码", path.display()))),
        None => Err(Error::Invalid("数据库没有加密，无法锁定；请先设置密码".into())),
    }
}

/// Writes the database open on `conn` afresh into `target`, encrypted with
/// `passphrase` (plain when `None`), with its schema version; any file at
/// `target` is replaced. The copy is then checked, and synced to disk.
fn export_to(conn: &Connection, target: &Path, passphrase: Option<&Passphrase>) -> Result<()> {
    remove_with_companions(target);
    let key = Zeroizing::new(passphrase.map_or(String::new(), |p| p.as_str().to_owned()));
    let written = (|| -> rusqlite::Result<()> {
        conn.execute("ATTACH DATABASE ?1 AS rekeyed KEY ?2", (target.display().to_string(), key.as_str()))?;
        conn.query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        conn.pragma_update(Some("rekeyed"), "user_version", version)?;
        conn.execute_batch("DETACH DATABASE rekeyed")
    })();
    let checked = written.map_err(Error::from).and_then(|()| {
        let (copy, _) = connect(target, OpenFlags::SQLITE_OPEN_READ_ONLY, passphrase)?;
        let verdict: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(Error::io(
                format!("重新加密的副本校验不通过（{verdict}）"),
                std::io::Error::other("数据库未改动"),
            ));
        }
        std::fs::File::open(target).and_then(|f| f.sync_all()).map_err(|e| Error::io("无法写入重新加密的副本", e))
    });
    if checked.is_err() {
        remove_with_companions(target);
    }
    checked
}

/// `path` with `suffix` added to its name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Deletes the file at `path` and SQLite's journal files beside it, if there.
fn remove_with_companions(path: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}

/// The ending of a copy being re-encrypted, beside its file.
const REKEYING: &str = ".rekey.partial";

/// The ending of a copy being prepared for a restore, beside the database.
const RESTORING: &str = ".restore.partial";

/// A new, empty database file beside the database at `db`, encrypted as it
/// is (`passphrase`), where a restore prepares the copy it brings back; one
/// left by an earlier attempt is replaced. Delete it with
/// [`remove_staging`] once used.
pub(crate) fn staging_beside(db: &Path, passphrase: Option<&Passphrase>) -> Result<(PathBuf, Connection)> {
    let path = with_suffix(db, RESTORING);
    remove_with_companions(&path);
    let conn = Connection::open(&path)?;
    if let Some(passphrase) = passphrase {
        conn.pragma_update(None, "key", passphrase.as_str())?;
    }
    Ok((path, conn))
}

/// Deletes a file made by [`staging_beside`].
pub(crate) fn remove_staging(path: &Path) {
    remove_with_companions(path);
}

/// Deletes what a change of passphrase or a restore cut short (a crash, a
/// kill) left beside the database at `path` and its backups: whole copies of
/// the data, perhaps plain.
pub(crate) fn remove_leftovers(path: &Path) {
    remove_with_companions(&with_suffix(path, REKEYING));
    remove_with_companions(&with_suffix(path, RESTORING));
    for (copy, _, _) in crate::backups::copies_of(path) {
        remove_with_companions(&with_suffix(&copy, REKEYING));
    }
}

/// Re-encrypts the database file at `path`, which no connection has open,
/// from `current` to `new` (either may be `None`: plain), in place: written
/// beside it, then renamed over it.
fn reencrypt_file(path: &Path, current: Option<&Passphrase>, new: Option<&Passphrase>) -> Result<()> {
    let partial = with_suffix(path, REKEYING);
    // With the right to create: the copy is attached under its flags.
    let (conn, _) = connect(path, OpenFlags::default(), current)?;
    export_to(&conn, &partial, new)?;
    conn.close().map_err(|(_, e)| Error::from(e))?;
    if with_suffix(path, "-wal").exists() {
        remove_with_companions(&partial);
        return Err(Error::Conflict(format!(
            "数据库 {} 正被另一个党建台账窗口或命令使用，密码未改动；请关闭它后重试",
            path.display()
        )));
    }
    std::fs::rename(&partial, path).map_err(|e| {
        remove_with_companions(&partial);
        Error::io(format!("无法替换数据库文件 {}", path.display()), e)
    })?;
    let _ = std::fs::remove_file(with_suffix(path, "-shm"));
    Ok(())
}

/// What [`change_passphrase`] did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PassphraseChanged {
    /// Whether the database is now encrypted.
    pub encrypted: bool,
    /// The copies in the backups folder re-encrypted with it.
    pub backups: usize,
    /// The copies left as they were, because the passphrase in use did not
    /// open them (taken under an older one).
    pub skipped: usize,
    /// What was done, in Chinese, for the user.
    pub summary: String,
}

/// Sets, changes or removes the passphrase of the database at `path`:
/// `current` opens it (`None` for a plain file), `new` is the passphrase
/// from now on (`None` to store it plain). The database is rewritten under
/// the new one, then every copy in its backups folder that `current` opens.
/// No connection to the file may be open (another window or command makes
/// this fail, changing nothing). Returns the database opened with `new`,
/// the change recorded in its audit log, and what was done.
pub fn change_passphrase(
    path: &Path,
    current: Option<&Passphrase>,
    new: Option<&Passphrase>,
) -> Result<(Store, PassphraseChanged)> {
    if !path.is_file() {
        return Err(Error::NotFound(format!("找不到数据库文件 {}", path.display())));
    }
    // Opening checks `current`, and brings the file up to date first (a
    // backup is taken before an upgrade).
    let encrypted = Store::open_with_passphrase(path, current)?.passphrase().is_some();
    match (encrypted, new) {
        (false, None) => return Err(Error::Invalid("数据库没有加密，无需移除密码".into())),
        (_, Some(new)) => new.check_new()?,
        (true, None) => {}
    }
    let _timed = crate::logging::timed("change passphrase");
    reencrypt_file(path, current, new)?;
    let (mut backups, mut skipped) = (0, 0);
    for (copy, _, _) in crate::backups::copies_of(path) {
        match reencrypt_file(&copy, current, new) {
            Ok(()) => backups += 1,
            Err(Error::Passphrase(_)) => skipped += 1,
            Err(e) => return Err(e),
        }
    }
    // Opening brings the attachment files to the new form; a second pass
    // counts those it could not.
    let store = Store::open_with_passphrase(path, new)?;
    let unsettled = store.settle_attachment_files()?;
    // A change leaves the files as they are: their key is inside the
    // database, now under the new passphrase.
    let (action, files, done) = match (encrypted, new.is_some()) {
        (false, _) => ("已设置数据库密码", "附件文件和", "加密"),
        (true, true) => ("已更改数据库密码", "", "重新加密"),
        (true, false) => ("已移除数据库密码", "附件文件和", "解密"),
    };
    let detail = serde_json::json!({
        "encrypted": new.is_some(), "backups": backups, "skipped": skipped, "unsettled_files": unsettled
    });
    store.write(|conn| {
        crate::store::audit::record(conn, "database", 0, crate::store::Action::Encrypt, None, Some(&detail))
    })?;
    let mut summary = format!("{action}；{files}备份文件夹中 {backups} 份备份已随之{done}");
    if skipped > 0 {
        summary.push_str(&format!("；另有 {skipped} 份备份使用的是更早的密码，未改动"));
    }
    if unsettled > 0 {
        summary.push_str(&format!("；有 {unsettled} 个附件文件已损坏或无法读取，未能{done}，详见日志"));
    }
    Ok((store, PassphraseChanged { encrypted: new.is_some(), backups, skipped, summary }))
}
