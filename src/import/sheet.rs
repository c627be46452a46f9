//! Reading a file's sheets into rows: finding each sheet's header, skipping
//! titles, blank rows and signature footers, and reading every cell into its
//! field's value. Rows are handed to the planner as [`source::stream`] reads
//! them, while the rest of the file is still being read. Nothing here looks at
//! stored data; the kind's [`RowPlanner`] does that.

use std::collections::BTreeMap;
use std::path::Path;

use super::header::{header_map, ColumnMap, Field, HEADER_SEARCH_ROWS};
use super::kind::{Options, RowPlanner, SheetKind};
use super::plan::Planning;
use super::source::{self, Chunk, Spent};
use super::values::{fold, Cell};
use super::{ImportProgress, ImportReport, Problem, SheetReport};
use crate::error::{Error, Result};

/// Texts that start a signature footer or a totals line rather than a data row.
const FOOTER_STARTS: &[&str] = &[
    "合计",
    "总计",
    "小计",
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

/// One data row of a file.
pub struct Row<F, V> {
    /// Index into the list of sheets with a header.
    pub(super) sheet: usize,
    /// The Excel row number.
    pub(super) number: usize,
    /// The cells as read.
    pub(super) cells: Vec<Cell>,
    /// The mapped fields' values (once read).
    pub(super) values: Vec<(F, V)>,
    /// Unmapped columns: header → value.
    pub(super) extra: BTreeMap<String, String>,
    /// Problems that keep the row out.
    pub(super) errors: Vec<Problem>,
    /// Problems worth a look.
    pub(super) warnings: Vec<Problem>,
}

/// A sheet with a header.
pub struct Sheet<F> {
    /// The sheet's name.
    pub(super) name: String,
    /// What its columns hold.
    pub(super) map: ColumnMap<F>,
    /// What the sheet's name stands for, when the kind reads something from
    /// it (the roster's branch).
    pub(super) from_name: Option<String>,
}

impl<F: Field> Sheet<F> {
    /// A problem with `field`'s cell on `row`.
    pub(super) fn problem<V>(&self, row: &Row<F, V>, field: F, message: String) -> Problem {
        let column = self.map.column_of(field);
        Problem {
            sheet: self.name.clone(),
            row: row.number,
            column: self.map.header_of(field),
            value: column.and_then(|c| row.cells.get(c)).map(Cell::display).unwrap_or_default(),
            message,
        }
    }

    /// A problem with `field` on `row`, whose cell is empty.
    pub(super) fn missing<V>(&self, row: &Row<F, V>, field: F, message: String) -> Problem {
        Problem { value: String::new(), ..self.problem(row, field, message) }
    }
}

fn sheet_problem(sheet: &str, row: usize, message: String) -> Problem {
    Problem { sheet: sheet.into(), row, column: String::new(), value: String::new(), message }
}

fn is_footer(cells: &[Cell], name_column: usize) -> bool {
    let footer_text = |cell: &Cell| match cell {
        Cell::Text(t) => FOOTER_STARTS.iter().any(|start| fold(t).starts_with(start)),
        _ => false,
    };
    let name_cell = cells.get(name_column).unwrap_or(&Cell::Empty);
    (name_cell.is_blank() || footer_text(name_cell)) && cells.iter().any(footer_text)
}

/// Reads the file's sheets (the one chosen, or all), handing each data row to
/// `planning` as soon as it is read; returns the sheets with a header. How
/// each sheet was read, and its problems, go into `report`.
pub(super) fn parse_file<K: SheetKind>(
    file: &Path,
    options: &K::Options,
    report: &mut ImportReport,
    progress: &dyn Fn(ImportProgress),
    planning: &mut Planning<K>,
) -> Result<Vec<Sheet<K::Field>>> {
    let choices = options.choices();
    let mut parser = Parser {
        chosen: choices.sheet,
        overrides: choices.mapping.iter().map(|(h, f)| (fold(h).into_owned(), *f)).collect(),
        report,
        sheet_names: Vec::new(),
        current: None,
        sheets: Vec::new(),
        planning,
    };
    source::stream(file, progress, &mut |chunk| match chunk {
        Chunk::Sheet(name) => {
            parser.begin_sheet(name);
            Ok(Spent::new())
        }
        Chunk::Rows(rows) => Ok(rows.into_iter().map(|(number, cells)| parser.row(number, cells)).collect()),
    })?;
    parser.end_sheet();
    if let Some(wanted) = choices.sheet.filter(|w| !parser.sheet_names.iter().any(|name| name == w)) {
        let names = parser.sheet_names.join("、");
        return Err(Error::NotFound(format!("文件中没有名为「{wanted}」的工作表；现有：{names}")));
    }
    Ok(parser.sheets)
}

/// Parses the rows of the sheets as they are read.
struct Parser<'a, K: SheetKind> {
    /// The sheet the user chose, if any.
    chosen: Option<&'a str>,
    /// The user's header mapping, by folded header text.
    overrides: BTreeMap<String, K::Field>,
    report: &'a mut ImportReport,
    /// Every sheet of the file so far.
    sheet_names: Vec<String>,
    /// The sheet being read.
    current: Option<SheetInProgress>,
    /// The sheets with a header.
    sheets: Vec<Sheet<K::Field>>,
    /// Where data rows go.
    planning: &'a mut Planning<K>,
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
    /// A header the kind cannot read rows below (see [`RowPlanner::accept_sheet`]).
    Refused,
    /// Below the header: rows are data.
    Rows {
        /// Index into [`Parser::sheets`].
        sheet: usize,
        header_row: usize,
        count: usize,
    },
}

