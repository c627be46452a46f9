//! Where an attachment's content is kept: a file in `attachments/` beside the
//! database, named by its content, so a file attached twice is kept once.
//!
//! A plain database keeps the content as it is, named by its SHA-256; the
//! plain databases of one folder (the real one, the demo) share these files.
//! An encrypted database keeps it sealed (AES-256-GCM) with a key kept inside
//! the database, so the passphrase that opens the database is what opens its
//! files, and named by a keyed hash (HMAC-SHA256) of the content, so that a
//! name tells neither what a file holds nor whether a known file is there.
//! The key is made with the database and never changes: a change of
//! passphrase re-encrypts the database, not the files, and every copy of the
//! database (its backups) opens the same files.
//!
//! [`Store::settle_attachment_files`] brings the files to the database's form
//! when the passphrase is set or removed, and at every opening finishes a
//! change cut short; a file is read in either form, so none is out of reach
//! in between.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use hmac::{Hmac, Mac};
use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::Store;
use crate::error::{Error, Result};

/// The folder beside the database.
const FOLDER: &str = "attachments";

/// The ending of a sealed file's name.
const SEALED: &str = ".sealed";

/// The ending of a file being written, until it is whole.
const PARTIAL: &str = ".partial";

/// Bytes of a database's file key: the cipher's key, then the names' key.
const KEY_BYTES: usize = 64;

/// Bytes of the nonce that begins a sealed file.
const NONCE_BYTES: usize = 12;

/// A new random file key, for a new database (the schema's migration 6).
pub(crate) fn new_file_key() -> Zeroizing<Vec<u8>> {
    let mut key = Zeroizing::new(vec![0u8; KEY_BYTES]);
    aes_gcm::aead::rand_core::RngCore::fill_bytes(&mut OsRng, &mut key);
    key
}

/// The key a database seals its attachments with, from its `file_key` table.
struct FileKey(Zeroizing<Vec<u8>>);

impl FileKey {
    fn of(conn: &Connection) -> Result<FileKey> {
        let key: Vec<u8> = conn.query_row("SELECT key FROM file_key WHERE id = 1", [], |r| r.get(0))?;
        Ok(FileKey(Zeroizing::new(key)))
    }

    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&self.0[..32]))
    }

    /// The sealed file's name for the content whose SHA-256 is `sha256`.
    fn sealed_name(&self, sha256: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0[32..]).expect("HMAC takes a key of any length");
        mac.update(sha256.as_bytes());
        format!("{}{SEALED}", hex(&mac.finalize().into_bytes()))
    }

    /// `content` sealed: a random nonce, then the ciphertext bound to `sha256`.
    fn seal(&self, sha256: &str, content: &[u8]) -> Vec<u8> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher()
            .encrypt(&nonce, Payload { msg: content, aad: sha256.as_bytes() })
            .expect("AES-GCM seals any content held in memory");
        [nonce.as_slice(), &sealed].concat()
    }

    /// The content of a sealed file; `None` when it was not sealed by this
    /// key for `sha256`, or was changed since.
    fn unseal(&self, sha256: &str, sealed: &[u8]) -> Option<Vec<u8>> {
        let (nonce, ciphertext) = sealed.split_at_checked(NONCE_BYTES)?;
        self.cipher().decrypt(Nonce::from_slice(nonce), Payload { msg: ciphertext, aad: sha256.as_bytes() }).ok()
    }
}

/// Lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of `content`, in lower-case hex: an attachment's identity.
pub(crate) fn sha256_of(content: &[u8]) -> String {
    hex(&Sha256::digest(content))
}

/// Writes `bytes` to `target` whole or not at all: under a name of its own
/// (another process may be writing the same file), synced, then renamed.
fn write_whole(target: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = target.parent().expect("an attachment path has a folder");
    std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("无法创建附件目录 {}", dir.display()), e))?;
    let mut partial = target.as_os_str().to_owned();
    partial.push(format!(".{}-{:08x}{PARTIAL}", std::process::id(), fastrand::u32(..)));
    let partial = PathBuf::from(partial);
    let written = std::fs::File::create(&partial)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&partial, target));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        Error::io(format!("无法写入附件 {}", target.display()), e)
    })
}

/// The content of a file's `bytes` (`sealed` or not) if they are whole: the
/// content whose SHA-256 is `sha256`.
fn content_of(key: &FileKey, sha256: &str, bytes: Vec<u8>, sealed: bool) -> Option<Vec<u8>> {
    let content = if sealed { key.unseal(sha256, &bytes) } else { Some(bytes) };
    content.filter(|c| sha256_of(c) == sha256)
}

