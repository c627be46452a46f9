//! Copies of the database file: checked, rotated, listed with what they hold,
//! and restored after a copy of the state they replace.

mod common;

use chrono::NaiveDateTime;
use common::{branch, member, snapshot, temp_store};
use dangjian::backups::BackupReason;

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("a time")
}

#[test]
fn a_backup_is_a_checked_copy_listed_with_its_reason_size_and_counts() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let b = branch(&store, "内科党支部");
    member(&store, &b, "王喆");
    let taken = store.back_up(BackupReason::Manual, at("2026-12-01 09:00"))?.expect("a file database");
    assert!(taken.path.ends_with("backups/test-20261201-090000-manual.db"), "named after test.db: {}", taken.path);
    assert_eq!(taken.taken_at, "2026-12-01 09:00:00");
    let counts = taken.counts.expect("readable");
    assert_eq!((counts.branches, counts.members, counts.meetings), (1, 1, 0));

    let list = store.backups()?;
    assert_eq!(list.backups, vec![taken.clone()]);
    assert!(list.total_size > 0 && list.total_size == taken.size);
    Ok(())
}

#[test]
fn the_daily_copy_is_taken_once_a_day() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    branch(&store, "内科党支部");
    assert!(store.back_up_daily(at("2026-12-01 08:00"))?.is_some());
    assert!(store.back_up_daily(at("2026-12-01 17:00"))?.is_none(), "already one today");
    let next = store.back_up_daily(at("2026-12-02 08:00"))?.expect("a new day");
    assert_eq!(next.reason, BackupReason::Daily);
    assert_eq!(store.backups()?.backups.len(), 2);
    Ok(())
}

#[test]
fn old_copies_are_rotated_away() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    branch(&store, "内科党支部");
    let start = at("2026-01-01 08:00");
    for day in 0..60 {
        store.back_up_daily(start + chrono::Duration::days(day))?;
    }
    let kept = store.backups()?.backups;
    assert!(kept.len() < 20, "{} copies kept of 60", kept.len());
    assert_eq!(kept[0].taken_at, "2026-03-01 08:00:00", "the newest first");
    assert!(kept.iter().any(|b| b.taken_at == "2026-01-31 08:00:00"), "the newest of January");
    assert!(!kept.iter().any(|b| b.taken_at == "2026-01-15 08:00:00"), "an ordinary January day goes");
    Ok(())
}

#[test]
fn databases_in_one_folder_keep_their_own_backups() -> dangjian::Result<()> {
    let (dir, real) = temp_store();
    branch(&real, "内科党支部");
    let demo = dangjian::Store::open(&dir.path().join(dangjian::databases::DEMO_FILE))?;
    branch(&demo, "演示党支部");
    branch(&demo, "演示第二党支部");
    assert!(demo.back_up_daily(at("2026-12-01 08:00"))?.is_some());
    let taken = real.back_up_daily(at("2026-12-01 08:05"))?.expect("the demo's copy is not the real one's");
    for day in 1..40 {
        demo.back_up_daily(at("2026-12-01 08:00") + chrono::Duration::days(day))?;
    }

    let listed = real.backups()?.backups;
    assert_eq!(listed, vec![taken], "the demo's copies are neither listed nor rotate the real one's away");
    let demo_listed = demo.backups()?.backups;
    assert!(demo_listed.len() > 1);
    assert!(demo_listed.iter().all(|b| b.path.contains("演示数据-") && b.counts.unwrap().branches == 2));
    Ok(())
}

#[test]
fn copies_named_before_copies_carried_their_databases_name_stay_listed() -> dangjian::Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let store = dangjian::Store::open(&dir.path().join("党委.db"))?;
    branch(&store, "内科党支部");
    let taken = store.back_up(BackupReason::Daily, at("2026-11-30 08:00"))?.expect("a file database");
    // Every copy was called dangjian-… before.
    let old = std::path::Path::new(&taken.path).with_file_name("dangjian-20261130-080000-daily.db");
    std::fs::rename(&taken.path, &old).unwrap();
    let listed = store.backups()?.backups;
    assert_eq!(listed.len(), 1, "the only database of its folder keeps its older copies");
    assert_eq!(listed[0].path, old.display().to_string());

    let default = dangjian::Store::open(&dir.path().join("dangjian.db"))?;
    assert!(store.backups()?.backups.is_empty(), "with dangjian.db beside it, they are that one's");
    assert_eq!(default.backups()?.backups.len(), 1);
    Ok(())
}

#[test]
fn a_backup_to_a_chosen_folder_is_checked_and_left_out_of_the_rotation() -> dangjian::Result<()> {
    let (dir, store) = temp_store();
    branch(&store, "内科党支部");
    let usb = dir.path().join("U盘");
    let copy = store.back_up_to(&usb, at("2026-12-01 09:00"))?;
    assert!(copy.path.starts_with(usb.to_str().unwrap()));
    assert_eq!(copy.counts.map(|c| c.branches), Some(1));
    assert!(store.backups()?.backups.is_empty());
    Ok(())
}

