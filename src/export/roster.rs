//! Roster spreadsheets (xlsx, through rust_xlsxwriter).
//!
//! Columns follow [`RosterField`]'s order (the national member information
//! system's). Dates keep their precision and, with ID and phone numbers, are
//! written as text, so a roster exported here imports back with no change and
//! Excel never rounds an ID number.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use rust_xlsxwriter::{DataValidation, Format, Formula, Workbook, Worksheet, XlsxError};

use super::xlsx_error;
use crate::error::Result;
use crate::import::source;
use crate::import::values::Cell;
use crate::import::{ImportReport, RosterField};
use crate::store::{Branch, Category, Gender, Member, MemberFilter, PartyGroup, Store};

/// The roster's columns: every [`RosterField`], in its order (the national system's).
pub fn columns() -> Vec<&'static str> {
    RosterField::ALL.iter().map(|f| f.label()).collect()
}

fn header(sheet: &mut Worksheet, headers: &[String]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_background_color("#F2DCDB");
    let text = Format::new().set_num_format("@");
    for (col, title) in headers.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, title, &bold)?;
        sheet.set_column_format(col, &text)?;
        sheet.set_column_width(col, if title == RosterField::IdNumber.label() { 21 } else { 12 })?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn row_values(m: &Member, index: usize, branches: &HashMap<i64, String>, groups: &HashMap<i64, String>) -> Vec<String> {
    let value = |field: &RosterField| match field {
        RosterField::Serial => (index + 1).to_string(),
        field => field.shown(m, branches, groups),
    };
    RosterField::ALL.iter().map(value).collect()
}

/// Writes every member to `path`; `masked` masks ID and phone numbers as
/// lists show them, otherwise the audit log records the full export.
/// Returns how many members were written.
pub fn export_roster(store: &Store, path: &Path, masked: bool) -> Result<usize> {
    let _timed = crate::logging::timed("roster export");
    let members = store.members(&MemberFilter::default())?;
    let branches: HashMap<i64, String> = store.list::<Branch>()?.into_iter().map(|b| (b.id, b.name)).collect();
    let groups: HashMap<i64, String> = store.list::<PartyGroup>()?.into_iter().map(|g| (g.id, g.name)).collect();
    let extra_keys: BTreeSet<String> = members.iter().flat_map(|m| m.extra.keys().cloned()).collect();
    let mut headers: Vec<String> = columns().into_iter().map(String::from).collect();
    headers.extend(extra_keys.iter().cloned());

    let mut workbook = Workbook::new();
    let write = |workbook: &mut Workbook| -> Result<(), XlsxError> {
        let sheet = workbook.add_worksheet();
        sheet.set_name("党员花名册")?;
        header(sheet, &headers)?;
        for (index, member) in members.iter().enumerate() {
            let member = if masked { member.masked() } else { member.clone() };
            let mut values = row_values(&member, index, &branches, &groups);
            values.extend(extra_keys.iter().map(|k| member.extra.get(k).cloned().unwrap_or_default()));
            for (col, value) in values.iter().enumerate() {
                if !value.is_empty() {
                    sheet.write_string(index as u32 + 1, col as u16, value)?;
                }
            }
        }
        Ok(())
    };
    write(&mut workbook).and_then(|_| workbook.save(path)).map_err(|e| xlsx_error(path, e))?;
    if !masked {
        store.write(|conn| crate::store::personal::record_full_export(conn, "党员花名册", path, members.len()))?;
    }
    Ok(members.len())
}

/// Writes an empty roster with drop-down lists for 性别, 人员类别 and the existing branches.
pub fn roster_template(store: &Store, path: &Path) -> Result<()> {
    let branches: Vec<String> = store.list::<Branch>()?.into_iter().filter(|b| !b.archived).map(|b| b.name).collect();
    let headers: Vec<String> = columns().into_iter().map(String::from).collect();
    let column =
        |field: RosterField| RosterField::ALL.iter().position(|f| *f == field).expect("a roster column") as u16;
    let mut workbook = Workbook::new();
    let write = |workbook: &mut Workbook| -> Result<(), XlsxError> {
        let sheet = workbook.add_worksheet();
        sheet.set_name("党员花名册")?;
        header(sheet, &headers)?;
        let last = 5_000;
        let genders: Vec<&str> = Gender::ALL.iter().map(|g| g.label()).collect();
        let categories: Vec<&str> = Category::ALL.iter().map(|c| c.label()).collect();
        let list = |items: &[&str], title: &str| -> Result<DataValidation, XlsxError> {
            DataValidation::new().allow_list_strings(items)?.set_error_message(format!("请从下拉列表中选择{title}"))
        };
        let (gender, category) = (column(RosterField::Gender), column(RosterField::Category));
        sheet.add_data_validation(1, gender, last, gender, &list(&genders, "性别")?)?;
        sheet.add_data_validation(1, category, last, category, &list(&categories, "人员类别")?)?;
        if !branches.is_empty() {
            // A list longer than 255 characters must live in cells: a hidden sheet holds it.
            let options = workbook.add_worksheet();
            options.set_name("选项")?;
            for (row, name) in branches.iter().enumerate() {
                options.write_string(row as u32, 0, name)?;
            }
            options.set_hidden(true);
            let formula = Formula::new(format!("=选项!$A$1:$A${}", branches.len()));
            let validation =
                DataValidation::new().allow_list_formula(formula).set_error_message("请从下拉列表中选择已有的支部")?;
            let sheet = workbook.worksheet_from_index(0)?;
            let branch = column(RosterField::Branch);
            sheet.add_data_validation(1, branch, last, branch, &validation)?;
        }
        Ok(())
    };
    write(&mut workbook).and_then(|_| workbook.save(path)).map_err(|e| xlsx_error(path, e))
}

