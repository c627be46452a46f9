//! What a report says, independent of how it is set on the page.
//!
//! The report builders ([`super::annual`], [`super::ledger`]) turn records into a
//! [`Document`]; the typesetter ([`super::pdf`]) turns a document into a PDF. A
//! document holds only text and numbers already worded for the reader: no ID or
//! phone number is ever put into one.

use chrono::NaiveDate;

/// A whole report: its cover, then sections, each starting on a new page.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The document title, on the cover and in the PDF's metadata.
    pub title: String,
    /// Who issues it (the Party committee's name), on the cover and as the PDF's author.
    pub author: String,
    /// The date on the cover and the PDF's creation date.
    pub date: NaiveDate,
    /// A line under the title on the cover (the branches covered, …), if any.
    pub subtitle: Option<String>,
    /// Whether a table of contents with page numbers follows the cover.
    pub contents: bool,
    /// The body, in reading order.
    pub sections: Vec<Section>,
}

/// A part of the document that starts on a new page and is listed in the contents.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The section's heading, as printed and as listed in the contents.
    pub title: String,
    /// What the section holds, in reading order.
    pub blocks: Vec<Block>,
}

/// One element of a section's body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading inside a section (sans face, smaller than the section's title).
    Heading(String),
    /// Running text, broken into lines by the typesetter.
    Paragraph(String),
    /// Label–value pairs (时间, 地点, …), set as a two-column list.
    Facts(Vec<(String, String)>),
    /// A table whose header repeats on each page it crosses.
    Table(Table),
    /// A bar chart drawn as vector graphics, its labels as real text.
    BarChart(BarChart),
    /// A grid of marked cells (the compliance grid), drawn with a legend.
    Grid(Grid),
    /// A short note set smaller, e.g. under a table ("无记录", a source).
    Note(String),
}

/// A table: columns with headers and relative widths, and rows of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// The rows; each has one cell per column.
    pub rows: Vec<Vec<String>>,
}

/// A table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header text.
    pub header: String,
    /// The share of the table's width, relative to the other columns.
    pub width: f32,
    /// How the cells' text sits in the column.
    pub align: Align,
}

impl Column {
    /// A left-aligned text column of this relative width.
    pub fn text(header: &str, width: f32) -> Self {
        Column { header: header.into(), width, align: Align::Left }
    }

    /// A right-aligned number column of this relative width.
    pub fn number(header: &str, width: f32) -> Self {
        Column { header: header.into(), width, align: Align::Right }
    }
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text starts at the left edge.
    Left,
    /// Text is centred.
    Center,
    /// Text ends at the right edge (numbers).
    Right,
}

/// A bar chart: one bar per label.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// The chart's caption.
    pub title: String,
    /// The unit of the values (小时, 次, …), printed with the axis.
    pub unit: String,
    /// The bars, in display order: label and value.
    pub bars: Vec<(String, f64)>,
}

/// A grid of marked cells, such as obligations × months.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The grid's caption.
    pub title: String,
    /// Column headings (months, …).
    pub columns: Vec<String>,
    /// The rows, top to bottom.
    pub rows: Vec<GridRow>,
    /// What each tone means, in legend order.
    pub legend: Vec<(Tone, String)>,
}

/// One row of a [`Grid`].
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    /// The row heading (an obligation, …).
    pub label: String,
    /// One cell per column; `None` where the row has nothing in that column.
    pub cells: Vec<Option<GridCell>>,
}

/// A marked cell of a [`Grid`]: a short text on a coloured ground.
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    /// What the cell says (✓, a count, …); may be empty.
    pub text: String,
    /// Its colour.
    pub tone: Tone,
    /// How many columns the cell spans (a quarter spans three months); at least 1.
    pub span: usize,
}

/// The colour of a grid cell, by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Done, in order.
    Good,
    /// Still due, not yet late.
    Pending,
    /// Late or missing.
    Bad,
    /// Does not apply.
    Muted,
}

impl Document {
    /// Every piece of text in the document with where it is (the section and,
    /// inside it, the heading it falls under), in reading order: what the glyph
    /// check walks and what the typesetter prints.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut texts: Vec<(String, &str)> =
            vec![("封面".to_string(), self.title.as_str()), ("封面".to_string(), self.author.as_str())];
        if let Some(subtitle) = &self.subtitle {
            texts.push(("封面".to_string(), subtitle));
        }
        for section in &self.sections {
            let mut place = section.title.clone();
            texts.push((place.clone(), &section.title));
            for block in &section.blocks {
                match block {
                    Block::Heading(text) => {
                        place = format!("{} › {text}", section.title);
                        texts.push((place.clone(), text));
                    }
                    Block::Paragraph(text) | Block::Note(text) => texts.push((place.clone(), text)),
                    Block::Facts(facts) => {
                        for (label, value) in facts {
                            texts.push((place.clone(), label));
                            texts.push((place.clone(), value));
                        }
                    }
                    Block::Table(table) => {
                        let cells = table.columns.iter().map(|c| c.header.as_str());
                        let cells = cells.chain(table.rows.iter().flatten().map(String::as_str));
                        texts.extend(cells.map(|text| (place.clone(), text)));
                    }
                    Block::BarChart(chart) => {
                        texts.push((place.clone(), &chart.title));
                        texts.push((place.clone(), &chart.unit));
                        texts.extend(chart.bars.iter().map(|(label, _)| (place.clone(), label.as_str())));
                    }
                    Block::Grid(grid) => {
                        texts.push((place.clone(), &grid.title));
                        texts.extend(grid.columns.iter().map(|c| (place.clone(), c.as_str())));
                        for row in &grid.rows {
                            texts.push((place.clone(), &row.label));
                            let cells = row.cells.iter().flatten().map(|cell| cell.text.as_str());
                            texts.extend(cells.map(|text| (place.clone(), text)));
                        }
                        texts.extend(grid.legend.iter().map(|(_, label)| (place.clone(), label.as_str())));
                    }
                }
            }
        }
        texts
    }
}
