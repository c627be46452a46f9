//! Horizontal bar charts: a label column, bars against a scale, the value after
//! each bar. Long charts flow over pages with the scale repeated on each.

use super::fonts::Face;
use super::page::{Composer, Mark, Row, Style, BLACK, GREY, LEFT, LIGHT, RULE, WIDTH};
use crate::report::document::{Align, BarChart};

/// The chart's caption.
pub(super) const CAPTION: Style = Style::new(Face::Sans, 10.5).leading(18.0);
/// Bar labels.
const LABEL: Style = Style::new(Face::Serif, 9.0).leading(12.0);
/// Values and scale figures.
const FIGURE: Style = Style::new(Face::Serif, 8.0).leading(12.0).colour(GREY);
/// The bars' colour (a Party red, muted for print).
const BAR: [f32; 3] = [0.75, 0.16, 0.13];
/// How thick a bar is.
const BAR_THICKNESS: f32 = 8.0;
/// Space between a label and its bar, and a bar and its value.
const GAP: f32 = 5.0;

/// Sets a bar chart: caption and unit, then a scale row (repeated on each page)
/// and one row per bar.
pub(super) fn bar_chart(composer: &mut Composer, chart: &BarChart) {
    let unit = format!("单位：{}", chart.unit);
    let caption = CAPTION.lines(&chart.title, 0.0, WIDTH - FIGURE.width(&unit) - GAP);
    composer.ensure(caption.len() as f32 * CAPTION.leading + 3.0 * LABEL.leading);
    let top = composer.y();
    composer.text(&caption, CAPTION, LEFT, LEFT, Align::Left);
    let unit_top = top + (CAPTION.leading - FIGURE.leading);
    composer.draw(FIGURE.set(&[unit], LEFT, unit_top, WIDTH, Align::Right));

    let label_width =
        chart.bars.iter().map(|(label, _)| LABEL.width(label)).fold(4.0 * LABEL.size, f32::max).min(WIDTH * 0.3);
    let widest_value = chart.bars.iter().map(|(_, v)| FIGURE.width(&figure(*v))).fold(0.0, f32::max);
    let scale = Scale::new(chart.bars.iter().map(|(_, v)| *v));
    let bars_left = LEFT + label_width + GAP;
    let bars_width = (WIDTH - label_width - 2.0 * GAP - widest_value).max(WIDTH * 0.3);
    let geometry = Geometry { bars_left, bars_width, scale };

    let rows: Vec<Row> = chart.bars.iter().map(|(label, value)| geometry.bar(label, *value, label_width)).collect();
    composer.rows(Some(&geometry.axis()), &rows);
}

/// Where the bars go and what they measure.
struct Geometry {
    /// The x of the scale's zero.
    bars_left: f32,
    /// The length of the scale.
    bars_width: f32,
    /// The scale's figures.
    scale: Scale,
}

impl Geometry {
    /// The x of `value` on the scale (values below zero sit at zero).
    fn x(&self, value: f64) -> f32 {
        let share = (value / self.scale.max).clamp(0.0, 1.0);
        self.bars_left + self.bars_width * share as f32
    }

    /// The scale: figures at each tick over a rule.
    fn axis(&self) -> Row {
        let height = FIGURE.leading + 3.0;
        let mut marks = Vec::new();
        for tick in self.scale.ticks() {
            let x = self.x(tick);
            let text = figure(tick);
            let half = FIGURE.width(&text) / 2.0;
            marks.extend(FIGURE.set(&[text], x - half, 0.0, 2.0 * half, Align::Center));
            marks.push(Mark::Line {
                from: (x, height - 3.0),
                to: (x, height),
                colour: RULE,
                thickness: 0.5,
                dotted: false,
            });
        }
        let (left, right) = (self.bars_left, self.bars_left + self.bars_width);
        marks.push(Mark::Line {
            from: (left, height),
            to: (right, height),
            colour: RULE,
            thickness: 0.5,
            dotted: false,
        });
        Row { height, marks }
    }

    /// One bar: its label (wrapped, right-aligned), gridlines, the bar and its value.
    fn bar(&self, label: &str, value: f64, label_width: f32) -> Row {
        let lines = LABEL.lines(label, 0.0, label_width);
        let height = (lines.len() as f32 * LABEL.leading).max(BAR_THICKNESS) + 4.0;
        let text_top = (height - lines.len() as f32 * LABEL.leading) / 2.0;
        let mut marks = LABEL.set(&lines, LEFT, text_top, label_width, Align::Right);
        for tick in self.scale.ticks() {
            let x = self.x(tick);
            marks.push(Mark::Line { from: (x, 0.0), to: (x, height), colour: LIGHT, thickness: 0.5, dotted: false });
        }
        let end = self.x(value);
        let bar_top = (height - BAR_THICKNESS) / 2.0;
        if end > self.bars_left {
            let width = end - self.bars_left;
            marks.push(Mark::Rect {
                x: self.bars_left,
                y: bar_top,
                width,
                height: BAR_THICKNESS,
                fill: Some(BAR),
                ruled: false,
            });
        }
        let value_style = FIGURE.colour(BLACK);
        marks.extend(value_style.set(&[figure(value)], end + GAP, (height - FIGURE.leading) / 2.0, WIDTH, Align::Left));
        Row { height, marks }
    }
}

/// A scale from zero to a round maximum in round steps.
struct Scale {
    /// The scale's end (at least one step).
    max: f64,
    /// The distance between ticks.
    step: f64,
}

impl Scale {
    /// A scale that holds every value (all zero or none: a scale of 0 to 1).
    fn new(values: impl Iterator<Item = f64>) -> Self {
        let largest = values.filter(|v| v.is_finite()).fold(0.0, f64::max);
        if largest <= 0.0 {
            return Scale { max: 1.0, step: 0.2 };
        }
        let rough = largest / 5.0;
        let magnitude = 10f64.powf(rough.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|step| *step >= rough)
            .unwrap_or(10.0 * magnitude);
        Scale { max: (largest / step).ceil() * step, step }
    }

    /// The tick values from 0 to the maximum.
    fn ticks(&self) -> impl Iterator<Item = f64> + '_ {
        let count = (self.max / self.step).round() as usize;
        (0..=count).map(move |i| i as f64 * self.step)
    }
}

/// A value as printed: up to two decimals, no trailing zeros; a dash if not a number.
fn figure(value: f64) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_round() {
        let scale = Scale::new([0.0, 37.0, 12.5].into_iter());
        assert_eq!((scale.max, scale.step), (40.0, 10.0));
        let scale = Scale::new([0.0, 0.0].into_iter());
        assert_eq!((scale.max, scale.step), (1.0, 0.2));
        let scale = Scale::new([1234.0].into_iter());
        assert_eq!((scale.max, scale.step), (1250.0, 250.0));
        assert_eq!(Scale::new([3.0].into_iter()).ticks().count(), 4);
    }

    #[test]
    fn figures() {
        assert_eq!(figure(12.0), "12");
        assert_eq!(figure(12.5), "12.5");
        assert_eq!(figure(0.126), "0.13");
        assert_eq!(figure(f64::NAN), "—");
    }
}
