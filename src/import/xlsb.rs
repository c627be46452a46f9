//! What calamine's xlsb reader skips: cells written in the "short" record forms
//! (MS-XLSB 2.4, `BrtShortBlank` … `BrtShortRString`, record types 12–19),
//! which leave out the column. Excel writes the full forms; SheetJS (and Aspose,
//! when asked) write the short ones, and calamine 0.38 passes over them without
//! a word, so such a roster would import with cells missing. It is refused
//! instead. Remove this check once calamine reads the short forms.

use std::fs::File;
use std::io::{BufReader, ErrorKind, Read};
use std::path::Path;

/// The short cell record types that hold a value (`BrtShortRk` …
/// `BrtShortRString`); a skipped `BrtShortBlank` (12) loses nothing.
const SHORT_CELLS: std::ops::RangeInclusive<u16> = 13..=19;

/// Whether a worksheet of the xlsb file at `path` holds cells in the short
/// record forms. A file that cannot be read as an xlsb is left to calamine,
/// which says what is wrong with it.
pub(super) fn has_short_cells(path: &Path) -> bool {
    worksheets_have_short_cells(path).unwrap_or(false)
}

fn worksheets_have_short_cells(path: &Path) -> std::io::Result<bool> {
    let mut archive = zip::ZipArchive::new(BufReader::new(File::open(path)?))?;
    for index in 0..archive.len() {
        let name = archive.name_for_index(index).transpose()?.unwrap_or_default().to_lowercase();
        if name.starts_with("xl/worksheets/") && name.ends_with(".bin") {
            let mut records = BufReader::new(archive.by_index(index)?);
            while let Some(kind) = record_type(&mut records)? {
                if SHORT_CELLS.contains(&kind) {
                    return Ok(true);
                }
                let length = record_length(&mut records)?;
                std::io::copy(&mut (&mut records).take(length), &mut std::io::sink())?;
            }
        }
    }
    Ok(false)
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
        assert!(has_short_cells(&fixture("messy_sheetjs.xlsb")));
        assert!(!has_short_cells(&fixture("messy.xlsb")));
        assert!(!has_short_cells(&fixture("random.xlsx")), "not a zip: left to calamine");
    }
}