/// Excel's longest sheet name, in UTF-16 units (as Excel and rust_xlsxwriter count).
const MAX_SHEET_NAME: usize = 31;

/// A valid Excel sheet name, not yet in `taken`, for a sheet of the source
/// file (a sheet's name, or a CSV's file name, which may be anything): each
/// character Excel forbids (`[ ] : * ? / \`, and an apostrophe, which may not
/// start or end a name) becomes its full-width form, a control character `_`;
/// the name is cut to [`MAX_SHEET_NAME`] and, when `taken` holds it (ignoring
/// case, as Excel does), numbered `(2)`, `(3)`…; an empty name becomes 工作表.
/// The name returned is added to `taken`.
fn sheet_name(source: &str, taken: &mut HashSet<String>) -> String {
    let cleaned: String = source
        .chars()
        .map(|c| match c {
            '[' => '［',
            ']' => '］',
            ':' => '：',
            '*' => '＊',
            '?' => '？',
            '/' => '／',
            '\\' => '＼',
            '\'' => '＇',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let base = if cleaned.trim().is_empty() { "工作表" } else { cleaned.as_str() };
    (1..)
        .map(|n| {
            let suffix = if n == 1 { String::new() } else { format!("({n})") };
            let mut length = suffix.len();
            let kept: String = base
                .chars()
                .take_while(|c| {
                    length += c.len_utf16();
                    length <= MAX_SHEET_NAME
                })
                .collect();
            kept + &suffix
        })
        .find(|name| taken.insert(name.to_lowercase()))
        .expect("some number is free")
}

/// Writes the rows of `file` that have errors, as read, with a reason column, so
/// the secretary can fix them and import again. Returns how many rows were written.
pub fn error_report(report: &ImportReport, file: &Path, out: &Path) -> Result<usize> {
    let sheets = source::read(file)?;
    let mut workbook = Workbook::new();
    let mut written = 0;
    let red = Format::new().set_font_color("#C00000");
    let mut names = HashSet::new();
    let mut write = |workbook: &mut Workbook| -> Result<(), XlsxError> {
        for data in &sheets {
            let problems: Vec<_> = report.errors.iter().filter(|p| p.sheet == data.name).collect();
            if problems.is_empty() {
                continue;
            }
            let header_row = report.sheets.iter().find(|s| s.name == data.name).and_then(|s| s.header_row);
            let sheet = workbook.add_worksheet();
            sheet.set_name(sheet_name(&data.name, &mut names))?;
            let mut out_row = 0;
            let write_cells = |sheet: &mut Worksheet, out_row: u32, cells: &[Cell]| -> Result<usize, XlsxError> {
                for (col, cell) in cells.iter().enumerate() {
                    sheet.write_string(out_row, col as u16 + 1, cell.display())?;
                }
                Ok(cells.len())
            };
            let mut width = 0;
            if let Some(header) = header_row.and_then(|h| data.rows.get(&h)) {
                sheet.write_string(0, 0, "原行号")?;
                width = write_cells(sheet, 0, header)?;
                out_row = 1;
            }
            let mut rows: Vec<usize> = problems.iter().map(|p| p.row).collect();
            rows.sort_unstable();
            rows.dedup();
            for row in rows {
                let Some(cells) = data.rows.get(&row) else { continue };
                sheet.write_number(out_row, 0, row as f64)?;
                width = width.max(write_cells(sheet, out_row, cells)?);
                let reasons: Vec<String> = problems
                    .iter()
                    .filter(|p| p.row == row)
                    .map(|p| {
                        if p.column.is_empty() {
                            p.message.clone()
                        } else {
                            format!("「{}」{}", p.column, p.message)
                        }
                    })
                    .collect();
                sheet.write_string_with_format(out_row, width as u16 + 1, reasons.join("；"), &red)?;
                out_row += 1;
                written += 1;
            }
            if header_row.is_some() {
                sheet.write_string(0, width as u16 + 1, "错误原因")?;
            }
        }
        if written == 0 {
            workbook.add_worksheet().write_string(0, 0, "没有错误")?;
        }
        Ok(())
    };
    write(&mut workbook).and_then(|_| workbook.save(out)).map_err(|e| xlsx_error(out, e))?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_source_name_becomes_a_valid_and_unique_excel_sheet_name() {
        let mut taken = HashSet::new();
        let long = "滨江市中西医结合医院[2026]党员花名册:第一批*待核?/内科\\外科党支部汇总表格";
        let names: Vec<String> = [
            long,
            long,
            "Sheet1",
            "SHEET1",
            "'引号'",
            "",
            "制表\t符",
            "😀表情符号占两个单位😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
        ]
        .iter()
        .map(|source| sheet_name(source, &mut taken))
        .collect();
        assert_eq!(names[0], "滨江市中西医结合医院［2026］党员花名册：第一批＊待核？／内", "42 characters cut to 31");
        assert_eq!(names[1], "滨江市中西医结合医院［2026］党员花名册：第一批＊待核(2)", "a second one is numbered");
        assert_eq!((names[2].as_str(), names[3].as_str()), ("Sheet1", "SHEET1(2)"), "Excel ignores case");
        assert_eq!(names[4], "＇引号＇");
        assert_eq!(names[5], "工作表");
        assert_eq!(names[6], "制表_符");
        assert_eq!(names[7].encode_utf16().count(), 31, "an emoji counts twice and is never cut in half");
        for name in &names {
            rust_xlsxwriter::utility::check_sheet_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
