//! The error report of a roster import (`export::roster::error_report`) for a source
//! whose sheet name Excel would refuse: a CSV whose file name (the sheet's name for a
//! CSV), and an ODS whose sheet name, is longer than Excel's 31 characters and holds
//! the characters Excel forbids (`[]:*?`). LibreOffice writes the ODS, naming its sheet
//! after the CSV it converts. The report is read back with calamine.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{open_workbook, Reader, Xlsx};
use common::temp_store;
use dangjian::export::roster::error_report;
use dangjian::import::{preview_roster, RosterOptions};

/// 39 characters, five of them forbidden in an Excel sheet name.
const SOURCE_NAME: &str = "滨江市中西医结合医院[2026]党员花名册:第一批*待核?内科外科党支部汇总表";

/// The report's sheet: the forbidden characters in their full-width forms, cut to 31.
const REPORT_SHEET: &str = "滨江市中西医结合医院［2026］党员花名册：第一批＊待核？内科";

/// A roster whose rows 3 and 4 have errors (a gender no one has, no name).
const ROSTER: &str = "姓名,性别,出生日期,人员类别,所在党支部\n\
                      王喆,男,1985-03-12,正式党员,内科党支部\n\
                      李堃,男女,1990-07-08,正式党员,内科党支部\n\
                      ,女,1979-01-05,正式党员,内科党支部\n";

fn write_csv(dir: &Path) -> PathBuf {
    let csv = dir.join(format!("{SOURCE_NAME}.csv"));
    std::fs::write(&csv, ROSTER).unwrap();
    csv
}

/// Previews `source`, writes its error report and reads it back: the report's sheet
/// names and the text of each row of its one sheet.
fn report_of(source: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let (dir, store) = temp_store();
    let options = RosterOptions { create_branches: true, ..Default::default() };
    let report = preview_roster(&store, source, &options, &|_| {}).expect("the source is read");
    assert_eq!(report.sheets[0].name, SOURCE_NAME, "the source's sheet keeps its own name in the import");
    let out = dir.path().join("错误报告.xlsx");
    let written = error_report(&report, source, &out).expect("the report is written");
    assert_eq!(written, 2, "one line per bad row");

    let mut book: Xlsx<_> = open_workbook(&out).expect("a workbook calamine reads");
    let names = book.sheet_names();
    let range = book.worksheet_range(&names[0]).expect("the report's sheet");
    let rows = range.rows().map(|row| row.iter().map(|cell| cell.to_string()).collect()).collect();
    (names, rows)
}

fn assert_the_two_bad_rows(names: &[String], rows: &[Vec<String>]) {
    assert_eq!(names, [REPORT_SHEET], "a valid Excel name, cut by characters, not bytes");
    let cells = |row: &[String]| row[..6].to_vec();
    assert_eq!(cells(&rows[0]), ["原行号", "姓名", "性别", "出生日期", "人员类别", "所在党支部"]);
    assert_eq!(rows[0][6], "错误原因");
    assert_eq!(cells(&rows[1]), ["3", "李堃", "男女", "1990-07-08", "正式党员", "内科党支部"]);
    assert!(rows[1][6].contains("「性别」"), "row 3's reason names its column: {}", rows[1][6]);
    assert_eq!(cells(&rows[2]), ["4", "", "女", "1979-01-05", "正式党员", "内科党支部"]);
    assert!(rows[2][6].contains("「姓名」"), "row 4's reason names its column: {}", rows[2][6]);
    assert_eq!(rows.len(), 3, "the header and the two bad rows, not the good one");
}

#[test]
fn a_csv_with_a_long_file_name_full_of_forbidden_characters_gets_an_error_report() {
    let dir = tempfile::tempdir().unwrap();
    let (names, rows) = report_of(&write_csv(dir.path()));
    assert_the_two_bad_rows(&names, &rows);
}

#[test]
fn an_ods_from_libreoffice_with_such_a_sheet_name_gets_an_error_report() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write_csv(dir.path());
    let profile = format!("file://{}", dir.path().join("profile").display());
    let converted = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--infilter=CSV:44,34,76", "--convert-to", "ods", "--outdir"])
        .arg(dir.path())
        .arg(&csv)
        .output()
        .expect("LibreOffice (soffice) runs; scripts/install-deps.sh installs it");
    let ods = csv.with_extension("ods");
    assert!(ods.is_file(), "LibreOffice wrote the ODS: {}", String::from_utf8_lossy(&converted.stderr));
    let (names, rows) = report_of(&ods);
    assert_the_two_bad_rows(&names, &rows);
}
