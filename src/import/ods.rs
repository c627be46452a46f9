//! What calamine's ods reader would build, measured before it reads the file.
//!
//! calamine reads every table of an ods file's `content.xml` when the file is
//! opened, writing out repeated cells and rows (`table:number-columns-repeated`,
//! `table:number-rows-repeated`) into a grid from the first to the last row with
//! a value. A few bytes of XML can thus ask for billions of cells, or for one
//! long text copied into each of them. [`check`] reads `content.xml` as a
//! stream of tags (no tree is built), counts each table's grid the way calamine
//! lays it out, over-counting where unsure, and hands it to a [`GridBudget`].

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::limits::{Grid, GridBudget};
use super::source::unreadable;
use super::xml::{attribute, attributes, Tags};
use crate::error::Result;

/// calamine's limits: a row has at most this many columns, a table this many rows.
const CALAMINE_COLUMNS: u64 = 16_384;
const CALAMINE_ROWS: u64 = 1_048_576;

/// The attributes whose values calamine keeps as a cell's text (or formula).
const STRING_ATTRIBUTES: [&[u8]; 4] =
    [b"office:string-value", b"office:date-value", b"office:time-value", b"table:formula"];

/// Refuses the ods file at `path` when calamine's grids of it would pass the
/// limits ([`super::limits`]). A file whose `content.xml` cannot be read is
/// left to calamine, which says what is wrong with it.
pub(super) fn check(path: &Path) -> Result<()> {
    let Ok(mut archive) = File::open(path).map_err(zip::result::ZipError::from).and_then(zip::ZipArchive::new) else {
        return Ok(());
    };
    let Ok(content) = archive.by_name("content.xml") else { return Ok(()) };
    let mut budget = GridBudget::new(path);
    let mut scan = Scan::default();
    let mut tags = Tags::new(BufReader::new(content));
    // A read error (a damaged zip) ends the scan; calamine then meets it too.
    while let Ok(Some(text)) = tags.next() {
        scan.text(text);
        if let Some(table) = scan.tag(tags.tag()).map_err(|detail| unreadable(path, detail))? {
            budget.add_sheet(&table.name, &table.grid)?;
        }
    }
    Ok(())
}

/// A table: its name and grid.
#[derive(Default)]
struct Table {
    name: String,
    grid: Grid,
    /// Rows without a value since the last row with one: in the grid only if
    /// another row with a value follows.
    blank_rows: u64,
    /// All rows so far, for calamine's cap on them.
    all_rows: u64,
}

/// The row being read.
#[derive(Default)]
struct Row {
    repeats: u64,
    /// Columns so far, and up to the last cell with a value.
    position: u64,
    width: u64,
    text: u64,
}

/// The cell being read.
struct CellScan {
    repeats: u64,
    valued: bool,
    text: u64,
}

/// How far a scan of `content.xml` is.
#[derive(Default)]
struct Scan {
    table: Option<Table>,
    row: Option<Row>,
    cell: Option<CellScan>,
}

/// Why a `content.xml` is refused: calamine reads a table, row or cell
/// written inside another (or a row or cell outside one) in ways this scan
/// does not follow, and no spreadsheet program writes them so.
const NESTED: &str = "content.xml 中的表格结构异常（表、行或单元格嵌套错误）";

const CELLS: [&[u8]; 2] = [b"table:table-cell", b"table:covered-table-cell"];

impl Scan {
    /// Text between tags: part of the cell's text, if in a cell.
    fn text(&mut self, bytes: u64) {
        if let Some(cell) = &mut self.cell {
            cell.text += bytes;
        }
    }

    /// A tag (the bytes between `<` and `>`); returns a table once it ends.
    fn tag(&mut self, tag: &[u8]) -> Result<Option<Table>, &'static str> {
        let closing = tag.first() == Some(&b'/');
        let empty = tag.last() == Some(&b'/');
        let Some(name) = tag[usize::from(closing)..].split(|b| b.is_ascii_whitespace() || *b == b'/').next() else {
            return Ok(None);
        };
        let structure = name == b"table:table" || name == b"table:table-row" || CELLS.contains(&name);
        if let Some(cell) = &mut self.cell {
            // In a cell only its end and its text count, spaces written as a count (`text:s`) too.
            match name {
                b"text:s" if !closing => cell.text = cell.text.saturating_add(count(tag, b"text:c", u64::MAX)),
                _ if CELLS.contains(&name) && closing => self.end_cell(),
                _ if structure => return Err(NESTED),
                _ => {}
            }
            return Ok(None);
        }
        match (name, closing) {
            (b"table:table", false) if self.table.is_none() => {
                let name = attribute(tag, b"table:name").map(|n| String::from_utf8_lossy(n).into_owned());
                self.table = Some(Table { name: name.unwrap_or_default(), ..Table::default() });
                if empty {
                    return Ok(self.table.take());
                }
            }
            (b"table:table", true) if self.row.is_none() => return Ok(self.table.take()),
            (b"table:table-row", false) if self.table.is_some() && self.row.is_none() => {
                let repeats = count(tag, b"table:number-rows-repeated", CALAMINE_ROWS);
                self.row = Some(Row { repeats, ..Row::default() });
                if empty {
                    self.end_row();
                }
            }
            (b"table:table-row", true) => self.end_row(),
            (_, false) if CELLS.contains(&name) && self.row.is_some() => {
                let repeats = count(tag, b"table:number-columns-repeated", CALAMINE_COLUMNS);
                // Over-counts: any office value, a formula or any content makes
                // a value for calamine (which also needs the content to be a string's).
                let valued =
                    !empty || attributes(tag).any(|(key, _)| key.starts_with(b"office:") || key == b"table:formula");
                let text = attributes(tag).filter(|(key, _)| STRING_ATTRIBUTES.contains(key)).map(|(_, v)| v.len());
                self.cell = Some(CellScan { repeats, valued, text: text.sum::<usize>() as u64 });
                if empty {
                    self.end_cell();
                }
            }
            _ if structure && !closing => return Err(NESTED),
            _ => {}
        }
        Ok(None)
    }

    /// A cell ends: it moves the row's position on, and, with a value, its width.
    fn end_cell(&mut self) {
        let (Some(cell), Some(row)) = (self.cell.take(), self.row.as_mut()) else { return };
        row.position = (row.position + cell.repeats).min(CALAMINE_COLUMNS);
        if cell.valued {
            row.width = row.position;
            row.text = row.text.saturating_add(cell.repeats.saturating_mul(cell.text));
        }
    }

    /// A row ends: with a value, it (and the blank rows before it) joins the
    /// grid. calamine keeps each row's cells once, then copies them into the
    /// grid as many times as the row repeats.
    fn end_row(&mut self) {
        let (Some(row), Some(table)) = (self.row.take(), self.table.as_mut()) else { return };
        let repeats = row.repeats.min(CALAMINE_ROWS.saturating_sub(table.all_rows));
        table.all_rows += repeats;
        let grid = &mut table.grid;
        if row.width == 0 {
            if grid.rows > 0 {
                table.blank_rows += repeats;
            }
            return;
        }
        grid.rows += std::mem::take(&mut table.blank_rows) + repeats;
        grid.columns = grid.columns.max(row.width);
        grid.text = grid.text.saturating_add(row.text.saturating_mul(repeats + 1));
        grid.copied_rows += repeats.saturating_sub(1);
    }
}

