//! Opening another database file, creating one (empty or from a JSON
//! backup) and the demo hospital in a file of its own: what each refuses,
//! and that a failure leaves no file behind.

mod common;

use dangjian::databases::{open_as, window_title, Opening};
use dangjian::store::{Branch, Member};
use dangjian::Store;

#[test]
fn opening_a_missing_file_is_refused_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("别处.db");
    let error = open_as(&missing, &Opening::Existing, None, None).err().expect("refused");
    assert!(error.to_string().contains("找不到数据库文件"), "{error}");
    assert!(!missing.exists());
}

#[test]
fn a_new_database_is_empty_and_never_overwrites_a_file() {
    let (dir, store) = common::temp_store();
    common::branch(&store, "内科党支部");
    let before = common::snapshot(&store);
    let existing = store.path().unwrap().to_path_buf();
    drop(store);

    let error = open_as(&existing, &Opening::New, None, None).err().expect("an existing file is refused");
    assert!(error.to_string().contains("已存在"), "{error}");
    assert_eq!(common::snapshot(&Store::open(&existing).unwrap()), before, "the file is untouched");

    let new = open_as(&dir.path().join("新台账.db"), &Opening::New, None, None).unwrap();
    assert!(new.is_empty().unwrap());
}

#[test]
fn a_json_backup_becomes_a_new_database_and_a_bad_one_leaves_no_file() {
    let (dir, store) = common::temp_store();
    let branch = common::branch(&store, "内科党支部");
    common::member(&store, &branch, "王喆");
    let json = dir.path().join("备份.json");
    dangjian::backup::write_json(&store, &json).unwrap();

    let copy = open_as(&dir.path().join("从备份.db"), &Opening::FromJson(json.clone()), None, None).unwrap();
    let names = |s: &Store| s.list::<Member>().unwrap().into_iter().map(|m| m.name).collect::<Vec<_>>();
    assert_eq!(names(&copy), names(&store));
    assert_eq!(copy.list::<Branch>().unwrap().len(), 1);

    let broken = dir.path().join("坏的.json");
    std::fs::write(&broken, std::fs::read_to_string(&json).unwrap().replace("王喆", "")).unwrap();
    let target = dir.path().join("不该留下.db");
    let error =
        open_as(&target, &Opening::FromJson(broken), None, None).err().expect("a member without a name is refused");
    assert!(!error.to_string().is_empty());
    for leftover in ["不该留下.db", "不该留下.db-wal", "不该留下.db-shm"] {
        assert!(!dir.path().join(leftover).exists(), "{leftover} is left behind");
    }
    let error = open_as(&target, &Opening::FromJson(dir.path().join("无此文件.json")), None, None).err().unwrap();
    assert!(error.to_string().contains("无法读取"), "{error}");
    assert!(!target.exists());
}

#[test]
fn the_demo_fills_its_own_file_once_and_keeps_what_the_user_changed() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join(dangjian::databases::DEMO_FILE);
    let today = Some(common::day("2026-12-01"));
    let store = open_as(&demo, &Opening::Demo, today, None).unwrap();
    let branches = store.list::<Branch>().unwrap();
    assert!(branches.len() >= 10, "the demo hospital is loaded");
    common::branch(&store, "试用时新增党支部");
    let changed = common::snapshot(&store);
    drop(store);

    let again = open_as(&demo, &Opening::Demo, today, None).unwrap();
    assert_eq!(common::snapshot(&again), changed, "opening the demo again keeps the trial's changes");
}

#[test]
fn the_window_title_names_the_file_and_its_folder() {
    let title = window_title(std::path::Path::new("/home/secretary/台账/dangjian.db"));
    assert_eq!(title, "党建台账 — dangjian.db（/home/secretary/台账）");
}
