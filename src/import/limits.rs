//! How much of a sheet the import reads at most, so that no file, however
//! damaged or hostile, makes it ask for memory in proportion to a number
//! written in the file (a cell reference, a dimension, a repeat count) rather
//! than to what the file holds.
//!
//! xlsx, xlsb and csv rows are read one at a time ([`super::source`]): a row
//! is as wide as its last cell, so only the columns are bounded
//! ([`MAX_COLUMNS`]). calamine reads every sheet of an xls or ods file into a
//! dense grid when the file is opened, from the first to the last cell with a
//! value; [`super::xls`] and [`super::ods`] measure those grids from the file
//! first and hand them to a [`GridBudget`], which refuses the file before
//! calamine builds them. Raise a limit here, not in the format modules.

use std::path::Path;

use crate::error::{Error, Result};

/// Columns a row may have a value in: far more than any roster or list of
/// hours (the national member system exports 21), far fewer than Excel's
/// 16,384, one cell in the last of which would make every row 16,384 cells wide.
pub(super) const MAX_COLUMNS: usize = 1_000;

/// Cells calamine's grids of an xls or ods file may hold, all sheets together:
/// 25 columns of 20,000 rows, four times the largest hospital roster. calamine
/// holds a grid more than once while reading it (the grid, the copy it hands
/// out, the room an xls DIMENSIONS record reserves), about 65 bytes a cell in
/// all: 32 MB at this limit (measured: an xls whose one cell was moved down to
/// make 490,000).
pub(super) const MAX_GRID_CELLS: u64 = 500_000;

/// Bytes of text calamine's grids of an ods file may hold once the file's
/// repeated cells and rows are written out, all sheets together. A 20,000-row
/// roster holds about 6 MB.
pub(super) const MAX_GRID_TEXT: u64 = 32 << 20;

/// Rows with values an ods file may have calamine write out from repeat counts
/// (`table:number-rows-repeated`, which LibreOffice writes for identical
/// consecutive rows): a roster has no two identical rows, and each copy costs
/// as much as a row written out in the file, whose few bytes can ask for
/// hundreds of thousands of rows, each checked and reported on.
pub(super) const MAX_COPIED_ROWS: u64 = 1_000;

/// A sheet's grid, as calamine would build it.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Grid {
    /// Rows, from the first to the last with a value.
    pub(super) rows: u64,
    /// Columns, from A to the last with a value.
    pub(super) columns: u64,
    /// Bytes of text, counted once for each copy calamine holds.
    pub(super) text: u64,
    /// Rows with values written out from a repeat count.
    pub(super) copied_rows: u64,
}

/// The grids calamine would build for a file, added up sheet by sheet.
pub(super) struct GridBudget<'p> {
    path: &'p Path,
    cells: u64,
    text: u64,
}

impl<'p> GridBudget<'p> {
    /// An empty budget for the file at `path`.
    pub(super) fn new(path: &'p Path) -> Self {
        GridBudget { path, cells: 0, text: 0 }
    }

    /// Adds a sheet's grid; refuses it, or the file, when a limit is passed.
    pub(super) fn add_sheet(&mut self, sheet: &str, grid: &Grid) -> Result<()> {
        check_grid(self.path, sheet, grid.rows, grid.columns)?;
        if grid.copied_rows > MAX_COPIED_ROWS {
            return Err(Error::Invalid(format!(
                "文件「{}」的工作表「{sheet}」中有 {} 行是由上一行重复写出的（ods 的行重复），超出了本程序读取的上限（{MAX_COPIED_ROWS} 行），不像是花名册或时长表；请检查文件是否正确，或另存为 xlsx 再导入",
                self.path.display(),
                grid.copied_rows
            )));
        }
        self.cells = self.cells.saturating_add(grid.rows * grid.columns);
        self.text = self.text.saturating_add(grid.text);
        let file = self.path.display();
        if self.cells > MAX_GRID_CELLS {
            return Err(Error::Invalid(format!(
                "文件「{file}」各工作表的数据范围合计超过 {MAX_GRID_CELLS} 个单元格，超出了本程序读取 xls、ods 文件的上限。请删除不需要的工作表或多余的空行空列后另存为 xlsx，再导入"
            )));
        }
        if self.text > MAX_GRID_TEXT {
            return Err(Error::Invalid(format!(
                "文件「{file}」中重复的单元格展开后文字超过 {} MB，不像是花名册或时长表；请检查文件是否正确，或另存为 xlsx 再导入",
                MAX_GRID_TEXT >> 20
            )));
        }
        Ok(())
    }
}

/// Refuses a grid of `rows` by `columns` cells for one sheet when it is wider
/// than [`MAX_COLUMNS`] or larger than [`MAX_GRID_CELLS`].
pub(super) fn check_grid(path: &Path, sheet: &str, rows: u64, columns: u64) -> Result<()> {
    if columns <= MAX_COLUMNS as u64 && rows.saturating_mul(columns) <= MAX_GRID_CELLS {
        return Ok(());
    }
    Err(Error::Invalid(format!(
        "文件「{}」的工作表「{sheet}」数据范围过大（{rows} 行 × {columns} 列），超出了本程序读取 xls、ods 文件的上限（至多 {MAX_COLUMNS} 列、{MAX_GRID_CELLS} 个单元格）。多半是表格下方或右侧远处误填了内容：请删除多余的空行空列后另存为 xlsx，再导入",
        path.display()
    )))
}

/// The error for a value in a column past [`MAX_COLUMNS`] (`column` counts from 0).
pub(super) fn too_wide(path: &Path, sheet: &str, row: usize, column: usize) -> Error {
    Error::Invalid(format!(
        "文件「{}」的「{sheet}」中，第 {row} 行第 {} 列（{} 列）有内容，超出了本程序读取的 {MAX_COLUMNS} 列。多半是表格右侧远处误填了内容：请删除多余的列后另存，再导入",
        path.display(),
        column + 1,
        column_letters(column)
    ))
}

/// Excel's letters for a column counted from 0 (0 → A, 16,383 → XFD).
fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut rest = column + 1;
    while rest > 0 {
        letters.push(b'A' + ((rest - 1) % 26) as u8);
        rest = (rest - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_are_excels() {
        let letters: Vec<String> = [0, 25, 26, 701, 702, 999, 16_383].into_iter().map(column_letters).collect();
        assert_eq!(letters, ["A", "Z", "AA", "ZZ", "AAA", "ALL", "XFD"]);
    }

    #[test]
    fn a_grid_past_a_limit_is_refused_naming_the_sheet() {
        let path = Path::new("名单.ods");
        let grid = |rows, columns, text, copied_rows| Grid { rows, columns, text, copied_rows };
        let refusal = |grid: Grid| GridBudget::new(path).add_sheet("二支部", &grid).unwrap_err().to_string();
        let mut budget = GridBudget::new(path);
        assert!(budget.add_sheet("一支部", &grid(10_000, 30, 1 << 20, 1_000)).is_ok(), "300,000 cells pass");
        let total = budget.add_sheet("二支部", &grid(10_000, 30, 0, 0)).unwrap_err().to_string();
        assert!(total.contains("合计超过 500000 个单元格"), "two sheets of 300,000 cells exceed the total: {total}");
        assert!(refusal(grid(10, 1_001, 0, 0)).contains("「二支部」数据范围过大（10 行 × 1001 列）"));
        assert!(refusal(grid(10, 10, MAX_GRID_TEXT + 1, 0)).contains("文字超过 32 MB"));
        assert!(refusal(grid(2_000, 10, 0, 1_001)).contains("有 1001 行是由上一行重复写出的"));
    }
}
