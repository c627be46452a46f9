//! Importing spreadsheets hospitals have: member rosters (党员花名册) and
//! volunteer hours (志愿服务时长).
//!
//! Every import goes through one engine, whatever the kind of sheet
//! (`kind::SheetKind`: the [`Roster`], [`Hours`]). Import is two steps.
//! [`plan_roster`] ([`plan_hours`]) reads a file ([`source`]), finds each sheet's header row
//! and maps its columns through the kind's synonyms ([`header`]), reads every
//! cell ([`values`]) into rows (`sheet`), and has the kind check each row
//! against the stored data (`plan`), writing nothing: the plan's report is
//! the preview. [`apply_roster`] ([`apply_hours`]) then writes the plan in one transaction,
//! after a backup (`apply`). Every problem names its sheet, Excel row and
//! column, the value, and how to fix it. Nothing wrong is ever stored: by
//! default a file with errors imports nothing.

mod apply;
pub mod header;
mod hours;
mod kind;
mod limits;
mod ods;
mod plan;
mod roster;
mod sheet;
pub mod source;
pub mod values;
mod xls;
mod xlsb;
mod xlsx;
mod xml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use hours::{Hours, HoursField, HoursOptions, HoursPlan};
pub use plan::Plan;
pub use roster::{Roster, RosterField, RosterOptions, RosterPlan};

use crate::error::Result;
use crate::store::Store;

/// A problem with one cell (or row) of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Problem {
    /// The sheet.
    pub sheet: String,
    /// The row number as Excel shows it (0 for the sheet as a whole).
    pub row: usize,
    /// The column's header as written in the file (or the field's name).
    pub column: String,
    /// The cell's value as read.
    pub value: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// How one sheet was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SheetReport {
    /// The sheet's name.
    pub name: String,
    /// The header's Excel row number; `None` when no header was found.
    pub header_row: Option<usize>,
    /// Header text → field code, for the columns that were mapped.
    pub mapping: BTreeMap<String, String>,
    /// Headers kept as extra information (no field of their own).
    pub unmapped: Vec<String>,
    /// The branch taken from the sheet's name, when a roster has no branch column.
    pub branch_from_name: Option<String>,
    /// Data rows found.
    pub rows: usize,
}

/// One field's change on an updated member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldChange {
    /// The field's Chinese name.
    pub field: String,
    /// The stored value.
    pub before: String,
    /// The value in the file.
    pub after: String,
}

/// An updated member (a roster) or a person's changed hours (volunteer hours), and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberChange {
    /// The stored member's id (0 for an outside volunteer's hours).
    pub id: i64,
    /// Name.
    pub name: String,
    /// Where in the file.
    pub sheet: String,
    /// Excel row number.
    pub row: usize,
    /// The changed fields.
    pub fields: Vec<FieldChange>,
}

/// What happened to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RowOutcome {
    /// A member not yet stored (a roster); a person's hours not yet recorded
    /// for the activity (volunteer hours).
    New,
    /// A stored member with changes; recorded hours that change.
    Updated,
    /// A stored member with no change; recorded hours that stay the same.
    Unchanged,
    /// A row with errors.
    Invalid,
}

/// One row of the preview table (only with `include_rows`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RowPreview {
    /// The sheet.
    pub sheet: String,
    /// Excel row number.
    pub row: usize,
    /// What happens to it.
    pub outcome: RowOutcome,
    /// Header → value as read.
    pub cells: BTreeMap<String, String>,
    /// Headers of the cells with problems.
    pub problem_columns: Vec<String>,
}

/// The result of a preview or an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportReport {
    /// The file read.
    pub file: String,
    /// How each sheet was read.
    pub sheets: Vec<SheetReport>,
    /// Rows that add (or would add) a member, or a person's hours in an activity.
    pub new: usize,
    /// Rows that change (or would change) a stored member, or recorded hours.
    pub updated: usize,
    /// Rows that leave what is stored as it is.
    pub unchanged: usize,
    /// Per updated row, the field changes.
    pub changes: Vec<MemberChange>,
    /// Branches that are (or would be) created (a roster).
    pub new_branches: Vec<String>,
    /// Problems that stop a row from being imported.
    pub errors: Vec<Problem>,
    /// Things worth checking that do not stop the import.
    pub warnings: Vec<Problem>,
    /// Whether the database was changed.
    pub applied: bool,
    /// The backup taken before applying.
    pub backup: Option<String>,
    /// Every row, when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub rows: Vec<RowPreview>,
}

/// Progress of a long import, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    /// What is being done, in Chinese.
    pub stage: String,
    /// Rows done.
    pub done: usize,
    /// Rows in all (0 while unknown).
    pub total: usize,
}

/// Reads `file` and plans its import: what it would do, changing nothing.
pub fn plan_roster(
    store: &Store,
    file: &Path,
    options: &RosterOptions,
    progress: &dyn Fn(ImportProgress),
) -> Result<RosterPlan> {
    plan::plan(store, file, options, progress)
}

/// Applies a plan: all its writes in one transaction, after a backup of the
/// database. With errors and without `skip_invalid`, nothing is written. A
/// plan made before some other write to the database is made again first.
pub fn apply_roster(store: &Store, plan: RosterPlan, progress: &dyn Fn(ImportProgress)) -> Result<ImportReport> {
    apply::apply(store, plan, progress)
}

/// Reads `file` and reports what importing it would do, changing nothing.
pub fn preview_roster(
    store: &Store,
    file: &Path,
    options: &RosterOptions,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportReport> {
    Ok(plan_roster(store, file, options, progress)?.report)
}

/// Plans and applies `file` in one go (see [`apply_roster`]).
pub fn import_roster(
    store: &Store,
    file: &Path,
    options: &RosterOptions,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportReport> {
    apply_roster(store, plan_roster(store, file, options, progress)?, progress)
}

/// Reads a file of volunteer hours and plans its import: what it would do,
/// changing nothing.
pub fn plan_hours(
    store: &Store,
    file: &Path,
    options: &HoursOptions,
    progress: &dyn Fn(ImportProgress),
) -> Result<HoursPlan> {
    plan::plan(store, file, options, progress)
}

/// Applies a plan of volunteer hours, as [`apply_roster`] does a roster's.
pub fn apply_hours(store: &Store, plan: HoursPlan, progress: &dyn Fn(ImportProgress)) -> Result<ImportReport> {
    apply::apply(store, plan, progress)
}

/// Reads a file of volunteer hours and reports what importing it would do,
/// changing nothing.
pub fn preview_hours(
    store: &Store,
    file: &Path,
    options: &HoursOptions,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportReport> {
    Ok(plan_hours(store, file, options, progress)?.report)
}

/// Plans and applies a file of volunteer hours in one go (see [`apply_hours`]).
pub fn import_hours(
    store: &Store,
    file: &Path,
    options: &HoursOptions,
    progress: &dyn Fn(ImportProgress),
) -> Result<ImportReport> {
    apply_hours(store, plan_hours(store, file, options, progress)?, progress)
}

/// Takes the checked, rotated backup of the database before an import (see
/// [`crate::backups`]); `None` for a database in memory.
pub(crate) fn backup_database(store: &Store) -> Result<Option<PathBuf>> {
    let now = chrono::Local::now().naive_local();
    Ok(store.back_up(crate::backups::BackupReason::BeforeImport, now)?.map(|b| PathBuf::from(b.path)))
}
