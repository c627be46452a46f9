//! Pages as lists of marks, and the composer that fills them top to bottom.
//!
//! Layout works in points with y growing downwards from the page's top edge;
//! [`super::emit`] turns marks into PDF operators (whose y grows upwards).

use super::fonts::{Face, Fonts};
use super::linebreak::break_lines;
use crate::report::document::Align;

/// A4 height in points.
pub(super) const PAGE_HEIGHT: f32 = 841.89;
/// Millimetres to points.
pub(super) const MM: f32 = 72.0 / 25.4;
/// Left edge of the text block (公文 uses 28 mm).
pub(super) const LEFT: f32 = 28.0 * MM;
/// Width of the text block (156 mm).
pub(super) const WIDTH: f32 = 156.0 * MM;
/// Top edge of the text block.
pub(super) const TOP: f32 = 30.0 * MM;
/// Bottom edge of the text block; the footer sits below it.
pub(super) const BOTTOM: f32 = PAGE_HEIGHT - 28.0 * MM;

/// An RGB colour, each channel 0..=1.
pub(super) type Colour = [f32; 3];
/// Text.
pub(super) const BLACK: Colour = [0.0, 0.0, 0.0];
/// Notes, axis labels.
pub(super) const GREY: Colour = [0.38, 0.38, 0.38];
/// Rules and borders.
pub(super) const RULE: Colour = [0.45, 0.45, 0.45];
/// Table header ground, gridlines.
pub(super) const LIGHT: Colour = [0.9, 0.9, 0.9];

/// Something drawn on a page.
#[derive(Debug, Clone)]
pub(super) enum Mark {
    /// One line of text; `baseline` is its baseline's distance from the page top,
    /// `spacing` the extra space after each character (to justify the line).
    Text { x: f32, baseline: f32, style: Style, text: String, spacing: f32 },
    /// A rectangle (top-left corner), filled and/or outlined with a thin rule.
    Rect { x: f32, y: f32, width: f32, height: f32, fill: Option<Colour>, ruled: bool },
    /// A straight line; dotted lines are the contents' leaders.
    Line { from: (f32, f32), to: (f32, f32), colour: Colour, thickness: f32, dotted: bool },
}

impl Mark {
    /// The same mark moved down by `dy`.
    fn shifted(&self, dy: f32) -> Mark {
        let mut mark = self.clone();
        match &mut mark {
            Mark::Text { baseline, .. } => *baseline += dy,
            Mark::Rect { y, .. } => *y += dy,
            Mark::Line { from, to, .. } => {
                from.1 += dy;
                to.1 += dy;
            }
        }
        mark
    }

    /// Sets the extra space after each character of a text mark.
    fn space(&mut self, extra: f32) {
        if let Mark::Text { spacing, .. } = self {
            *spacing = extra;
        }
    }
}

/// The widest extra space between characters of a justified line, in ems.
const MAX_SPACING: f32 = 0.08;

/// How a text is set: face, size, line pitch and colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Style {
    /// The face.
    pub face: Face,
    /// The size in points.
    pub size: f32,
    /// The distance between baselines of consecutive lines.
    pub leading: f32,
    /// The colour.
    pub colour: Colour,
}

impl Style {
    /// A style of this face and size with 1.5 line spacing in black.
    pub const fn new(face: Face, size: f32) -> Self {
        Style { face, size, leading: size * 1.5, colour: BLACK }
    }

    /// The same style with another line pitch.
    pub const fn leading(self, leading: f32) -> Self {
        Style { leading, ..self }
    }

    /// The same style in another colour.
    pub const fn colour(self, colour: Colour) -> Self {
        Style { colour, ..self }
    }

    /// The width of `text` in this style.
    pub fn width(&self, text: &str) -> f32 {
        Fonts::get().font(self.face).width(text, self.size)
    }

    /// `text` broken into lines of at most `width` (the first line `indent` shorter).
    pub fn lines(&self, text: &str, indent: f32, width: f32) -> Vec<String> {
        let font = Fonts::get().font(self.face);
        break_lines(text, width - indent, width, &|c| font.advance(c, self.size))
    }

    /// The baseline of a line whose box (one leading high) starts at `top`.
    pub fn baseline(&self, top: f32) -> f32 {
        // Noto CJK's em box reaches 0.88 em above the baseline and 0.12 em below.
        top + (self.leading - self.size) / 2.0 + 0.88 * self.size
    }

    /// Marks for `lines` set from `top` in a box from `x` that is `width` wide.
    pub fn set(&self, lines: &[String], x: f32, top: f32, width: f32, align: Align) -> Vec<Mark> {
        let mut marks = Vec::with_capacity(lines.len());
        for (i, line) in lines.iter().enumerate().filter(|(_, line)| !line.is_empty()) {
            let slack = width - self.width(line);
            let x = match align {
                Align::Left => x,
                Align::Center => x + slack / 2.0,
                Align::Right => x + slack,
            };
            let baseline = self.baseline(top + i as f32 * self.leading);
            marks.push(Mark::Text { x, baseline, style: *self, text: line.clone(), spacing: 0.0 });
        }
        marks
    }
}

