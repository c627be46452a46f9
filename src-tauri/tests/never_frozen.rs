//! The window never waits on long work: while a 100,000-row roster preview
//! runs, listing members still answers, through the same command layer the
//! page invokes. (Its speed in the release build is printed by
//! `cargo bench -p dangjian-app --bench commands`.)

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{app_on, invoke, preview_in_background, timed, write_roster};
use serde_json::json;
use tauri::Listener;

#[test]
fn members_are_listed_while_a_large_roster_preview_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dangjian.db");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    dangjian::demo::load(&dangjian::Store::open(&db).unwrap(), today).unwrap();
    let roster = dir.path().join("全院党员名册.xlsx");
    write_roster(&roster, 100_000);
    let (app, window) = app_on(&db, Some(today));
    let demo_members = invoke(&window, "member_list", json!({"filter": {}})).unwrap().as_array().unwrap().len();

    // The preview's first progress event says it is under way.
    let started = Arc::new(AtomicBool::new(false));
    let flag = started.clone();
    app.listen_any("import-progress", move |_| flag.store(true, Ordering::SeqCst));
    let preview = preview_in_background(&window, &roster);
    while !started.load(Ordering::SeqCst) {
        assert!(preview.is_running(), "the preview ended before it reported progress");
        std::thread::sleep(Duration::from_millis(5));
    }

    // List members over and over; keep the answers that came while the preview was still running.
    let mut during = Vec::new();
    while preview.is_running() {
        let (listed, took) = timed(&window, "member_list", json!({"filter": {"search": "张"}}));
        let listed = listed.expect("members are listed during the preview");
        if preview.is_running() {
            assert!(!listed.as_array().unwrap().is_empty(), "the search finds the demo's 张 members");
            during.push(took);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let report = preview.thread.join().unwrap().0.expect("the preview succeeds");

    assert_eq!(report["new"].as_u64(), Some(100_000), "the whole roster was previewed: {}", report["errors"]);
    assert!(during.len() >= 3, "only {} lists answered while the preview ran", during.len());
    during.sort();
    println!(
        "member_list during a 100,000-row preview: {} answers, median {:?}, slowest {:?}",
        during.len(),
        during[during.len() / 2],
        during[during.len() - 1]
    );
    let after = invoke(&window, "member_list", json!({"filter": {}})).unwrap();
    assert_eq!(after.as_array().unwrap().len(), demo_members, "a preview changes nothing");
}
