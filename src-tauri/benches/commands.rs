//! Benchmark: every command a page calls when it opens, on the large demo
//! hospital (about 60 branches, 2,000 members, ten years of records), invoked
//! through the app's command layer as the window does (Tauri's mock runtime:
//! arguments and answers go through JSON, the work runs on the app's worker
//! threads). Then the member list, and a member search, while a 100,000-row
//! roster preview runs.
//!
//! Run with `cargo bench -p dangjian-app --bench commands` (a release build).
//! Prints each command's median of 5 calls after one warm-up, and the slowest
//! against the targets: 100 ms on page open, 200 ms during a preview.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Duration;

use common::{app_on, invoke, preview_in_background, timed, write_roster};
use dangjian::demo::{load_sized, DemoSize};
use serde_json::{json, Value};

const PAGE_OPEN_TARGET: Duration = Duration::from_millis(100);
const DURING_PREVIEW_TARGET: Duration = Duration::from_millis(200);
const RUNS: usize = 5;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("large.db");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let summary = load_sized(&dangjian::Store::open(&db).unwrap(), today, DemoSize::Large).unwrap();
    println!(
        "large demo: {} branches, {} members, {} meetings, {} activities",
        summary.branches, summary.members, summary.meetings, summary.activities
    );
    let (_app, window) = app_on(&db, Some(today));
    let call = |command: &str, args: Value| invoke(&window, command, args).unwrap_or_else(|e| panic!("{command}: {e}"));
    let first_id = |list: &Value| list[0]["id"].clone();
    let branches = call("branch_list", json!({}));
    let branch_ids: Vec<Value> = branches.as_array().unwrap().iter().map(|b| b["id"].clone()).collect();
    let members = call("member_list", json!({"filter": {}}));
    let brands = call("brand_list", json!({}));
    let ledger = call("meeting_ledger", json!({"year": 2026, "branchId": null}));
    let activities = call("activity_list", json!({"year": 2026, "branchId": null}));

    // What each page asks for when it opens (ui/src/pages and the components they draw).
    let page_open: Vec<(&str, &str, Value)> = vec![
        ("概览", "app_status", json!({})),
        ("概览", "overview", json!({})),
        ("概览", "year_stats", json!({"year": 2026})),
        ("支部", "branch_list", json!({})),
        ("党员", "member_list", json!({"filter": {}})),
        ("党员", "member_list", json!({"filter": {"search": "张"}})),
        ("党员", "member_get", json!({"id": first_id(&members)})),
        ("组织生活", "meeting_ledger", json!({"year": 2026, "branchId": null})),
        ("组织生活", "meeting_get", json!({"id": ledger[0]["meeting"]["id"].clone()})),
        ("组织生活", "obligation_list", json!({})),
        ("完成情况", "compliance_grid", json!({"year": 2026, "asOf": "2026-11-22"})),
        ("品牌与活动", "brand_list", json!({})),
        ("品牌与活动", "target_progress", json!({"year": 2026})),
        ("品牌与活动", "activity_list", json!({"year": 2026, "branchId": null})),
        ("品牌与活动", "activity_get", json!({"id": first_id(&activities)})),
        ("品牌与活动", "activity_kind_list", json!({})),
        ("品牌与活动", "brand_story", json!({"id": first_id(&brands), "year": 2026})),
        ("志愿服务", "volunteer_people", json!({"year": 2026})),
        ("志愿服务", "year_stats", json!({"year": 2026})),
        ("联建共建", "partner_list", json!({})),
        ("联建共建", "pairing_list", json!({"branchId": null})),
        ("荣誉", "honor_list", json!({})),
        ("意见建议", "suggestion_list", json!({})),
        ("报表", "year_note_list", json!({"year": 2026, "branchIds": branch_ids})),
        ("设置", "committee_get", json!({})),
    ];

    println!("\ncommands a page calls when it opens (median of {RUNS} after a warm-up; answer size in JSON):");
    let mut slowest = ("", Duration::ZERO);
    for (page, command, args) in &page_open {
        let (answer, _) = timed(&window, command, args.clone());
        let size = serde_json::to_vec(&answer.unwrap_or_else(|e| panic!("{command}: {e}"))).unwrap().len();
        let mut times: Vec<Duration> = (0..RUNS).map(|_| timed(&window, command, args.clone()).1).collect();
        times.sort();
        let median = times[RUNS / 2];
        if median > slowest.1 {
            slowest = (command, median);
        }
        println!("  {page:<8} {command:<20} {:>8.1} ms  {:>8.1} KiB", ms(median), size as f64 / 1024.0);
    }
    println!(
        "slowest on page open: {} {:.1} ms (target <= {} ms): {}",
        slowest.0,
        ms(slowest.1),
        PAGE_OPEN_TARGET.as_millis(),
        verdict(slowest.1 <= PAGE_OPEN_TARGET)
    );

    during_a_large_preview(&window, dir.path());
}

/// Lists members, and searches them, while a 100,000-row roster is previewed.
fn during_a_large_preview(window: &tauri::WebviewWindow<tauri::test::MockRuntime>, dir: &std::path::Path) {
    let roster = dir.join("roster-100000.xlsx");
    write_roster(&roster, 100_000);
    let preview = preview_in_background(window, &roster);
    let started = std::time::Instant::now();
    // Each answer's time, and when into the preview it was asked.
    let mut during = Vec::new();
    for search in [None, Some("张")].into_iter().cycle() {
        let asked = started.elapsed();
        let (answer, took) = timed(window, "member_list", json!({"filter": {"search": search}}));
        answer.expect("members are listed");
        if !preview.is_running() {
            break;
        }
        during.push((took, asked));
        std::thread::sleep(Duration::from_millis(50));
    }
    let (answer, preview_took) = preview.thread.join().unwrap();
    answer.expect("the preview succeeds");
    during.sort();
    let (median, (worst, worst_asked)) = (during[during.len() / 2].0, during[during.len() - 1]);
    println!(
        "\nmember list and search during a 100,000-row preview ({:.1} s): {} answers, median {:.1} ms, slowest {:.1} ms (asked {:.2} s in; target <= {} ms): {}",
        preview_took.as_secs_f64(),
        during.len(),
        ms(median),
        ms(worst),
        worst_asked.as_secs_f64(),
        DURING_PREVIEW_TARGET.as_millis(),
        verdict(worst <= DURING_PREVIEW_TARGET)
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "NOT met"
    }
}
