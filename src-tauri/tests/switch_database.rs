//! Working on another database file from the app: open one, create one (empty
//! or from a JSON backup), the demo in a file of its own. Every command then
//! reads the new file, the old one is let go (another window may open it),
//! and a failure keeps the file in use. (The mock window keeps no title: the
//! end-to-end spec settings-database checks the real one.)

mod common;

use common::{app_on, invoke};
use dangjian::store::Branch;
use dangjian::Store;
use serde_json::json;

fn branch_names(window: &tauri::WebviewWindow<tauri::test::MockRuntime>) -> Vec<String> {
    let listed = invoke(window, "branch_list", json!({})).expect("the branches");
    listed.as_array().unwrap().iter().map(|b| b["name"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_app_switches_files_lets_the_old_one_go_and_keeps_it_on_a_failure() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The demo's file goes beside the database DANGJIAN_DB names, and nothing is
    // remembered in the user's data folder. One test in this binary, so no
    // other reads the variable meanwhile.
    let real = dir.path().join("dangjian.db");
    std::env::set_var("DANGJIAN_DB", &real);
    Store::open(&real).unwrap().create(&Branch::new("内科党支部")).unwrap();
    let other = dir.path().join("分院.db");
    Store::open(&other).unwrap().create(&Branch::new("分院党支部")).unwrap();
    let (_app, window) = app_on(&real, None);
    assert_eq!(branch_names(&window), ["内科党支部"]);

    let status = invoke(&window, "database_open", json!({"file": other})).expect("another file opens");
    assert_eq!(status["path"], other.display().to_string());
    assert_eq!(branch_names(&window), ["分院党支部"], "every command reads the file opened");
    let lock = std::fs::File::open(dir.path().join("dangjian.db.window-lock")).unwrap();
    lock.try_lock().expect("the file left is no longer locked: another window may open it");
    lock.unlock().unwrap();

    let refused = invoke(&window, "database_open", json!({"file": dir.path().join("没有.db")})).expect_err("refused");
    assert!(refused["message"].as_str().unwrap().contains("找不到数据库文件"), "{refused}");
    let refused = invoke(&window, "database_create", json!({"file": real})).expect_err("never over a file");
    assert!(refused["message"].as_str().unwrap().contains("已存在"), "{refused}");
    assert_eq!(branch_names(&window), ["分院党支部"], "a failure keeps the file in use");

    let json_file = dir.path().join("分院.json");
    dangjian::backup::write_json(&Store::open(&real).unwrap(), &json_file).unwrap();
    let copy = dir.path().join("副本.db");
    invoke(&window, "database_from_json", json!({"json": json_file, "file": copy})).expect("a new file from JSON");
    assert_eq!(branch_names(&window), ["内科党支部"]);

    let empty = dir.path().join("新建.db");
    let status = invoke(&window, "database_create", json!({"file": empty})).expect("a new file");
    assert_eq!(status["empty"], true);
    assert!(branch_names(&window).is_empty());

    let status = invoke(&window, "demo_open", json!({})).expect("the demo in its own file");
    assert_eq!(status["path"], dir.path().join(dangjian::databases::DEMO_FILE).display().to_string());
    assert!(branch_names(&window).len() >= 10, "the demo hospital");
    assert_eq!(Store::open(&real).map(|s| s.list::<Branch>().unwrap().len()).unwrap(), 1, "the real file is untouched");
    let places = invoke(&window, "database_places", json!({})).unwrap();
    assert_eq!(places["default"], real.display().to_string());

    invoke(&window, "database_open", json!({"file": real})).expect("back to the real file");
    assert_eq!(branch_names(&window), ["内科党支部"]);
    let again =
        invoke(&window, "database_open", json!({"file": real})).expect("opening the file in use changes nothing");
    assert_eq!(again["path"], real.display().to_string());
}
