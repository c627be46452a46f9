//! Encryption at rest: a passphrase set on a database encrypts the file and
//! every copy in its backups folder; without it, or with a wrong one, nothing
//! opens; changing and removing it carry the backups along; a refused change
//! leaves every byte as it was.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use common::{branch, id_number, snapshot};
use dangjian::backups::BackupReason;
use dangjian::encryption::{change_passphrase, is_encrypted, Passphrase};
use dangjian::store::Member;
use dangjian::{ErrorCode, Store};

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("a time")
}

fn secret(text: &str) -> Passphrase {
    Passphrase::new(text.to_owned())
}

/// A database file with a member whose ID number is `ID`, and two backups.
fn hospital(dir: &Path) -> PathBuf {
    let path = dir.join("dangjian.db");
    let store = Store::open(&path).unwrap();
    let b = branch(&store, "内科党支部");
    let mut wang = Member::new("王喆", b.id);
    wang.id_number = Some(id_number("19850312", 123));
    wang.phone = Some("13812345678".into());
    store.create(&wang).unwrap();
    store.back_up(BackupReason::Daily, at("2026-11-30 08:00")).unwrap();
    store.back_up(BackupReason::Manual, at("2026-12-01 09:00")).unwrap();
    path
}

fn backups_of(path: &Path) -> Vec<PathBuf> {
    let folder = dangjian::backups::folder_of(path);
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// Whether the bytes of the file at `path` hold `text`.
fn file_holds(path: &Path, text: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

fn code_of(result: dangjian::Result<impl Sized>) -> ErrorCode {
    result.err().expect("refused").code()
}

#[test]
fn a_passphrase_encrypts_the_database_and_its_backups() -> dangjian::Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let path = hospital(dir.path());
    let number = id_number("19850312", 123);
    let before = snapshot(&Store::open(&path)?);
    assert!(backups_of(&path).iter().all(|b| file_holds(b, &number)), "a plain copy shows the number");
    assert!(!is_encrypted(&path)?);

    let (store, changed) = change_passphrase(&path, None, Some(&secret("correct horse")))?;
    assert!(changed.encrypted && store.status()?.encrypted);
    assert_eq!((changed.backups, changed.skipped), (2, 0), "{}", changed.summary);
    assert!(changed.summary.contains("已设置数据库密码"), "{}", changed.summary);
    let entry = store.audit_log(1)?.remove(0);
    assert_eq!(entry.action, "encrypt");
    drop(store);

    assert!(is_encrypted(&path)?);
    assert!(!file_holds(&path, &number) && !file_holds(&path, "王喆") && !file_holds(&path, "SQLite format 3"));
    for backup in backups_of(&path) {
        assert!(is_encrypted(&backup)?, "{} is encrypted", backup.display());
        assert!(!file_holds(&backup, &number), "{} hides the number", backup.display());
    }

    let missing = Store::open(&path).err().expect("no passphrase");
    assert_eq!(missing.code(), ErrorCode::Passphrase);
    assert!(missing.to_string().contains("已加密，请输入密码"), "{missing}");
    let wrong = Store::open_with_passphrase(&path, Some(&secret("Correct horse"))).err().expect("wrong passphrase");
    assert!(wrong.to_string().contains("密码不正确"), "{wrong}");

    let store = Store::open_with_passphrase(&path, Some(&secret("correct horse")))?;
    assert_eq!(snapshot(&store), before, "every record kept");
    let listed = store.backups()?.backups;
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|b| b.counts.is_some_and(|c| c.members == 1)), "the backups open with it: {listed:?}");
    Ok(())
}

#[test]
fn an_encrypted_database_backs_up_restores_and_reads_under_its_passphrase() -> dangjian::Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let path = hospital(dir.path());
    let key = secret("correct horse");
    let (mut store, _) = change_passphrase(&path, None, Some(&key))?;

    let taken = store.back_up(BackupReason::Manual, at("2026-12-02 10:00"))?.expect("a file database");
    assert!(is_encrypted(Path::new(&taken.path))?, "a new copy is encrypted as the database is");
    assert_eq!(taken.counts.map(|c| c.members), Some(1));
    let usb = dir.path().join("U盘");
    let copied = store.back_up_to(&usb, at("2026-12-02 10:05"))?;
    assert!(is_encrypted(Path::new(&copied.path))?, "a copy to a chosen folder is encrypted too");

    let reader = Store::open_reader(&path, None, Some(&key))?;
    let before = snapshot(&reader);
    branch(&store, "外科党支部");
    store.restore(Path::new(&taken.path), at("2026-12-02 11:00"))?;
    assert_eq!(snapshot(&store), before, "the restore brought back the copy");
    assert_eq!(code_of(Store::open_reader(&path, None, None)), ErrorCode::Passphrase);
    Ok(())
}