impl<K: SheetKind> Parser<'_, K> {
    fn begin_sheet(&mut self, name: String) {
        self.end_sheet();
        let chosen = self.chosen.is_none_or(|wanted| wanted == name);
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
                    self.begin_rows(number, map);
                }
            }
            SheetState::Rows { sheet: index, count, .. } => {
                let map = &self.sheets[*index].map;
                let name_column = map.column_of(K::Field::NAME).expect("a header has a name column");
                if is_footer(&cells, name_column) {
                    return cells;
                }
                *count += 1;
                let row = Row {
                    sheet: *index,
                    number,
                    cells,
                    values: Vec::new(),
                    extra: BTreeMap::new(),
                    errors: Vec::new(),
                    warnings: Vec::new(),
                };
                return self.planning.plan_row(&self.sheets, row);
            }
            SheetState::NotChosen | SheetState::NoHeader | SheetState::Refused => {}
        }
        cells
    }

    /// The header is on row `header_row`: the rows below are data, if the
    /// kind can read them.
    fn begin_rows(&mut self, header_row: usize, map: ColumnMap<K::Field>) {
        let Some(sheet) = self.current.as_mut() else { return };
        match self.planning.planner.accept_sheet(&sheet.name, &map) {
            Ok(from_name) => {
                sheet.state = SheetState::Rows { sheet: self.sheets.len(), header_row, count: 0 };
                self.sheets.push(Sheet { name: sheet.name.clone(), map, from_name });
            }
            Err(message) => {
                self.report.errors.push(sheet_problem(&sheet.name, header_row, message));
                sheet.state = SheetState::Refused;
            }
        }
    }

    /// Reports how the sheet just read was understood.
    fn end_sheet(&mut self) {
        let Some(sheet) = self.current.take() else { return };
        let report = &mut *self.report;
        match sheet.state {
            SheetState::Searching | SheetState::NoHeader => {
                if sheet.has_values {
                    let message =
                        format!("没有找到表头（需要「{}」列和至少一个其他列），已跳过此工作表", K::Field::NAME.label());
                    report.warnings.push(sheet_problem(&sheet.name, 0, message));
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
            SheetState::Rows { sheet: index, header_row, count } => {
                let Sheet { map, from_name, .. } = &self.sheets[index];
                report.sheets.push(SheetReport {
                    name: sheet.name.clone(),
                    header_row: Some(header_row),
                    mapping: map.fields.iter().map(|(c, f)| (map.headers[c].clone(), f.code().to_string())).collect(),
                    unmapped: map
                        .headers
                        .iter()
                        .filter(|(c, _)| !map.fields.contains_key(c))
                        .map(|(_, h)| h.clone())
                        .collect(),
                    branch_from_name: from_name.clone(),
                    rows: count,
                });
                if let Some(message) = self.planning.planner.sheet_warning(map) {
                    report.warnings.push(sheet_problem(&sheet.name, header_row, message));
                }
            }
            SheetState::NotChosen | SheetState::Refused => {}
        }
    }
}

impl<F: Field, V> Row<F, V> {
    /// Reads every cell into its field's value through `read` (see
    /// [`SheetKind::read`]; unmapped ones into `extra`), adding a problem for
    /// each cell that cannot be read.
    pub(super) fn read_values(
        &mut self,
        sheet: &Sheet<F>,
        read: impl Fn(F, &Cell) -> Option<std::result::Result<V, String>>,
    ) {
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
            match read(field, cell) {
                None => {}
                Some(Ok(value)) => self.values.push((field, value)),
                Some(Err(message)) => self.errors.push(Problem {
                    sheet: sheet.name.clone(),
                    row: self.number,
                    column: header.clone(),
                    value: cell.display(),
                    message,
                }),
            }
        }
    }

    /// The value read for `field`.
    pub(super) fn value(&self, field: F) -> Option<&V> {
        self.values.iter().find(|(f, _)| *f == field).map(|(_, v)| v)
    }

    /// The cell of `field`'s column, unless it is blank.
    pub(super) fn cell(&self, sheet: &Sheet<F>, field: F) -> Option<&Cell> {
        sheet.map.column_of(field).and_then(|c| self.cells.get(c)).filter(|c| !c.is_blank())
    }
}
