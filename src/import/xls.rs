//! What calamine's xls reader would build, measured before it reads the file.
//!
//! An xls file is a compound file (MS-CFB) whose Workbook stream holds BIFF
//! records (MS-XLS). calamine reads every sheet when the file is opened: it
//! reserves room for the cells a sheet's DIMENSIONS record announces, builds a
//! grid from the first to the last cell, and follows the compound file's chains
//! of sectors without looking for loops. A damaged file can thus make it ask
//! for gigabytes, or loop until memory runs out, which ends the program instead
//! of returning an error. [`check`] reads the Workbook stream as calamine does,
//! refusing looping chains and sectors past the end of the file, then walks
//! each sheet's records as calamine does and hands their extents to a
//! [`GridBudget`]. Mirror calamine here when upgrading it.

use std::path::Path;

use super::limits::{check_grid, Grid, GridBudget};
use super::source::unreadable;
use crate::error::{Error, Result};

const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector ids from here up are markers, not sectors.
const MAX_SECTOR_ID: u32 = 0xFFFF_FFFA;
/// A FAT entry: the sector is a DIFAT sector (and ids from here up are not FAT sectors).
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
/// A FAT entry: the chain ends here.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Streams shorter than this live in the mini stream, in sectors of 64 bytes.
const MINI_STREAM_CUTOFF: usize = 4096;
const MINI_SECTOR: usize = 64;

/// Refuses the xls file at `path` when calamine could not read it within the
/// limits ([`super::limits`]); a file that is no compound file at all is refused
/// as unreadable, as calamine would.
pub(super) fn check(path: &Path) -> Result<()> {
    let file = std::fs::read(path).map_err(|e| Error::io(format!("无法读取文件 {}", path.display()), e))?;
    let stream = Compound::new(&file)
        .and_then(|compound| compound.stream("Workbook").or_else(|_| compound.stream("Book")))
        .map_err(|detail| unreadable(path, detail))?;
    check_sheets(path, &stream)
}

/// A compound file's sectors and its sector allocation table (FAT), read as
/// calamine reads them. Every chain is followed for at most as many steps as
/// the file has sectors, so none is longer than the file.
struct Compound<'f> {
    /// The sectors: the file after its header.
    sectors: &'f [u8],
    sector: usize,
    /// calamine's limit: ids above it are past the end of the file.
    max_id: usize,
    fat: Vec<u32>,
    /// The directory entries: name, first sector, length.
    entries: Vec<(String, u32, usize)>,
    mini_stream: Vec<u8>,
    mini_fat: Vec<u32>,
}

/// A step of reading the compound file, or what is wrong with it (for the user).
type Parsed<T> = std::result::Result<T, &'static str>;

impl<'f> Compound<'f> {
    fn new(file: &'f [u8]) -> Parsed<Self> {
        let header = file.get(..512).filter(|h| h[..8] == SIGNATURE).ok_or("不是 Excel 97-2003 文件")?;
        let sector = match u16_at(header, 30) {
            9 => 512,
            12 => 4096,
            _ => return Err("扇区大小无效"),
        };
        if u16_at(header, 32) != 6 {
            return Err("小扇区大小无效");
        }
        let sectors = file.get(sector..).ok_or("文件过短")?;
        let mut compound = Compound {
            sectors,
            sector,
            max_id: file.len() / sector,
            fat: Vec::new(),
            entries: Vec::new(),
            mini_stream: Vec::new(),
            mini_fat: Vec::new(),
        };
        let mut fat_sectors: Vec<u32> = u32s(&header[76..512]).collect();
        let mut next = u32_at(header, 68);
        for _ in compound.steps() {
            if next >= MAX_SECTOR_ID {
                break;
            }
            fat_sectors.extend(u32s(compound.sector(next)?));
            next = fat_sectors.pop().ok_or("扇区分配表残缺")?;
        }
        if next < MAX_SECTOR_ID {
            return Err("扇区分配表的链有环");
        }
        fat_sectors.retain(|id| *id < DIFAT_SECTOR);
        // More FAT sectors than the file has sectors can only repeat each other.
        if fat_sectors.len() > compound.max_id + 1 {
            return Err("扇区分配表过长");
        }
        for id in fat_sectors {
            let entries = u32s(compound.sector(id)?);
            compound.fat.extend(entries);
        }

        let directory = compound.chain(u32_at(header, 48), usize::MAX)?;
        let large = sector == 4096;
        compound.entries = directory.chunks_exact(128).map(|entry| directory_entry(entry, large)).collect();
        let &(_, root_start, root_length) = compound.entries.first().ok_or("目录为空")?;
        if u16_at(header, 26) != 3 && root_start == END_OF_CHAIN {
            return Err("目录为空");
        }
        let mini_fat_sectors = u32_at(header, 64) as usize;
        if mini_fat_sectors > 0 {
            compound.mini_stream = compound.chain(root_start, root_length)?;
            let mini_fat = compound.chain(u32_at(header, 60), mini_fat_sectors.saturating_mul(sector))?;
            compound.mini_fat = u32s(&mini_fat).collect();
        }
        Ok(compound)
    }

