//! The member roster (党员花名册) as a kind of sheet: its columns
//! ([`field`]), how a row is matched to a stored member and branch ([`plan`]),
//! and how the members are written ([`write`]).

mod field;
mod plan;
mod write;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use field::RosterField;

use super::kind::{Choices, Options, SheetKind};
use super::values::{self, Cell};
use super::ImportProgress;
use crate::date::PartialDate;
use crate::error::Result;
use crate::store::{Category, Gender, MemberStatus, Store};

/// What the user chose for a roster import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RosterOptions {
    /// Only this sheet (by name); all sheets when `None`.
    pub sheet: Option<String>,
    /// Header text → field, overriding the built-in synonyms.
    pub mapping: BTreeMap<String, RosterField>,
    /// Import the valid rows even when other rows have errors.
    pub skip_invalid: bool,
    /// Create the branches and party groups the file names that do not exist yet.
    pub create_branches: bool,
    /// Report every row (for the app's preview table), not only the problems.
    pub include_rows: bool,
}

impl Options<RosterField> for RosterOptions {
    fn choices(&self) -> Choices<'_, RosterField> {
        Choices {
            sheet: self.sheet.as_deref(),
            mapping: &self.mapping,
            skip_invalid: self.skip_invalid,
            include_rows: self.include_rows,
        }
    }

    fn for_writing(&self) -> Self {
        RosterOptions { include_rows: false, ..self.clone() }
    }
}

/// A roster read and checked against the database (see [`super::Plan`]).
///
/// New branches and party groups carry negative placeholder ids until they
/// are created; the members that belong to them refer to those placeholders.
pub type RosterPlan = super::Plan<Roster>;

/// The member roster, as a kind of sheet.
#[derive(Debug, Clone, Copy)]
pub struct Roster;

/// A roster cell's value.
#[derive(Debug, Clone)]
pub enum Value {
    /// Text (names, ID and phone numbers, …).
    Text(String),
    /// A date, maybe month-only.
    Date(PartialDate),
    /// 男 / 女.
    Gender(Gender),
    /// 正式党员 / 预备党员.
    Category(Category),
    /// 党籍状态.
    Status(MemberStatus),
    /// 是 / 否.
    Flag(bool),
}

impl SheetKind for Roster {
    type Field = RosterField;
    type Value = Value;
    type Options = RosterOptions;
    type Planner = plan::RosterPlanner;
    type Write = plan::MemberWrite;
    type Extra = plan::NewBranches;

    fn nothing_found(file: &Path) -> String {
        format!(
            "文件「{}」中没有找到花名册：需要一行表头，至少包含「姓名」和另一列（如身份证号、性别、所在党支部）",
            file.display()
        )
    }

    fn read(field: RosterField, cell: &Cell) -> Option<std::result::Result<Value, String>> {
        Some(match field {
            RosterField::Serial | RosterField::Branch => return None,
            RosterField::Gender => values::gender(cell).map(Value::Gender),
            RosterField::IdNumber => values::id_number(cell).map(Value::Text),
            RosterField::BirthDate | RosterField::JoinedOn | RosterField::FullMemberOn => {
                values::date(cell).map(Value::Date)
            }
            RosterField::Category => values::category(cell).map(Value::Category),
            RosterField::Status => values::status(cell).map(Value::Status),
            RosterField::LostContact | RosterField::Floating => values::yes_no(cell).map(Value::Flag),
            RosterField::Phone => values::phone(cell).map(Value::Text),
            _ => Ok(Value::Text(cell.display())),
        })
    }

    fn planner(store: &Store, options: &RosterOptions) -> Result<plan::RosterPlanner> {
        plan::RosterPlanner::new(store, options)
    }

    fn write(
        conn: &rusqlite::Connection,
        today: chrono::NaiveDate,
        plan: &mut RosterPlan,
        backup: Option<&Path>,
        progress: &dyn Fn(ImportProgress),
    ) -> Result<()> {
        write::write(conn, today, plan, backup, progress)
    }
}
