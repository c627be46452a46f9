//! The commands of brand work: brands, activities and their kinds, volunteer
//! hours, partners and pairings, honors, suggestions, and attachments. Each
//! is one call into the core; totals come from its counting rules.

use std::path::PathBuf;

use dangjian::rules::brand_work::{BrandStory, HonorView, PairingView};
use dangjian::rules::counting::{PersonService, TargetProgress};
use dangjian::rules::participants::PersonNamed;
use dangjian::store::{
    Activity, Attachment, AttachmentOwner, Brand, Honor, Pairing, Participant, ParticipantKind, Partner, Suggestion,
};
use dangjian::Store;
use tauri::State;

use crate::commands::AppState;
use crate::error::ApiResult;

// ---- activity kinds (设置) ----

/// The activity kinds, in order.
#[tauri::command]
pub fn activity_kind_list(state: State<AppState>) -> ApiResult<Vec<String>> {
    state.with(Store::activity_kinds)
}

/// Adds an activity kind; returns the new list.
#[tauri::command]
pub fn activity_kind_add(state: State<AppState>, name: String) -> ApiResult<Vec<String>> {
    state.with(|store| store.add_activity_kind(&name))
}

/// Renames an activity kind (and its activities); returns the new list.
#[tauri::command]
pub fn activity_kind_rename(state: State<AppState>, from: String, to: String) -> ApiResult<Vec<String>> {
    state.with(|store| store.rename_activity_kind(&from, &to))
}

/// Removes an unused activity kind; returns the new list.
#[tauri::command]
pub fn activity_kind_remove(state: State<AppState>, name: String) -> ApiResult<Vec<String>> {
    state.with(|store| store.remove_activity_kind(&name))
}

/// Puts the activity kinds in the order given; returns the new list.
#[tauri::command]
pub fn activity_kind_reorder(state: State<AppState>, order: Vec<String>) -> ApiResult<Vec<String>> {
    state.with(|store| store.reorder_activity_kinds(&order))
}

// ---- brands ----

/// Every brand, with versions and targets.
#[tauri::command]
pub fn brand_list(state: State<AppState>) -> ApiResult<Vec<Brand>> {
    state.with(|store| store.list())
}

/// A brand's page for a year: story, figures, progress, activities, pairings, honors.
#[tauri::command]
pub fn brand_story(state: State<AppState>, id: i64, year: i32) -> ApiResult<BrandStory> {
    state.with(|store| store.brand_story(id, year))
}

/// Creates a brand.
#[tauri::command]
pub fn brand_create(state: State<AppState>, brand: Brand) -> ApiResult<Brand> {
    state.with(|store| store.create(&brand))
}

/// Saves changes to a brand.
#[tauri::command]
pub fn brand_update(state: State<AppState>, brand: Brand) -> ApiResult<Brand> {
    state.with(|store| store.update(&brand))
}

/// Deletes a brand without activities.
#[tauri::command]
pub fn brand_delete(state: State<AppState>, id: i64) -> ApiResult<()> {
    state.with(|store| store.delete::<Brand>(id))
}

/// Progress on every brand's targets for a year.
#[tauri::command]
pub fn target_progress(state: State<AppState>, year: i32) -> ApiResult<Vec<TargetProgress>> {
    state.with(|store| store.target_progress(year))
}

// ---- activities ----

/// The activities of a year (all years when `None`), of one organising branch or all, by date.
#[tauri::command]
pub fn activity_list(state: State<AppState>, year: Option<i32>, branch_id: Option<i64>) -> ApiResult<Vec<Activity>> {
    state.with(|store| store.activities_of(year, branch_id))
}

/// One activity.
#[tauri::command]
pub fn activity_get(state: State<AppState>, id: i64) -> ApiResult<Activity> {
    state.with(|store| store.get(id))
}

/// Records an activity.
#[tauri::command]
pub fn activity_create(state: State<AppState>, activity: Activity) -> ApiResult<Activity> {
    state.with(|store| store.create(&activity))
}

/// Saves changes to an activity.
#[tauri::command]
pub fn activity_update(state: State<AppState>, activity: Activity) -> ApiResult<Activity> {
    state.with(|store| store.update(&activity))
}

/// Deletes an activity with its participants and photos.
#[tauri::command]
pub fn activity_delete(state: State<AppState>, id: i64) -> ApiResult<()> {
    state.with(|store| store.delete::<Activity>(id))
}

/// Who a typed name is: a member of the roster, or (when `kind` says so) an
/// outside volunteer. A name that matches no member fails with code
/// `not_found`, for the UI to ask whether the person is an outside volunteer.
#[tauri::command]
pub fn participant_resolve(
    state: State<AppState>,
    name: String,
    kind: Option<ParticipantKind>,
    hours: f64,
) -> ApiResult<Participant> {
    state.with(|store| store.resolve_participant(&PersonNamed { name: &name, kind, ..PersonNamed::default() }, hours))
}

/// Each person's volunteer service in a year (all years when `None`), most hours first.
#[tauri::command]
pub fn volunteer_people(state: State<AppState>, year: Option<i32>) -> ApiResult<Vec<PersonService>> {
    state.with(|store| store.people_service(year))
}

