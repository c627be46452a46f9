//! Planning an import: each row read is checked by the kind's [`RowPlanner`]
//! against the stored data, and what it would write is decided. Planning only
//! reads the database, so a preview is a plan and applying writes that same
//! plan ([`super::apply`]).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::kind::{Decision, Options, RowPlanner, SheetKind};
use super::sheet::{self, Row, Sheet};
use super::values::Cell;
use super::{ImportProgress, ImportReport, MemberChange, Problem, RowOutcome, RowPreview};
use crate::error::{Error, Result};
use crate::store::Store;

/// Rows the app's preview table shows at most.
const MAX_PREVIEW_ROWS: usize = 5_000;

/// A file read and checked against the database: what importing it would do
/// ([`Plan::report`]) and the writes that do it.
#[derive(Debug, Clone)]
pub struct Plan<K: SheetKind> {
    pub(super) file: PathBuf,
    /// The file's size and modification time when it was read.
    file_stamp: Option<(u64, SystemTime)>,
    pub(super) options: K::Options,
    /// The database's last audit entry when the plan was made; a plan made
    /// before another write is made again when applied.
    pub(super) stamp: i64,
    pub(super) report: ImportReport,
    /// What the plan writes besides the rows' writes.
    pub(super) extra: K::Extra,
    /// What the valid rows write, in row order.
    pub(super) writes: Vec<K::Write>,
}

impl<K: SheetKind> Plan<K> {
    /// What importing would do (nothing is applied yet).
    pub fn report(&self) -> &ImportReport {
        &self.report
    }

    /// The file the plan was read from.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The options the plan was made with.
    pub fn options(&self) -> &K::Options {
        &self.options
    }

    /// Whether the plan was made from `file`, unchanged since, with `options`
    /// (apart from `include_rows`, which only shapes the report), so applying
    /// it applies what the user saw.
    pub fn is_for(&self, file: &Path, options: &K::Options) -> bool {
        let same_options = options.for_writing() == self.options.for_writing();
        self.file == file && same_options && self.file_stamp.is_some() && file_stamp(file) == self.file_stamp
    }

    /// Whether applying would write anything: some row is valid, and either
    /// no row has errors or the user chose to import the valid rows only.
    pub fn will_write(&self) -> bool {
        !self.writes.is_empty() && (self.report.errors.is_empty() || self.options.choices().skip_invalid)
    }
}

/// A file's size and modification time.
fn file_stamp(file: &Path) -> Option<(u64, SystemTime)> {
    std::fs::metadata(file).and_then(|m| Ok((m.len(), m.modified()?))).ok()
}

/// Reads `file` and plans its import against the database as it is now.
/// Each row is planned as soon as it is read; the errors the kind can only
/// find once the whole file is read come last.
pub(super) fn plan<K: SheetKind>(
    store: &Store,
    file: &Path,
    options: &K::Options,
    progress: &dyn Fn(ImportProgress),
) -> Result<Plan<K>> {
    progress(ImportProgress { stage: "正在读取文件".into(), done: 0, total: 0 });
    let file_stamp = file_stamp(file);
    let mut report = ImportReport {
        file: file.display().to_string(),
        sheets: Vec::new(),
        new: 0,
        updated: 0,
        unchanged: 0,
        changes: Vec::new(),
        new_branches: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
        applied: false,
        backup: None,
        rows: Vec::new(),
    };
    let stamp = store.last_audit_id()?;
    let mut planning = Planning::<K> {
        planner: K::planner(store, options)?,
        include_rows: options.choices().include_rows,
        rows: Vec::new(),
        writes: Vec::new(),
    };
    let sheets = sheet::parse_file(file, options, &mut report, progress, &mut planning)?;
    if sheets.is_empty() && report.errors.is_empty() {
        return Err(Error::Invalid(K::nothing_found(file)));
    }
    let Planning { planner, mut rows, mut writes, .. } = planning;
    let (extra, late) = planner.finish(&mut report);
    let mut dropped = vec![false; writes.len()];
    for (index, problem) in late {
        if let Some(write) = rows[index].write {
            dropped[write] = true;
        }
        rows[index].fault(problem);
    }
    if dropped.contains(&true) {
        let mut dropped = dropped.into_iter();
        writes.retain(|_| !dropped.next().unwrap_or_default());
    }
    for row in rows {
        match row.outcome {
            RowOutcome::New => report.new += 1,
            RowOutcome::Updated => report.updated += 1,
            RowOutcome::Unchanged => report.unchanged += 1,
            RowOutcome::Invalid => {}
        }
        report.changes.extend(row.change.map(|change| *change));
        report.rows.extend(row.preview.map(|preview| *preview));
        report.errors.extend(row.errors);
        report.warnings.extend(row.warnings);
    }
    progress(ImportProgress { stage: "完成".into(), done: writes.len(), total: writes.len() });
    Ok(Plan { file: file.to_path_buf(), file_stamp, options: options.clone(), stamp, report, extra, writes })
}