    /// As many steps as a chain may take.
    fn steps(&self) -> std::ops::RangeInclusive<usize> {
        0..=self.max_id
    }

    /// Sector `id`, cut short (or empty) past the end of the file, as calamine reads it.
    fn sector(&self, id: u32) -> Parsed<&'f [u8]> {
        let id = id as usize;
        if id > self.max_id {
            return Err("扇区超出文件末尾");
        }
        let start = (id * self.sector).min(self.sectors.len());
        Ok(&self.sectors[start..(start + self.sector).min(self.sectors.len())])
    }

    /// The chain of sectors from `first`, up to `length` bytes.
    fn chain(&self, first: u32, length: usize) -> Parsed<Vec<u8>> {
        let mut chain = Vec::new();
        let mut id = first;
        for _ in self.steps() {
            if id == END_OF_CHAIN {
                return Ok(chain);
            }
            let sector = self.sector(id)?;
            chain.extend_from_slice(&sector[..sector.len().min(length - chain.len())]);
            if chain.len() >= length {
                return Ok(chain);
            }
            id = *self.fat.get(id as usize).ok_or("扇区分配表残缺")?;
        }
        Err("扇区链有环")
    }

    /// The chain of mini sectors from `first`, up to `length` bytes.
    fn mini_chain(&self, first: u32, length: usize) -> Parsed<Vec<u8>> {
        let mut chain = Vec::new();
        let mut id = first;
        // A mini stream is shorter than the cutoff: a longer chain loops.
        for _ in 0..=MINI_STREAM_CUTOFF / MINI_SECTOR {
            if id == END_OF_CHAIN {
                return Ok(chain);
            }
            let start = id as usize * MINI_SECTOR;
            let end = (start + MINI_SECTOR).min(self.mini_stream.len());
            let sector = self.mini_stream.get(start..end).filter(|s| !s.is_empty()).ok_or("小扇区超出范围")?;
            chain.extend_from_slice(&sector[..sector.len().min(length - chain.len())]);
            if chain.len() >= length {
                return Ok(chain);
            }
            id = *self.mini_fat.get(id as usize).ok_or("小扇区分配表残缺")?;
        }
        Err("小扇区链有环")
    }

    /// The stream called `name` (in any case).
    fn stream(&self, name: &str) -> Parsed<Vec<u8>> {
        let &(_, first, length) =
            self.entries.iter().find(|(entry, ..)| entry.eq_ignore_ascii_case(name)).ok_or("找不到工作簿数据")?;
        if length < MINI_STREAM_CUTOFF {
            self.mini_chain(first, length)
        } else {
            self.chain(first, length)
        }
    }
}

