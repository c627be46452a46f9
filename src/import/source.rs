//! Reading a roster file into sheets of cells: xlsx, xlsm, xlsb, xls and ods
//! through calamine; csv in UTF-8 (with or without BOM) or GBK/GB18030,
//! detected from the bytes.
//!
//! [`stream`] hands the rows, in batches as they are read, to a second
//! thread, so the importer checks rows while the file is still being read;
//! [`read`] collects the whole file (for the error report).
//!
//! A workbook is measured before calamine opens it, and rows are read within
//! the limits of [`super::limits`], so that no damaged file makes the import
//! ask for memory by a number written in it; a panic inside calamine on a
//! damaged file is reported as an unreadable file.

use std::collections::BTreeMap;
use std::io::{Read, Seek};
use std::path::Path;
use std::sync::mpsc::{channel, sync_channel, Receiver, SyncSender};

use calamine::{Data, DataRef, DataType, Dimensions, Reader, Sheets};

use super::limits::{too_wide, MAX_COLUMNS};
use super::values::Cell;
use super::ImportProgress;
use crate::error::{Error, Result};

/// One sheet's rows, by the row numbers the user sees in Excel.
#[derive(Debug, Clone)]
pub struct SheetData {
    /// The sheet's name (for a csv, the file's name).
    pub name: String,
    /// Excel row number (1-based) → the row's cells.
    pub rows: BTreeMap<usize, Vec<Cell>>,
}

/// A piece of a file, as [`stream`] hands it over, in the file's order.
#[derive(Debug)]
pub enum Chunk {
    /// A sheet begins, with this name (for a csv, the file's name).
    Sheet(String),
    /// Rows of the sheet begun last, each with its Excel row number (1-based).
    /// Rows without any value may be left out.
    Rows(Vec<(usize, Vec<Cell>)>),
}

/// The cells of rows that the checking thread is done with, given back to
/// the reading thread to be freed (see [`stream`]).
pub type Spent = Vec<Vec<Cell>>;

/// Rows handed over at once (fewer hand-overs, each still small).
const BATCH_ROWS: usize = 256;

/// Batches the reading thread may be ahead of the checking one.
const BATCHES_AHEAD: usize = 16;

/// Rows read between two progress reports.
const PROGRESS_ROWS: usize = 5_000;

/// Room reserved in a row for the columns a sheet declares, at most.
const MAX_RESERVED_COLUMNS: usize = 64;

/// The longest text a cell may hold (Excel's own limit).
const MAX_CELL_CHARS: usize = 32_767;

/// Reads the file and calls `take`, on a second thread, with each sheet and
/// batch of rows as soon as they are read; reports the read's progress.
/// Stops at the first error, `take`'s or the reader's, and returns it.
///
/// The file is read on the calling thread: its many small allocations then
/// come from the main heap (on Linux, a second thread's heap grows through
/// `mprotect` calls that took a tenth of the reading time, seen with `perf`).
/// `take` gives back the cells it is done with: the reading thread frees them,
/// as freeing them on the other thread while this one allocates made the two
/// contend for the allocator (the read took about 10% longer).
pub fn stream(
    path: &Path,
    progress: &dyn Fn(ImportProgress),
    take: &mut (dyn FnMut(Chunk) -> Result<Spent> + Send),
) -> Result<()> {
    let kind = kind_of(path)?;
    std::thread::scope(|scope| {
        let (sender, receiver) = sync_channel(BATCHES_AHEAD);
        let (give_back, given_back) = channel();
        // Returning early drops the receiver, which stops the reading.
        let taking = scope.spawn(move || {
            receiver.into_iter().try_for_each(|chunk| {
                // Once the reading is over, what is given back is freed here.
                let _ = give_back.send(take(chunk)?);
                Ok(())
            })
        });
        let mut out =
            Batcher { sender, given_back, rows: Vec::new(), progress, sheet: String::new(), declared: 0, reported: 0 };
        let read = out.read(path, kind).and_then(|()| out.flush());
        drop(out);
        let taken = taking.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // `take`'s error first: the read may have failed only because `take` stopped.
        taken.and(read)
    })
}

/// Reads every sheet of the file.
pub fn read(path: &Path) -> Result<Vec<SheetData>> {
    let mut sheets: Vec<SheetData> = Vec::new();
    stream(path, &|_| {}, &mut |chunk| {
        match chunk {
            Chunk::Sheet(name) => sheets.push(SheetData { name, rows: BTreeMap::new() }),
            Chunk::Rows(rows) => sheets.last_mut().expect("rows come after their sheet").rows.extend(rows),
        }
        Ok(Spent::new())
    })?;
    Ok(sheets)
}

