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

use crate::error::ApiResult;
use crate::state::AppState;

// ---- activity kinds (设置) ----

/// The activity kinds, in order.
#[tauri::command]
pub async fn activity_kind_list(state: State<'_, AppState>) -> ApiResult<Vec<String>> {
    state.read(Store::activity_kinds).await
}

/// Adds an activity kind; returns the new list.
#[tauri::command]
pub async fn activity_kind_add(state: State<'_, AppState>, name: String) -> ApiResult<Vec<String>> {
    state.write(move |store| store.add_activity_kind(&name)).await
}

/// Renames an activity kind (and its activities); returns the new list.
#[tauri::command]
pub async fn activity_kind_rename(state: State<'_, AppState>, from: String, to: String) -> ApiResult<Vec<String>> {
    state.write(move |store| store.rename_activity_kind(&from, &to)).await
}

/// Removes an unused activity kind; returns the new list.
#[tauri::command]
pub async fn activity_kind_remove(state: State<'_, AppState>, name: String) -> ApiResult<Vec<String>> {
    state.write(move |store| store.remove_activity_kind(&name)).await
}

/// Puts the activity kinds in the order given; returns the new list.
#[tauri::command]
pub async fn activity_kind_reorder(state: State<'_, AppState>, order: Vec<String>) -> ApiResult<Vec<String>> {
    state.write(move |store| store.reorder_activity_kinds(&order)).await
}

// ---- brands ----

/// Every brand, with versions and targets.
#[tauri::command]
pub async fn brand_list(state: State<'_, AppState>) -> ApiResult<Vec<Brand>> {
    state.read(move |store| store.list()).await
}

/// A brand's page for a year: story, figures, progress, activities, pairings, honors.
#[tauri::command]
pub async fn brand_story(state: State<'_, AppState>, id: i64, year: i32) -> ApiResult<BrandStory> {
    state.read(move |store| store.brand_story(id, year)).await
}

/// Creates a brand.
#[tauri::command]
pub async fn brand_create(state: State<'_, AppState>, brand: Brand) -> ApiResult<Brand> {
    state.write(move |store| store.create(&brand)).await
}

/// Saves changes to a brand.
#[tauri::command]
pub async fn brand_update(state: State<'_, AppState>, brand: Brand) -> ApiResult<Brand> {
    state.write(move |store| store.update(&brand)).await
}

/// Deletes a brand without activities.
#[tauri::command]
pub async fn brand_delete(state: State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.write(move |store| store.delete::<Brand>(id)).await
}

/// Progress on every brand's targets for a year.
#[tauri::command]
pub async fn target_progress(state: State<'_, AppState>, year: i32) -> ApiResult<Vec<TargetProgress>> {
    state.read(move |store| store.target_progress(year)).await
}

// ---- activities ----

/// The activities of a year (all years when `None`), of one organising branch or all, by date.
#[tauri::command]
pub async fn activity_list(
    state: State<'_, AppState>,
    year: Option<i32>,
    branch_id: Option<i64>,
) -> ApiResult<Vec<Activity>> {
    state.read(move |store| store.activities_of(year, branch_id)).await
}

/// One activity.
#[tauri::command]
pub async fn activity_get(state: State<'_, AppState>, id: i64) -> ApiResult<Activity> {
    state.read(move |store| store.get(id)).await
}

/// Records an activity.
#[tauri::command]
pub async fn activity_create(state: State<'_, AppState>, activity: Activity) -> ApiResult<Activity> {
    state.write(move |store| store.create(&activity)).await
}

/// Saves changes to an activity.
#[tauri::command]
pub async fn activity_update(state: State<'_, AppState>, activity: Activity) -> ApiResult<Activity> {
    state.write(move |store| store.update(&activity)).await
}

/// Deletes an activity with its participants and photos.
#[tauri::command]
pub async fn activity_delete(state: State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.write(move |store| store.delete::<Activity>(id)).await
}

/// Who a typed name is: a member of the roster, or (when `kind` says so) an
/// outside volunteer. A name that matches no member fails with code
/// `not_found`, for the UI to ask whether the person is an outside volunteer.
#[tauri::command]
pub async fn participant_resolve(
    state: State<'_, AppState>,
    name: String,
    kind: Option<ParticipantKind>,
    hours: f64,
) -> ApiResult<Participant> {
    state
        .read(move |store| {
            store.resolve_participant(&PersonNamed { name: &name, kind, ..PersonNamed::default() }, hours)
        })
        .await
}

/// Each person's volunteer service in a year (all years when `None`), most hours first.
#[tauri::command]
pub async fn volunteer_people(state: State<'_, AppState>, year: Option<i32>) -> ApiResult<Vec<PersonService>> {
    state.read(move |store| store.people_service(year)).await
}

// ---- partners and pairings ----