#[test]
fn changing_and_removing_the_passphrase_carry_the_backups_along() -> dangjian::Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let path = hospital(dir.path());
    let (old, new) = (secret("correct horse"), secret("battery staple"));
    drop(change_passphrase(&path, None, Some(&old))?);

    let (store, changed) = change_passphrase(&path, Some(&old), Some(&new))?;
    assert!(changed.summary.contains("已更改数据库密码"), "{}", changed.summary);
    drop(store);
    assert_eq!(code_of(Store::open_with_passphrase(&path, Some(&old))), ErrorCode::Passphrase);
    let store = Store::open_with_passphrase(&path, Some(&new))?;
    assert!(store.backups()?.backups.iter().all(|b| b.counts.is_some()), "the backups take the new one");
    drop(store);

    let (store, changed) = change_passphrase(&path, Some(&new), None)?;
    assert!(!changed.encrypted && !store.status()?.encrypted);
    assert_eq!(changed.backups, 2);
    drop(store);
    assert!(!is_encrypted(&path)?);
    assert!(backups_of(&path).iter().all(|b| !is_encrypted(b).unwrap()), "the backups are plain again");
    assert_eq!(Store::open(&path)?.backups()?.backups.len(), 2);
    Ok(())
}

#[test]
fn a_refused_change_leaves_every_byte_as_it_was() -> dangjian::Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let path = hospital(dir.path());
    let bytes = || std::fs::read(&path).unwrap();
    let plain = bytes();

    let short = change_passphrase(&path, None, Some(&secret("7 chars")));
    assert!(short.as_ref().err().unwrap().to_string().contains("至少需要 8 个字符"));
    assert_eq!(code_of(change_passphrase(&path, None, None)), ErrorCode::Invalid, "nothing to remove");
    assert_eq!(bytes(), plain);

    let open = Store::open(&path)?;
    let busy = change_passphrase(&path, None, Some(&secret("correct horse")));
    assert_eq!(code_of(busy), ErrorCode::Conflict, "another connection has it open");
    drop(open);
    assert!(!is_encrypted(&path)?, "still plain");

    let key = secret("correct horse");
    drop(change_passphrase(&path, None, Some(&key))?);
    let encrypted = bytes();
    assert_eq!(code_of(change_passphrase(&path, Some(&secret("wrong horse")), None)), ErrorCode::Passphrase);
    assert_eq!(code_of(change_passphrase(&path, None, Some(&secret("battery staple")))), ErrorCode::Passphrase);
    assert_eq!(bytes(), encrypted);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "nothing left beside it: {leftovers:?}");
    Ok(())
}

#[test]
fn a_passphrase_never_shows_in_debug_output() {
    assert_eq!(format!("{:?}", secret("correct horse")), "Passphrase(***)");
}

/// Attaches a file holding `text` to a new meeting of the store's first branch.
fn attach_text(store: &Store, dir: &Path, file_name: &str, text: &str) -> dangjian::store::Attachment {
    let b = store.list::<dangjian::store::Branch>().unwrap().remove(0);
    let meeting =
        store.create(&common::meeting_on(b.id, dangjian::store::MeetingKind::ThemeDay, "2026-11-20", vec![])).unwrap();
    let file = dir.join(file_name);
    std::fs::write(&file, text).unwrap();
    store.attach(dangjian::store::AttachmentOwner::Meeting, meeting.id, &file).unwrap()
}

/// The names of the files in the attachments folder beside `db`, sorted.
fn attachment_names(db: &Path) -> Vec<String> {
    let folder = db.with_file_name("attachments");
    let mut names: Vec<String> =
        std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn attachment_files_are_sealed_with_the_database_and_unsealed_with_it() -> dangjian::Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let path = hospital(dir.path());
    let store = Store::open(&path)?;
    let minutes = attach_text(&store, dir.path(), "会议记录.txt", "会议记录：王喆同志发言");
    // The demo, plain, in the same folder, holds a file of the same content.
    let demo = Store::open(&dir.path().join(dangjian::databases::DEMO_FILE))?;
    branch(&demo, "演示党支部");
    let shared = attach_text(&demo, dir.path(), "演示.txt", "会议记录：王喆同志发言");
    let own = attach_text(&store, dir.path(), "照片说明.txt", "照片：义诊现场");
    assert_eq!(shared.sha256, minutes.sha256, "one file for both");
    // A file whose record was deleted stays in the folder.
    let deleted = attach_text(&store, dir.path(), "已删除.txt", "已删除的会议：陈玥");
    store.delete::<dangjian::store::Meeting>(deleted.owner_id)?;
    drop(store);

    let (store, changed) = change_passphrase(&path, None, Some(&secret("correct horse")))?;
    assert!(changed.summary.contains("附件文件和备份文件夹中 2 份备份已随之加密"), "{}", changed.summary);
    let own_sealed = store.attachment_file(&own.sha256)?;
    assert!(own_sealed.exists() && !own_sealed.ends_with(&own.sha256), "{}", own_sealed.display());
    assert!(!file_holds(&own_sealed, "义诊现场"));
    let names = attachment_names(&path);
    assert!(!names.contains(&own.sha256), "the plain file is deleted: {names:?}");
    assert!(!names.contains(&deleted.sha256), "so is a deleted record's, sealed too: {names:?}");
    assert!(names.contains(&minutes.sha256), "kept while the plain demo uses it: {names:?}");
    assert!(names.iter().all(|n| *n == minutes.sha256 || n.ends_with(".sealed")), "{names:?}");
    assert_eq!(store.attachment_content(own.id)?, "照片：义诊现场".as_bytes());
    assert_eq!(store.attachment_content(minutes.id)?, "会议记录：王喆同志发言".as_bytes());
    assert_eq!(demo.attachment_content(shared.id)?, "会议记录：王喆同志发言".as_bytes(), "the demo still reads it");

    let added = attach_text(&store, dir.path(), "签到表.txt", "签到：陈玥");
    assert!(!store.attachment_file(&added.sha256)?.ends_with(&added.sha256), "a new file is sealed at once");
    assert!(attachment_names(&path).iter().all(|n| !file_holds(&path.with_file_name("attachments").join(n), "陈玥")));
    drop(store);

    let (store, changed) = change_passphrase(&path, Some(&secret("correct horse")), None)?;
    assert!(changed.summary.contains("附件文件和备份文件夹中 2 份备份已随之解密"), "{}", changed.summary);
    let (sealed, names): (Vec<String>, Vec<String>) =
        attachment_names(&path).into_iter().partition(|n| n.ends_with(".sealed"));
    let mut plain = vec![minutes.sha256.clone(), own.sha256.clone(), added.sha256.clone()];
    plain.sort();
    assert_eq!(names, plain, "plain files again");
    assert_eq!(sealed.len(), 1, "only the deleted record's file stays sealed (no record names it)");
    assert_eq!(store.attachment_content(added.id)?, "签到：陈玥".as_bytes());
    Ok(())
}

