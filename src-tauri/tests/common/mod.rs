//! The app's commands as the window invokes them, over Tauri's mock runtime,
//! for the tests and the command benchmark (benches/commands.rs); and a large
//! roster written by a real writer (rust_xlsxwriter).

#![allow(dead_code)]

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use dangjian_app_lib::{with_commands, AppState};
use serde_json::Value;
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::{App, WebviewWindow};

/// The app over the database at `path` (created if needed), with its window.
pub fn app_on(path: &Path, today: Option<chrono::NaiveDate>) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = with_commands(mock_builder(), AppState::at(path.to_path_buf(), today))
        .build(mock_context(noop_assets()))
        .expect("the app builds over the mock runtime");
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("a window");
    (app, window)
}

/// Invokes `command` with `args` as the page does, waiting for its answer.
pub fn invoke(window: &WebviewWindow<MockRuntime>, command: &str, args: Value) -> Result<Value, Value> {
    let request = tauri::webview::InvokeRequest {
        cmd: command.into(),
        callback: tauri::ipc::CallbackFn(0),
        error: tauri::ipc::CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: tauri::ipc::InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().expect("an answer in JSON"))
}

/// [`invoke`], with the time the answer took.
pub fn timed(window: &WebviewWindow<MockRuntime>, command: &str, args: Value) -> (Result<Value, Value>, Duration) {
    let started = Instant::now();
    let answer = invoke(window, command, args);
    (answer, started.elapsed())
}

/// A roster preview started on another thread, as the import page starts one.
pub struct Preview {
    /// True until the preview has answered.
    pub running: Arc<AtomicBool>,
    /// The preview's answer and how long it took.
    pub thread: JoinHandle<(Result<Value, Value>, Duration)>,
}

impl Preview {
    /// Whether the preview is still running.
    pub fn is_running(&self) -> bool {
        self.running.load(Ordering::SeqCst)
    }
}

/// Starts previewing `roster` (with the import page's options) on another thread.
pub fn preview_in_background(window: &WebviewWindow<MockRuntime>, roster: &Path) -> Preview {
    let running = Arc::new(AtomicBool::new(true));
    let (window, flag, roster) = (window.clone(), running.clone(), roster.to_path_buf());
    let options = serde_json::json!({"sheet": null, "mapping": {}, "skip_invalid": false, "create_branches": true, "include_rows": true});
    let thread = std::thread::spawn(move || {
        let answer = timed(&window, "roster_preview", serde_json::json!({"file": roster, "options": options}));
        flag.store(false, Ordering::SeqCst);
        answer
    });
    Preview { running, thread }
}

/// Writes a roster of `rows` members in ten columns (序号 姓名 性别 身份证号
/// 出生日期 人员类别 所在党支部 入党时间 科室 手机号码), spread over 40 branches.
///
/// The workbook is built and dropped on a thread of its own: freed on the
/// caller's thread, its hundreds of thousands of small allocations left that
/// thread's malloc arena to consolidate for a quarter of a second during its
/// next allocations, which a measurement made on it (the command right after)
/// then charged to the app.
pub fn write_roster(path: &Path, rows: usize) {
    let path = path.to_path_buf();
    std::thread::spawn(move || write_roster_here(&path, rows)).join().expect("the roster is written");
}

fn write_roster_here(path: &Path, rows: usize) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let headers =
        ["序号", "姓名", "性别", "身份证号", "出生日期", "人员类别", "所在党支部", "入党时间", "科室", "手机号码"];
    for (c, header) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *header).unwrap();
    }
    for i in 0..rows {
        let birth = format!("19{:02}{:02}{:02}", 60 + i % 40, 1 + i % 12, 1 + i % 28);
        let first17 = format!("{:06}{birth}{:03}", 110_101 + (i / 1000) % 800, i % 1000);
        let id = format!("{first17}{}", dangjian::id_number::check_char(&first17));
        let row = [
            (i + 1).to_string(),
            format!("党员{i}"),
            (if i % 2 == 1 { "男" } else { "女" }).to_string(),
            id,
            format!("{}-{}-{}", &birth[..4], &birth[4..6], &birth[6..]),
            "正式党员".to_string(),
            format!("第{}党支部", i % 40 + 1),
            format!("{}-07-01", birth[..4].parse::<i32>().unwrap() + 25),
            "内科".to_string(),
            format!("138{i:08}"),
        ];
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(i as u32 + 1, c as u16, value).unwrap();
        }
    }
    workbook.save(path).unwrap();
}
