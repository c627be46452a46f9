//! The commands the UI invokes, grouped by domain. Each is one call into the
//! core library; errors become [`ApiError`].

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::NaiveDate;
use dangjian::date::PartialDate;
use dangjian::import::{self, HoursOptions, HoursPlan, ImportProgress, ImportReport, RosterOptions, RosterPlan};
use dangjian::rules::compliance::Compliance;
use dangjian::rules::reminders::Reminder;
use dangjian::rules::LedgerEntry;
use dangjian::stats::YearStats;
use dangjian::store::{
    Attachment, AttachmentOwner, Branch, BranchView, Committee, Meeting, MeetingKind, Member, MemberDetail,
    MemberFilter, MemberStatus, Obligation, PartyGroup, StoreStatus,
};
use dangjian::Store;
use tauri::{AppHandle, Emitter, State};

use crate::error::{ApiError, ApiResult};

/// What the commands share: the open database, and the last import previews.
pub struct AppState {
    store: Mutex<Result<Store, ApiError>>,
    /// The plans behind the last previews (a roster, volunteer hours);
    /// importing the same file with the same options applies one without
    /// reading the file again.
    previewed_roster: Mutex<Option<RosterPlan>>,
    previewed_hours: Mutex<Option<HoursPlan>>,
}

/// The plan kept in `slot` (see [`AppState`]).
fn previewed<P>(slot: &Mutex<Option<P>>) -> std::sync::MutexGuard<'_, Option<P>> {
    slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// The state over the database (or the error that kept it from opening).
    pub fn new(store: Result<Store, ApiError>) -> AppState {
        AppState { store: Mutex::new(store), previewed_roster: Mutex::new(None), previewed_hours: Mutex::new(None) }
    }

    pub(crate) fn with<T>(&self, work: impl FnOnce(&Store) -> dangjian::Result<T>) -> ApiResult<T> {
        let guard = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let store = guard.as_ref().map_err(Clone::clone)?;
        Ok(work(store)?)
    }
}

// ---- app ----

// The commands the first screen calls (the start-up check and the overview) are
// `async`: a plain command runs on the main thread, and while it reads the
// database the window cannot draw, so the app's frame would wait for the data.

/// The database in use and whether it is empty (for the first-run offer).
#[tauri::command(async)]
pub fn app_status(state: State<AppState>) -> ApiResult<StoreStatus> {
    state.with(Store::status)
}

/// Fills an empty database with the demo hospital.
#[tauri::command]
pub fn load_demo(state: State<AppState>) -> ApiResult<()> {
    state.with(|store| dangjian::demo::load(store, store.today()).map(drop))
}

/// The day the app takes as today (the store's, never the webview's clock).
#[tauri::command(async)]
pub fn app_today(state: State<AppState>) -> ApiResult<NaiveDate> {
    state.with(|store| Ok(store.today()))
}

/// The figures of one year.
#[tauri::command(async)]
pub fn year_stats(state: State<AppState>, year: i32) -> ApiResult<YearStats> {
    state.with(|store| store.year_stats(year))
}

// ---- committee ----

/// The committee's names.
#[tauri::command(async)]
pub fn committee_get(state: State<AppState>) -> ApiResult<Committee> {
    state.with(Store::committee)
}

/// Sets the committee's names.
#[tauri::command]
pub fn committee_set(state: State<AppState>, committee: Committee) -> ApiResult<Committee> {
    state.with(|store| store.set_committee(&committee))
}

// ---- branches ----

/// Every branch, active first.
#[tauri::command]
pub fn branch_list(state: State<AppState>) -> ApiResult<Vec<BranchView>> {
    state.with(Store::branch_views)
}

/// Creates a branch.
#[tauri::command]
pub fn branch_create(state: State<AppState>, branch: Branch) -> ApiResult<Branch> {
    state.with(|store| store.create(&branch))
}

/// Saves changes to a branch.
#[tauri::command]
pub fn branch_update(state: State<AppState>, branch: Branch) -> ApiResult<Branch> {
    state.with(|store| store.update(&branch))
}

/// Deletes an unused branch.
#[tauri::command]
pub fn branch_delete(state: State<AppState>, id: i64) -> ApiResult<()> {
    state.with(|store| store.delete::<Branch>(id))
}

/// The party groups of a branch.
#[tauri::command]
pub fn group_list(state: State<AppState>, branch_id: i64) -> ApiResult<Vec<PartyGroup>> {
    state.with(|store| store.groups_of(branch_id))
}

// ---- members ----

