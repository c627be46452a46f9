//! Parsing a roster file's sheets into member rows: finding each sheet's
//! header, skipping titles, blank rows and signature footers, taking a sheet's
//! branch from its name, and reading every cell into a field's value. Rows are
//! parsed as [`source::stream`] hands them over, while the rest of the file is
//! still being read. Nothing here looks at stored members; [`super::plan`]
//! does that.

use std::collections::BTreeMap;
use std::path::Path;

use super::header::{header_map, ColumnMap, RosterField, HEADER_SEARCH_ROWS};
use super::source::{self, Chunk, Spent};
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

/// Reads the file's sheets (the one chosen, or all), handing each member row
/// to `take` (with the sheets with a roster so far, which the row's `sheet`
/// indexes) as soon as it is read; returns the sheets with a roster. How each
/// sheet was read, and its problems, go into `report`.
///
/// `take` gives back the row's cells, for the reading thread to free (see
/// [`source::stream`]).
pub(super) fn parse_file(
    file: &Path,
    options: &RosterOptions,
    existing: &[Branch],
    report: &mut ImportReport,
    progress: &dyn Fn(ImportProgress),
    take: &mut (dyn FnMut(&[Sheet], Row) -> Vec<Cell> + Send),
) -> Result<Vec<Sheet>> {
    let mut parser = Parser {
        options,
        overrides: options.mapping.iter().map(|(h, f)| (fold(h).into_owned(), *f)).collect(),
        existing,
        report,
        sheet_names: Vec::new(),
        current: None,
        sheets: Vec::new(),
        take,
    };
    source::stream(file, progress, &mut |chunk| match chunk {
        Chunk::Sheet(name) => {
            parser.begin_sheet(name);
            Ok(Spent::new())
        }
        Chunk::Rows(rows) => Ok(rows.into_iter().map(|(number, cells)| parser.row(number, cells)).collect()),
    })?;
    parser.end_sheet();
    if let Some(wanted) = options.sheet.as_ref().filter(|w| !parser.sheet_names.contains(w)) {
        let names = parser.sheet_names.join("、");
        return Err(Error::NotFound(format!("文件中没有名为「{wanted}」的工作表；现有：{names}")));
    }
    Ok(parser.sheets)
}

/// Parses the rows of the sheets as they are read.
struct Parser<'a> {
    options: &'a RosterOptions,
    /// The user's header mapping, by folded header text.
    overrides: BTreeMap<String, RosterField>,
    existing: &'a [Branch],
    report: &'a mut ImportReport,
    /// Every sheet of the file so far.
    sheet_names: Vec<String>,
    /// The sheet being read.
    current: Option<SheetInProgress>,
    /// The sheets with a roster.
    sheets: Vec<Sheet>,
    /// Where member rows go.
    take: &'a mut (dyn FnMut(&[Sheet], Row) -> Vec<Cell> + Send),
}

/// The sheet being read.
struct SheetInProgress {
    name: String,
    /// The Excel number of its first row handed over: where the search for
    /// the header starts.
    first_row: Option<usize>,
    /// Whether any row has a value.
    has_values: bool,
    state: SheetState,
}

/// How far a sheet has been understood.
enum SheetState {
    /// Another sheet was chosen.
    NotChosen,
    /// Looking for the header among the first rows.
    Searching,
    /// No header among the first rows: the sheet is skipped.
    NoHeader,
    /// A header without a branch column, on a sheet not named after a branch.
    Refused,
    /// Below the header: rows are members.
    Members {
        /// Index into [`Parser::sheets`].
        sheet: usize,
        header_row: usize,
        branch_from_name: Option<String>,
        count: usize,
    },
}