/// A directory entry's name (up to its first NUL), first sector and length.
fn directory_entry(entry: &[u8], large_sectors: bool) -> (String, u32, usize) {
    let units = entry[..64].chunks(2).map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
    let name = char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).take_while(|c| *c != '\0').collect();
    let length = if large_sectors {
        usize::try_from(u64::from_le_bytes(entry[120..128].try_into().expect("8 bytes"))).unwrap_or(usize::MAX)
    } else {
        u32_at(entry, 120) as usize
    };
    (name, u32_at(entry, 116), length)
}

/// The records of a BIFF stream, as calamine splits them: type and data.
/// Stops at the first record that runs past the end (calamine fails there).
fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let kind = u16_at(stream.get(..4)?, 0);
        let length = u16_at(stream, 2) as usize;
        let data = stream.get(4..4 + length)?;
        stream = &stream[4 + length..];
        Some((kind, data))
    })
}

/// Walks each sheet's records from where the workbook's BoundSheet record
/// places it, as calamine does, and budgets its grid.
fn check_sheets(path: &Path, stream: &[u8]) -> Result<()> {
    let mut budget = GridBudget::new(path);
    for (start, name) in sheets(stream) {
        let Some(sheet) = stream.get(start..) else { continue };
        let (rows, columns) = sheet_extent(path, &name, sheet)?;
        budget.add_sheet(&name, &Grid { rows, columns, ..Grid::default() })?;
    }
    Ok(())
}

/// Where each sheet's records start in the stream, and its name, from the
/// workbook's BoundSheet records.
fn sheets(stream: &[u8]) -> Vec<(usize, String)> {
    let mut sheets = Vec::new();
    let mut biff8 = true;
    for (kind, data) in records(stream) {
        match kind {
            // BOF: the BIFF version, which decides how names are written.
            0x0809 if data.len() >= 2 => {
                biff8 = !matches!(u16_at(data, 0), 0x0002 | 0x0007 | 0x0200 | 0x0300 | 0x0400 | 0x0500)
            }
            // BoundSheet: where a sheet's records start, and its name.
            0x0085 if data.len() >= 6 => {
                let name = sheet_name(&data[6..], biff8).unwrap_or_else(|| format!("第 {} 个工作表", sheets.len() + 1));
                sheets.push((u32_at(data, 0) as usize, name));
            }
            0x000A => break,
            _ => {}
        }
    }
    sheets
}

/// A BIFF8 sheet name: a character count, a flag for two-byte characters, the characters.
fn sheet_name(data: &[u8], biff8: bool) -> Option<String> {
    let (&count, data) = data.split_first().filter(|_| biff8)?;
    let (&flags, data) = data.split_first()?;
    let count = count as usize;
    if flags & 1 == 0 {
        Some(data.get(..count)?.iter().map(|&b| char::from(b)).collect())
    } else {
        let units = data.get(..count * 2)?.chunks(2).map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
        Some(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect())
    }
}

