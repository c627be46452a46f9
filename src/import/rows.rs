//! Parsing a roster file's sheets into member rows: finding each sheet's
//! header, skipping titles, blank rows and signature footers, taking a sheet's
//! branch from its name, and reading every cell into a field's value. Nothing
//! here looks at stored members; [`super::plan`] does that.

use std::collections::BTreeMap;

use super::header::{find_header, ColumnMap, RosterField};
use super::source::SheetData;
use super::values::{self, fold, Cell};
use super::{ImportProgress, ImportReport, Problem, RosterOptions, SheetReport};
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::store::{Branch, Category, Gender, MemberStatus};

/// Texts that start a signature footer line rather than a member row.
const FOOTER_STARTS: &[&str] = &[
    "制表人",
    "审核人",
    "填表人",
    "负责人",
    "制表日期",
    "填报日期",
    "日期",
    "签字",
    "签名",
    "联系人",
    "单位盖章",
    "盖章",
    "注:",
    "注：",
    "说明",
];

/// A parsed cell value.
#[derive(Debug, Clone)]
pub(super) enum Value {
    Text(String),
    Date(PartialDate),
    Gender(Gender),
    Category(Category),
    Status(MemberStatus),
    Flag(bool),
}

/// One member row of the file.
pub(super) struct Row {
    /// Index into the list of sheets with a roster.
    pub sheet: usize,
    /// The Excel row number.
    pub number: usize,
    /// The cells as read.
    pub cells: Vec<Cell>,
    /// The mapped fields' values (once read).
    pub values: Vec<(RosterField, Value)>,
    /// The branch named by the row (or the sheet's name).
    pub branch: Option<String>,
    /// The ID number, when the row has a readable one.
    pub id_number: Option<String>,
    /// Unmapped columns: header → value.
    pub extra: BTreeMap<String, String>,
    /// Problems that keep the row out.
    pub errors: Vec<Problem>,
    /// Problems worth a look.
    pub warnings: Vec<Problem>,
}

/// A sheet with a roster.
pub(super) struct Sheet {
    /// The sheet's name.
    pub name: String,
    /// What its columns hold.
    pub map: ColumnMap,
}

impl Sheet {
    /// A problem with `field`'s cell on `row`.
    pub fn problem(&self, row: &Row, field: RosterField, message: String) -> Problem {
        let column = self.map.column_of(field);
        Problem {
            sheet: self.name.clone(),
            row: row.number,
            column: self.map.header_of(field),
            value: column.and_then(|c| row.cells.get(c)).map(Cell::display).unwrap_or_default(),
            message,
        }
    }
}

pub(super) fn select_sheets(sheets: Vec<SheetData>, options: &RosterOptions) -> Result<Vec<SheetData>> {
    let Some(wanted) = &options.sheet else { return Ok(sheets) };
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    let chosen: Vec<SheetData> = sheets.into_iter().filter(|s| s.name == *wanted).collect();
    if chosen.is_empty() {
        return Err(Error::NotFound(format!("文件中没有名为「{wanted}」的工作表；现有：{}", names.join("、"))));
    }
    Ok(chosen)
}

fn sheet_problem(sheet: &str, row: usize, message: String) -> Problem {
    Problem { sheet: sheet.into(), row, column: String::new(), value: String::new(), message }
}

/// Whether a name reads as a branch (…党支部, …支部, …党总支).
pub(super) fn reads_as_branch(name: &str) -> bool {
    let folded = fold(name);
    ["支部", "总支"].iter().any(|suffix| folded.ends_with(suffix))
}

/// A branch name with the variable parts removed, so 内科支部 and 中共内科党支部 match 内科党支部.
pub(super) fn branch_key(name: &str) -> String {
    let folded = fold(name);
    folded.strip_prefix("中共").unwrap_or(&folded).replace('党', "")
}

fn is_footer(cells: &[Cell], name_column: usize) -> bool {
    let footer_text = |cell: &Cell| match cell {
        Cell::Text(t) => FOOTER_STARTS.iter().any(|start| fold(t).starts_with(start)),
        _ => false,
    };
    let name_cell = cells.get(name_column).unwrap_or(&Cell::Empty);
    (name_cell.is_blank() || footer_text(name_cell)) && cells.iter().any(footer_text)
}