/// Every partner organisation.
#[tauri::command]
pub async fn partner_list(state: State<'_, AppState>) -> ApiResult<Vec<Partner>> {
    state.read(move |store| store.list()).await
}

/// Registers a partner organisation.
#[tauri::command]
pub async fn partner_create(state: State<'_, AppState>, partner: Partner) -> ApiResult<Partner> {
    state.write(move |store| store.create(&partner)).await
}

/// Saves changes to a partner organisation.
#[tauri::command]
pub async fn partner_update(state: State<'_, AppState>, partner: Partner) -> ApiResult<Partner> {
    state.write(move |store| store.update(&partner)).await
}

/// Deletes a partner without pairings or activities.
#[tauri::command]
pub async fn partner_delete(state: State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.write(move |store| store.delete::<Partner>(id)).await
}

/// The pairings (of one branch, or all), with names and joint activities.
#[tauri::command]
pub async fn pairing_list(state: State<'_, AppState>, branch_id: Option<i64>) -> ApiResult<Vec<PairingView>> {
    state.read(move |store| store.pairings(branch_id)).await
}

/// Records a pairing agreement.
#[tauri::command]
pub async fn pairing_create(state: State<'_, AppState>, pairing: Pairing) -> ApiResult<Pairing> {
    state.write(move |store| store.create(&pairing)).await
}

/// Saves changes to a pairing agreement.
#[tauri::command]
pub async fn pairing_update(state: State<'_, AppState>, pairing: Pairing) -> ApiResult<Pairing> {
    state.write(move |store| store.update(&pairing)).await
}

/// Deletes a pairing agreement.
#[tauri::command]
pub async fn pairing_delete(state: State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.write(move |store| store.delete::<Pairing>(id)).await
}

// ---- honors ----

/// Every honor, by date, with the branch each counts for.
#[tauri::command]
pub async fn honor_list(state: State<'_, AppState>) -> ApiResult<Vec<HonorView>> {
    state.read(Store::honor_views).await
}

/// Records an honor.
#[tauri::command]
pub async fn honor_create(state: State<'_, AppState>, honor: Honor) -> ApiResult<Honor> {
    state.write(move |store| store.create(&honor)).await
}

/// Saves changes to an honor.
#[tauri::command]
pub async fn honor_update(state: State<'_, AppState>, honor: Honor) -> ApiResult<Honor> {
    state.write(move |store| store.update(&honor)).await
}

/// Deletes an honor and its certificate scans.
#[tauri::command]
pub async fn honor_delete(state: State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.write(move |store| store.delete::<Honor>(id)).await
}

// ---- suggestions ----

/// Every suggestion, by the date raised.
#[tauri::command]
pub async fn suggestion_list(state: State<'_, AppState>) -> ApiResult<Vec<Suggestion>> {
    state.read(move |store| store.list()).await
}

/// Records a suggestion.
#[tauri::command]
pub async fn suggestion_create(state: State<'_, AppState>, suggestion: Suggestion) -> ApiResult<Suggestion> {
    state.write(move |store| store.create(&suggestion)).await
}

/// Saves how a suggestion is being handled.
#[tauri::command]
pub async fn suggestion_update(state: State<'_, AppState>, suggestion: Suggestion) -> ApiResult<Suggestion> {
    state.write(move |store| store.update(&suggestion)).await
}

/// Deletes a suggestion.
#[tauri::command]
pub async fn suggestion_delete(state: State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.write(move |store| store.delete::<Suggestion>(id)).await
}

// ---- statistics ----

/// Writes the statistics workbook of a year to `out`; returns the sheets written.
#[tauri::command]
pub async fn stats_export(state: State<'_, AppState>, year: i32, out: PathBuf) -> ApiResult<Vec<&'static str>> {
    state.read_in_background(move |store| dangjian::export::stats::export_stats(store, year, &out)).await
}

// ---- attachments (logos, photos, certificate scans) ----

/// The attachments of one record.
#[tauri::command]
pub async fn attachment_list(
    state: State<'_, AppState>,
    owner: AttachmentOwner,
    id: i64,
) -> ApiResult<Vec<Attachment>> {
    state.read(move |store| store.attachments_of(owner, id)).await
}

/// Copies a file into the data folder and links it to a record.
#[tauri::command]
pub async fn attachment_add(
    state: State<'_, AppState>,
    owner: AttachmentOwner,
    id: i64,
    file: PathBuf,
) -> ApiResult<Attachment> {
    state.write(move |store| store.attach(owner, id, &file)).await
}

/// An attachment's bytes, for showing an image.
#[tauri::command]
pub async fn attachment_content(state: State<'_, AppState>, id: i64) -> ApiResult<tauri::ipc::Response> {
    state.read(move |store| store.attachment_content(id)).await.map(tauri::ipc::Response::new)
}

/// Removes an attachment from its record.
#[tauri::command]
pub async fn attachment_remove(state: State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.write(move |store| store.delete::<Attachment>(id)).await
}
