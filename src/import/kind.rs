//! What the shared import machinery asks of a kind of sheet.
//!
//! The machinery reads the file ([`super::source`]), finds each sheet's
//! header through the kind's [`Field`] synonyms ([`super::header`]), skips
//! titles, blank rows and signature footers and reads every cell, naming each
//! one it cannot read ([`super::sheet`]), builds the preview's row table and
//! counts ([`super::plan`]), and applies a plan in one transaction after a
//! backup, all or nothing unless `skip_invalid` ([`super::apply`]). A kind
//! ([`super::Roster`], [`super::Hours`]) says what its columns are, how a
//! cell is read, how a row is checked against stored data, and what it writes.

use std::collections::BTreeMap;
use std::path::Path;

use super::header::{ColumnMap, Field};
use super::plan::Plan;
use super::sheet::{Row, Sheet};
use super::values::Cell;
use super::{ImportProgress, ImportReport, MemberChange, Problem};
use crate::error::Result;
use crate::store::Store;

/// A kind of spreadsheet an import reads.
pub trait SheetKind: Sized + Clone + std::fmt::Debug {
    /// The fields its columns fill.
    type Field: Field;
    /// A cell's value once read.
    type Value;
    /// What the user chose.
    type Options: Options<Self::Field>;
    /// Checks rows against the stored data and decides what each writes.
    type Planner: RowPlanner<Self>;
    /// What one row writes.
    type Write: Clone + std::fmt::Debug + Send;
    /// What a plan writes besides the rows' writes (the roster's new branches).
    type Extra: Clone + std::fmt::Debug;

    /// The error for a file in which no sheet has such a header.
    fn nothing_found(file: &Path) -> String;

    /// Reads a mapped cell into its field's value: `None` for a field that is
    /// read some other way (or not at all), else the value or what is wrong.
    fn read(field: Self::Field, cell: &Cell) -> Option<std::result::Result<Self::Value, String>>;

    /// A planner over the database as it is now.
    fn planner(store: &Store, options: &Self::Options) -> Result<Self::Planner>;

    /// Writes a plan inside the caller's transaction (`backup` is the copy
    /// of the database taken before), logging it.
    fn write(
        conn: &rusqlite::Connection,
        today: chrono::NaiveDate,
        plan: &mut Plan<Self>,
        backup: Option<&Path>,
        progress: &dyn Fn(ImportProgress),
    ) -> Result<()>;
}

/// Goes through a file's rows as they are read, checking each against the
/// stored data (and the rows before it) and deciding what it writes.
pub trait RowPlanner<K: SheetKind>: Send {
    /// Whether the rows below a sheet's header can be read: `Ok` with what
    /// the sheet's name stands for, if the kind reads anything from it (the
    /// roster's branch), or `Err` with what to fix.
    fn accept_sheet(&self, name: &str, map: &ColumnMap<K::Field>) -> std::result::Result<Option<String>, String>;

    /// Something worth a look about a sheet's columns.
    fn sheet_warning(&self, _map: &ColumnMap<K::Field>) -> Option<String> {
        None
    }

    /// Checks a row whose cells are read (adding its problems to it) and
    /// decides what importing it does. `index` counts the rows planned before.
    /// A row with errors is never written, whatever the decision.
    fn plan_row(
        &mut self,
        sheets: &[Sheet<K::Field>],
        row: &mut Row<K::Field, K::Value>,
        index: usize,
    ) -> Decision<K::Write>;

    /// Once every row is planned: the plan's other writes, with what the
    /// report says of them, and the errors found late, each with the index of
    /// the row it keeps out.
    fn finish(self, report: &mut ImportReport) -> (K::Extra, Vec<(usize, Problem)>);
}

/// What importing a row does.
#[derive(Debug)]
pub enum Decision<W> {
    /// Adds something new.
    New(W),
    /// Changes what is stored, as described.
    Updated(W, MemberChange),
    /// Leaves what is stored as it is.
    Unchanged,
    /// Nothing: the row has errors.
    Invalid,
}

/// The choices every import has, as the shared machinery reads them.
#[derive(Debug, Clone, Copy)]
pub struct Choices<'a, F> {
    /// Only this sheet (by name); all sheets when `None`.
    pub sheet: Option<&'a str>,
    /// Header text → field, overriding the built-in synonyms.
    pub mapping: &'a BTreeMap<String, F>,
    /// Import the valid rows even when other rows have errors.
    pub skip_invalid: bool,
    /// Report every row (for the app's preview table), not only the problems.
    pub include_rows: bool,
}

/// A kind's options: the shared [`Choices`] and its own.
pub trait Options<F>: Clone + PartialEq + Send + Sync + std::fmt::Debug {
    /// The choices the shared machinery reads.
    fn choices(&self) -> Choices<'_, F>;

    /// The same options without `include_rows`, which only shapes the report:
    /// two options alike here make the same writes.
    fn for_writing(&self) -> Self;
}