/// The kinds of file a roster can come in.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Csv,
    Workbook(Format),
}

/// The workbook formats, each read by its own calamine reader.
#[derive(Debug, Clone, Copy)]
enum Format {
    /// xlsx or xlsm.
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

/// Checks that the file exists, is of a kind we read, and that calamine can
/// read it within the limits ([`super::limits`]).
fn kind_of(path: &Path) -> Result<Kind> {
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_lowercase).unwrap_or_default();
    let name = path.display().to_string();
    if !path.is_file() {
        return Err(Error::io(format!("找不到文件 {name}"), std::io::Error::from(std::io::ErrorKind::NotFound)));
    }
    let kind = match extension.as_str() {
        "csv" => Kind::Csv,
        "xlsx" | "xlsm" => Kind::Workbook(Format::Xlsx),
        "xlsb" => Kind::Workbook(Format::Xlsb),
        "xls" => Kind::Workbook(Format::Xls),
        "ods" => Kind::Workbook(Format::Ods),
        _ => {
            return Err(Error::Invalid(format!(
                "不支持的文件类型「{name}」：请选择 xlsx、xlsm、xlsb、xls、ods 或 csv 文件"
            )))
        }
    };
    if matches!(kind, Kind::Workbook(Format::Xlsx | Format::Xlsb)) && is_compound_file(path) {
        return Err(Error::Invalid(format!(
            "文件「{name}」设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码后另存，再导入"
        )));
    }
    match kind {
        Kind::Csv => {}
        Kind::Workbook(Format::Xlsx) => super::xlsx::check(path)?,
        Kind::Workbook(Format::Xlsb) => super::xlsb::check(path)?,
        Kind::Workbook(Format::Xls) => super::xls::check(path)?,
        Kind::Workbook(Format::Ods) => super::ods::check(path)?,
    }
    Ok(kind)
}

/// True when the file starts like an OLE compound file (old xls, or an encrypted xlsx).
fn is_compound_file(path: &Path) -> bool {
    let mut head = [0u8; 8];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|_| head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// The error for a file calamine (or a check before it) cannot read.
pub(super) fn unreadable(path: &Path, detail: impl std::fmt::Display) -> Error {
    Error::Invalid(format!(
        "文件「{}」无法读取，可能已损坏或并非真正的表格文件（{detail}）。请用 Excel 或 WPS 打开后另存为 xlsx 再导入",
        path.display()
    ))
}

/// The reading end of [`stream`]: sends sheets and batches of rows, frees
/// the cells given back, and reports progress.
struct Batcher<'p> {
    sender: SyncSender<Chunk>,
    given_back: Receiver<Spent>,
    rows: Vec<(usize, Vec<Cell>)>,
    progress: &'p dyn Fn(ImportProgress),
    /// The sheet being read, and the rows it declares.
    sheet: String,
    declared: usize,
    /// The row of the last progress report.
    reported: usize,
}

