//! The commands the UI invokes, grouped by domain. Each is one call into the
//! core library, run off the main thread on a read or the write connection
//! (see [`AppState`]); errors become [`ApiError`].

use std::path::PathBuf;

use chrono::NaiveDate;
use dangjian::backups::{BackupCounts, BackupInfo, BackupList};
use dangjian::databases::{DatabasePlaces, Opening};
use dangjian::date::PartialDate;
use dangjian::encryption::{Passphrase, PassphraseChanged};
use dangjian::import::{self, HoursOptions, ImportProgress, ImportReport, RosterOptions};
use dangjian::overview::Overview;
use dangjian::rules::compliance::Compliance;
use dangjian::rules::LedgerEntry;
use dangjian::stats::YearStats;
use dangjian::store::{
    Attachment, AttachmentOwner, Branch, BranchView, Committee, Meeting, MeetingKind, Member, MemberDetail,
    MemberFilter, MemberStatus, Obligation, PartyGroup, PersonalNumbers, StoreStatus,
};
use dangjian::Store;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::error::ApiResult;
use crate::state::{in_background, locked, AppState};

// ---- app ----

/// The database in use and whether it is empty (for the first-run offer).
#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> ApiResult<StoreStatus> {
    state.read(Store::status).await
}

/// Works on the database at `path`, opened as `opening` asks, from now on
/// (see [`AppState::switch_to`]), and names it in the window's title.
async fn switch<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    path: PathBuf,
    opening: Opening,
    passphrase: Option<Passphrase>,
) -> ApiResult<StoreStatus> {
    let status = state.switch_to(path, opening, passphrase).await?;
    show_in_title(app, std::path::Path::new(&status.path));
    Ok(status)
}

/// Names the database at `path` in the main window's title.
pub(crate) fn show_in_title<R: Runtime>(app: &AppHandle<R>, path: &std::path::Path) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.set_title(&dangjian::databases::window_title(path));
    }
}

/// Where the app's own database files are: the default one and the demo's.
#[tauri::command]
pub async fn database_places() -> ApiResult<DatabasePlaces> {
    Ok(DatabasePlaces::here()?)
}

/// Opens the existing database `file` in place of the one in use;
/// `passphrase` opens it if it is encrypted.
#[tauri::command]
pub async fn database_open<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    file: PathBuf,
    passphrase: Option<String>,
) -> ApiResult<StoreStatus> {
    switch(&app, &state, file, Opening::Existing, passphrase.map(Passphrase::new)).await
}

/// Opens with `passphrase` the encrypted database the app started on.
#[tauri::command]
pub async fn database_unlock<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    passphrase: String,
) -> ApiResult<StoreStatus> {
    let status = state.unlock(Passphrase::new(passphrase)).await?;
    show_in_title(&app, std::path::Path::new(&status.path));
    tauri::async_runtime::spawn(daily_backup(app.clone()));
    Ok(status)
}

/// Locks the encrypted database in use until `database_unlock`.
#[tauri::command]
pub async fn database_lock(state: State<'_, AppState>) -> ApiResult<()> {
    state.lock()
}

/// Sets (`current` none), changes, or removes (`new` none) the passphrase
/// of the database in use; its backups follow.
#[tauri::command]
pub async fn database_passphrase(
    state: State<'_, AppState>,
    current: Option<String>,
    new: Option<String>,
) -> ApiResult<PassphraseChanged> {
    state.change_passphrase(current.map(Passphrase::new), new.map(Passphrase::new)).await
}

/// Creates the empty database `file` and works on it.
#[tauri::command]
pub async fn database_create<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    file: PathBuf,
) -> ApiResult<StoreStatus> {
    switch(&app, &state, file, Opening::New, None).await
}

/// Creates the database `file` from the JSON backup `json` and works on it.
#[tauri::command]
pub async fn database_from_json<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    json: PathBuf,
    file: PathBuf,
) -> ApiResult<StoreStatus> {
    switch(&app, &state, file, Opening::FromJson(json), None).await
}

/// Works on the demo hospital's database, filling it on first use.
#[tauri::command]
pub async fn demo_open<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> ApiResult<StoreStatus> {
    switch(&app, &state, dangjian::databases::demo_path()?, Opening::Demo, None).await
}

// ---- backups ----

/// The local time now, for the names of backups.
fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Takes the day's backup on the first start of the day, after the window is
/// up, at a lower priority. A failure is logged (as every error is) and the
/// app goes on.
pub(crate) async fn daily_backup<R: Runtime>(app: AppHandle<R>) {
    let state = app.state::<AppState>();
    let _ = state.write_in_background(|store| store.back_up_daily(now())).await;
}