// ---- partners and pairings ----

/// Every partner organisation.
#[tauri::command]
pub fn partner_list(state: State<AppState>) -> ApiResult<Vec<Partner>> {
    state.with(|store| store.list())
}

/// Registers a partner organisation.
#[tauri::command]
pub fn partner_create(state: State<AppState>, partner: Partner) -> ApiResult<Partner> {
    state.with(|store| store.create(&partner))
}

/// Saves changes to a partner organisation.
#[tauri::command]
pub fn partner_update(state: State<AppState>, partner: Partner) -> ApiResult<Partner> {
    state.with(|store| store.update(&partner))
}

/// Deletes a partner without pairings or activities.
#[tauri::command]
pub fn partner_delete(state: State<AppState>, id: i64) -> ApiResult<()> {
    state.with(|store| store.delete::<Partner>(id))
}

/// The pairings (of one branch, or all), with names and joint activities.
#[tauri::command]
pub fn pairing_list(state: State<AppState>, branch_id: Option<i64>) -> ApiResult<Vec<PairingView>> {
    state.with(|store| store.pairings(branch_id))
}

/// Records a pairing agreement.
#[tauri::command]
pub fn pairing_create(state: State<AppState>, pairing: Pairing) -> ApiResult<Pairing> {
    state.with(|store| store.create(&pairing))
}

/// Saves changes to a pairing agreement.
#[tauri::command]
pub fn pairing_update(state: State<AppState>, pairing: Pairing) -> ApiResult<Pairing> {
    state.with(|store| store.update(&pairing))
}

/// Deletes a pairing agreement.
#[tauri::command]
pub fn pairing_delete(state: State<AppState>, id: i64) -> ApiResult<()> {
    state.with(|store| store.delete::<Pairing>(id))
}

// ---- honors ----

/// Every honor, by date, with the branch each counts for.
#[tauri::command]
pub fn honor_list(state: State<AppState>) -> ApiResult<Vec<HonorView>> {
    state.with(Store::honor_views)
}

/// Records an honor.
#[tauri::command]
pub fn honor_create(state: State<AppState>, honor: Honor) -> ApiResult<Honor> {
    state.with(|store| store.create(&honor))
}

/// Saves changes to an honor.
#[tauri::command]
pub fn honor_update(state: State<AppState>, honor: Honor) -> ApiResult<Honor> {
    state.with(|store| store.update(&honor))
}

/// Deletes an honor and its certificate scans.
#[tauri::command]
pub fn honor_delete(state: State<AppState>, id: i64) -> ApiResult<()> {
    state.with(|store| store.delete::<Honor>(id))
}

// ---- suggestions ----

/// Every suggestion, by the date raised.
#[tauri::command]
pub fn suggestion_list(state: State<AppState>) -> ApiResult<Vec<Suggestion>> {
    state.with(|store| store.list())
}

/// Records a suggestion.
#[tauri::command]
pub fn suggestion_create(state: State<AppState>, suggestion: Suggestion) -> ApiResult<Suggestion> {
    state.with(|store| store.create(&suggestion))
}

/// Saves how a suggestion is being handled.
#[tauri::command]
pub fn suggestion_update(state: State<AppState>, suggestion: Suggestion) -> ApiResult<Suggestion> {
    state.with(|store| store.update(&suggestion))
}

/// Deletes a suggestion.
#[tauri::command]
pub fn suggestion_delete(state: State<AppState>, id: i64) -> ApiResult<()> {
    state.with(|store| store.delete::<Suggestion>(id))
}

// ---- statistics ----

/// Writes the statistics workbook of a year to `out`; returns the sheets written.
#[tauri::command]
pub async fn stats_export(state: State<'_, AppState>, year: i32, out: PathBuf) -> ApiResult<Vec<&'static str>> {
    state.with(|store| dangjian::export::stats::export_stats(store, year, &out))
}

// ---- attachments (logos, photos, certificate scans) ----

/// The attachments of one record.
#[tauri::command]
pub fn attachment_list(state: State<AppState>, owner: AttachmentOwner, id: i64) -> ApiResult<Vec<Attachment>> {
    state.with(|store| store.attachments_of(owner, id))
}

/// Copies a file into the data folder and links it to a record.
#[tauri::command]
pub async fn attachment_add(
    state: State<'_, AppState>,
    owner: AttachmentOwner,
    id: i64,
    file: PathBuf,
) -> ApiResult<Attachment> {
    state.with(|store| store.attach(owner, id, &file))
}

/// An attachment's bytes, for showing an image.
#[tauri::command]
pub async fn attachment_content(state: State<'_, AppState>, id: i64) -> ApiResult<tauri::ipc::Response> {
    state.with(|store| store.attachment_content(id)).map(tauri::ipc::Response::new)
}

/// Removes an attachment from its record.
#[tauri::command]
pub fn attachment_remove(state: State<AppState>, id: i64) -> ApiResult<()> {
    state.with(|store| store.delete::<Attachment>(id))
}
