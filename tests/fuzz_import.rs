//! Fuzz-style test of the roster import (issue 12): thousands of spreadsheets derived
//! from the fixtures and mutated by a seeded PRNG (bytes flipped; files and zip entries
//! cut short; XML mangled; cell references, dimensions, shared-string indexes and repeat
//! counts made huge; BIFF and XLSB records given huge rows and columns; random bytes and
//! endless rows in CSV) are each previewed through `preview_roster`, the call behind
//! `dangjian import roster --dry-run` and the app's preview, which reads the file exactly
//! as an import does.
//!
//! Every case must return (a panic is caught and listed with its case), an error must
//! say what is wrong in Chinese, and memory must stay bounded: a counting global
//! allocator tracks the peak of live bytes during each case, and refuses any single
//! allocation above [`MAX_ALLOCATION`]; the process then aborts, after printing the case.
//! calamine panics on some damaged files; the import catches those and reports the file
//! as unreadable, so they are printed as a summary, while a caught panic whose place is
//! the import's own code fails the test.
//!
//! Rerun one case, with its mutation printed:
//! `FUZZ_CASE=1234 cargo test -p dangjian --test fuzz_import -- --nocapture`.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;
use std::time::Instant;

use dangjian::import::{preview_roster, ImportReport, RosterOptions};
use dangjian::ErrorCode;
use fastrand::Rng;
use rust_xlsxwriter::Workbook;

/// Cases run in all: about 25 s on the 2-core test machine in the debug profile (4 ms
/// a case on average), twice that while another build runs beside the tests.
const CASES: usize = 6_000;

/// The largest single allocation the import may ask for. No roster needs a block this
/// big; a request above it is a size taken from the file (a dimension, a count, a
/// repeat), which is what this test is here to catch.
const MAX_ALLOCATION: usize = 256 << 20;

/// The most live memory one case may add. The seeds are files of 3–25 KB, and reading
/// one (calamine's buffers, the rows in flight between the reading and the checking
/// thread, the report) takes 2–5 MB. What a mangled one may cost is set by the limits
/// of `src/import/limits.rs`: a grid of at most 500,000 cells for an xls or ods, which
/// calamine and the import hold at about 65 bytes a cell (32 MB; 30 MB measured for an
/// xls whose one cell is moved to row 32,769), or 32 MB of text written out from an
/// ods's repeats. Without them one cell at XFD1048576 asks for a grid of hundreds of
/// gigabytes.
const MAX_CASE_BYTES: usize = 64 << 20;

// ---------------------------------------------------------------------------
// The counting allocator.

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Live bytes now.
static LIVE: AtomicUsize = AtomicUsize::new(0);
/// The most live bytes since [`PEAK`] was last reset.
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// The case being run (`usize::MAX` outside the cases), named when an allocation is refused.
static CASE: AtomicUsize = AtomicUsize::new(usize::MAX);

/// The system allocator, counting live bytes and refusing single allocations above
/// [`MAX_ALLOCATION`].
struct Counting;

// SAFETY: every call is passed on to `System` unchanged, or answered with null (which
// callers must handle as an allocation failure); the counters are plain atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if refused(layout.size()) {
            return std::ptr::null_mut();
        }
        counted(System.alloc(layout), layout.size())
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if refused(layout.size()) {
            return std::ptr::null_mut();
        }
        counted(System.alloc_zeroed(layout), layout.size())
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if refused(new_size) {
            return std::ptr::null_mut();
        }
        let moved = System.realloc(ptr, layout, new_size);
        if !moved.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
        }
        counted(moved, new_size)
    }
}

fn counted(ptr: *mut u8, size: usize) -> *mut u8 {
    if !ptr.is_null() {
        let live = LIVE.fetch_add(size, Relaxed) + size;
        PEAK.fetch_max(live, Relaxed);
    }
    ptr
}

