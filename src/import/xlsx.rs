//! What calamine's xlsx reader takes on trust: the count of shared strings a
//! workbook declares (`<sst uniqueCount="…">`), for which it reserves room
//! before reading any. A damaged count can ask for terabytes, which ends the
//! program. [`check`] refuses a count that the part's size cannot hold.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use super::source::unreadable;
use super::xml::{attribute, Tags};
use crate::error::Result;

/// The fewest bytes a shared string takes in the part: `<si/>`.
const SMALLEST_STRING: u64 = 5;

/// Refuses the xlsx (or xlsm) file at `path` when a shared-strings part
/// declares more strings than it could hold. A file that cannot be read as a
/// zip is left to calamine, which says what is wrong with it.
pub(super) fn check(path: &Path) -> Result<()> {
    let Ok(mut archive) = File::open(path).map_err(zip::result::ZipError::from).and_then(zip::ZipArchive::new) else {
        return Ok(());
    };
    for index in 0..archive.len() {
        let is_shared_strings = archive
            .name_for_index(index)
            .and_then(|name| name.ok())
            .is_some_and(|name| name.to_ascii_lowercase().ends_with("sharedstrings.xml"));
        if !is_shared_strings {
            continue;
        }
        let Ok(part) = archive.by_index(index) else { continue };
        if let Some((declared, size)) = declared_and_size(part) {
            if declared > size / SMALLEST_STRING + 1 {
                let detail = format!("共享字符串表声明有 {declared} 项，而其内容只有 {size} 字节");
                return Err(unreadable(path, detail));
            }
        }
    }
    Ok(())
}

/// The strings a shared-strings part declares (`uniqueCount` of its `sst`
/// element, as calamine reads it) and the part's size in bytes, read to its end.
fn declared_and_size(part: impl Read) -> Option<(u64, u64)> {
    let mut counted = Counted { inner: part, bytes: 0 };
    let mut tags = Tags::new(BufReader::new(&mut counted));
    let declared = loop {
        tags.next().ok()??;
        let tag = tags.tag();
        let name = tag.split(|b| b.is_ascii_whitespace() || *b == b'/').next()?;
        if name == b"sst" || name.ends_with(b":sst") {
            break attribute(tag, b"uniqueCount").and_then(|v| std::str::from_utf8(v).ok()?.parse::<u64>().ok())?;
        }
    };
    std::io::copy(&mut tags.into_inner(), &mut std::io::sink()).ok()?;
    Some((declared, counted.bytes))
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    bytes: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.bytes += read as u64;
        Ok(read)
    }
}