/// The content of the file at `path`, if it is there and whole.
fn whole_content(key: &FileKey, sha256: &str, path: &Path, sealed: bool) -> Option<Vec<u8>> {
    content_of(key, sha256, std::fs::read(path).ok()?, sealed)
}

/// Whether `name` is that of a plain file: a SHA-256 in lower-case hex.
fn is_plain_name(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Deletes what writes cut short (a kill) left in `dir` an hour ago or more;
/// a newer one may still be written by another process.
fn remove_stale_partials(dir: &Path) {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in std::fs::read_dir(dir).into_iter().flatten().filter_map(|e| e.ok()) {
        let stale = entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < hour_ago);
        if stale && entry.file_name().to_string_lossy().ends_with(PARTIAL) {
            remove(&entry.path());
        }
    }
}

/// The two places one content may be kept, the database's own form first.
struct Places {
    wanted: PathBuf,
    other: PathBuf,
    sealed_wanted: bool,
}

impl Store {
    fn attachment_dir(&self) -> Result<PathBuf> {
        let dir = self
            .data_dir()
            .ok_or_else(|| Error::Invalid("临时（内存）数据库不能保存附件，请先打开一个数据库文件".into()))?;
        Ok(dir.join(FOLDER))
    }

    fn places(&self, key: &FileKey, sha256: &str) -> Result<Places> {
        let dir = self.attachment_dir()?;
        let (plain, sealed) = (dir.join(sha256), dir.join(key.sealed_name(sha256)));
        Ok(match self.passphrase().is_some() {
            true => Places { wanted: sealed, other: plain, sealed_wanted: true },
            false => Places { wanted: plain, other: sealed, sealed_wanted: false },
        })
    }

    /// Where this database keeps the content whose SHA-256 is `sha256`:
    /// sealed under a keyed name when the database is encrypted, else as it is.
    pub fn attachment_file(&self, sha256: &str) -> Result<PathBuf> {
        Ok(self.places(&FileKey::of(self.conn())?, sha256)?.wanted)
    }

    /// Keeps `content` (whose SHA-256 is `sha256`) in this database's form,
    /// unless it is kept already.
    pub(crate) fn keep_file(&self, sha256: &str, content: &[u8]) -> Result<()> {
        let key = FileKey::of(self.conn())?;
        let places = self.places(&key, sha256)?;
        if places.wanted.exists() {
            return Ok(());
        }
        match places.sealed_wanted {
            true => write_whole(&places.wanted, &key.seal(sha256, content)),
            false => write_whole(&places.wanted, content),
        }
    }

