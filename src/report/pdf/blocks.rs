//! Sections and their text blocks (headings, paragraphs, facts, notes), and the
//! table of contents.

use super::chart::bar_chart;
use super::fonts::Face;
use super::grid::grid;
use super::page::{Composer, Mark, Row, Style, GREY, LEFT, RULE, WIDTH};
use super::table::table;
use crate::report::document::{Align, Block, Section};

/// A section's title: sans, centred.
const TITLE: Style = Style::new(Face::Sans, 18.0);
/// A heading inside a section: sans.
const HEADING: Style = Style::new(Face::Sans, 14.0);
/// Running text: serif 12 pt (小四) at 1.5 line spacing.
const BODY: Style = Style::new(Face::Serif, 12.0);
/// A fact's label.
const LABEL: Style = Style::new(Face::Sans, 12.0);
/// A note: smaller and grey.
const NOTE: Style = Style::new(Face::Serif, 9.5).colour(GREY);
/// Space between blocks.
const BLOCK_GAP: f32 = 8.0;

/// Sets a section from the current position (the caller starts the page).
pub(super) fn section(composer: &mut Composer, section: &Section) {
    let lines = TITLE.lines(&section.title, 0.0, WIDTH);
    composer.text(&lines, TITLE, LEFT, LEFT, Align::Center);
    composer.skip(2.0 * BLOCK_GAP);
    for (i, block) in section.blocks.iter().enumerate() {
        if is_figure(block) {
            composer.skip(BLOCK_GAP / 2.0);
        }
        match block {
            Block::Heading(text) => heading(composer, text, section.blocks.get(i + 1)),
            Block::Paragraph(text) => {
                let lines = BODY.lines(text, 2.0 * BODY.size, WIDTH);
                composer.justified(&lines, BODY, 2.0 * BODY.size);
            }
            Block::Facts(facts) => self::facts(composer, facts),
            Block::Table(t) => table(composer, t),
            Block::BarChart(chart) => bar_chart(composer, chart),
            Block::Grid(g) => grid(composer, g),
            Block::Note(text) => {
                let lines = NOTE.lines(text, 0.0, WIDTH);
                composer.text(&lines, NOTE, LEFT, LEFT, Align::Left);
            }
        }
        composer.skip(BLOCK_GAP);
    }
}

/// Tables, charts and grids: set with space before them, and kept with a heading above.
fn is_figure(block: &Block) -> bool {
    matches!(block, Block::Table(_) | Block::BarChart(_) | Block::Grid(_))
}

/// A heading, kept on the same page as at least two lines of what follows, or
/// the caption, header and first rows of a table, chart or grid.
fn heading(composer: &mut Composer, text: &str, next: Option<&Block>) {
    let lines = HEADING.lines(text, 0.0, WIDTH);
    let following = if next.is_some_and(is_figure) { 5.0 } else { 2.0 };
    composer.skip(BLOCK_GAP / 2.0);
    composer.ensure(lines.len() as f32 * HEADING.leading + following * BODY.leading);
    composer.text(&lines, HEADING, LEFT, LEFT, Align::Left);
}

/// Label–value pairs: labels in a sans column as wide as the widest (at most a
/// third of the width), values wrapped beside them.
fn facts(composer: &mut Composer, facts: &[(String, String)]) {
    let label_width = facts.iter().map(|(label, _)| LABEL.width(&format!("{label}："))).fold(0.0, f32::max);
    let label_width = label_width.min(WIDTH / 3.0);
    let value_left = LEFT + label_width + BODY.size / 2.0;
    let rows: Vec<Row> = facts
        .iter()
        .map(|(label, value)| {
            let labels = LABEL.lines(&format!("{label}："), 0.0, label_width);
            let values = BODY.lines(value, 0.0, LEFT + WIDTH - value_left);
            let mut marks = LABEL.set(&labels, LEFT, 0.0, label_width, Align::Left);
            marks.extend(BODY.set(&values, value_left, 0.0, LEFT + WIDTH - value_left, Align::Left));
            Row { height: labels.len().max(values.len()) as f32 * BODY.leading, marks }
        })
        .collect();
    composer.rows(None, &rows);
}

/// The table of contents as pages: 目  录, then each title with dot leaders and
/// the number of the page it starts on.
pub(super) fn contents(titles: &[&str], numbers: &[usize]) -> Vec<Vec<Mark>> {
    const ENTRY: Style = Style::new(Face::Serif, 12.0).leading(24.0);
    let number_width = ENTRY.width("0000");
    let mut composer = Composer::new();
    composer.new_page();
    composer.text(&["目  录".to_string()], TITLE, LEFT, LEFT, Align::Center);
    composer.skip(2.0 * BLOCK_GAP);
    for (title, number) in titles.iter().zip(numbers) {
        let lines = ENTRY.lines(title, 0.0, WIDTH - number_width - 2.0 * ENTRY.size);
        let height = lines.len() as f32 * ENTRY.leading;
        let mut marks = ENTRY.set(&lines, LEFT, 0.0, WIDTH, Align::Left);
        let last = lines.last().map_or(0.0, |l| ENTRY.width(l));
        let number = number.to_string();
        let number_left = LEFT + WIDTH - ENTRY.width(&number);
        let baseline = ENTRY.baseline(height - ENTRY.leading);
        let leader_y = baseline - 0.1 * ENTRY.size;
        marks.push(Mark::Line {
            from: (LEFT + last + ENTRY.size / 2.0, leader_y),
            to: (number_left - ENTRY.size / 2.0, leader_y),
            colour: RULE,
            thickness: 1.0,
            dotted: true,
        });
        marks.extend(ENTRY.set(&[number], LEFT, height - ENTRY.leading, WIDTH, Align::Right));
        composer.rows(None, &[Row { height, marks }]);
    }
    composer.into_pages()
}
