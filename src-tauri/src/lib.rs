//! 党建台账 desktop app: a Tauri shell over the `dangjian` core.
//!
//! It opens the database named by `DANGJIAN_DB` (or the platform data
//! directory), and exposes the commands in [`commands`], [`brand_commands`]
//! and [`report_commands`]. A database that cannot be opened does not stop the
//! window: every command then returns the opening error, which the UI shows.

mod brand_commands;
mod commands;
mod error;
mod report_commands;
mod state;

pub use state::AppState;

/// Called by the page at start-up: `event` (its first contentful paint, the frame
/// after its first) happened at `at_ms`, milliseconds since the Unix epoch by the
/// page's clock. With `DANGJIAN_BENCH` set, says so on stdout, where
/// scripts/bench_startup.py times it from the process's start; otherwise does nothing.
#[tauri::command]
fn bench_mark(event: String, at_ms: f64) {
    if std::env::var_os("DANGJIAN_BENCH").is_some() {
        println!("dangjian-bench: {event} {at_ms:.1}");
    }
}

/// Opens the database and runs the app until its window closes.
pub fn run() {
    draw_without_gpu_compositing();
    dangjian::private_files::create_private_from_now_on();
    with_commands(tauri::Builder::default(), AppState::open())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            if let Some(path) = tauri::Manager::state::<AppState>(app).path() {
                commands::show_in_title(app.handle(), &path);
            }
            tauri::async_runtime::spawn(commands::daily_backup(app.handle().clone()));
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the app window could not be started");
}

/// Has WebKitGTK draw the page in software, without GPU compositing, unless
/// `WEBKIT_DISABLE_COMPOSITING_MODE` is already set (`0` turns compositing back
/// on). The app's screens are forms, lists and still charts, which gain nothing
/// from compositing; measured by scripts/bench-startup.sh, it costs the page's
/// process 70-110 MiB and delays the first paint (README, "Speed"). Called
/// before any thread exists, as changing the environment requires.
fn draw_without_gpu_compositing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

/// `builder` with the app's state over `state` and its commands, on any
/// runtime: the real window's in [`run`], a mock one in tests and benchmarks
/// (which go without the dialog and opener plugins).
pub fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder.manage(state).manage(report_commands::LastReport::default()).invoke_handler(tauri::generate_handler![
        bench_mark,
        commands::app_status,
        commands::overview,
        commands::app_today,
        commands::database_places,
        commands::database_open,
        commands::database_unlock,
        commands::database_lock,
        commands::database_passphrase,
        commands::database_create,
        commands::database_from_json,
        commands::demo_open,
        commands::year_stats,
        commands::committee_get,
        commands::committee_set,
        commands::branch_list,
        commands::branch_create,
        commands::branch_update,
        commands::branch_delete,
        commands::group_list,
        commands::member_list,
        commands::backup_list,
        commands::backup_now,
        commands::backup_counts,
        commands::backup_restore,
        commands::backup_clear_personal,
        commands::member_get,
        commands::member_reveal,
        commands::member_create,
        commands::member_update,
        commands::member_change_status,
        commands::member_change_group,
        commands::member_transfer,
        commands::member_delete,
        commands::meeting_ledger,
        commands::meeting_get,
        commands::meeting_expected,
        commands::meeting_create,
        commands::meeting_update,
        commands::meeting_delete,
        commands::meeting_attach,
        commands::compliance_grid,
        commands::obligation_list,
        commands::obligation_update,
        commands::obligation_create,
        commands::roster_preview,
        commands::roster_import,
        commands::hours_import_preview,
        commands::hours_import,
        commands::roster_error_report,
        commands::roster_export,
        commands::roster_template,
        brand_commands::activity_kind_list,
        brand_commands::activity_kind_add,
        brand_commands::activity_kind_rename,
        brand_commands::activity_kind_remove,
        brand_commands::activity_kind_reorder,
        brand_commands::brand_list,
        brand_commands::brand_story,
        brand_commands::brand_create,
        brand_commands::brand_update,
        brand_commands::brand_delete,
        brand_commands::target_progress,
        brand_commands::activity_list,
        brand_commands::activity_get,
        brand_commands::activity_create,
        brand_commands::activity_update,
        brand_commands::activity_delete,
        brand_commands::participant_resolve,
        brand_commands::volunteer_people,
        brand_commands::partner_list,
        brand_commands::partner_create,
        brand_commands::partner_update,
        brand_commands::partner_delete,
        brand_commands::pairing_list,
        brand_commands::pairing_create,
        brand_commands::pairing_update,
        brand_commands::pairing_delete,
        brand_commands::honor_list,
        brand_commands::honor_create,
        brand_commands::honor_update,
        brand_commands::honor_delete,
        brand_commands::suggestion_list,
        brand_commands::suggestion_create,
        brand_commands::suggestion_update,
        brand_commands::suggestion_delete,
        brand_commands::stats_export,
        brand_commands::attachment_list,
        brand_commands::attachment_add,
        brand_commands::attachment_content,
        brand_commands::attachment_remove,
        report_commands::report_build,
        report_commands::report_pdf,
        report_commands::report_save,
        report_commands::year_note_list,
        report_commands::year_note_save,
    ])
}