    /// The content whose SHA-256 is `sha256`, from either form, checked
    /// against that hash; `file_name` names it in messages.
    pub(crate) fn read_file(&self, sha256: &str, file_name: &str) -> Result<Vec<u8>> {
        let key = FileKey::of(self.conn())?;
        let places = self.places(&key, sha256)?;
        let (path, sealed) = match places.wanted.exists() {
            true => (&places.wanted, places.sealed_wanted),
            false => (&places.other, !places.sealed_wanted),
        };
        let bytes = std::fs::read(path).map_err(|e| {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => std::io::Error::other("附件文件夹中没有它的文件（可能被删除或移动了）"),
                _ => e,
            };
            Error::io(format!("无法读取附件「{file_name}」"), why)
        })?;
        content_of(&key, sha256, bytes, sealed).ok_or_else(|| {
            Error::io(
                format!("附件「{file_name}」的文件已损坏"),
                std::io::Error::other(format!("{} 的内容与记录不符", path.display())),
            )
        })
    }

    /// Brings every attachment file of this database to its form (sealed
    /// when encrypted, plain when not), each checked whole in its new form
    /// before the other is deleted. An encrypted database also seals the
    /// plain files no record of it names any more (of deleted attachments).
    /// A plain file is kept while another database of the folder, or a copy
    /// in the backups folder, that does not share this one's key still uses
    /// it, and every plain file is kept while one of them cannot be read.
    /// Returns how many files could not be brought (unreadable or damaged;
    /// logged, and left as they were).
    pub(crate) fn settle_attachment_files(&self) -> Result<usize> {
        let Ok(dir) = self.attachment_dir() else { return Ok(0) };
        if !dir.is_dir() {
            return Ok(0);
        }
        remove_stale_partials(&dir);
        let key = FileKey::of(self.conn())?;
        let mut hashes: HashSet<String> = hashes_in(self.conn())?.into_iter().collect();
        if self.passphrase().is_some() {
            let names = std::fs::read_dir(&dir).into_iter().flatten().filter_map(|e| e.ok());
            hashes.extend(names.map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| is_plain_name(n)));
        }
        let (mut failed, mut plain_left) = (0, Vec::new());
        for sha256 in &hashes {
            let places = self.places(&key, sha256)?;
            if !places.other.exists() {
                continue;
            }
            if whole_content(&key, sha256, &places.wanted, places.sealed_wanted).is_none() {
                let moved = whole_content(&key, sha256, &places.other, !places.sealed_wanted)
                    .ok_or_else(|| Error::Invalid("neither form is there and whole".into()))
                    .and_then(|content| match places.sealed_wanted {
                        true => write_whole(&places.wanted, &key.seal(sha256, &content)),
                        false => write_whole(&places.wanted, &content),
                    });
                if let Err(e) = moved {
                    tracing::warn!("attachment file {sha256} not moved to this database's form: {e}");
                    failed += 1;
                    continue;
                }
            }
            match places.sealed_wanted {
                true => plain_left.push((sha256, places.other)),
                false => remove(&places.other),
            }
        }
        if !plain_left.is_empty() {
            match self.plain_files_used_elsewhere(&key) {
                Some(used) => plain_left.retain(|(sha256, _)| !used.contains(*sha256)),
                None => {
                    tracing::warn!("a database beside this one cannot be read: its plain attachment files are kept");
                    plain_left.clear();
                }
            }
            for (_, plain) in plain_left {
                remove(&plain);
            }
        }
        Ok(failed)
    }

    /// The plain attachment files the other databases of this folder, and
    /// the copies in its backups folder, may use: every file those without
    /// this database's key refer to (a copy of this database, or one that
    /// shares its key, reads the sealed files). `None` when one of them
    /// cannot be read (encrypted with another passphrase, or damaged).
    fn plain_files_used_elsewhere(&self, key: &FileKey) -> Option<HashSet<String>> {
        let Some(db) = self.path() else { return Some(HashSet::new()) };
        let own_copies: HashSet<PathBuf> = crate::backups::copies_of(db).into_iter().map(|(p, _, _)| p).collect();
        let folder = db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let beside = std::fs::read_dir(folder).into_iter().flatten().filter_map(|e| e.ok());
        let others = beside
            .filter(|e| Some(e.file_name().as_os_str()) != db.file_name())
            .chain(std::fs::read_dir(crate::backups::folder_of(db)).into_iter().flatten().filter_map(|e| e.ok()))
            .map(|e| e.path())
            .filter(|path| path.extension().is_some_and(|x| x == "db") && !own_copies.contains(path));
        let mut used = HashSet::new();
        for other in others {
            let (conn, _) =
                crate::encryption::connect(&other, OpenFlags::SQLITE_OPEN_READ_ONLY, self.passphrase()).ok()?;
            let shares_key = FileKey::of(&conn).is_ok_and(|theirs| theirs.0 == key.0);
            if !shares_key {
                // Not one of ours if it has no attachments table.
                used.extend(hashes_in(&conn).unwrap_or_default());
            }
        }
        Some(used)
    }
}

/// The content hashes of the attachments of the database on `conn`.
fn hashes_in(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    conn.prepare("SELECT DISTINCT sha256 FROM attachments")?.query_map([], |r| r.get(0))?.collect()
}

/// Deletes a file that has been kept in the other form.
fn remove(path: &Path) {
    if let Err(e) = std::fs::remove_file(path) {
        tracing::warn!("attachment file {} not removed: {e}", path.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> FileKey {
        FileKey(new_file_key())
    }

    #[test]
    fn a_sealed_file_opens_only_with_its_key_and_for_its_content() {
        let (key, other) = (key(), key());
        let content = "会议记录扫描件".as_bytes();
        let sha256 = sha256_of(content);
        let sealed = key.seal(&sha256, content);
        assert!(!sealed.windows(content.len()).any(|w| w == content), "the content is not in the file");
        assert_eq!(key.unseal(&sha256, &sealed).as_deref(), Some(content));
        assert_eq!(other.unseal(&sha256, &sealed), None, "another database's key");
        assert_eq!(key.unseal(&sha256_of(b"x"), &sealed), None, "bound to its content's hash");
        let mut changed = sealed.clone();
        *changed.last_mut().unwrap() ^= 1;
        assert_eq!(key.unseal(&sha256, &changed), None, "a changed byte");
        assert_eq!(key.unseal(&sha256, &sealed[..5]), None, "cut short");
        assert_ne!(key.seal(&sha256, content), sealed, "a fresh nonce each time");
    }

    #[test]
    fn a_sealed_name_hides_the_content_hash_and_differs_between_databases() {
        let (key, other) = (key(), key());
        let sha256 = sha256_of(b"photo");
        let name = key.sealed_name(&sha256);
        assert_eq!(name, key.sealed_name(&sha256), "the same content, the same file");
        assert!(name.ends_with(SEALED) && !name.contains(&sha256), "{name}");
        assert_ne!(name, other.sealed_name(&sha256));
    }
}