/// Whether an allocation of `size` bytes is refused; says so on stderr, without
/// allocating, since the process is about to abort.
fn refused(size: usize) -> bool {
    if size <= MAX_ALLOCATION {
        return false;
    }
    let mut message = [0u8; 256];
    let mut out = &mut message[..];
    let _ = writeln!(
        out,
        "fuzz_import: case {} asked for one allocation of {size} bytes (over {MAX_ALLOCATION}); refused. \
         Rerun it with FUZZ_CASE={0} to see its mutation.",
        CASE.load(Relaxed)
    );
    let written = 256 - out.len();
    let _ = std::io::stderr().write_all(&message[..written]);
    true
}

// ---------------------------------------------------------------------------
// Seeds.

/// How a seed file is laid out, which decides how it can be mutated.
#[derive(Clone, Copy, PartialEq)]
enum Format {
    /// A zip of XML parts (xlsx, xlsm, ods).
    ZipXml,
    /// A zip of binary record parts (xlsb).
    ZipBinary,
    /// An OLE compound file of BIFF records (xls).
    Biff,
    Csv,
}

/// A real spreadsheet to derive cases from.
struct Seed {
    name: String,
    format: Format,
    bytes: Vec<u8>,
    /// A zip's entries, decompressed, in their order (empty for other formats).
    entries: Vec<Entry>,
}

/// One part of a zip.
struct Entry {
    name: String,
    data: Vec<u8>,
    deflated: bool,
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster").join(name)
}

/// The seeds: the roster fixtures of every format (openpyxl, LibreOffice, SheetJS and
/// Python's codecs wrote them), and a roster written by rust_xlsxwriter, which keeps
/// its text in shared strings.
fn seeds(dir: &Path) -> Vec<Seed> {
    let written = dir.join("rust_xlsxwriter.xlsx");
    write_roster(&written);
    let mut files: Vec<PathBuf> = [
        "messy.xlsx",
        "errors.xlsx",
        "per_branch_sheets.xlsx",
        "updated.xlsx",
        "messy.xlsm",
        "messy.xlsb",
        "messy.ods",
        "messy.xls",
        "roster_gbk.csv",
        "roster_utf8_bom.csv",
    ]
    .iter()
    .map(|name| fixture(name))
    .collect();
    files.push(written);
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap();
            let format = match path.extension().unwrap().to_str().unwrap() {
                "xlsx" | "xlsm" | "ods" => Format::ZipXml,
                "xlsb" => Format::ZipBinary,
                "xls" => Format::Biff,
                _ => Format::Csv,
            };
            let entries = if matches!(format, Format::ZipXml | Format::ZipBinary) { unzip(&bytes) } else { vec![] };
            Seed { name, format, bytes, entries }
        })
        .collect()
}

fn write_roster(path: &Path) {
    let rows = [
        ["姓名", "性别", "身份证号", "出生日期", "人员类别", "所在党支部", "入党日期"],
        ["王喆", "男", &common::id_number("19850312", 1), "1985-03-12", "正式党员", "内科党支部", "2008-06-01"],
        ["李堃", "女", &common::id_number("19900708", 2), "1990-07-08", "预备党员", "内科党支部", "2025-12-01"],
        ["朱镕", "男", &common::id_number("19790105", 3), "1979-01-05", "正式党员", "外科党支部", "2003-07-01"],
    ];
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("花名册").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *value).unwrap();
        }
    }
    workbook.save(path).unwrap();
}

fn unzip(bytes: &[u8]) -> Vec<Entry> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index(index).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            let deflated = file.compression() == zip::CompressionMethod::Deflated;
            Entry { name: file.name().unwrap().into_owned(), data, deflated }
        })
        .collect()
}

