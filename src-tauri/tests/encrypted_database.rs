//! An encrypted database in the app: started on one, or locked by the user,
//! every command says it needs the passphrase until `database_unlock` gets
//! the right one; the passphrase is then changed and removed with the
//! database in use, readers and all, and the file is read again after each change.

mod common;

use common::{app_on, invoke};
use dangjian::encryption::{change_passphrase, is_encrypted, Passphrase};
use dangjian::store::Branch;
use dangjian::Store;
use serde_json::json;

fn branch_names(window: &tauri::WebviewWindow<tauri::test::MockRuntime>) -> Result<Vec<String>, serde_json::Value> {
    let listed = invoke(window, "branch_list", json!({}))?;
    Ok(listed.as_array().unwrap().iter().map(|b| b["name"].as_str().unwrap().to_string()).collect())
}

#[test]
fn the_app_asks_for_the_passphrase_then_changes_and_removes_it_in_use() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Nothing is remembered in the user's data folder while DANGJIAN_DB pins
    // the file. One test in this binary, so no other reads the variable meanwhile.
    let path = dir.path().join("dangjian.db");
    std::env::set_var("DANGJIAN_DB", &path);
    Store::open(&path).unwrap().create(&Branch::new("内科党支部")).unwrap();
    drop(change_passphrase(&path, None, Some(&Passphrase::new("correct horse".into()))).unwrap());
    let (_app, window) = app_on(&path, None);

    let locked = branch_names(&window).expect_err("locked");
    assert_eq!(locked["code"], "passphrase", "{locked}");
    assert!(locked["message"].as_str().unwrap().contains("已加密，请输入密码"), "{locked}");
    let wrong = invoke(&window, "database_unlock", json!({"passphrase": "wrong horse"})).expect_err("wrong");
    assert_eq!(wrong["code"], "passphrase");
    let status = invoke(&window, "database_unlock", json!({"passphrase": "correct horse"})).expect("unlocked");
    assert_eq!(status["encrypted"], true);
    assert_eq!(branch_names(&window).unwrap(), ["内科党支部"], "readers open with the passphrase");

    invoke(&window, "database_lock", json!({})).expect("locked by the user");
    let locked = branch_names(&window).expect_err("locked again");
    assert_eq!(locked["code"], "passphrase", "{locked}");
    assert!(locked["message"].as_str().unwrap().contains("已锁定"), "{locked}");
    invoke(&window, "database_unlock", json!({"passphrase": "correct horse"})).expect("unlocked again");
    assert_eq!(branch_names(&window).unwrap(), ["内科党支部"]);

    let wrong_current = json!({"current": "wrong horse", "new": "battery staple"});
    let refused = invoke(&window, "database_passphrase", wrong_current).expect_err("the current one is checked");
    assert_eq!(refused["code"], "passphrase");
    assert_eq!(branch_names(&window).unwrap(), ["内科党支部"], "a refusal keeps the file open as it was");

    let changed = invoke(&window, "database_passphrase", json!({"current": "correct horse", "new": "battery staple"}))
        .expect("changed");
    assert_eq!(changed["encrypted"], true);
    invoke(&window, "branch_create", json!({"branch": Branch::new("外科党支部")})).expect("writes go on");
    assert_eq!(branch_names(&window).unwrap(), ["内科党支部", "外科党支部"]);
    let old = Passphrase::new("correct horse".into());
    assert!(Store::open_with_passphrase(&path, Some(&old)).is_err(), "the old passphrase no longer opens it");

    let removed =
        invoke(&window, "database_passphrase", json!({"current": "battery staple", "new": null})).expect("removed");
    assert_eq!(removed["encrypted"], false);
    assert!(!is_encrypted(&path).unwrap());
    assert_eq!(invoke(&window, "app_status", json!({})).unwrap()["encrypted"], false);
    assert_eq!(branch_names(&window).unwrap(), ["内科党支部", "外科党支部"]);
    let refused = invoke(&window, "database_lock", json!({})).expect_err("a plain file cannot be locked");
    assert!(refused["message"].as_str().unwrap().contains("没有加密"), "{refused}");
}