/// The rows planned so far, and the kind's planner that plans them.
pub(super) struct Planning<K: SheetKind> {
    pub(super) planner: K::Planner,
    /// Whether the report shows every row.
    include_rows: bool,
    rows: Vec<PlannedRow>,
    /// What the valid rows write, in row order.
    writes: Vec<K::Write>,
}

impl<K: SheetKind> Planning<K> {
    /// Reads and checks one row, and decides what importing it does; gives
    /// back the row's cells.
    pub(super) fn plan_row(&mut self, sheets: &[Sheet<K::Field>], mut row: Row<K::Field, K::Value>) -> Vec<Cell> {
        let sheet = &sheets[row.sheet];
        row.read_values(sheet, K::read);
        let decision = self.planner.plan_row(sheets, &mut row, self.rows.len());
        let (outcome, write, change) = match decision {
            _ if !row.errors.is_empty() => (RowOutcome::Invalid, None, None),
            Decision::New(write) => (RowOutcome::New, Some(write), None),
            Decision::Updated(write, change) => (RowOutcome::Updated, Some(write), Some(Box::new(change))),
            Decision::Unchanged => (RowOutcome::Unchanged, None, None),
            Decision::Invalid => (RowOutcome::Invalid, None, None),
        };
        let preview =
            (self.include_rows && self.rows.len() < MAX_PREVIEW_ROWS).then(|| Box::new(preview(sheet, &row, outcome)));
        let write = write.map(|write| {
            self.writes.push(write);
            self.writes.len() - 1
        });
        self.rows.push(PlannedRow { outcome, write, change, errors: row.errors, warnings: row.warnings, preview });
        row.cells
    }
}

/// A row as planned: what happens to it, and what it reports.
struct PlannedRow {
    outcome: RowOutcome,
    /// Index of the row's write (new and updated rows) in [`Planning::writes`].
    write: Option<usize>,
    /// What changes (updated rows).
    change: Option<Box<MemberChange>>,
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
    /// The row for the preview table (when asked for, up to [`MAX_PREVIEW_ROWS`]).
    preview: Option<Box<RowPreview>>,
}

impl PlannedRow {
    /// Adds an error found after the row was planned: it is not imported
    /// (its write, if any, is left for the caller to drop).
    fn fault(&mut self, problem: Problem) {
        if let Some(preview) = &mut self.preview {
            preview.outcome = RowOutcome::Invalid;
            preview.problem_columns.push(problem.column.clone());
        }
        self.outcome = RowOutcome::Invalid;
        self.write = None;
        self.change = None;
        self.errors.push(problem);
    }
}

fn preview<F: super::header::Field, V>(sheet: &Sheet<F>, row: &Row<F, V>, outcome: RowOutcome) -> RowPreview {
    RowPreview {
        sheet: sheet.name.clone(),
        row: row.number,
        outcome,
        cells: sheet
            .map
            .headers
            .iter()
            .map(|(c, h)| (h.clone(), row.cells.get(*c).map(Cell::display).unwrap_or_default()))
            .collect(),
        problem_columns: row.errors.iter().map(|p| p.column.clone()).collect(),
    }
}
