//! Reading a roster file into sheets of cells: xlsx, xlsm, xlsb, xls and ods
//! through calamine; csv in UTF-8 (with or without BOM) or GBK/GB18030,
//! detected from the bytes.

use std::io::{Read, Seek};
use std::path::Path;

use calamine::{Data, DataType, Reader, Sheets, Xlsx};

use super::values::Cell;
use super::ImportProgress;
use crate::error::{Error, Result};

/// One sheet's rows, keeping the row numbers the user sees in Excel.
#[derive(Debug, Clone)]
pub struct SheetData {
    /// The sheet's name (for a csv, the file's name).
    pub name: String,
    /// The Excel row number (1-based) of `rows[0]`.
    pub first_row: usize,
    /// The cells, row by row, trailing blank rows removed.
    pub rows: Vec<Vec<Cell>>,
}

/// How many rows pass between two progress reports while a sheet is read.
const PROGRESS_ROWS: usize = 5_000;

/// Room reserved in a row for the columns a sheet declares, at most.
const MAX_RESERVED_COLUMNS: usize = 64;

/// The longest text a cell may hold (Excel's own limit).
const MAX_CELL_CHARS: usize = 32_767;

/// Reads every sheet of the file, reporting progress through large xlsx sheets.
pub fn read(path: &Path, progress: &dyn Fn(ImportProgress)) -> Result<Vec<SheetData>> {
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_lowercase).unwrap_or_default();
    let name = path.display().to_string();
    if !path.is_file() {
        return Err(Error::io(format!("找不到文件 {name}"), std::io::Error::from(std::io::ErrorKind::NotFound)));
    }
    match extension.as_str() {
        "csv" => read_csv(path),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => read_workbook(path, &extension, progress),
        _ => Err(Error::Invalid(format!("不支持的文件类型「{name}」：请选择 xlsx、xlsm、xlsb、xls、ods 或 csv 文件"))),
    }
}

/// True when the file starts like an OLE compound file (old xls, or an encrypted xlsx).
fn is_compound_file(path: &Path) -> bool {
    let mut head = [0u8; 8];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|_| head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

fn unreadable(path: &Path, detail: impl std::fmt::Display) -> Error {
    Error::Invalid(format!(
        "文件「{}」无法读取，可能已损坏或并非真正的表格文件（{detail}）。请用 Excel 或 WPS 打开后另存为 xlsx 再导入",
        path.display()
    ))
}

fn read_workbook(path: &Path, extension: &str, progress: &dyn Fn(ImportProgress)) -> Result<Vec<SheetData>> {
    if matches!(extension, "xlsx" | "xlsm" | "xlsb") && is_compound_file(path) {
        return Err(Error::Invalid(format!(
            "文件「{}」设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码后另存，再导入",
            path.display()
        )));
    }
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| unreadable(path, e))?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let (first_row, mut rows) = match &mut workbook {
            Sheets::Xlsx(xlsx) => xlsx_rows(xlsx, &name, path, progress)?,
            other => range_rows(&other.worksheet_range(&name).map_err(|e| unreadable(path, e))?, path, &name)?,
        };
        trim_trailing_blank_rows(&mut rows);
        sheets.push(SheetData { name, first_row: first_row + 1, rows });
    }
    Ok(sheets)
}

/// A sheet's rows from calamine's grid: the index of its first row, and the
/// rows with cells at their absolute column.
fn range_rows(range: &calamine::Range<Data>, path: &Path, sheet: &str) -> Result<(usize, Vec<Vec<Cell>>)> {
    let (first_row, first_column) = range.start().map(|(r, c)| (r as usize, c as usize)).unwrap_or((0, 0));
    let mut rows = Vec::with_capacity(range.height());
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; first_column];
        for data in row {
            cells.push(cell(data, path, sheet)?);
        }
        rows.push(cells);
    }
    Ok((first_row, rows))
}