/// The rotated backups, newest first, with what each holds and their total size.
#[tauri::command]
pub async fn backup_list(state: State<'_, AppState>) -> ApiResult<BackupList> {
    state.read_in_background(Store::backups).await
}

/// Takes a checked backup now: into the backups folder (rotated), or into
/// `folder` (a USB drive) when given.
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>, folder: Option<PathBuf>) -> ApiResult<BackupInfo> {
    state.write_in_background(move |store| store.back_up_now(folder.as_deref(), now())).await
}

/// What restoring `file` would bring back, after checking it (the preview).
#[tauri::command]
pub async fn backup_counts(state: State<'_, AppState>, file: PathBuf) -> ApiResult<BackupCounts> {
    state.read_in_background(move |store| store.backup_counts(&file)).await
}

/// Replaces the whole database with the backup `file`, after a backup of
/// the state it replaces (returned).
#[tauri::command]
pub async fn backup_restore(state: State<'_, AppState>, file: PathBuf) -> ApiResult<Option<BackupInfo>> {
    state.write_in_background(move |store| store.restore(&file, now())).await
}

/// 清除历史个人信息: erases deleted members' personal data from the backups
/// taken before `before`; says what it did.
#[tauri::command]
pub async fn backup_clear_personal(state: State<'_, AppState>, before: NaiveDate) -> ApiResult<String> {
    state.write_in_background(move |store| Ok(store.erase_deleted_members_from_backups(before)?.summary())).await
}

/// The top of the home screen in one call: today, the committee and the to-do
/// list (the year's figures are `year_stats`, asked once scrolled near).
#[tauri::command]
pub async fn overview(state: State<'_, AppState>) -> ApiResult<Overview> {
    state.read(move |store| store.overview()).await
}

/// The day the app takes as today (the store's, never the webview's clock).
#[tauri::command]
pub async fn app_today(state: State<'_, AppState>) -> ApiResult<NaiveDate> {
    state.read(move |store| Ok(store.today())).await
}

/// The figures of one year.
#[tauri::command]
pub async fn year_stats(state: State<'_, AppState>, year: i32) -> ApiResult<YearStats> {
    state.read(move |store| store.year_stats(year)).await
}

// ---- committee ----

/// The committee's names.
#[tauri::command]
pub async fn committee_get(state: State<'_, AppState>) -> ApiResult<Committee> {
    state.read(Store::committee).await
}

/// Sets the committee's names.
#[tauri::command]
pub async fn committee_set(state: State<'_, AppState>, committee: Committee) -> ApiResult<Committee> {
    state.write(move |store| store.set_committee(&committee)).await
}

// ---- branches ----

/// Every branch, active first.
#[tauri::command]
pub async fn branch_list(state: State<'_, AppState>) -> ApiResult<Vec<BranchView>> {
    state.read(Store::branch_views).await
}

/// Creates a branch.
#[tauri::command]
pub async fn branch_create(state: State<'_, AppState>, branch: Branch) -> ApiResult<Branch> {
    state.write(move |store| store.create(&branch)).await
}

/// Saves changes to a branch.
#[tauri::command]
pub async fn branch_update(state: State<'_, AppState>, branch: Branch) -> ApiResult<Branch> {
    state.write(move |store| store.update(&branch)).await
}

/// Deletes an unused branch.
#[tauri::command]
pub async fn branch_delete(state: State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.write(move |store| store.delete::<Branch>(id)).await
}

/// The party groups of a branch.
#[tauri::command]
pub async fn group_list(state: State<'_, AppState>, branch_id: i64) -> ApiResult<Vec<PartyGroup>> {
    state.read(move |store| store.groups_of(branch_id)).await
}

// ---- members ----

/// Members matching the filter, ID and phone masked.
#[tauri::command]
pub async fn member_list(state: State<'_, AppState>, filter: MemberFilter) -> ApiResult<Vec<Member>> {
    state.read(move |store| store.listed_members(&filter, false)).await
}

/// One member, ID and phone masked, with history, Party age and probation end.
#[tauri::command]
pub async fn member_get(state: State<'_, AppState>, id: i64) -> ApiResult<MemberDetail> {
    state.read(move |store| store.member_detail(id, false)).await
}

/// One member's full ID and phone numbers (显示); the audit log records it.
#[tauri::command]
pub async fn member_reveal(state: State<'_, AppState>, id: i64) -> ApiResult<PersonalNumbers> {
    state.write(move |store| store.reveal_member(id)).await
}

