//! Backups through the app's command layer: take one, preview what it holds,
//! restore it while the window has the database open.

mod common;

use common::{app_on, invoke};
use dangjian::store::Branch;
use dangjian::Store;
use serde_json::json;

fn add_branch(path: &std::path::Path, name: &str) {
    Store::open(path).expect("the database").create(&Branch::new(name)).expect("a branch");
}

#[test]
fn a_backup_taken_in_the_app_is_previewed_then_restored_over_the_open_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("dangjian.db");
    add_branch(&path, "内科党支部");
    let (_app, window) = app_on(&path, None);

    let taken = invoke(&window, "backup_now", json!({})).expect("a backup");
    assert_eq!(taken["reason"], "manual");
    let file = taken["path"].as_str().unwrap().to_string();
    let listed = invoke(&window, "backup_list", json!({})).expect("the list");
    assert_eq!(listed["backups"][0]["path"], file.as_str());

    add_branch(&path, "外科党支部");
    assert_eq!(invoke(&window, "branch_list", json!({})).unwrap().as_array().unwrap().len(), 2);
    let preview = invoke(&window, "backup_counts", json!({"file": file})).expect("a preview");
    assert_eq!(preview["branches"], 1);

    let kept = invoke(&window, "backup_restore", json!({"file": file})).expect("restored");
    assert_eq!(kept["reason"], "before_restore");
    let branches = invoke(&window, "branch_list", json!({})).unwrap();
    assert_eq!(branches.as_array().unwrap().len(), 1, "every read connection sees the restored data: {branches}");

    let usb = dir.path().join("U盘");
    let copied = invoke(&window, "backup_now", json!({"folder": usb})).expect("a copy on the drive");
    assert!(copied["path"].as_str().unwrap().contains("U盘"));
    let refused = invoke(&window, "backup_restore", json!({"file": dir.path().join("没有这个文件.db")}));
    assert!(refused.is_err());
}