/// Members matching the filter, ID and phone masked.
#[tauri::command]
pub fn member_list(state: State<AppState>, filter: MemberFilter) -> ApiResult<Vec<Member>> {
    state.with(|store| store.listed_members(&filter, false))
}

/// One member in full, with history, Party age and probation end.
#[tauri::command]
pub fn member_get(state: State<AppState>, id: i64) -> ApiResult<MemberDetail> {
    state.with(|store| store.member_detail(id, true))
}

/// Creates a member.
#[tauri::command]
pub fn member_create(state: State<AppState>, member: Member) -> ApiResult<Member> {
    state.with(|store| store.create(&member))
}

/// Saves changes to a member (a branch change is recorded as a transfer).
#[tauri::command]
pub fn member_update(state: State<AppState>, member: Member) -> ApiResult<Member> {
    state.with(|store| store.update(&member))
}

/// Changes a member's 党籍状态 as of a date (转出 when they leave the hospital, 去世, …).
#[tauri::command]
pub fn member_change_status(
    state: State<AppState>,
    id: i64,
    status: MemberStatus,
    date: PartialDate,
    note: Option<String>,
) -> ApiResult<MemberDetail> {
    state.with(|store| store.member_detail(store.change_member_status(id, status, date, note)?.id, true))
}

/// Moves a member to another party group of their branch (or out of any) as of a date.
#[tauri::command]
pub fn member_change_group(
    state: State<AppState>,
    id: i64,
    group_id: Option<i64>,
    date: PartialDate,
) -> ApiResult<MemberDetail> {
    state.with(|store| store.member_detail(store.change_member_group(id, group_id, date)?.id, true))
}

/// Transfers a member to another branch as of a date (组织关系转接).
#[tauri::command]
pub fn member_transfer(
    state: State<AppState>,
    id: i64,
    to_branch_id: i64,
    date: PartialDate,
    note: Option<String>,
) -> ApiResult<MemberDetail> {
    state.with(|store| store.member_detail(store.transfer_member(id, to_branch_id, date, note)?.id, true))
}

/// Deletes a member who appears in no record.
#[tauri::command]
pub fn member_delete(state: State<AppState>, id: i64) -> ApiResult<()> {
    state.with(|store| store.delete::<Member>(id))
}

// ---- organisational life ----

/// The ledger of a year: each meeting of one branch (or all) with its findings.
#[tauri::command]
pub fn meeting_ledger(state: State<AppState>, year: i32, branch_id: Option<i64>) -> ApiResult<Vec<LedgerEntry>> {
    state.with(|store| store.meeting_ledger(year, branch_id))
}

/// One meeting with its findings and attachments.
#[tauri::command]
pub fn meeting_get(state: State<AppState>, id: i64) -> ApiResult<LedgerEntry> {
    state.with(|store| store.meeting_entry(id))
}

/// Who should attend a meeting (应到), as the roster stood on its day; masked.
#[tauri::command]
pub fn meeting_expected(
    state: State<AppState>,
    branch_id: i64,
    kind: MeetingKind,
    group_id: Option<i64>,
    date: NaiveDate,
) -> ApiResult<Vec<Member>> {
    state.with(|store| {
        Ok(store.expected_attendees(branch_id, kind, group_id, date)?.iter().map(Member::masked).collect())
    })
}

/// Records a meeting; returns it with its findings.
#[tauri::command]
pub fn meeting_create(state: State<AppState>, meeting: Meeting) -> ApiResult<LedgerEntry> {
    state.with(|store| store.meeting_entry(store.create(&meeting)?.id))
}

/// Saves changes to a meeting; returns it with its findings.
#[tauri::command]
pub fn meeting_update(state: State<AppState>, meeting: Meeting) -> ApiResult<LedgerEntry> {
    state.with(|store| store.meeting_entry(store.update(&meeting)?.id))
}

/// Deletes a meeting record (the UI asks first; the audit log keeps it).
#[tauri::command]
pub fn meeting_delete(state: State<AppState>, id: i64) -> ApiResult<()> {
    state.with(|store| store.delete::<Meeting>(id))
}

/// Attaches a file (photo, scanned sign-in sheet) to a meeting.
#[tauri::command]
pub async fn meeting_attach(state: State<'_, AppState>, id: i64, file: PathBuf) -> ApiResult<Attachment> {
    state.with(|store| store.attach(AttachmentOwner::Meeting, id, &file))
}

/// The compliance grid of a year as of a day.
#[tauri::command]
pub fn compliance_grid(state: State<AppState>, year: i32, as_of: NaiveDate) -> ApiResult<Compliance> {
    state.with(|store| store.compliance(year, as_of, None))
}