#[test]
fn a_restore_brings_the_copy_back_after_copying_what_it_replaces() -> dangjian::Result<()> {
    let (_dir, mut store) = temp_store();
    let b = branch(&store, "内科党支部");
    member(&store, &b, "王喆");
    let yesterday = store.back_up(BackupReason::Daily, at("2026-11-30 08:00"))?.expect("a copy");
    let then = snapshot(&store);
    member(&store, &b, "李堃");
    let now = snapshot(&store);

    let replaced = store.restore(std::path::Path::new(&yesterday.path), at("2026-12-01 09:00"))?.expect("a copy");
    assert_eq!(snapshot(&store), then, "the data of the copy");
    assert_eq!(replaced.reason, BackupReason::BeforeRestore);
    assert_eq!(replaced.counts.map(|c| c.members), Some(2), "the replaced state, 李堃 included, is kept");
    let log = store.audit_log(1)?;
    assert_eq!(log[0].action, "restore");
    assert!(log[0].after.as_deref().unwrap().contains(&yesterday.path));

    store.restore(std::path::Path::new(&replaced.path), at("2026-12-01 09:05"))?;
    assert_eq!(snapshot(&store), now, "and back again");
    Ok(())
}

#[test]
fn a_damaged_copy_is_refused_and_the_database_is_left_as_it_was() -> dangjian::Result<()> {
    let (dir, mut store) = temp_store();
    let b = branch(&store, "内科党支部");
    member(&store, &b, "王喆");
    let copy = store.back_up(BackupReason::Manual, at("2026-12-01 09:00"))?.expect("a copy");
    let mut bytes = std::fs::read(&copy.path).expect("the copy");
    let half = bytes.len() / 2;
    bytes.truncate(half);
    let damaged = dir.path().join("damaged.db");
    std::fs::write(&damaged, bytes).expect("written");
    let before = snapshot(&store);

    let error = store.restore(&damaged, at("2026-12-01 09:05")).unwrap_err().to_string();
    assert!(error.contains("损坏") && error.contains("damaged.db"), "{error}");
    assert_eq!(snapshot(&store), before);
    assert_eq!(store.backups()?.backups.len(), 1, "no copy taken for a restore that did not happen");

    let missing = store.restore(&dir.path().join("没有这个文件.db"), at("2026-12-01 09:06")).unwrap_err().to_string();
    assert!(missing.contains("找不到备份文件") && missing.contains("没有这个文件.db"), "{missing}");

    let text = dir.path().join("notes.db");
    std::fs::write(&text, "这不是数据库").expect("written");
    assert!(store.restore(&text, at("2026-12-01 09:06")).is_err());
    assert_eq!(snapshot(&store), before);
    Ok(())
}

/// Whether `needle` appears anywhere in the bytes of the file at `path`.
fn file_holds(path: &std::path::Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).expect("the file");
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn erasing_old_backups_removes_deleted_members_personal_data_and_keeps_the_rest() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let b = branch(&store, "内科党支部");
    let gone_id = common::id_number("19850312", 1);
    let stays_id = common::id_number("19900708", 2);
    let mut gone = dangjian::store::Member::new("王喆", b.id);
    gone.id_number = Some(gone_id.clone());
    gone.phone = Some("13812345678".into());
    let gone = store.create(&gone)?;
    let mut stays = dangjian::store::Member::new("李堃", b.id);
    stays.id_number = Some(stays_id.clone());
    store.create(&stays)?;
    let old = store.back_up(BackupReason::Manual, at("2026-11-01 09:00"))?.unwrap();
    store.delete::<dangjian::store::Member>(gone.id)?;
    let recent = store.back_up(BackupReason::Manual, at("2026-11-20 09:00"))?.unwrap();
    let recent_bytes = std::fs::read(&recent.path).unwrap();
    assert!(file_holds(std::path::Path::new(&old.path), &gone_id), "the old copy holds the number at first");

    let done = store.erase_deleted_members_from_backups(common::day("2026-11-15"))?;
    assert_eq!((done.backups, done.rewritten, done.members), (1, 1, 1));
    let old_path = std::path::Path::new(&old.path);
    assert!(!file_holds(old_path, &gone_id), "no trace of the number, not even in free pages");
    assert!(!file_holds(old_path, "13812345678"));
    assert!(file_holds(old_path, &stays_id), "a member still here keeps their data in the copy");
    assert_eq!(std::fs::read(&recent.path).unwrap(), recent_bytes, "a copy after the day chosen is untouched");
    let log = store.audit_log(1)?;
    assert_eq!(log[0].action, "erase");

    // The copy still restores, with the deleted member's record but not their numbers.
    let (_other_dir, mut other) = temp_store();
    other.restore(old_path, at("2026-12-01 09:00"))?;
    let members: Vec<dangjian::store::Member> = other.list()?;
    let restored = members.iter().find(|m| m.name == "王喆").expect("the record itself stays");
    assert_eq!((restored.id_number.as_deref(), restored.phone.as_deref()), (None, None));
    Ok(())
}

#[test]
fn a_deleted_members_numbers_leave_the_database_file() -> dangjian::Result<()> {
    let (dir, store) = temp_store();
    let b = branch(&store, "内科党支部");
    let number = common::id_number("19850312", 1);
    let mut m = dangjian::store::Member::new("王喆", b.id);
    m.id_number = Some(number.clone());
    let m = store.create(&m)?;
    store.delete::<dangjian::store::Member>(m.id)?;
    drop(store);
    for file in std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).filter(|e| e.path().is_file()) {
        assert!(!file_holds(&file.path(), &number), "{} still holds the number", file.path().display());
    }
    Ok(())
}
