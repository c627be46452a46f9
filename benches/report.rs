//! How long setting a large report takes and how big the PDF is: a synthetic
//! annual report with a section per branch (60 branches), each with a table of
//! 40 rows, a bar chart and a compliance grid. Run with
//! `cargo bench --bench report`; the figures are printed.

use std::time::Instant;

use chrono::NaiveDate;
use dangjian::report::document::{BarChart, Block, Column, Document, Grid, GridCell, GridRow, Section, Table, Tone};
use dangjian::report::pdf::{missing_glyphs, render};

const BRANCHES: usize = 60;

fn branch(b: usize) -> Section {
    let rows = (1..=40)
        .map(|i| {
            vec![
                format!("2026-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                format!("第{b}党支部第{i}次组织生活：学习贯彻党的二十届全会精神专题研讨"),
                format!("{}", (i * b) % 50),
                format!("{}.5", i % 9),
            ]
        })
        .collect();
    let tone = |i: usize| [Tone::Good, Tone::Good, Tone::Pending, Tone::Bad, Tone::Muted][i % 5];
    let grid_rows = (0..10)
        .map(|r| GridRow {
            label: format!("组织生活义务{r}"),
            cells: (0..12).map(|m| Some(GridCell { text: "✓".into(), tone: tone(r + m), span: 1 })).collect(),
        })
        .collect();
    Section {
        title: format!("第{b}党支部"),
        blocks: vec![
            Block::Heading("一、基本情况".into()),
            Block::Paragraph("本支部全年认真落实“三会一课”制度，组织生活规范有序，党员学习教育扎实开展。".repeat(4)),
            Block::Table(Table {
                columns: vec![
                    Column::text("日期", 2.0),
                    Column::text("活动", 6.0),
                    Column::number("人数", 1.0),
                    Column::number("学时", 1.0),
                ],
                rows,
            }),
            Block::BarChart(BarChart {
                title: "党员学习时长".into(),
                unit: "小时".into(),
                bars: (1..=12).map(|m| (format!("{m}月"), ((m * b) % 40) as f64)).collect(),
            }),
            Block::Grid(Grid {
                title: "组织生活合规情况".into(),
                columns: (1..=12).map(|m| format!("{m}月")).collect(),
                rows: grid_rows,
                legend: vec![(Tone::Good, "已完成".into()), (Tone::Bad, "逾期".into())],
            }),
        ],
    }
}

fn main() {
    let document = Document {
        title: "2026年度党建品牌建设报告".into(),
        author: "中共某某医院委员会".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date"),
        subtitle: None,
        contents: true,
        sections: (1..=BRANCHES).map(branch).collect(),
    };

    let start = Instant::now();
    let missing = missing_glyphs(&document);
    println!("missing_glyphs (first call, parses the fonts): {:?}, {} missing", start.elapsed(), missing.len());
    let start = Instant::now();
    missing_glyphs(&document);
    println!("missing_glyphs (fonts parsed): {:?}", start.elapsed());

    let mut pdf = Vec::new();
    for run in 1..=3 {
        let start = Instant::now();
        let rendered = render(&document, &mut |_| {}).expect("the report renders");
        println!(
            "render run {run}: {:?}, {} pages, {:.2} MB",
            start.elapsed(),
            rendered.pages,
            rendered.bytes.len() as f64 / 1_048_576.0
        );
        pdf = rendered.bytes;
    }
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-bench.pdf");
    match std::fs::write(&path, pdf) {
        Ok(()) => println!("written to {}", path.display()),
        Err(e) => println!("could not write {}: {e}", path.display()),
    }
}