/// A sheet's rows streamed from an xlsx file's XML, without building
/// calamine's grid first (half the memory, and faster); as [`range_rows`].
fn xlsx_rows<RS: Read + Seek>(
    xlsx: &mut Xlsx<RS>,
    sheet: &str,
    path: &Path,
    progress: &dyn Fn(ImportProgress),
) -> Result<(usize, Vec<Vec<Cell>>)> {
    let mut reader = xlsx.worksheet_cells_reader(sheet).map_err(|e| unreadable(path, e))?;
    let dimensions = reader.dimensions();
    let total = (dimensions.end.0 + 1).saturating_sub(dimensions.start.0) as usize;
    let width = (dimensions.end.1 as usize + 1).min(MAX_RESERVED_COLUMNS);
    let mut reported = 0;
    let mut first_row: Option<usize> = None;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    while let Some(found) = reader.next_cell().map_err(|e| unreadable(path, e))? {
        let value = cell(found.get_value(), path, sheet)?;
        if value == Cell::Empty {
            continue;
        }
        let (row, column) = (found.get_position().0 as usize, found.get_position().1 as usize);
        if row >= reported + PROGRESS_ROWS {
            reported = row;
            progress(ImportProgress { stage: format!("正在读取「{sheet}」"), done: row, total: total.max(row) });
        }
        let first = *first_row.get_or_insert(row);
        if row < first {
            // Rows out of order (allowed, though no writer we know does it).
            rows.splice(0..0, std::iter::repeat_with(Vec::new).take(first - row));
            first_row = Some(row);
        }
        let index = row - first_row.unwrap_or(row);
        if rows.len() <= index {
            rows.resize_with(index + 1, Vec::new);
        }
        let cells = &mut rows[index];
        if cells.len() <= column {
            cells.reserve(width.max(column + 1) - cells.len());
            cells.resize(column + 1, Cell::Empty);
        }
        cells[column] = value;
    }
    Ok((first_row.unwrap_or(0), rows))
}

/// One cell from calamine (a grid's [`Data`] or a streamed `DataRef`).
fn cell(data: &impl DataType, path: &Path, sheet: &str) -> Result<Cell> {
    if let Some(text) = data.get_string().or(data.get_datetime_iso()).or(data.get_duration_iso()) {
        if text.chars().count() > MAX_CELL_CHARS {
            return Err(too_long(path, sheet));
        }
        return Ok(Cell::Text(text.to_string()));
    }
    Ok(match (data.get_datetime(), data.get_int(), data.get_float(), data.get_bool()) {
        (Some(date), ..) if date.is_datetime() => Cell::Date(date.as_f64()),
        (Some(duration), ..) => Cell::Number(duration.as_f64()),
        (_, Some(n), ..) => Cell::Number(n as f64),
        (_, _, Some(n), _) => Cell::Number(n),
        (_, _, _, Some(b)) => Cell::Bool(b),
        _ => Cell::Empty,
    })
}

fn too_long(path: &Path, sheet: &str) -> Error {
    Error::Invalid(format!(
        "文件「{}」的「{sheet}」中有单元格超过 {MAX_CELL_CHARS} 个字符，这不是正常的花名册内容；请检查文件是否正确",
        path.display()
    ))
}

fn trim_trailing_blank_rows(rows: &mut Vec<Vec<Cell>>) {
    while rows.last().is_some_and(|row| row.iter().all(Cell::is_blank)) {
        rows.pop();
    }
}

/// Decodes CSV bytes: UTF-8 (a BOM is dropped) when valid, else GB18030 (a superset of GBK).
fn decode_csv(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

fn read_csv(path: &Path) -> Result<Vec<SheetData>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("无法读取文件 {}", path.display()), e))?;
    let text = decode_csv(&bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(path, e))?;
        let mut cells = Vec::with_capacity(record.len());
        for field in record.iter() {
            if field.chars().count() > MAX_CELL_CHARS {
                return Err(too_long(path, "CSV"));
            }
            cells.push(if field.trim().is_empty() { Cell::Empty } else { Cell::Text(field.to_string()) });
        }
        rows.push(cells);
    }
    trim_trailing_blank_rows(&mut rows);
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(vec![SheetData { name, first_row: 1, rows }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_xlsx_rows_equal_calamines_grid() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster");
        for file in ["messy.xlsx", "errors.xlsx", "per_branch_sheets.xlsx", "updated.xlsx"] {
            let path = dir.join(file);
            let mut xlsx: Xlsx<_> = calamine::open_workbook(&path).unwrap();
            for sheet in xlsx.sheet_names() {
                let mut streamed = xlsx_rows(&mut xlsx, &sheet, &path, &|_| {}).unwrap();
                let mut grid = range_rows(&xlsx.worksheet_range(&sheet).unwrap(), &path, &sheet).unwrap();
                for rows in [&mut streamed.1, &mut grid.1] {
                    // The grid pads each row to the sheet's width; the stream stops at its last cell.
                    for row in rows.iter_mut() {
                        while row.last() == Some(&Cell::Empty) {
                            row.pop();
                        }
                    }
                }
                assert!(!grid.1.is_empty(), "{file}: {sheet} has rows");
                assert_eq!(streamed, grid, "{file}: {sheet}");
            }
        }
    }

    #[test]
    fn csv_in_gbk_and_utf8_with_bom_decode_alike() {
        let text = "姓名,性别\n王喆,男\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode_csv(&gbk), text);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode_csv(&bom), text);
    }
}
