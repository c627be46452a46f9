//! The compliance grid: a row per obligation, a column per month, cells
//! coloured by tone (spanning several columns where they cover a quarter), and
//! a legend.

use super::chart::CAPTION;
use super::fonts::Face;
use super::page::{cell, Colour, Composer, Mark, Row, Style, CELL_PADDING, LEFT, LIGHT, WIDTH};
use crate::report::document::{Align, Grid, GridRow, Tone};

/// Row labels.
const LABEL: Style = Style::new(Face::Serif, 9.0).leading(12.0);
/// Column headings.
const HEADING: Style = Style::new(Face::Sans, 8.5).leading(12.0);
/// Cell text.
const MARK: Style = Style::new(Face::Serif, 8.5).leading(11.0);
/// The side of a legend swatch.
const SWATCH: f32 = 9.0;

/// The ground of a cell of this tone: light enough for black text.
fn ground(tone: Tone) -> Colour {
    match tone {
        Tone::Good => [0.66, 0.85, 0.63],
        Tone::Pending => [0.99, 0.82, 0.45],
        Tone::Bad => [0.96, 0.55, 0.52],
        Tone::Muted => [0.82, 0.82, 0.82],
    }
}

/// Sets a grid: caption, heading row (repeated on each page), rows, legend.
pub(super) fn grid(composer: &mut Composer, grid: &Grid) {
    let label_width =
        grid.rows.iter().map(|r| LABEL.width(&r.label) + 2.0 * CELL_PADDING).fold(60.0, f32::max).min(WIDTH * 0.3);
    let columns = grid.columns.len().max(1);
    let column_width = (WIDTH - label_width) / columns as f32;
    let layout = Layout { label_width, column_width, columns };
    let header = layout.header(&grid.columns);
    let rows: Vec<Row> = grid.rows.iter().map(|row| layout.row(row)).collect();

    // The caption stays with the heading row and the first row.
    let caption = CAPTION.lines(&grid.title, 0.0, WIDTH);
    let first = rows.first().map_or(0.0, |r| r.height);
    composer.ensure(caption.len() as f32 * CAPTION.leading + header.height + first);
    composer.text(&caption, CAPTION, LEFT, LEFT, Align::Left);
    composer.rows(Some(&header), &rows);
    composer.skip(6.0);
    legend(composer, &grid.legend);
}

/// The widths of a grid's columns.
struct Layout {
    /// The row-label column.
    label_width: f32,
    /// Each month (or other) column.
    column_width: f32,
    /// How many columns there are (at least one).
    columns: usize,
}

impl Layout {
    /// The heading row: an empty corner, then each column's heading centred.
    fn header(&self, headings: &[String]) -> Row {
        let cells: Vec<(usize, usize, &str, Option<Colour>)> =
            headings.iter().enumerate().map(|(i, h)| (i, 1, h.as_str(), Some(LIGHT))).collect();
        self.band(&[String::new()], Some(LIGHT), &cells, HEADING)
    }

    /// A row: its label, then its cells in their columns (spans clipped to the grid).
    fn row(&self, row: &GridRow) -> Row {
        let mut cells = Vec::new();
        let mut column = 0;
        for entry in &row.cells {
            if column >= self.columns {
                break;
            }
            match entry {
                Some(c) => {
                    let span = c.span.clamp(1, self.columns - column);
                    cells.push((column, span, c.text.as_str(), Some(ground(c.tone))));
                    column += span;
                }
                None => {
                    cells.push((column, 1, "", None));
                    column += 1;
                }
            }
        }
        cells.extend((column..self.columns).map(|c| (c, 1, "", None)));
        let label = LABEL.lines(&row.label, 0.0, self.label_width - 2.0 * CELL_PADDING);
        self.band(&label, None, &cells, MARK)
    }

    /// A band of ruled cells: the label cell, then (first column, span, text, ground) cells.
    fn band(
        &self,
        label: &[String],
        label_fill: Option<Colour>,
        cells: &[(usize, usize, &str, Option<Colour>)],
        style: Style,
    ) -> Row {
        let texts: Vec<Vec<String>> = cells
            .iter()
            .map(|(_, span, text, _)| style.lines(text, 0.0, *span as f32 * self.column_width - 2.0 * CELL_PADDING))
            .collect();
        let lines = texts.iter().map(|t| t.len() as f32 * style.leading).fold(0.0, f32::max);
        let height = (label.len() as f32 * LABEL.leading).max(lines) + 2.0 * CELL_PADDING;
        let mut marks = cell(LEFT, self.label_width, height, label_fill, label, LABEL, Align::Left);
        for ((column, span, _, fill), text) in cells.iter().zip(&texts) {
            let x = LEFT + self.label_width + *column as f32 * self.column_width;
            marks.extend(cell(x, *span as f32 * self.column_width, height, *fill, text, style, Align::Center));
        }
        Row { height, marks }
    }
}

/// The legend: a swatch and its meaning per tone, flowing over lines.
fn legend(composer: &mut Composer, legend: &[(Tone, String)]) {
    let mut rows: Vec<Row> = Vec::new();
    let mut x = LEFT;
    for (tone, meaning) in legend {
        let width = SWATCH + 4.0 + LABEL.width(meaning) + 14.0;
        if rows.is_empty() || (x + width > LEFT + WIDTH && x > LEFT) {
            rows.push(Row { height: LABEL.leading, marks: Vec::new() });
            x = LEFT;
        }
        if let Some(row) = rows.last_mut() {
            let y = (LABEL.leading - SWATCH) / 2.0;
            row.marks.push(Mark::Rect { x, y, width: SWATCH, height: SWATCH, fill: Some(ground(*tone)), ruled: true });
            row.marks.extend(LABEL.set(std::slice::from_ref(meaning), x + SWATCH + 4.0, 0.0, WIDTH, Align::Left));
        }
        x += width;
    }
    composer.rows(None, &rows);
}