/// The seed's zip again, with `entry`'s data replaced (`None`: the entry left out).
fn rezip(seed: &Seed, entry: usize, mut data: Option<Vec<u8>>) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (index, Entry { name, data: original, deflated }) in seed.entries.iter().enumerate() {
        let content = if index == entry { data.take() } else { Some(original.clone()) };
        let Some(content) = content else { continue };
        let method = if *deflated { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
        writer.start_file(name, zip::write::SimpleFileOptions::default().compression_method(method)).unwrap();
        writer.write_all(&content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

// ---------------------------------------------------------------------------
// Mutations. Each returns the mutated file and a description of what was done.

/// Values that break parsers: limits, one past them, overflows, non-numbers.
const HOSTILE_VALUES: &[&str] = &[
    "0",
    "-1",
    "1048576",
    "1048577",
    "16384",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    "99999999999999999999999",
    "1e308",
    "NaN",
    "",
    "XFD1048576",
    "XFE1",
    "A1048577",
    "A1:XFD1048576",
    "XFD1:XFD1048576",
    "A4294967295",
    "AAAAAAAAAAAA1",
    "FXSHRXW1",
    "A99999999999",
    "1A",
    "A0",
    "A-1",
    ":",
    "A1:B2:C3",
];

/// Bytes that break XML: stray and unclosed tags, bad entities, a BOM, NUL, broken UTF-8.
const XML_JUNK: &[&[u8]] = &[
    b"<",
    b">",
    b"</c>",
    b"</row>",
    b"<row>",
    b"<c r=\"XFD1048576\"><v>1</v></c>",
    b"<c r=\"A1\" t=\"s\"><v>4294967295</v></c>",
    b"<table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell>",
    b"<text:s text:c=\"4000000000\"/>",
    b"\"",
    b"&",
    b"&#0;",
    b"&#xFFFFFFFF;",
    b"&undefined;",
    b"<![CDATA[",
    b"<?xml version=\"1.0\"?>",
    b"<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>",
    b"\0",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xC3",
];

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// Flips one to eight random bits.
fn flip_bits(rng: &mut Rng, data: &mut [u8]) -> String {
    let flips = rng.usize(1..=8);
    let mut places = Vec::new();
    for _ in 0..flips {
        let at = rng.usize(..data.len());
        data[at] ^= 1 << rng.u8(..8);
        places.push(at);
    }
    format!("bits flipped at bytes {places:?}")
}

/// Writes a hostile little-endian integer (u16 or u32) at a random place.
fn hostile_integer(rng: &mut Rng, data: &mut [u8]) -> String {
    let value: u32 = *pick(rng, &[0xFFFF_FFFF, 0x7FFF_FFFF, 0x0010_0000, 0x0001_0000, 0xFFFF, 0x4000, 0x3FFF, 0x100]);
    let width = if rng.bool() { 4 } else { 2 };
    let at = rng.usize(..data.len().saturating_sub(width).max(1));
    let end = (at + width).min(data.len());
    data[at..end].copy_from_slice(&value.to_le_bytes()[..end - at]);
    format!("{value:#x} written as {width} bytes at byte {at}")
}

/// Cuts a random slice out.
fn cut_slice(rng: &mut Rng, data: &mut Vec<u8>) -> String {
    let start = rng.usize(..data.len());
    let end = (start + rng.usize(1..=64)).min(data.len());
    data.drain(start..end);
    format!("bytes {start}..{end} cut out")
}

/// Copies a random slice to another random place.
fn duplicate_slice(rng: &mut Rng, data: &mut Vec<u8>) -> String {
    let start = rng.usize(..data.len());
    let end = (start + rng.usize(1..=256)).min(data.len());
    let at = rng.usize(..=data.len());
    let slice = data[start..end].to_vec();
    data.splice(at..at, slice);
    format!("bytes {start}..{end} copied to {at}")
}

/// Mutates a file as a whole, whatever its format.
fn mutate_bytes(rng: &mut Rng, data: &mut Vec<u8>) -> String {
    match rng.u8(..4) {
        0 => flip_bits(rng, data),
        1 => {
            let at = rng.usize(..data.len());
            data.truncate(at);
            format!("cut short at byte {at}")
        }
        2 => hostile_integer(rng, data),
        _ => duplicate_slice(rng, data),
    }
}

/// The places where `needle` occurs in `data`.
fn find_all(data: &[u8], needle: &[u8]) -> Vec<usize> {
    data.windows(needle.len()).enumerate().filter(|(_, w)| *w == needle).map(|(i, _)| i).collect()
}

/// Replaces the value of one attribute with a hostile one: any attribute, or one of
/// the [`SIZING_ATTRIBUTES`] the part has (`sizing`).
fn hostile_attribute(rng: &mut Rng, xml: &mut Vec<u8>, sizing: bool) -> Option<String> {
    let needle = if sizing {
        let present: Vec<String> = SIZING_ATTRIBUTES
            .iter()
            .map(|a| format!(" {a}=\""))
            .filter(|n| !find_all(xml, n.as_bytes()).is_empty())
            .collect();
        if present.is_empty() {
            return None;
        }
        pick(rng, &present).clone()
    } else {
        "=\"".to_string()
    };
    let places = find_all(xml, needle.as_bytes());
    if places.is_empty() {
        return None;
    }
    let start = *pick(rng, &places) + needle.len();
    let end = start + xml[start..].iter().position(|b| *b == b'"')?;
    let value = *pick(rng, HOSTILE_VALUES);
    let before = String::from_utf8_lossy(&xml[start..end]).into_owned();
    xml.splice(start..end, value.bytes());
    let attribute = needle.trim_start().trim_end_matches('"');
    Some(format!("attribute {attribute}\"{before}\" set to \"{value}\""))
}

/// Replaces the text of one `<v>…</v>` (a cell's value or shared-string index).
fn hostile_value(rng: &mut Rng, xml: &mut Vec<u8>) -> Option<String> {
    let places = find_all(xml, b"<v>");
    if places.is_empty() {
        return None;
    }
    let start = *pick(rng, &places) + 3;
    let end = start + xml[start..].iter().position(|b| *b == b'<')?;
    let value = *pick(rng, HOSTILE_VALUES);
    xml.splice(start..end, value.bytes());
    Some(format!("a <v> set to \"{value}\""))
}

/// Adds a row of many cells, or of one cell far to the right, or far down, at the end
/// of the sheet's data (xlsx), or repeated rows of repeated cells among the rows of a
/// table (ods).
fn wide_content(rng: &mut Rng, xml: &mut Vec<u8>) -> Option<String> {
    if let Some(&at) = find_all(xml, b"</sheetData>").first() {
        let row = *pick(rng, &[5u64, 30, 1_048_576, 1_048_577, 4_294_967_295]);
        let (first, count) =
            *pick(rng, &[(0u32, 2_000u32), (16_383, 1), (999, 1), (1_000, 1), (20_000, 1), (0, 20_000)]);
        let shared = rng.bool();
        let mut added = format!("<row r=\"{row}\">");
        for column in first..first + count {
            let reference = column_name(column);
            if shared {
                added.push_str(&format!("<c r=\"{reference}{row}\" t=\"s\"><v>0</v></c>"));
            } else {
                added.push_str(&format!("<c r=\"{reference}{row}\"><v>{column}</v></c>"));
            }
        }
        added.push_str("</row>");
        xml.splice(at..at, added.bytes());
        return Some(format!("row {row} with {count} cells from column {first} added (shared strings: {shared})"));
    }
    // Before some row, so that the rows added lie among the table's rows with values.
    let rows_at = find_all(xml, b"<table:table-row");
    let at = *rows_at.get(rng.usize(..rows_at.len().max(1)))?;
    let rows = *pick(rng, &["1", "100", "1000", "6000", "1048576", "4294967295", "99999999999999999999", "&#49;000"]);
    let columns = *pick(rng, &["1", "300", "1000", "1024", "16384", "100000", "4294967295", "-1"]);
    let text = match rng.u8(..3) {
        0 => "x".repeat(rng.usize(1..5_000)),
        1 => format!("<text:s text:c=\"{}\"/>", pick(rng, &["1000", "100000000", "4294967295"])),
        _ => "1".into(),
    };
    let added = format!(
        "<table:table-row table:number-rows-repeated=\"{rows}\"><table:table-cell table:number-columns-repeated=\"{columns}\" \
         office:value-type=\"string\"><text:p>{text}</text:p></table:table-cell></table:table-row>"
    );
    xml.splice(at..at, added.bytes());
    let shown: String = text.chars().take(40).collect();
    Some(format!("{rows} rows of {columns} cells of {shown} ({} bytes) added to a table", text.len()))
}

/// Excel's name of a column (0 → A).
fn column_name(mut column: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap()
}

/// Attributes that place a cell or size something calamine builds.
const SIZING_ATTRIBUTES: &[&str] = &[
    "r",
    "ref",
    "t",
    "s",
    "count",
    "uniqueCount",
    "spans",
    "table:number-columns-repeated",
    "table:number-rows-repeated",
    "table:number-columns-spanned",
    "table:number-rows-spanned",
    "office:value",
    "office:value-type",
    "office:date-value",
];

/// Mangles an XML part.
fn mutate_xml(rng: &mut Rng, xml: &mut Vec<u8>) -> Option<String> {
    match rng.u8(..9) {
        0 => Some(cut_slice(rng, xml)),
        1 => {
            let junk = *pick(rng, XML_JUNK);
            let at = rng.usize(..=xml.len());
            xml.splice(at..at, junk.iter().copied());
            Some(format!("{:?} inserted at byte {at}", String::from_utf8_lossy(junk)))
        }
        2 => hostile_attribute(rng, xml, false),
        3 => hostile_attribute(rng, xml, true),
        4 => hostile_value(rng, xml),
        5 => wide_content(rng, xml),
        6 => Some(duplicate_slice(rng, xml)),
        7 => Some(flip_bits(rng, xml)),
        _ => {
            let at = rng.usize(..xml.len());
            xml.truncate(at);
            Some(format!("cut short at byte {at}"))
        }
    }
}

/// Mutates one part of a zip, or the zip as a whole: in half the cases a part that
/// holds cells (a worksheet, the shared strings, content.xml) gets a value that sizes
/// or places something (a reference, a count, a repeat, a string index, a wide row).
fn mutate_zip(rng: &mut Rng, seed: &Seed) -> (Vec<u8>, String) {
    if rng.u8(..5) == 0 {
        let mut bytes = seed.bytes.clone();
        let what = mutate_bytes(rng, &mut bytes);
        return (bytes, format!("whole file: {what}"));
    }
    let parts = |names: &[&str]| -> Vec<usize> {
        (0..seed.entries.len()).filter(|&i| names.iter().any(|part| seed.entries[i].name.contains(part))).collect()
    };
    let cells = parts(&["worksheets/", "sharedStrings", "content.xml"]);
    if rng.bool() {
        let entry = *pick(rng, &cells);
        let mut data = seed.entries[entry].data.clone();
        let what = match seed.format {
            Format::ZipXml => match rng.u8(..3) {
                0 => hostile_attribute(rng, &mut data, true),
                1 => hostile_value(rng, &mut data),
                _ => wide_content(rng, &mut data),
            },
            _ => Some(hostile_integer(rng, &mut data)),
        }
        .unwrap_or_else(|| flip_bits(rng, &mut data));
        return (rezip(seed, entry, Some(data)), format!("{}: {what}", seed.entries[entry].name));
    }
    // Mostly the parts the import reads: those with cells, the workbook, styles, relationships.
    let read = parts(&["sheet", "sharedStrings", "workbook", "content.xml", "styles", "rels", "Types"]);
    let entry = if rng.u8(..4) == 0 { rng.usize(..seed.entries.len()) } else { *pick(rng, &read) };
    let name = &seed.entries[entry].name;
    let mut data = seed.entries[entry].data.clone();
    if data.is_empty() || rng.u8(..12) == 0 {
        return (rezip(seed, entry, None), format!("{name} left out"));
    }
    let what = match seed.format {
        Format::ZipXml if name.ends_with(".xml") || name.ends_with(".rels") => mutate_xml(rng, &mut data),
        _ => Some(mutate_bytes(rng, &mut data)),
    }
    .unwrap_or_else(|| flip_bits(rng, &mut data));
    (rezip(seed, entry, Some(data)), format!("{name}: {what}"))
}

/// BIFF records whose row and column fields a mutation makes huge: DIMENSIONS, ROW,
/// NUMBER, LABEL, RK, LABELSST, MULRK, FORMULA (type, then the first bytes of its data).
const BIFF_RECORDS: &[(u16, &str)] = &[
    (0x0200, "DIMENSIONS"),
    (0x0208, "ROW"),
    (0x0203, "NUMBER"),
    (0x0204, "LABEL"),
    (0x027E, "RK"),
    (0x00FD, "LABELSST"),
    (0x00BD, "MULRK"),
    (0x0006, "FORMULA"),
];

/// Makes a row or column field of a cell or DIMENSIONS record huge, or mutates the file
/// as a whole.
fn mutate_biff(rng: &mut Rng, seed: &Seed) -> (Vec<u8>, String) {
    let mut bytes = seed.bytes.clone();
    if rng.bool() {
        let what = mutate_bytes(rng, &mut bytes);
        return (bytes, format!("whole file: {what}"));
    }
    let (kind, name) = *pick(rng, BIFF_RECORDS);
    let places = find_all(&bytes, &kind.to_le_bytes());
    // A record header: the type, then a plausible length.
    let records: Vec<usize> = places
        .into_iter()
        .filter(|&at| {
            let length = bytes.get(at + 2..at + 4).map_or(0, |l| u16::from_le_bytes([l[0], l[1]]));
            (6..=64).contains(&length) && at + 4 + length as usize <= bytes.len()
        })
        .collect();
    if records.is_empty() {
        let what = flip_bits(rng, &mut bytes);
        return (bytes, format!("whole file: {what}"));
    }
    let at = *pick(rng, &records) + 4;
    let field = rng.usize(..4) * 2;
    let value: u16 = *pick(rng, &[0xFFFF, 0xFFFE, 0x8000, 0x4000, 0x0100, 0x00FF]);
    bytes[at + field..at + field + 2].copy_from_slice(&value.to_le_bytes());
    (bytes, format!("{name} record at byte {}: field at +{field} set to {value:#x}", at - 4))
}

/// Random bytes, flipped bits, a cut, endless rows, a row of very many columns, or an
/// unclosed quote in a CSV.
fn mutate_csv(rng: &mut Rng, seed: &Seed) -> (Vec<u8>, String) {
    let mut bytes = seed.bytes.clone();
    let what = match rng.u8(..7) {
        0 => {
            let count = rng.usize(1..2_000);
            let at = rng.usize(..=bytes.len());
            let random: Vec<u8> = (0..count).map(|_| rng.u8(..)).collect();
            bytes.splice(at..at, random);
            format!("{count} random bytes inserted at byte {at}")
        }
        1 => {
            bytes = (0..rng.usize(..4_096)).map(|_| rng.u8(..)).collect();
            format!("replaced by {} random bytes", bytes.len())
        }
        2 => {
            let columns = *pick(rng, &[999usize, 1_000, 1_001, 16_384, 200_000]);
            let row = format!("王喆{}\n", ",1".repeat(columns));
            let at = bytes.len();
            bytes.extend_from_slice(row.as_bytes());
            format!("a row of {} columns added at byte {at}", columns + 1)
        }
        3 => {
            let rows = rng.usize(1..20_000);
            bytes.extend(std::iter::repeat_n(b",\n".as_slice(), rows).flatten());
            format!("{rows} empty rows added")
        }
        4 => {
            let at = rng.usize(..=bytes.len());
            bytes.insert(at, b'"');
            format!("a quote inserted at byte {at}")
        }
        _ => mutate_bytes(rng, &mut bytes),
    };
    (bytes, what)
}

/// Case `index`: its seed, its mutated file and what was done to it.
fn case(seeds: &[Seed], index: usize) -> (&Seed, Vec<u8>, String) {
    let seed = &seeds[index % seeds.len()];
    let mut rng = Rng::with_seed(index as u64);
    let (bytes, what) = match seed.format {
        Format::ZipXml | Format::ZipBinary => mutate_zip(&mut rng, seed),
        Format::Biff => mutate_biff(&mut rng, seed),
        Format::Csv => mutate_csv(&mut rng, seed),
    };
    (seed, bytes, what)
}

// ---------------------------------------------------------------------------
// The test.

/// Whether `text` holds a Chinese character.
fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// What is wrong with a report the import gave, if anything.
fn report_fault(report: &ImportReport) -> Option<String> {
    let problems = report.errors.iter().chain(&report.warnings);
    if let Some(problem) = problems.clone().find(|p| !has_chinese(&p.message)) {
        return Some(format!("a problem without a Chinese message: {problem:?}"));
    }
    let rows: usize = report.sheets.iter().map(|s| s.rows).sum();
    let planned = report.new + report.updated + report.unchanged;
    (planned > rows).then(|| format!("{planned} rows planned of {rows} read"))
}

/// Panics so far, and the message (with its place) of the last: the hook keeps them
/// instead of printing them, as the import catches calamine's own.
static PANICS: AtomicUsize = AtomicUsize::new(0);
static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// How one case went, if wrong.
fn fault(outcome: std::thread::Result<dangjian::Result<ImportReport>>) -> Option<String> {
    match outcome {
        Err(_) => Some(format!("panicked: {}", LAST_PANIC.lock().unwrap())),
        Ok(Err(error)) => {
            let message = error.to_string();
            match error.code() {
                _ if !has_chinese(&message) => Some(format!("an error without Chinese: {message}")),
                ErrorCode::Internal => Some(format!("a damaged file reported as an internal error: {message}")),
                _ => None,
            }
        }
        Ok(Ok(report)) => report_fault(&report),
    }
}

#[test]
fn mutated_spreadsheets_never_panic_abort_or_take_unbounded_memory_and_errors_are_in_chinese() {
    let (dir, store) = common::temp_store();
    let seeds = seeds(dir.path());
    let only: Option<usize> = std::env::var("FUZZ_CASE").ok().map(|n| n.parse().expect("FUZZ_CASE is a case number"));
    let cases = only.map_or(0..CASES, |n| n..n + 1);
    let options = RosterOptions { create_branches: true, include_rows: true, ..Default::default() };

    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        PANICS.fetch_add(1, Relaxed);
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = info.to_string();
    }));
    let started = Instant::now();
    let (mut failures, mut refused, mut peak) = (Vec::new(), 0, (0, 0));
    // Panics the import caught (calamine's, on damaged files): where, how often, the first case.
    let mut contained: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for index in cases.clone() {
        let (seed, bytes, what) = case(&seeds, index);
        let extension = Path::new(&seed.name).extension().unwrap().to_str().unwrap();
        let path = dir.path().join(format!("mutated.{extension}"));
        std::fs::write(&path, &bytes).unwrap();
        let described = format!("case {index} ({}: {what})", seed.name);
        if only.is_some() {
            println!("{described}");
        }

        let panics = PANICS.load(Relaxed);
        CASE.store(index, Relaxed);
        let before = LIVE.load(Relaxed);
        PEAK.store(before, Relaxed);
        let outcome = catch_unwind(AssertUnwindSafe(|| preview_roster(&store, &path, &options, &|_| {})));
        let added = PEAK.load(Relaxed).saturating_sub(before);
        CASE.store(usize::MAX, Relaxed);
        peak = peak.max((added, index));

        refused += usize::from(matches!(outcome, Ok(Err(_))));
        if outcome.is_ok() && PANICS.load(Relaxed) > panics {
            // A panic the import caught: calamine's, reported as an unreadable file.
            let panic = LAST_PANIC.lock().unwrap().replace('\n', " ");
            if !panic.contains(".cargo/registry") {
                failures.push(format!("{described}: a panic in the import's own code, caught: {panic}"));
            }
            contained.entry(panic).or_insert((0, index)).0 += 1;
        }
        let fault = fault(outcome).or_else(|| (added > MAX_CASE_BYTES).then(|| format!("took {} MiB", added >> 20)));
        if let Some(fault) = fault {
            failures.push(format!("{described}: {fault}"));
        }
    }
    std::panic::set_hook(default_hook);

    println!(
        "fuzz_import: {} cases in {:.1} s: {refused} refused with a message, {} read; \
         the most memory one case took: {} KiB (case {}); panics inside calamine, caught by the import: {}",
        cases.len(),
        started.elapsed().as_secs_f64(),
        cases.len() - refused,
        peak.0 >> 10,
        peak.1,
        contained.values().map(|(count, _)| count).sum::<usize>()
    );
    for (panic, (count, first)) in &contained {
        println!("  {count} × (first: case {first}) {panic}");
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