impl Parser<'_> {
    fn begin_sheet(&mut self, name: String) {
        self.end_sheet();
        let chosen = self.options.sheet.as_ref().is_none_or(|wanted| *wanted == name);
        self.sheet_names.push(name.clone());
        let state = if chosen { SheetState::Searching } else { SheetState::NotChosen };
        self.current = Some(SheetInProgress { name, first_row: None, has_values: false, state });
    }

    /// Reads one row of the sheet; gives back its cells.
    fn row(&mut self, number: usize, cells: Vec<Cell>) -> Vec<Cell> {
        let Some(sheet) = self.current.as_mut() else { return cells };
        let first_row = *sheet.first_row.get_or_insert(number);
        if cells.iter().all(Cell::is_blank) {
            return cells;
        }
        sheet.has_values = true;
        match &mut sheet.state {
            SheetState::Searching if number.saturating_sub(first_row) >= HEADER_SEARCH_ROWS => {
                sheet.state = SheetState::NoHeader
            }
            SheetState::Searching => {
                if let Some(map) = header_map(&cells, &self.overrides) {
                    self.begin_members(number, map);
                }
            }
            SheetState::Members { sheet: index, branch_from_name, count, .. } => {
                let map = &self.sheets[*index].map;
                let name_column = map.column_of(RosterField::Name).expect("a header has a name column");
                if is_footer(&cells, name_column) {
                    return cells;
                }
                *count += 1;
                let row = Row::new(*index, number, cells, map, branch_from_name);
                return (self.take)(&self.sheets, row);
            }
            SheetState::NotChosen | SheetState::NoHeader | SheetState::Refused => {}
        }
        cells
    }

    /// The header is on row `header_row`: the rows below are members, if the
    /// sheet says which branch they are in.
    fn begin_members(&mut self, header_row: usize, map: ColumnMap) {
        let Some(sheet) = self.current.as_mut() else { return };
        let has_branch_column = map.column_of(RosterField::Branch).is_some();
        let names_existing = self.existing.iter().any(|b| branch_key(&b.name) == branch_key(&sheet.name));
        let branch_from_name = (!has_branch_column && (names_existing || reads_as_branch(&sheet.name)))
            .then(|| sheet.name.trim().to_string());
        if !has_branch_column && branch_from_name.is_none() {
            self.report.errors.push(sheet_problem(
                &sheet.name,
                header_row,
                format!(
                    "工作表「{}」没有「所在党支部」列，工作表名称也不是支部名称：请增加「所在党支部」列，或把工作表改名为支部名称（如 内科党支部）",
                    sheet.name
                ),
            ));
            sheet.state = SheetState::Refused;
            return;
        }
        sheet.state = SheetState::Members { sheet: self.sheets.len(), header_row, branch_from_name, count: 0 };
        self.sheets.push(Sheet { name: sheet.name.clone(), map });
    }

    /// Reports how the sheet just read was understood.
    fn end_sheet(&mut self) {
        let Some(sheet) = self.current.take() else { return };
        let report = &mut *self.report;
        match sheet.state {
            SheetState::Searching | SheetState::NoHeader => {
                if sheet.has_values {
                    report.warnings.push(sheet_problem(
                        &sheet.name,
                        0,
                        "没有找到表头（需要「姓名」列和至少一个其他列），已跳过此工作表".into(),
                    ));
                }
                report.sheets.push(SheetReport {
                    name: sheet.name,
                    header_row: None,
                    mapping: BTreeMap::new(),
                    unmapped: Vec::new(),
                    branch_from_name: None,
                    rows: 0,
                });
            }
            SheetState::Members { sheet: index, header_row, branch_from_name, count } => {
                let map = &self.sheets[index].map;
                report.sheets.push(SheetReport {
                    name: sheet.name.clone(),
                    header_row: Some(header_row),
                    mapping: map.fields.iter().map(|(c, f)| (map.headers[c].clone(), f.as_str().to_string())).collect(),
                    unmapped: map
                        .headers
                        .iter()
                        .filter(|(c, _)| !map.fields.contains_key(c))
                        .map(|(_, h)| h.clone())
                        .collect(),
                    branch_from_name,
                    rows: count,
                });
                if map.column_of(RosterField::Category).is_none() {
                    report.warnings.push(sheet_problem(
                        &sheet.name,
                        header_row,
                        "表中没有「人员类别」列：新党员按正式党员登记，预备党员请导入后修改".into(),
                    ));
                }
            }
            SheetState::NotChosen | SheetState::Refused => {}
        }
    }
}

impl Row {
    /// A member row as read; its cells become values in [`Row::read_values`].
    /// The branch and ID number are read ahead, for finding the branch and the
    /// stored member, and an ID number given twice.
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
