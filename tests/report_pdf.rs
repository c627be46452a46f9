//! The PDF typesetter, checked with real PDF tools (poppler's pdftotext,
//! pdffonts, pdfinfo and qpdf): every text comes back, fonts are embedded
//! subsets, headers repeat, footers and contents agree with the pages.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use dangjian::report::document::{
    Align, BarChart, Block, Column, Document, Grid, GridCell, GridRow, Section, Table, Tone,
};
use dangjian::report::pdf::{missing_glyphs, render};

/// Rare characters of personal names that must survive the round trip.
const RARE_NAMES: &str = "朱镕基、王喆、李堃、张玥、陈昇、刘珺";

fn paragraph_text() -> String {
    let sentence = "支部委员会认真组织学习，传达上级精神。会议强调：要把学习成果转化为工作动力（包括“三会一课”制度）！\
        同志们积极发言、踊跃讨论；大家表示，一定落实《实施意见》要求……本年度累计学习时长12345.5小时，\
        使用WebDriver完成系统测试，完成率98.6%。";
    format!("{sentence}{sentence}参加人员有{RARE_NAMES}等同志。")
}

fn grid() -> Grid {
    let good = |text: &str, span| Some(GridCell { text: text.into(), tone: Tone::Good, span });
    let cell = |text: &str, tone| Some(GridCell { text: text.into(), tone, span: 1 });
    let monthly = (1..=12)
        .map(|m| match m {
            1..=9 => good("✓", 1),
            10 => cell("逾期", Tone::Bad),
            11 => cell("待办", Tone::Pending),
            _ => cell("", Tone::Muted),
        })
        .collect();
    let quarterly = vec![good("第一季度", 3), good("2次", 3), cell("缺", Tone::Bad), None, None, None, None, None];
    Grid {
        title: "组织生活合规情况".into(),
        columns: (1..=12).map(|m| format!("{m}月")).collect(),
        rows: vec![
            GridRow { label: "支部委员会".into(), cells: monthly },
            GridRow { label: "党员大会（按季度）".into(), cells: quarterly },
            GridRow { label: "主题党日".into(), cells: vec![None; 12] },
        ],
        legend: vec![
            (Tone::Good, "已完成".into()),
            (Tone::Pending, "待完成".into()),
            (Tone::Bad, "逾期或缺失".into()),
            (Tone::Muted, "不适用".into()),
        ],
    }
}