#[test]
fn a_change_cut_short_between_the_database_and_its_files_is_finished_at_the_next_opening() -> dangjian::Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let path = hospital(dir.path());
    let store = Store::open(&path)?;
    let photo = attach_text(&store, dir.path(), "照片.txt", "照片：义诊现场");
    drop(store);
    let (store, _) = change_passphrase(&path, None, Some(&secret("correct horse")))?;
    let sealed = store.attachment_file(&photo.sha256)?;
    drop(store);
    // As if killed after the database was encrypted, before its files were.
    let plain = sealed.with_file_name(&photo.sha256);
    std::fs::write(&plain, "照片：义诊现场").unwrap();
    std::fs::remove_file(&sealed).unwrap();

    let store = Store::open_with_passphrase(&path, Some(&secret("correct horse")))?;
    assert!(sealed.exists() && !plain.exists(), "sealed at the opening, the plain file deleted");
    assert_eq!(store.attachment_content(photo.id)?, "照片：义诊现场".as_bytes());

    std::fs::write(&sealed, b"damaged").unwrap();
    let err = store.attachment_content(photo.id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(err.to_string().contains("附件「照片.txt」的文件已损坏"), "{err}");
    Ok(())
}

#[test]
fn a_restored_copy_from_before_file_keys_reads_the_files_sealed_since() -> dangjian::Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let path = hospital(dir.path());
    let store = Store::open(&path)?;
    let photo = attach_text(&store, dir.path(), "照片.txt", "照片：义诊现场");
    let copy = store.back_up(BackupReason::Manual, at("2026-12-01 10:00"))?.expect("a file database");
    drop(store);
    // Make the copy one from schema version 5, which had no file key.
    {
        let conn = rusqlite::Connection::open(&copy.path).unwrap();
        conn.execute_batch("DROP TABLE file_key; PRAGMA user_version = 5;").unwrap();
    }
    let (mut store, _) = change_passphrase(&path, None, Some(&secret("correct horse")))?;
    store.restore(Path::new(&copy.path), at("2026-12-01 11:00"))?;
    assert_eq!(store.attachment_content(photo.id)?, "照片：义诊现场".as_bytes(), "the database's key was kept");
    Ok(())
}

#[test]
fn plain_files_stay_while_a_database_beside_cannot_be_read() -> dangjian::Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let path = hospital(dir.path());
    let store = Store::open(&path)?;
    let photo = attach_text(&store, dir.path(), "照片.txt", "照片：义诊现场");
    drop(store);
    // Another database beside it, under a passphrase this one does not know:
    // it may use the same plain file.
    let other = dir.path().join("另一个党委.db");
    branch(&Store::open(&other)?, "外科党支部");
    change_passphrase(&other, None, Some(&secret("another passphrase")))?;

    let (store, _) = change_passphrase(&path, None, Some(&secret("correct horse")))?;
    let plain = path.with_file_name("attachments").join(&photo.sha256);
    assert!(plain.exists(), "kept: the other database cannot be asked whether it uses it");
    assert!(store.attachment_file(&photo.sha256)?.exists(), "and sealed for this one");
    assert_eq!(store.attachment_content(photo.id)?, "照片：义诊现场".as_bytes());
    Ok(())
}
