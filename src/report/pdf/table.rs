//! Ruled tables whose header row repeats on every page they cross.

use super::fonts::Face;
use super::page::{cell, Colour, Composer, Row, Style, BOTTOM, CELL_PADDING, LEFT, LIGHT, TOP, WIDTH};
use crate::report::document::{Align, Table};

/// Table cells: serif, a little smaller than the body.
const CELL: Style = Style::new(Face::Serif, 9.5).leading(13.5);
/// Header cells: sans.
const HEADER: Style = Style::new(Face::Sans, 9.5).leading(13.5);

/// Sets a table: header row on light grey, then the rows, never splitting a row
/// over two pages unless it is taller than a page by itself.
pub(super) fn table(composer: &mut Composer, table: &Table) {
    if table.columns.is_empty() {
        return;
    }
    let widths = column_widths(table.columns.iter().map(|c| c.width));
    let header_cells: Vec<&str> = table.columns.iter().map(|c| c.header.as_str()).collect();
    let aligns: Vec<Align> = table.columns.iter().map(|c| c.align).collect();
    let centred = vec![Align::Center; widths.len()];
    let header = row(&widths, &header_cells, &centred, HEADER, Some(LIGHT), f32::INFINITY);
    let header = header.into_iter().next().unwrap_or_default();
    let tallest = BOTTOM - TOP - header.height;
    let rows: Vec<Row> = table
        .rows
        .iter()
        .flat_map(|cells| {
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            row(&widths, &cells, &aligns, CELL, None, tallest)
        })
        .collect();
    composer.rows(Some(&header), &rows);
}

/// Each column's width in points from the relative widths (equal shares if they
/// make no sense).
fn column_widths(relative: impl Iterator<Item = f32> + Clone) -> Vec<f32> {
    let sane = |w: f32| if w.is_finite() && w > 0.0 { w } else { 0.0 };
    let total: f32 = relative.clone().map(sane).sum();
    let count = relative.clone().count().max(1) as f32;
    relative.map(|w| if total > 0.0 { WIDTH * sane(w) / total } else { WIDTH / count }).collect()
}

/// One table row as bands no taller than `tallest`: usually one band; a row
/// taller than a page is cut between lines into several.
fn row(widths: &[f32], cells: &[&str], aligns: &[Align], style: Style, fill: Option<Colour>, tallest: f32) -> Vec<Row> {
    let lines: Vec<Vec<String>> = widths
        .iter()
        .enumerate()
        .map(|(i, width)| style.lines(cells.get(i).copied().unwrap_or(""), 0.0, width - 2.0 * CELL_PADDING))
        .collect();
    let most = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let per_band = (((tallest - 2.0 * CELL_PADDING) / style.leading).floor() as usize).max(1);
    (0..most)
        .step_by(per_band)
        .map(|first| {
            let count = per_band.min(most - first);
            let height = count as f32 * style.leading + 2.0 * CELL_PADDING;
            let mut x = LEFT;
            let mut marks = Vec::new();
            for (i, width) in widths.iter().enumerate() {
                let band: Vec<String> = lines[i].iter().skip(first).take(count).cloned().collect();
                marks.extend(cell(x, *width, height, fill, &band, style, aligns[i]));
                x += width;
            }
            Row { height, marks }
        })
        .collect()
}
