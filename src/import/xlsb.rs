//! What calamine's xlsb reader takes on trust, checked before it reads a file.
//!
//! Record lengths: calamine makes room for a record as long as its header
//! says (up to 256 MiB) before reading it, so a damaged length costs that much
//! memory even when the part holds a few bytes; a record longer than what is
//! left of its part is refused.
//!
//! Short cells: calamine skips cells written in the "short" record forms
//! (MS-XLSB 2.4, `BrtShortBlank` … `BrtShortRString`, record types 12–19),
//! which leave out the column. Excel writes the full forms; SheetJS (and
//! Aspose, when asked) write the short ones, and calamine 0.38 passes over them
//! without a word, so such a roster would import with cells missing. It is
//! refused instead. Remove this check once calamine reads the short forms.

use std::fs::File;
use std::io::{BufReader, ErrorKind, Read};
use std::path::Path;

use super::source::unreadable;
use crate::error::{Error, Result};

/// The short cell record types that hold a value (`BrtShortRk` …
/// `BrtShortRString`); a skipped `BrtShortBlank` (12) loses nothing.
const SHORT_CELLS: std::ops::RangeInclusive<u16> = 13..=19;

/// What a scan of the file's record parts found.
#[derive(Debug, PartialEq)]
enum Found {
    Sound,
    /// A record longer than what is left of its part, in this part.
    LongRecord(String),
    ShortCells,
}

/// Refuses the xlsb file at `path` when a record is longer than its part or a
/// worksheet holds short cells. A file that cannot be read as a zip is left to
/// calamine, which says what is wrong with it.
pub(super) fn check(path: &Path) -> Result<()> {
    match scan(path).unwrap_or(Found::Sound) {
        Found::Sound => Ok(()),
        Found::LongRecord(part) => Err(unreadable(path, format!("{part} 中的记录长度超出了内容"))),
        Found::ShortCells => Err(Error::Invalid(format!(
            "文件「{}」是由 Excel 以外的软件保存的 xlsb 文件，其中的单元格采用了本程序无法完整读取的紧凑写法；为免漏读数据，没有导入。请用 Excel 或 WPS 打开后另存为 xlsx 再导入",
            path.display()
        ))),
    }
}

fn scan(path: &Path) -> std::io::Result<Found> {
    let mut archive = zip::ZipArchive::new(BufReader::new(File::open(path)?))?;
    for index in 0..archive.len() {
        let name = archive.name_for_index(index).transpose()?.unwrap_or_default().to_lowercase();
        if !name.ends_with(".bin") {
            continue;
        }
        let worksheet = name.starts_with("xl/worksheets/");
        let mut records = BufReader::new(archive.by_index(index)?);
        while let Some(kind) = record_type(&mut records)? {
            if worksheet && SHORT_CELLS.contains(&kind) {
                return Ok(Found::ShortCells);
            }
            let length = record_length(&mut records)?;
            if std::io::copy(&mut (&mut records).take(length), &mut std::io::sink())? < length {
                return Ok(Found::LongRecord(name));
            }
        }
    }
    Ok(Found::Sound)
}

/// A record's type (MS-XLSB 2.1.4): one or two bytes of seven bits; `None` at the end.
fn record_type(records: &mut impl Read) -> std::io::Result<Option<u16>> {
    let mut byte = [0u8];
    match records.read_exact(&mut byte) {
        Err(e) if e.kind() == ErrorKind::UnexpectedEof => return Ok(None),
        other => other?,
    }
    let low = u16::from(byte[0] & 0x7F);
    if byte[0] & 0x80 == 0 {
        return Ok(Some(low));
    }
    records.read_exact(&mut byte)?;
    Ok(Some(low | u16::from(byte[0] & 0x7F) << 7))
}

/// A record's length: up to four bytes of seven bits.
fn record_length(records: &mut impl Read) -> std::io::Result<u64> {
    let mut length = 0u64;
    for shift in [0, 7, 14, 21] {
        let mut byte = [0u8];
        records.read_exact(&mut byte)?;
        length |= u64::from(byte[0] & 0x7F) << shift;
        if byte[0] & 0x80 == 0 {
            break;
        }
    }
    Ok(length)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster").join(name)
    }

    #[test]
    fn finds_the_short_cells_sheetjs_writes_and_none_in_the_full_form() {
        assert_eq!(scan(&fixture("messy_sheetjs.xlsb")).unwrap(), Found::ShortCells);
        assert_eq!(scan(&fixture("messy.xlsb")).unwrap(), Found::Sound);
        assert!(check(&fixture("random.xlsx")).is_ok(), "not a zip: left to calamine");
    }

    #[test]
    fn a_record_longer_than_its_part_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.xlsb");
        let mut writer = zip::ZipWriter::new(File::create(&path).unwrap());
        writer.start_file("xl/workbook.bin", zip::write::SimpleFileOptions::default()).unwrap();
        // BrtBeginBook (0x83 0x01), then a length of 0x0FFF_FFFF over three bytes of data.
        std::io::Write::write_all(&mut writer, &[0x83, 0x01, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3]).unwrap();
        writer.finish().unwrap();
        assert_eq!(scan(&path).unwrap(), Found::LongRecord("xl/workbook.bin".into()));
        assert!(check(&path).unwrap_err().to_string().contains("记录长度超出了内容"));
    }
}