impl Batcher<'_> {
    fn read(&mut self, path: &Path, kind: Kind) -> Result<()> {
        match kind {
            Kind::Csv => self.csv(path),
            Kind::Workbook(format) => {
                // calamine panics on some damaged files (an index past a slice's end).
                let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.workbook(path, format)));
                read.unwrap_or_else(|_| Err(unreadable(path, "读取表格时出错")))
            }
        }
    }

    fn send(&self, chunk: Chunk) -> Result<()> {
        // A closed channel means the checking side stopped and has its own
        // error to report; this one is never shown.
        self.sender.send(chunk).map_err(|_| Error::Invalid("读取已停止".into()))
    }

    /// A sheet begins; it declares `rows` rows, blank ones included (for progress).
    fn sheet(&mut self, name: String, rows: usize) -> Result<()> {
        self.flush()?;
        (self.sheet, self.declared, self.reported) = (name.clone(), rows, 0);
        self.send(Chunk::Sheet(name))
    }

    fn row(&mut self, number: usize, cells: Vec<Cell>) -> Result<()> {
        if number >= self.reported + PROGRESS_ROWS {
            self.reported = number;
            let (done, total) = (number, self.declared.max(number));
            (self.progress)(ImportProgress { stage: format!("正在读取「{}」", self.sheet), done, total });
        }
        self.rows.push((number, cells));
        if self.rows.len() >= BATCH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        self.given_back.try_iter().for_each(drop);
        let rows = std::mem::replace(&mut self.rows, Vec::with_capacity(BATCH_ROWS));
        self.send(Chunk::Rows(rows))
    }

    /// Reads a workbook with the calamine reader of its format (calamine's own
    /// choice by extension is case-sensitive, and would read a file as another
    /// format than the one it was checked as).
    fn workbook(&mut self, path: &Path, format: Format) -> Result<()> {
        let opened = match format {
            Format::Xlsx => calamine::open_workbook(path).map(Sheets::Xlsx).map_err(calamine::Error::Xlsx),
            Format::Xlsb => calamine::open_workbook(path).map(Sheets::Xlsb).map_err(calamine::Error::Xlsb),
            Format::Xls => calamine::open_workbook(path).map(Sheets::Xls).map_err(calamine::Error::Xls),
            Format::Ods => calamine::open_workbook(path).map(Sheets::Ods).map_err(calamine::Error::Ods),
        };
        let mut workbook = opened.map_err(|e| unreadable(path, e))?;
        for name in workbook.sheet_names() {
            self.workbook_sheet(&mut workbook, &name, path)?;
        }
        Ok(())
    }

    /// Reads one sheet of a workbook: cell by cell from an xlsx or xlsb file,
    /// from calamine's grid from an xls or ods file.
    fn workbook_sheet<RS: Read + Seek>(&mut self, workbook: &mut Sheets<RS>, name: &str, path: &Path) -> Result<()> {
        match workbook {
            Sheets::Xlsx(xlsx) => {
                let mut cells = xlsx.worksheet_cells_reader(name).map_err(|e| unreadable(path, e))?;
                self.streamed(name, path, cells.dimensions(), || cells.next_cell())
            }
            Sheets::Xlsb(xlsb) => {
                let mut cells = xlsb.worksheet_cells_reader(name).map_err(|e| unreadable(path, e))?;
                self.streamed(name, path, cells.dimensions(), || cells.next_cell())
            }
            other => {
                let range = other.worksheet_range(name).map_err(|e| unreadable(path, e))?;
                self.sheet(name.to_string(), range.height())?;
                self.range_rows(&range, path, name)
            }
        }
    }

    /// A sheet's rows from calamine's grid, with cells at their absolute column.
    fn range_rows(&mut self, range: &calamine::Range<Data>, path: &Path, sheet: &str) -> Result<()> {
        let (first_row, first_column) = range.start().map(|(r, c)| (r as usize, c as usize)).unwrap_or((0, 0));
        for (index, row) in range.rows().enumerate() {
            let mut cells = vec![Cell::Empty; first_column];
            for data in row {
                cells.push(cell(data, path, sheet)?);
            }
            self.row(first_row + index + 1, cells)?;
        }
        Ok(())
    }

    /// A sheet's rows from its cells as calamine reads them one by one from an
    /// xlsx or xlsb file (`next_cell`), without building calamine's grid (half
    /// the memory, and faster); as [`Batcher::range_rows`]. The formats keep
    /// rows in order; a file that does not is refused, as a row it gives in two
    /// places would be read as two rows. A value past [`MAX_COLUMNS`] is refused
    /// before its row is made that wide.
    fn streamed<'a, E: std::fmt::Display>(
        &mut self,
        sheet: &str,
        path: &Path,
        dimensions: Dimensions,
        mut next_cell: impl FnMut() -> std::result::Result<Option<calamine::Cell<DataRef<'a>>>, E>,
    ) -> Result<()> {
        let declared = (dimensions.end.0 + 1).saturating_sub(dimensions.start.0) as usize;
        let width = (dimensions.end.1 as usize + 1).min(MAX_RESERVED_COLUMNS);
        self.sheet(sheet.to_string(), declared)?;
        let mut current: Option<(usize, Vec<Cell>)> = None;
        while let Some(found) = next_cell().map_err(|e| unreadable(path, e))? {
            let value = cell(found.get_value(), path, sheet)?;
            if value == Cell::Empty {
                continue;
            }
            let (row, column) = (found.get_position().0 as usize + 1, found.get_position().1 as usize);
            if column >= MAX_COLUMNS {
                return Err(too_wide(path, sheet, row, column));
            }
            match current.as_ref().map(|(number, _)| *number) {
                Some(before) if row < before => return Err(out_of_order(path, sheet, row, before)),
                Some(before) if row > before => {
                    let (number, cells) = current.take().expect("checked above");
                    self.row(number, cells)?;
                }
                _ => {}
            }
            let (_, cells) = current.get_or_insert_with(|| (row, Vec::with_capacity(width)));
            if cells.len() <= column {
                cells.resize(column + 1, Cell::Empty);
            }
            cells[column] = value;
        }
        match current {
            Some((number, cells)) => self.row(number, cells),
            None => Ok(()),
        }
    }

    fn csv(&mut self, path: &Path) -> Result<()> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(format!("无法读取文件 {}", path.display()), e))?;
        let text = decode_csv(&bytes);
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        self.sheet(name, text.lines().count())?;
        for (index, record) in reader.records().enumerate() {
            let record = record.map_err(|e| unreadable(path, e))?;
            // Trailing empty fields are left out, as the other formats leave out empty cells.
            let used = (0..record.len()).rev().find(|&i| !record[i].trim().is_empty()).map_or(0, |last| last + 1);
            if used > MAX_COLUMNS {
                return Err(too_wide(path, &self.sheet, index + 1, used - 1));
            }
            let mut cells = Vec::with_capacity(used);
            for field in record.iter().take(used) {
                if too_many_chars(field) {
                    return Err(too_long(path, "CSV"));
                }
                cells.push(if field.trim().is_empty() { Cell::Empty } else { Cell::Text(field.to_string()) });
            }
            self.row(index + 1, cells)?;
        }
        Ok(())
    }
}