/// A repeat count, at most `max`: 1 when absent or not a number (calamine
/// then refuses the file), `max` when written with character references
/// (which calamine decodes for some counts).
fn count(tag: &[u8], key: &[u8], max: u64) -> u64 {
    let Some(value) = attribute(tag, key) else { return 1 };
    match std::str::from_utf8(value).ok().and_then(|v| v.trim().parse::<u64>().ok()) {
        Some(count) => count.clamp(1, max),
        None if value.contains(&b'&') => max,
        None => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables `content` holds, as [`check`] counts them: name and grid.
    fn tables(content: &str) -> Vec<(String, Grid)> {
        let mut tags = Tags::new(content.as_bytes());
        let mut scan = Scan::default();
        let mut tables = Vec::new();
        while let Some(text) = tags.next().unwrap() {
            scan.text(text);
            if let Some(table) = scan.tag(tags.tag()).unwrap() {
                tables.push((table.name, table.grid));
            }
        }
        tables
    }

    #[test]
    fn a_table_is_counted_from_its_first_to_its_last_value() {
        let content = r#"<office:spreadsheet><table:table table:name="一支部">
            <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="5"/></table:table-row>
            <table:table-row><table:table-cell/><table:table-cell office:value-type="string"><text:p>王喆</text:p></table:table-cell></table:table-row>
            <table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
            <table:table-row><table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="1"/><table:table-cell table:number-columns-repeated="1012"/></table:table-row>
            <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
            </table:table></office:spreadsheet>"#;
        let [(name, grid)] = &tables(content)[..] else { panic!("one table") };
        assert_eq!(name, "一支部");
        assert_eq!((grid.rows, grid.columns), (5, 2), "rows 3–7, columns A–B; blank edges left out");
    }

    #[test]
    fn repeats_are_multiplied_out_and_markup_in_text_is_not_a_tag() {
        let content = r#"<table:table table:name="t"><table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="999" office:value-type="string"><text:p><![CDATA[<table:table-row>]]>一二三</text:p><!-- "<table:table> --></table:table-cell></table:table-row></table:table>"#;
        let [(_, grid)] = &tables(content)[..] else { panic!("one table") };
        assert_eq!((grid.rows, grid.columns, grid.copied_rows), (100_000, 999, 99_999));
        assert_eq!(
            grid.text,
            (100_000 + 1) * 999 * "<table:table-row>一二三".len() as u64,
            "the text of every copy counts"
        );
    }

    #[test]
    fn spaces_written_as_a_count_are_text_and_nesting_is_refused() {
        let spaces = r#"<table:table><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="4000000000"/></text:p></table:table-cell></table:table-row></table:table>"#;
        let [(_, grid)] = &tables(spaces)[..] else { panic!("one table") };
        assert!(grid.text >= 8_000_000_000, "calamine writes the spaces out, once and in the grid: {}", grid.text);
        for nested in [
            r#"<table:table><table:table-row><table:table-cell office:value="1"><table:table-cell/></table:table-cell></table:table-row></table:table>"#,
            r#"<table:table><table:table-row><table:table-row></table:table-row></table:table-row></table:table>"#,
            r#"<table:table><table:table-cell/></table:table>"#,
        ] {
            let mut tags = Tags::new(nested.as_bytes());
            let mut scan = Scan::default();
            let mut refused = false;
            while let Some(text) = tags.next().unwrap() {
                scan.text(text);
                refused |= scan.tag(tags.tag()).is_err();
            }
            assert!(refused, "{nested}");
        }
    }

    #[test]
    fn the_libreoffice_fixture_passes() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster/messy.ods");
        assert!(check(&path).is_ok());
    }
}