/// The to-do list as of a day.
#[tauri::command(async)]
pub fn reminder_list(state: State<AppState>, as_of: NaiveDate) -> ApiResult<Vec<Reminder>> {
    state.with(|store| store.reminders(as_of))
}

/// The obligations (rules of organisational life).
#[tauri::command(async)]
pub fn obligation_list(state: State<AppState>) -> ApiResult<Vec<Obligation>> {
    state.with(Store::obligations)
}

/// Saves changes to an obligation.
#[tauri::command]
pub fn obligation_update(state: State<AppState>, obligation: Obligation) -> ApiResult<Obligation> {
    state.with(|store| store.update(&obligation))
}

/// Adds a local obligation.
#[tauri::command]
pub fn obligation_create(state: State<AppState>, obligation: Obligation) -> ApiResult<Obligation> {
    state.with(|store| store.create(&obligation))
}

// ---- imports (rosters, volunteer hours) and roster export ----

/// Reads a roster file and reports what importing it would do; emits
/// `import-progress` events while it works. Changes nothing.
#[tauri::command]
pub async fn roster_preview(
    app: AppHandle,
    state: State<'_, AppState>,
    file: PathBuf,
    options: RosterOptions,
) -> ApiResult<ImportReport> {
    let plan = state.with(|store| import::plan_roster(store, &file, &options, &progress_events(&app)))?;
    let report = plan.report().clone();
    *previewed(&state.previewed_roster) = Some(plan);
    Ok(report)
}

/// Imports a roster file in one transaction, after a backup of the database:
/// the plan of its preview when the file and options are unchanged, else a
/// fresh read of the file.
#[tauri::command]
pub async fn roster_import(
    app: AppHandle,
    state: State<'_, AppState>,
    file: PathBuf,
    options: RosterOptions,
) -> ApiResult<ImportReport> {
    let kept = previewed(&state.previewed_roster).take().filter(|plan| plan.is_for(&file, &options));
    let progress = progress_events(&app);
    state.with(|store| match kept {
        Some(plan) => import::apply_roster(store, plan, &progress),
        None => import::import_roster(store, &file, &options, &progress),
    })
}

/// Reads a file of volunteer hours and reports what importing it would do;
/// emits `import-progress` events while it works. Changes nothing.
#[tauri::command]
pub async fn hours_import_preview(
    app: AppHandle,
    state: State<'_, AppState>,
    file: PathBuf,
    options: HoursOptions,
) -> ApiResult<ImportReport> {
    let plan = state.with(|store| import::plan_hours(store, &file, &options, &progress_events(&app)))?;
    let report = plan.report().clone();
    *previewed(&state.previewed_hours) = Some(plan);
    Ok(report)
}

/// Imports a file of volunteer hours in one transaction, after a backup of
/// the database, as [`roster_import`] does a roster.
#[tauri::command]
pub async fn hours_import(
    app: AppHandle,
    state: State<'_, AppState>,
    file: PathBuf,
    options: HoursOptions,
) -> ApiResult<ImportReport> {
    let kept = previewed(&state.previewed_hours).take().filter(|plan| plan.is_for(&file, &options));
    let progress = progress_events(&app);
    state.with(|store| match kept {
        Some(plan) => import::apply_hours(store, plan, &progress),
        None => import::import_hours(store, &file, &options, &progress),
    })
}

/// Saves the rows of `file` that have errors in `report`, with reasons, as xlsx.
#[tauri::command]
pub async fn roster_error_report(report: ImportReport, file: PathBuf, out: PathBuf) -> ApiResult<usize> {
    Ok(dangjian::export::roster::error_report(&report, &file, &out)?)
}

/// Writes every member to an xlsx roster (ID and phone in full, as text).
#[tauri::command]
pub async fn roster_export(state: State<'_, AppState>, out: PathBuf) -> ApiResult<usize> {
    state.with(|store| dangjian::export::roster::export_roster(store, &out, false))
}

/// Writes an empty roster template with drop-down lists.
#[tauri::command]
pub async fn roster_template(state: State<'_, AppState>, out: PathBuf) -> ApiResult<()> {
    state.with(|store| dangjian::export::roster::roster_template(store, &out))
}

/// A progress callback that forwards to the window as `import-progress` events.
fn progress_events(app: &AppHandle) -> impl Fn(ImportProgress) + '_ {
    move |progress| {
        let _ = app.emit("import-progress", progress);
    }
}
