//! Two windows never write the same database file: a second app started on a
//! file another has open is refused, and says why, before it reads or upgrades it.

mod common;

use common::{app_on, invoke};
use serde_json::json;

#[test]
fn a_second_window_on_the_same_database_is_refused_and_says_which_window_to_use() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("dangjian.db");
    let (_first_app, first) = app_on(&path, None);
    let listed = invoke(&first, "branch_list", json!({})).expect("the first window reads");

    let (_second_app, second) = app_on(&path, None);
    let refused = invoke(&second, "branch_list", json!({})).expect_err("the second window is refused");
    assert_eq!(refused["code"], "conflict");
    let message = refused["message"].as_str().unwrap();
    assert!(message.contains("已在另一个党建台账窗口中打开") && message.contains("dangjian.db"), "{message}");

    assert_eq!(invoke(&first, "branch_list", json!({})).expect("the first window goes on"), listed);
    let other = dir.path().join("另一个.db");
    let (_third_app, third) = app_on(&other, None);
    assert!(invoke(&third, "branch_list", json!({})).is_ok(), "another file opens beside it");
}