/// A horizontal band drawn as a unit (a table row, a chart bar): never split
/// over two pages. Its marks are placed as if the band started at y = 0.
#[derive(Debug, Clone, Default)]
pub(super) struct Row {
    /// How tall the band is.
    pub height: f32,
    /// What it draws.
    pub marks: Vec<Mark>,
}

/// Fills pages from top to bottom.
pub(super) struct Composer {
    /// The pages so far; the last is being filled.
    pages: Vec<Vec<Mark>>,
    /// Where the next thing goes on the last page.
    y: f32,
}

impl Composer {
    /// A composer with no pages yet.
    pub fn new() -> Self {
        Composer { pages: Vec::new(), y: TOP }
    }

    /// The pages laid out.
    pub fn into_pages(self) -> Vec<Vec<Mark>> {
        self.pages
    }

    /// How many pages are laid out (counting the one being filled).
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Where the next thing goes, from the page top.
    pub fn y(&self) -> f32 {
        self.y
    }

    /// Moves down by `height` (less at a page's top, where space is not wanted).
    pub fn skip(&mut self, height: f32) {
        if self.y > TOP {
            self.y = (self.y + height).min(BOTTOM);
        }
    }

    /// Starts a new page unless `height` still fits on this one (or this one is empty).
    pub fn ensure(&mut self, height: f32) {
        if self.pages.is_empty() || (self.y + height > BOTTOM && self.y > TOP) {
            self.new_page();
        }
    }

    /// Adds marks to the current page as they are.
    pub fn draw(&mut self, marks: impl IntoIterator<Item = Mark>) {
        if self.pages.is_empty() {
            self.new_page();
        }
        if let Some(page) = self.pages.last_mut() {
            page.extend(marks);
        }
    }

    /// Places a row at the current position and moves below it.
    pub fn place(&mut self, row: &Row) {
        let dy = self.y;
        self.draw(row.marks.iter().map(|mark| mark.shifted(dy)));
        self.y += row.height;
    }

    /// Sets lines of text, moving to a new page whenever the next line does not fit.
    pub fn text(&mut self, lines: &[String], style: Style, x: f32, first_x: f32, align: Align) {
        for (i, line) in lines.iter().enumerate() {
            self.ensure(style.leading);
            let x = if i == 0 { first_x } else { x };
            let width = LEFT + WIDTH - x;
            let marks = style.set(std::slice::from_ref(line), x, self.y, width, align);
            self.draw(marks);
            self.y += style.leading;
        }
    }

    /// Sets a paragraph's lines justified (all but the last), the first indented
    /// by `indent`, moving to a new page whenever the next line does not fit.
    pub fn justified(&mut self, lines: &[String], style: Style, indent: f32) {
        for (i, line) in lines.iter().enumerate() {
            self.ensure(style.leading);
            let x = if i == 0 { LEFT + indent } else { LEFT };
            let mut marks = style.set(std::slice::from_ref(line), x, self.y, WIDTH, Align::Left);
            if i + 1 < lines.len() {
                let gaps = line.chars().count().saturating_sub(1).max(1) as f32;
                let spacing = (LEFT + WIDTH - x - style.width(line)) / gaps;
                // Wider gaps would read as spaces (to the eye and to text extraction).
                if spacing > 0.0 && spacing <= MAX_SPACING * style.size {
                    marks.iter_mut().for_each(|mark| mark.space(spacing));
                }
            }
            self.draw(marks);
            self.y += style.leading;
        }
    }

    /// Places rows one below the other, starting a new page when the next row does
    /// not fit and repeating `header` at the top of each page the rows cross. The
    /// header never stands alone at the foot of a page.
    pub fn rows(&mut self, header: Option<&Row>, rows: &[Row]) {
        let header_height = header.map_or(0.0, |h| h.height);
        let first = rows.first().map_or(0.0, |r| r.height);
        self.ensure(header_height + first);
        if let Some(header) = header {
            self.place(header);
        }
        for row in rows {
            if self.y + row.height > BOTTOM && self.y > TOP + header_height {
                self.new_page();
                if let Some(header) = header {
                    self.place(header);
                }
            }
            self.place(row);
        }
    }
}

/// A ruled cell with its lines of text, for a row whose top is y = 0.
pub(super) fn cell(
    x: f32,
    width: f32,
    height: f32,
    fill: Option<Colour>,
    lines: &[String],
    style: Style,
    align: Align,
) -> Vec<Mark> {
    let mut marks = vec![Mark::Rect { x, y: 0.0, width, height, fill, ruled: true }];
    let top = (height - lines.len() as f32 * style.leading) / 2.0;
    marks.extend(style.set(lines, x + CELL_PADDING, top, width - 2.0 * CELL_PADDING, align));
    marks
}

/// Space between a cell's border and its text.
pub(super) const CELL_PADDING: f32 = 3.5;
