//! The typesetter: sets a [`Document`] as an A4 PDF after the conventions of
//! Chinese official documents.
//!
//! A cover (committee, title, subtitle, date), an optional table of contents,
//! then each section from a new page. Pages after the cover carry the footer
//! `第 N 页 共 M 页`, counting from the first page after the cover; the contents
//! give section pages in the same numbering. Running text is Noto Serif SC,
//! headings and labels Noto Sans SC, both embedded as subsets.
//!
//! Layout happens on `page::Mark`s (so the contents can be laid out after the
//! body, once its page numbers are known); `emit` writes them as PDF.

mod blocks;
mod chart;
mod emit;
mod fonts;
mod grid;
mod linebreak;
mod page;
mod table;

use std::collections::HashSet;
use std::panic::AssertUnwindSafe;

use chrono::Datelike;

use self::fonts::{Face, Fonts};
use self::page::{Composer, Mark, Style, BOTTOM, GREY, LEFT, MM, PAGE_HEIGHT, TOP, WIDTH};
use super::document::{Align, Document};
use super::MissingGlyph;
use crate::error::{Error, Result};

/// A document set as PDF.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The PDF file's bytes.
    pub bytes: Vec<u8>,
    /// Its number of pages, the cover included.
    pub pages: usize,
}

/// Every character of the document that neither font has, with the text it is
/// in and where that text is; each (character, text) pair once, in reading order.
pub fn missing_glyphs(document: &Document) -> Vec<MissingGlyph> {
    let fonts = Fonts::get();
    let mut seen = HashSet::new();
    let mut missing = Vec::new();
    for (place, text) in document.texts() {
        for c in text.chars().filter(|c| !c.is_whitespace() && !c.is_control() && !fonts.has(*c)) {
            if seen.insert((c, text)) {
                missing.push(MissingGlyph { character: c.to_string(), text: text.to_string(), place: place.clone() });
            }
        }
    }
    missing
}

/// Sets the document as PDF, calling `progress` with the share done (0 to 1) as
/// sections are laid out.
pub fn render(document: &Document, progress: &mut dyn FnMut(f32)) -> Result<Rendered> {
    progress(0.0);
    let mut body = Composer::new();
    let mut starts = Vec::with_capacity(document.sections.len());
    for (i, section) in document.sections.iter().enumerate() {
        body.new_page();
        starts.push(body.page_count() - 1);
        blocks::section(&mut body, section);
        progress(0.85 * (i + 1) as f32 / document.sections.len() as f32);
    }
    let body = body.into_pages();

    let titles: Vec<&str> = document.sections.iter().map(|s| s.title.as_str()).collect();
    let contents = if document.contents {
        // The contents' length does not depend on the numbers in it: lay it out
        // once to count its pages, then again with the body's page numbers.
        let length = blocks::contents(&titles, &vec![0; titles.len()]).len();
        let numbers: Vec<usize> = starts.iter().map(|start| length + start + 1).collect();
        blocks::contents(&titles, &numbers)
    } else {
        Vec::new()
    };

    let mut pages = vec![cover(document)];
    pages.extend(contents);
    pages.extend(body);
    let total = pages.len() - 1;
    for (number, page) in pages.iter_mut().enumerate().skip(1) {
        page.extend(footer(number, total));
    }
    progress(0.9);
    // printpdf (and the font subsetter under it) is foreign code: a panic there
    // becomes an error the user sees, not a crash.
    let bytes = std::panic::catch_unwind(AssertUnwindSafe(|| emit::pdf(document, &pages))).map_err(|_| {
        Error::Invalid("生成 PDF 文件时出错（排版程序内部错误），请将报表类型和年份告知维护人员".into())
    })?;
    progress(1.0);
    Ok(Rendered { bytes, pages: pages.len() })
}

/// The cover: the committee at the top, the title large, the subtitle, the date at the bottom.
fn cover(document: &Document) -> Vec<Mark> {
    const AUTHOR: Style = Style::new(Face::Sans, 16.0);
    const TITLE: Style = Style::new(Face::Sans, 26.0).leading(40.0);
    const SUBTITLE: Style = Style::new(Face::Serif, 15.0);
    const DATE: Style = Style::new(Face::Serif, 15.0);
    let mut marks = Vec::new();
    let mut set = |style: Style, text: &str, top: f32| -> f32 {
        let lines = style.lines(text, 0.0, WIDTH);
        marks.extend(style.set(&lines, LEFT, top, WIDTH, Align::Center));
        top + lines.len() as f32 * style.leading
    };
    set(AUTHOR, &document.author, TOP + 20.0 * MM);
    let below_title = set(TITLE, &document.title, 105.0 * MM);
    if let Some(subtitle) = &document.subtitle {
        set(SUBTITLE, subtitle, below_title + 10.0 * MM);
    }
    let date = &document.date;
    set(DATE, &format!("{}年{}月{}日", date.year(), date.month(), date.day()), BOTTOM - 30.0 * MM);
    marks
}

/// The footer of page `number` of `total`, centred below the text block.
fn footer(number: usize, total: usize) -> Vec<Mark> {
    const FOOTER: Style = Style::new(Face::Serif, 9.0).colour(GREY);
    let text = format!("第 {number} 页 共 {total} 页");
    let top = BOTTOM + (PAGE_HEIGHT - BOTTOM) / 2.0 - FOOTER.leading;
    FOOTER.set(&[text], LEFT, top, WIDTH, Align::Center)
}