/// Reads every sheet's rows; returns the sheets with a roster and their member rows.
pub(super) fn parse_sheets(
    data: Vec<SheetData>,
    options: &RosterOptions,
    existing: &[Branch],
    report: &mut ImportReport,
    progress: &dyn Fn(ImportProgress),
) -> (Vec<Sheet>, Vec<Row>) {
    let overrides: BTreeMap<String, RosterField> = options.mapping.iter().map(|(h, f)| (fold(h), *f)).collect();
    let total: usize = data.iter().map(|s| s.rows.len()).sum();
    let mut sheets = Vec::new();
    let mut rows = Vec::new();
    let mut done = 0;
    for sheet in data {
        let Some((header_index, map)) = find_header(&sheet.rows, &overrides) else {
            if !sheet.rows.is_empty() {
                report.warnings.push(sheet_problem(
                    &sheet.name,
                    0,
                    "没有找到表头（需要「姓名」列和至少一个其他列），已跳过此工作表".into(),
                ));
            }
            report.sheets.push(SheetReport {
                name: sheet.name.clone(),
                header_row: None,
                mapping: BTreeMap::new(),
                unmapped: Vec::new(),
                branch_from_name: None,
                rows: 0,
            });
            continue;
        };
        let header_row = sheet.first_row + header_index;
        let has_branch_column = map.column_of(RosterField::Branch).is_some();
        let names_existing = existing.iter().any(|b| branch_key(&b.name) == branch_key(&sheet.name));
        let branch_from_name = (!has_branch_column && (names_existing || reads_as_branch(&sheet.name)))
            .then(|| sheet.name.trim().to_string());
        if !has_branch_column && branch_from_name.is_none() {
            report.errors.push(sheet_problem(
                &sheet.name,
                header_row,
                format!(
                    "工作表「{}」没有「所在党支部」列，工作表名称也不是支部名称：请增加「所在党支部」列，或把工作表改名为支部名称（如 内科党支部）",
                    sheet.name
                ),
            ));
            continue;
        }
        let sheet_index = sheets.len();
        let name_column = map.column_of(RosterField::Name).expect("a header has a name column");
        let mut count = 0;
        for (offset, cells) in sheet.rows.into_iter().enumerate().skip(header_index + 1) {
            done += 1;
            if done % 2_000 == 0 {
                progress(ImportProgress { stage: "正在检查数据".into(), done, total });
            }
            if cells.iter().all(Cell::is_blank) || is_footer(&cells, name_column) {
                continue;
            }
            count += 1;
            let row = Row::new(sheet_index, sheet.first_row + offset, cells, &map, &branch_from_name);
            rows.push(row);
        }
        report.sheets.push(SheetReport {
            name: sheet.name.clone(),
            header_row: Some(header_row),
            mapping: map.fields.iter().map(|(c, f)| (map.headers[c].clone(), f.as_str().to_string())).collect(),
            unmapped: map.headers.iter().filter(|(c, _)| !map.fields.contains_key(c)).map(|(_, h)| h.clone()).collect(),
            branch_from_name: branch_from_name.clone(),
            rows: count,
        });
        if map.column_of(RosterField::Category).is_none() {
            report.warnings.push(sheet_problem(
                &sheet.name,
                header_row,
                "表中没有「人员类别」列：新党员按正式党员登记，预备党员请导入后修改".into(),
            ));
        }
        sheets.push(Sheet { name: sheet.name.clone(), map });
    }
    (sheets, rows)
}

impl Row {
    /// A member row as read; its cells become values in [`Row::read_values`].
    /// The branch and ID number are read ahead, for resolving branches and
    /// finding duplicates across the whole file.
    fn new(sheet: usize, number: usize, cells: Vec<Cell>, map: &ColumnMap, branch_from_name: &Option<String>) -> Row {
        let cell = |field| map.column_of(field).and_then(|c| cells.get(c)).filter(|c| !c.is_blank());
        let branch = cell(RosterField::Branch).map(Cell::display).or_else(|| branch_from_name.clone());
        let id_number = cell(RosterField::IdNumber).and_then(|c| values::id_number(c).ok());
        Row {
            sheet,
            number,
            cells,
            values: Vec::new(),
            branch,
            id_number,
            extra: BTreeMap::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Reads every cell into its field's value (unmapped ones into `extra`),
    /// adding a problem for each cell that cannot be read.
    pub fn read_values(&mut self, sheet: &Sheet) {
        let map = &sheet.map;
        for (column, header) in &map.headers {
            let cell = self.cells.get(*column).unwrap_or(&Cell::Empty);
            if cell.is_blank() {
                continue;
            }
            let Some(field) = map.fields.get(column).copied() else {
                self.extra.insert(header.clone(), cell.display());
                continue;
            };
            let parsed = match field {
                RosterField::Serial | RosterField::Branch => continue,
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
            };
            match parsed {
                Ok(value) => self.values.push((field, value)),
                Err(message) => self.errors.push(Problem {
                    sheet: sheet.name.clone(),
                    row: self.number,
                    column: header.clone(),
                    value: cell.display(),
                    message,
                }),
            }
        }
        if self.text(RosterField::Name).is_none() {
            let message = "姓名为空：每一行都要有姓名；如果这一行不是党员，请把它删掉".into();
            self.errors.push(Problem { value: String::new(), ..sheet.problem(self, RosterField::Name, message) });
        }
        if self.branch.is_none() {
            let message = "所在党支部为空：请填写支部名称".into();
            self.errors.push(Problem { value: String::new(), ..sheet.problem(self, RosterField::Branch, message) });
        }
    }

    /// The value read for `field`.
    pub fn value(&self, field: RosterField) -> Option<&Value> {
        self.values.iter().find(|(f, _)| *f == field).map(|(_, v)| v)
    }

    /// The text read for `field`.
    pub fn text(&self, field: RosterField) -> Option<&str> {
        match self.value(field) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }
}