fn document() -> Document {
    let rows = (1..=120)
        .map(|i| {
            vec![
                i.to_string(),
                format!("2026-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                format!("活动记录第{i}项：学习贯彻党的二十届全会精神专题研讨（支部书记讲党课）"),
                format!("{}.5", i % 7),
            ]
        })
        .collect();
    let mut bars: Vec<(String, f64)> = (1..=60).map(|i| (format!("第{i}党支部"), f64::from((i * 37) % 90))).collect();
    bars.push(("后勤保障与信息化建设联合党支部（名称很长需要换行）".into(), 0.0));
    Document {
        title: "中共某某医院委员会2026年度党建品牌建设报告".into(),
        author: "中共某某医院委员会".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date"),
        subtitle: Some("覆盖全院61个党支部".into()),
        contents: true,
        sections: vec![
            Section {
                title: "一、总体情况".into(),
                blocks: vec![
                    Block::Heading("（一）学习教育".into()),
                    Block::Paragraph(paragraph_text()),
                    Block::Paragraph(paragraph_text()),
                    Block::Facts(vec![
                        ("时间".into(), "2026年3月15日".into()),
                        ("地点".into(), "门诊楼五楼会议室".into()),
                        ("主持人".into(), "王喆".into()),
                        ("参加人员".into(), RARE_NAMES.into()),
                    ]),
                    Block::Note("注：数据来源于党建台账系统。".into()),
                ],
            },
            Section {
                title: "二、活动明细".into(),
                blocks: vec![
                    Block::Table(Table {
                        columns: vec![
                            Column::number("序号", 1.0),
                            Column { header: "日期".into(), width: 2.2, align: Align::Center },
                            Column::text("活动名称", 6.0),
                            Column::number("学时", 1.2),
                        ],
                        rows,
                    }),
                    Block::Note("无其他记录".into()),
                    // A row taller than a page is cut between lines.
                    Block::Table(Table {
                        columns: vec![Column::text("事项", 1.0), Column::text("说明", 4.0)],
                        rows: vec![vec!["超长说明".into(), "这是一段极长的说明文字。".repeat(300)]],
                    }),
                ],
            },
            Section {
                title: "三、学习时长".into(),
                blocks: vec![Block::BarChart(BarChart {
                    title: "各支部学习时长".into(), unit: "小时".into(), bars
                })],
            },
            Section { title: "四、组织生活合规".into(), blocks: vec![Block::Grid(grid())] },
            Section {
                title: "五、空数据".into(),
                blocks: vec![Block::BarChart(BarChart {
                    title: "全部为零".into(),
                    unit: "次".into(),
                    bars: vec![("甲支部".into(), 0.0), ("乙支部".into(), 0.0)],
                })],
            },
        ],
    }
}

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(output.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn page_text(pdf: &Path, page: usize) -> String {
    let page = page.to_string();
    run("pdftotext", &["-raw", "-f", &page, "-l", &page, pdf.to_str().expect("a path"), "-"])
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

struct Rendered {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    pages: usize,
    document: Document,
}

fn rendered() -> Rendered {
    let document = document();
    let mut fractions = Vec::new();
    let out = render(&document, &mut |f| fractions.push(f)).expect("the document renders");
    assert_eq!(fractions.first(), Some(&0.0));
    assert_eq!(fractions.last(), Some(&1.0));
    assert!(fractions.windows(2).all(|w| w[0] <= w[1]), "progress only grows: {fractions:?}");
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, &out.bytes).expect("the PDF is written");
    Rendered { _dir: dir, path, pages: out.pages, document }
}

#[test]
fn the_pdf_is_valid_with_metadata_and_subset_fonts() {
    let r = rendered();
    let path = r.path.to_str().expect("a path");
    run("qpdf", &["--check", path]);

    let info = run("pdfinfo", &["-isodates", path]);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")).map(str::trim))
            .unwrap_or_else(|| panic!("pdfinfo shows {name}: {info}"))
            .to_string()
    };
    assert_eq!(field("Title"), r.document.title);
    assert_eq!(field("Author"), r.document.author);
    assert!(field("CreationDate").starts_with("2026-12-01"), "{info}");
    assert_eq!(field("Pages"), r.pages.to_string());
    assert!(field("Page size").ends_with("pts (A4)"), "{info}");

    let fonts = run("pdffonts", &[path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "the serif and the sans face: {fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        let (name, flags) = (columns[0], &columns[columns.len() - 5..columns.len() - 2]);
        assert!(name.contains('+'), "subset prefix: {row}");
        assert_eq!(flags, ["yes", "yes", "yes"], "embedded, subset, with ToUnicode: {row}");
    }
}

#[test]
fn every_text_comes_back() {
    let r = rendered();
    let text = run("pdftotext", &["-raw", r.path.to_str().expect("a path"), "-"]);
    // Footers, and the header a table repeats, fall between the parts of a text
    // that crosses a page.
    let footer = |l: &str| l.starts_with("第 ") && l.ends_with(" 页");
    let body = squeeze(&text.lines().filter(|l| !footer(l)).collect::<String>());
    let repeated_header = |l: &str| squeeze(l) == "事项说明";
    let without_headers = squeeze(&text.lines().filter(|l| !footer(l) && !repeated_header(l)).collect::<String>());
    for (place, text) in r.document.texts() {
        let text = squeeze(text);
        assert!(body.contains(&text) || without_headers.contains(&text), "「{text}」 ({place}) is in the PDF");
    }
    for name in ["镕", "喆", "堃", "玥", "昇", "珺", "12345.5", "WebDriver", "98.6%", "单位：小时", "2026年12月1日"]
    {
        assert!(body.contains(name), "{name}");
    }
}

#[test]
fn footers_contents_and_repeated_headers_agree_with_the_pages() {
    let r = rendered();
    let total = r.pages - 1;
    let pages: Vec<String> = (1..=r.pages).map(|p| page_text(&r.path, p)).collect();
    assert!(!pages[0].contains("第 "), "no footer on the cover");
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert!(page.contains(&format!("第 {i} 页 共 {total} 页")), "footer of page {}: {page}", i + 1);
    }

    assert!(pages[1].contains("目 录") || pages[1].contains("目  录"), "{}", pages[1]);
    for section in &r.document.sections {
        let entry = pages[1]
            .lines()
            .find(|l| l.starts_with(&section.title))
            .unwrap_or_else(|| panic!("{} is in the contents: {}", section.title, pages[1]));
        let number: usize = entry.split_whitespace().last().and_then(|n| n.parse().ok()).expect("a page number");
        let first_line = pages[number].lines().next().unwrap_or_default();
        assert_eq!(first_line.trim(), section.title, "page {number} starts the section");
    }

    let with_rows: Vec<usize> = (0..r.pages).filter(|&p| pages[p].contains("活动记录第")).collect();
    assert!(with_rows.len() >= 3, "the table crosses pages: {with_rows:?}");
    for p in with_rows {
        let header = pages[p].lines().find(|l| l.contains("序号")).unwrap_or_default();
        assert!(squeeze(header).contains("序号日期活动名称学时"), "header repeated on page {}: {}", p + 1, pages[p]);
    }
}

#[test]
fn missing_glyphs_are_named_with_text_and_place() {
    let mut document = document();
    assert_eq!(missing_glyphs(&document), []);

    document.sections[1].blocks.insert(0, Block::Heading("（二）人员".into()));
    document.sections[1].blocks.insert(1, Block::Paragraph("吉祥的𠮷与𠮷字，𪚥".into()));
    document.sections[1].blocks.push(Block::Note("𠮷".into()));
    let missing = missing_glyphs(&document);
    let found: Vec<(&str, &str, &str)> =
        missing.iter().map(|m| (m.character.as_str(), m.text.as_str(), m.place.as_str())).collect();
    assert_eq!(
        found,
        [
            ("𠮷", "吉祥的𠮷与𠮷字，𪚥", "二、活动明细 › （二）人员"),
            ("𪚥", "吉祥的𠮷与𠮷字，𪚥", "二、活动明细 › （二）人员"),
            ("𠮷", "𠮷", "二、活动明细 › （二）人员"),
        ]
    );
}