/// The rows and columns of the grid calamine builds for a sheet: from its first
/// to its last row with a cell, from column A to its last column with a cell.
/// Refuses the sheet at once when its DIMENSIONS record alone asks for too much.
fn sheet_extent(path: &Path, sheet: &str, stream: &[u8]) -> Result<(u64, u64)> {
    let (mut first_row, mut last_row, mut last_column) = (u16::MAX, 0u16, None::<u16>);
    let mut cell = |row: u16, column: u16| {
        first_row = first_row.min(row);
        last_row = last_row.max(row);
        last_column = last_column.max(Some(column));
    };
    // calamine skips the records of substreams nested in the sheet (charts).
    let (mut seen_bof, mut depth) = (false, 0usize);
    for (kind, data) in records(stream) {
        if depth > 0 {
            match kind {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match kind {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => {
                let (rows, columns) = dimensions(data);
                check_grid(path, sheet, rows, columns)?;
            }
            // Number, Label, RString, BoolErr, RK, LabelSst, Formula: row, then column.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if data.len() >= 4 => {
                cell(u16_at(data, 0), u16_at(data, 2))
            }
            // MulRk: row, first column, …, last column.
            0x00BD if data.len() >= 6 => {
                cell(u16_at(data, 0), u16_at(data, 2));
                cell(u16_at(data, 0), u16_at(data, data.len() - 2));
            }
            _ => {}
        }
    }
    Ok(match last_column {
        Some(column) => (u64::from(last_row - first_row) + 1, u64::from(column) + 1),
        None => (0, 0),
    })
}

/// The rows and columns calamine reserves room for from a DIMENSIONS record,
/// computed as calamine computes them (rows wrap around as its 32-bit count does).
fn dimensions(data: &[u8]) -> (u64, u64) {
    let (first_row, end_row, mut first_column, end_column) = match data.len() {
        10 => (u16_at(data, 0) as u32, u16_at(data, 2) as u32, u16_at(data, 4) as u32, u16_at(data, 6) as u32),
        14 | 16 => (u32_at(data, 0), u32_at(data, 4), u16_at(data, 8) as u32, u16_at(data, 10) as u32),
        _ => return (0, 0),
    };
    if first_column > 0xFF || end_column < first_column {
        first_column = 0;
    }
    if end_row == 0 || end_column == 0 {
        return (1, 1);
    }
    let rows = (end_row - 1).wrapping_sub(first_row).wrapping_add(1);
    (u64::from(rows), u64::from(end_column - first_column))
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

fn u32s(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes.chunks_exact(4).map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster").join(name)).unwrap()
    }

    #[test]
    fn reads_the_sheets_of_a_libreoffice_xls_as_calamine_does() {
        let file = fixture("messy.xls");
        let stream = Compound::new(&file).unwrap().stream("Workbook").unwrap();
        let (kind, bof) = records(&stream).next().unwrap();
        assert_eq!((kind, u16_at(bof, 0)), (0x0809, 0x0600), "the stream opens with a BIFF8 BOF");
        let sheets = sheets(&stream);
        assert_eq!(sheets.iter().map(|(_, name)| name.as_str()).collect::<Vec<_>>(), ["党员花名册"]);
        let extent = sheet_extent(Path::new("messy.xls"), "党员花名册", &stream[sheets[0].0..]).unwrap();
        assert_eq!(extent, (16, 14), "rows 1–16 (title to footer), columns A–N, as in messy.xlsx");
    }

    #[test]
    fn a_looping_chain_is_refused_not_followed() {
        let mut file = fixture("messy.xls");
        let first_fat_sector = u32_at(&file, 76) as usize;
        let directory = u32_at(&file, 48);
        // The directory's only sector is made to point back to itself.
        let entry = 512 + first_fat_sector * 512 + directory as usize * 4;
        file[entry..entry + 4].copy_from_slice(&directory.to_le_bytes());
        assert_eq!(Compound::new(&file).err(), Some("扇区链有环"));
    }

    #[test]
    fn dimensions_are_counted_as_calamine_counts_them() {
        let record = |rows: (u32, u32), columns: (u16, u16)| {
            [
                &rows.0.to_le_bytes()[..],
                &rows.1.to_le_bytes(),
                &columns.0.to_le_bytes(),
                &columns.1.to_le_bytes(),
                &[0, 0],
            ]
            .concat()
        };
        assert_eq!(dimensions(&record((3, 16), (0, 12))), (13, 12), "rows 4–16, columns A–L");
        assert_eq!(dimensions(&record((0, 0), (0, 0))), (1, 1), "an empty sheet");
        assert_eq!(
            dimensions(&record((20, 10), (0, 12))).0,
            u64::from(u32::MAX - 10 + 1),
            "wraps as calamine's count does"
        );
        assert_eq!(
            dimensions(&record((0, 65_536), (0x1FF, 0x100))),
            (65_536, 256),
            "a first column past IV counts from A"
        );
    }
}
