//! Volunteer hours (志愿服务时长) as a kind of sheet: one row per person and
//! activity, naming an activity already recorded ([`field`]); each row is
//! resolved to an activity and, through [`crate::rules::participants`], to a
//! member or a named outside volunteer ([`plan`]); the activities are then
//! updated through the record machinery, so their checks and audit run
//! ([`write`]).

mod field;
mod plan;
mod write;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use field::HoursField;

use super::kind::{Choices, Options, SheetKind};
use super::values::{self, fold, Cell};
use super::ImportProgress;
use crate::date::PartialDate;
use crate::error::Result;
use crate::store::{ParticipantKind, Store};

/// What the user chose for an import of volunteer hours.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HoursOptions {
    /// Only this sheet (by name); all sheets when `None`.
    pub sheet: Option<String>,
    /// Header text → field, overriding the built-in synonyms.
    pub mapping: BTreeMap<String, HoursField>,
    /// Import the valid rows even when other rows have errors.
    pub skip_invalid: bool,
    /// Report every row (for the app's preview table), not only the problems.
    pub include_rows: bool,
}

impl Options<HoursField> for HoursOptions {
    fn choices(&self) -> Choices<'_, HoursField> {
        Choices {
            sheet: self.sheet.as_deref(),
            mapping: &self.mapping,
            skip_invalid: self.skip_invalid,
            include_rows: self.include_rows,
        }
    }

    fn for_writing(&self) -> Self {
        HoursOptions { include_rows: false, ..self.clone() }
    }
}

/// A sheet of volunteer hours read and checked against the database (see [`super::Plan`]).
pub type HoursPlan = super::Plan<Hours>;

/// Volunteer hours, as a kind of sheet.
#[derive(Debug, Clone, Copy)]
pub struct Hours;

/// A cell's value in a sheet of volunteer hours.
#[derive(Debug, Clone)]
pub enum Value {
    /// Text (activity title, name, ID and staff numbers).
    Text(String),
    /// The activity's day (or month).
    Date(PartialDate),
    /// Hours given.
    Hours(f64),
    /// Who the person is said to be.
    Kind(ParticipantKind),
}

impl SheetKind for Hours {
    type Field = HoursField;
    type Value = Value;
    type Options = HoursOptions;
    type Planner = plan::HoursPlanner;
    type Write = plan::HoursWrite;
    type Extra = ();

    fn nothing_found(file: &Path) -> String {
        format!("文件「{}」中没有找到志愿服务时长表：需要一行表头，至少包含「姓名」「活动」和「时长」", file.display())
    }

    fn read(field: HoursField, cell: &Cell) -> Option<std::result::Result<Value, String>> {
        Some(match field {
            HoursField::Serial => return None,
            HoursField::Date => values::date(cell).map(Value::Date),
            HoursField::IdNumber => values::id_number(cell).map(Value::Text),
            HoursField::Hours => values::hours(cell).map(Value::Hours),
            HoursField::Kind => ParticipantKind::parse(&fold(&cell.display())).map(Value::Kind).ok_or_else(|| {
                format!(
                    "身份「{}」无法识别，可填写：{}；不填则按党员名册查找",
                    cell.display(),
                    ParticipantKind::choices()
                )
            }),
            HoursField::Activity | HoursField::Name | HoursField::StaffNo => Ok(Value::Text(cell.display())),
        })
    }

    fn planner(store: &Store, _options: &HoursOptions) -> Result<plan::HoursPlanner> {
        plan::HoursPlanner::new(store)
    }

    fn write(
        conn: &rusqlite::Connection,
        today: chrono::NaiveDate,
        plan: &mut HoursPlan,
        backup: Option<&Path>,
        progress: &dyn Fn(ImportProgress),
    ) -> Result<()> {
        write::write(conn, today, plan, backup, progress)
    }
}