/// Creates a member; the answer is masked.
#[tauri::command]
pub async fn member_create(state: State<'_, AppState>, member: Member) -> ApiResult<Member> {
    state.write(move |store| Ok(store.create(&member)?.masked())).await
}

/// Saves changes to a member (a branch change is recorded as a transfer); an
/// ID or phone number sent back masked stays as stored. The answer is masked.
#[tauri::command]
pub async fn member_update(state: State<'_, AppState>, member: Member) -> ApiResult<Member> {
    state.write(move |store| Ok(store.update(&member)?.masked())).await
}

/// Changes a member's 党籍状态 as of a date (转出 when they leave the hospital, 去世, …).
#[tauri::command]
pub async fn member_change_status(
    state: State<'_, AppState>,
    id: i64,
    status: MemberStatus,
    date: PartialDate,
    note: Option<String>,
) -> ApiResult<MemberDetail> {
    state.write(move |store| store.member_detail(store.change_member_status(id, status, date, note)?.id, false)).await
}

/// Moves a member to another party group of their branch (or out of any) as of a date.
#[tauri::command]
pub async fn member_change_group(
    state: State<'_, AppState>,
    id: i64,
    group_id: Option<i64>,
    date: PartialDate,
) -> ApiResult<MemberDetail> {
    state.write(move |store| store.member_detail(store.change_member_group(id, group_id, date)?.id, false)).await
}

/// Transfers a member to another branch as of a date (组织关系转接).
#[tauri::command]
pub async fn member_transfer(
    state: State<'_, AppState>,
    id: i64,
    to_branch_id: i64,
    date: PartialDate,
    note: Option<String>,
) -> ApiResult<MemberDetail> {
    state.write(move |store| store.member_detail(store.transfer_member(id, to_branch_id, date, note)?.id, false)).await
}

/// Deletes a member who appears in no record.
#[tauri::command]
pub async fn member_delete(state: State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.write(move |store| store.delete::<Member>(id)).await
}

// ---- organisational life ----

/// The ledger of a year as the list shows it: each meeting of one branch (or
/// all) with its counts and findings, without attendance rows or long texts.
#[tauri::command]
pub async fn meeting_ledger(
    state: State<'_, AppState>,
    year: i32,
    branch_id: Option<i64>,
) -> ApiResult<Vec<LedgerEntry>> {
    state.read(move |store| store.listed_ledger(year, branch_id)).await
}

/// One meeting with its findings and attachments.
#[tauri::command]
pub async fn meeting_get(state: State<'_, AppState>, id: i64) -> ApiResult<LedgerEntry> {
    state.read(move |store| store.meeting_entry(id)).await
}

/// Who should attend a meeting (应到), as the roster stood on its day; masked.
#[tauri::command]
pub async fn meeting_expected(
    state: State<'_, AppState>,
    branch_id: i64,
    kind: MeetingKind,
    group_id: Option<i64>,
    date: NaiveDate,
) -> ApiResult<Vec<Member>> {
    state
        .read(move |store| {
            Ok(store.expected_attendees(branch_id, kind, group_id, date)?.iter().map(Member::masked).collect())
        })
        .await
}

/// Records a meeting; returns it with its findings.
#[tauri::command]
pub async fn meeting_create(state: State<'_, AppState>, meeting: Meeting) -> ApiResult<LedgerEntry> {
    state.write(move |store| store.meeting_entry(store.create(&meeting)?.id)).await
}

/// Saves changes to a meeting; returns it with its findings.
#[tauri::command]
pub async fn meeting_update(state: State<'_, AppState>, meeting: Meeting) -> ApiResult<LedgerEntry> {
    state.write(move |store| store.meeting_entry(store.update(&meeting)?.id)).await
}

/// Deletes a meeting record (the UI asks first; the audit log keeps it).
#[tauri::command]
pub async fn meeting_delete(state: State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.write(move |store| store.delete::<Meeting>(id)).await
}

/// Attaches a file (photo, scanned sign-in sheet) to a meeting.
#[tauri::command]
pub async fn meeting_attach(state: State<'_, AppState>, id: i64, file: PathBuf) -> ApiResult<Attachment> {
    state.write(move |store| store.attach(AttachmentOwner::Meeting, id, &file)).await
}

/// The compliance grid of a year as of a day.
#[tauri::command]
pub async fn compliance_grid(state: State<'_, AppState>, year: i32, as_of: NaiveDate) -> ApiResult<Compliance> {
    state.read(move |store| store.compliance(year, as_of, None)).await
}

