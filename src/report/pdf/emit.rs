//! Turns laid-out pages into a PDF file with printpdf: fonts embedded as
//! subset CID TrueType with a ToUnicode map, metadata from the document.

use chrono::Datelike;
use printpdf::{
    Color, Date, DateTime, FontId, Line, LineCapStyle, LineDashPattern, LinePoint, Mm, Offset, Op, PaintMode,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix, Time,
};

use super::fonts::{Face, Fonts};
use super::page::{Colour, Mark, PAGE_HEIGHT, RULE};
use crate::report::document::Document;

/// The program named as the PDF's creator and producer.
const PROGRAM: &str = "党建台账";
/// The thickness of cell borders.
const RULE_THICKNESS: f32 = 0.5;

/// The PDF file of `pages`, with the document's title, author and date as metadata.
pub(super) fn pdf(document: &Document, pages: &[Vec<Mark>]) -> Vec<u8> {
    let fonts = Fonts::get();
    let mut pdf = PdfDocument::new(&document.title);
    let serif = pdf.add_font(&fonts.font(Face::Serif).parsed);
    let sans = pdf.add_font(&fonts.font(Face::Sans).parsed);
    let info = &mut pdf.metadata.info;
    info.author = document.author.clone();
    info.creator = PROGRAM.into();
    info.producer = PROGRAM.into();
    let date = DateTime::new_in_offset(
        Date { year: document.date.year(), month: document.date.month() as u8, day: document.date.day() as u8 },
        Time { hour: 0, minute: 0, second: 0, millisecond: 0 },
        Offset { hours: 0, minutes: 0, seconds: 0, milliseconds: 0 },
    );
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    let font_id = |face: Face| match face {
        Face::Serif => serif.clone(),
        Face::Sans => sans.clone(),
    };
    // A4 portrait.
    let pages = pages.iter().map(|marks| PdfPage::new(Mm(210.0), Mm(297.0), ops(marks, &font_id))).collect();
    pdf.with_pages(pages);
    let options = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    pdf.save(&options, &mut Vec::new())
}

/// The operators drawing one page: graphics first, then all text on top in one text object.
fn ops(marks: &[Mark], font_id: &dyn Fn(Face) -> FontId) -> Vec<Op> {
    let mut ops = vec![Op::SetOutlineColor { col: colour(RULE) }, Op::SetOutlineThickness { pt: Pt(RULE_THICKNESS) }];
    for mark in marks {
        match mark {
            Mark::Rect { x, y, width, height, fill, ruled } => {
                let mode = match (fill, ruled) {
                    (None, false) => continue,
                    (Some(_), false) => PaintMode::Fill,
                    (None, true) => PaintMode::Stroke,
                    (Some(_), true) => PaintMode::FillStroke,
                };
                if let Some(fill) = fill {
                    ops.push(Op::SetFillColor { col: colour(*fill) });
                }
                let rectangle = Rect {
                    x: Pt(*x),
                    y: Pt(PAGE_HEIGHT - y - height),
                    width: Pt(*width),
                    height: Pt(*height),
                    mode: Some(mode),
                    winding_order: None,
                };
                ops.push(Op::DrawRectangle { rectangle });
            }
            Mark::Line { from, to, colour: line_colour, thickness, dotted } => {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetOutlineColor { col: colour(*line_colour) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                if *dotted {
                    ops.push(Op::SetLineCapStyle { cap: LineCapStyle::Round });
                    ops.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[0.0, 3.0]) });
                }
                let point =
                    |(x, y): (f32, f32)| LinePoint { p: Point { x: Pt(x), y: Pt(PAGE_HEIGHT - y) }, bezier: false };
                ops.push(Op::DrawLine { line: Line { points: vec![point(*from), point(*to)], is_closed: false } });
                ops.push(Op::RestoreGraphicsState);
            }
            Mark::Text { .. } => {}
        }
    }
    ops.push(Op::StartTextSection);
    let mut current = None;
    let mut current_spacing = 0.0;
    for mark in marks {
        if let Mark::Text { x, baseline, style, text, spacing } = mark {
            if current != Some((style.face, style.size, style.colour)) {
                current = Some((style.face, style.size, style.colour));
                ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(style.face)), size: Pt(style.size) });
                ops.push(Op::SetFillColor { col: colour(style.colour) });
            }
            if *spacing != current_spacing {
                current_spacing = *spacing;
                ops.push(Op::SetCharacterSpacing { multiplier: current_spacing });
            }
            ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), Pt(PAGE_HEIGHT - baseline)) });
            ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

/// A printpdf colour.
fn colour([r, g, b]: Colour) -> Color {
    Color::Rgb(Rgb::new(r, g, b, None))
}