/// One cell from calamine (a grid's [`Data`] or a streamed `DataRef`).
fn cell(data: &impl DataType, path: &Path, sheet: &str) -> Result<Cell> {
    if let Some(text) = data.get_string().or_else(|| data.get_datetime_iso()).or_else(|| data.get_duration_iso()) {
        if too_many_chars(text) {
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

/// Whether a text is longer than a cell may be (its bytes are counted first:
/// a text has at least as many bytes as characters).
fn too_many_chars(text: &str) -> bool {
    text.len() > MAX_CELL_CHARS && text.chars().count() > MAX_CELL_CHARS
}

fn out_of_order(path: &Path, sheet: &str, row: usize, after: usize) -> Error {
    let format = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    Error::Invalid(format!(
        "文件「{}」的「{sheet}」中，第 {row} 行排在第 {after} 行之后，不符合 {format} 格式，可能由不规范的软件生成；请用 Excel 或 WPS 打开后另存为 xlsx 再导入",
        path.display()
    ))
}

fn too_long(path: &Path, sheet: &str) -> Error {
    Error::Invalid(format!(
        "文件「{}」的「{sheet}」中有单元格超过 {MAX_CELL_CHARS} 个字符，这不是正常的花名册内容；请检查文件是否正确",
        path.display()
    ))
}

/// Decodes CSV bytes: UTF-8 (a BOM is dropped) when valid, else GB18030 (a superset of GBK).
fn decode_csv(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows a reading function hands over, each without its trailing
    /// empty cells, blank rows left out.
    fn handed_over(read: impl FnOnce(&mut Batcher) -> Result<()>) -> Vec<(usize, Vec<Cell>)> {
        let (sender, receiver) = sync_channel(100_000);
        let progress = |_| {};
        let given_back = channel().1;
        let mut batcher = Batcher {
            sender,
            given_back,
            rows: Vec::new(),
            progress: &progress,
            sheet: String::new(),
            declared: 0,
            reported: 0,
        };
        read(&mut batcher).and_then(|()| batcher.flush()).unwrap();
        drop(batcher);
        let mut rows = Vec::new();
        for chunk in receiver {
            if let Chunk::Rows(batch) = chunk {
                rows.extend(batch);
            }
        }
        for (_, cells) in &mut rows {
            while cells.last() == Some(&Cell::Empty) {
                cells.pop();
            }
        }
        rows.retain(|(_, cells)| !cells.is_empty());
        rows
    }

    #[test]
    fn streamed_rows_equal_calamines_grid() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster");
        for file in ["messy.xlsx", "errors.xlsx", "per_branch_sheets.xlsx", "updated.xlsx", "messy.xlsb"] {
            let path = dir.join(file);
            let mut workbook = calamine::open_workbook_auto(&path).unwrap();
            for sheet in workbook.sheet_names() {
                let streamed = handed_over(|out| out.workbook_sheet(&mut workbook, &sheet, &path));
                let range = workbook.worksheet_range(&sheet).unwrap();
                let grid = handed_over(|out| out.range_rows(&range, &path, &sheet));
                assert!(!grid.is_empty(), "{file}: {sheet} has rows");
                assert_eq!(streamed, grid, "{file}: {sheet}");
            }
        }
    }

    #[test]
    fn a_read_stops_when_the_checking_side_stops() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster/messy.xlsx");
        let mut chunks = 0;
        let stopped = stream(&path, &|_| {}, &mut |_| {
            chunks += 1;
            Err(Error::Invalid("够了".into()))
        });
        assert_eq!((chunks, stopped.unwrap_err().to_string()), (1, "够了".to_string()));
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