/// The obligations (rules of organisational life).
#[tauri::command]
pub async fn obligation_list(state: State<'_, AppState>) -> ApiResult<Vec<Obligation>> {
    state.read(Store::obligations).await
}

/// Saves changes to an obligation.
#[tauri::command]
pub async fn obligation_update(state: State<'_, AppState>, obligation: Obligation) -> ApiResult<Obligation> {
    state.write(move |store| store.update(&obligation)).await
}

/// Adds a local obligation.
#[tauri::command]
pub async fn obligation_create(state: State<'_, AppState>, obligation: Obligation) -> ApiResult<Obligation> {
    state.write(move |store| store.create(&obligation)).await
}

// ---- imports (rosters, volunteer hours) and roster export ----

/// Reads a roster file and reports what importing it would do; emits
/// `import-progress` events while it works. Changes nothing, and holds only a
/// read connection of its own: the other screens go on answering meanwhile.
#[tauri::command]
pub async fn roster_preview<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    file: PathBuf,
    options: RosterOptions,
) -> ApiResult<ImportReport> {
    let plan = state
        .read_in_background(move |store| import::plan_roster(store, &file, &options, &progress_events(&app)))
        .await?;
    let report = plan.report().clone();
    *locked(&state.previewed_roster) = Some(plan);
    Ok(report)
}

/// Imports a roster file in one transaction, after a backup of the database:
/// the plan of its preview when the file and options are unchanged, else a
/// fresh read of the file.
#[tauri::command]
pub async fn roster_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    file: PathBuf,
    options: RosterOptions,
) -> ApiResult<ImportReport> {
    let kept = locked(&state.previewed_roster).take().filter(|plan| plan.is_for(&file, &options));
    state
        .write_in_background(move |store| match kept {
            Some(plan) => import::apply_roster(store, plan, &progress_events(&app)),
            None => import::import_roster(store, &file, &options, &progress_events(&app)),
        })
        .await
}

/// Reads a file of volunteer hours and reports what importing it would do;
/// emits `import-progress` events while it works. Changes nothing.
#[tauri::command]
pub async fn hours_import_preview<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    file: PathBuf,
    options: HoursOptions,
) -> ApiResult<ImportReport> {
    let plan = state
        .read_in_background(move |store| import::plan_hours(store, &file, &options, &progress_events(&app)))
        .await?;
    let report = plan.report().clone();
    *locked(&state.previewed_hours) = Some(plan);
    Ok(report)
}

/// Imports a file of volunteer hours in one transaction, after a backup of
/// the database, as [`roster_import`] does a roster.
#[tauri::command]
pub async fn hours_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    file: PathBuf,
    options: HoursOptions,
) -> ApiResult<ImportReport> {
    let kept = locked(&state.previewed_hours).take().filter(|plan| plan.is_for(&file, &options));
    state
        .write_in_background(move |store| match kept {
            Some(plan) => import::apply_hours(store, plan, &progress_events(&app)),
            None => import::import_hours(store, &file, &options, &progress_events(&app)),
        })
        .await
}

/// Saves the rows of `file` that have errors in `report`, with reasons, as xlsx.
#[tauri::command]
pub async fn roster_error_report(report: ImportReport, file: PathBuf, out: PathBuf) -> ApiResult<usize> {
    in_background(move || Ok(dangjian::export::roster::error_report(&report, &file, &out)?)).await
}

/// Writes every member to an xlsx roster, ID and phone masked unless
/// `full_numbers` (which the audit log records, so it takes the writer).
#[tauri::command]
pub async fn roster_export(state: State<'_, AppState>, out: PathBuf, full_numbers: bool) -> ApiResult<usize> {
    let export = move |store: &Store| dangjian::export::roster::export_roster(store, &out, !full_numbers);
    if full_numbers {
        state.write_in_background(move |store| export(store)).await
    } else {
        state.read_in_background(export).await
    }
}

/// Writes an empty roster template with drop-down lists.
#[tauri::command]
pub async fn roster_template(state: State<'_, AppState>, out: PathBuf) -> ApiResult<()> {
    state.read(move |store| dangjian::export::roster::roster_template(store, &out)).await
}

/// A progress callback that forwards to the window as `import-progress` events.
fn progress_events<R: Runtime>(app: &AppHandle<R>) -> impl Fn(ImportProgress) + '_ {
    move |progress| {
        let _ = app.emit("import-progress", progress);
    }
}
