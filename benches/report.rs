//! Benchmark: the year-end PDFs of the large demo hospital (about 60
//! branches, 2,000 members, ten years of meetings and activities), each built
//! whole as the app and the CLI build it: records read from SQLite, the
//! document assembled, every character checked against the fonts, the pages
//! set and the PDF written to bytes.
//!
//! Run with `cargo bench --bench report`. Prints the median and worst of five
//! runs and the size of each PDF. Targets: the annual report of every branch
//! under 1 s and 2 MB; the ledger of the busiest branch under 0.3 s. The
//! first build also parses the fonts (once per process) and is timed apart.

use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use dangjian::demo::{load_sized, DemoSize};
use dangjian::report::{self, MissingGlyphs, Report, ReportKind, ReportRequest};
use dangjian::Store;

const RUNS: usize = 5;

fn build(store: &Store, request: &ReportRequest) -> Report {
    report::build(store, request, MissingGlyphs::Refuse, &mut |_| {}).expect("the report builds")
}

/// Builds `request` RUNS times; prints the median, the worst, the pages and the size.
fn measure(store: &Store, what: &str, request: &ReportRequest) {
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        last = Some(build(store, request));
        times.push(started.elapsed());
    }
    times.sort();
    let report = last.expect("ran at least once");
    println!(
        "{what:<44} median {:7.1} ms, worst {:7.1} ms, {:4} pages, {:.2} MB",
        times[RUNS / 2].as_secs_f64() * 1000.0,
        times[RUNS - 1].as_secs_f64() * 1000.0,
        report.pages,
        report.pdf.len() as f64 / 1_048_576.0
    );
}

fn main() -> dangjian::Result<()> {
    let dir = tempfile::tempdir().expect("temp dir");
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid");
    let mut store = Store::open(&dir.path().join("large.db"))?;
    store.set_today(Some(today));
    let summary = load_sized(&store, today, DemoSize::Large)?;
    println!(
        "large demo: {} branches, {} members, {} meetings, {} activities",
        summary.branches, summary.members, summary.meetings, summary.activities
    );
    let year = today.year();
    let stats = store.year_stats(year)?;
    let busiest = stats
        .per_branch
        .iter()
        .map(|b| Ok((store.meeting_ledger(year, Some(b.branch_id))?.len(), b)))
        .collect::<dangjian::Result<Vec<_>>>()?
        .into_iter()
        .max_by_key(|(meetings, _)| *meetings)
        .expect("branches");

    let annual = ReportRequest { kind: ReportKind::Annual, year, branch_ids: vec![] };
    let ledger = ReportRequest { kind: ReportKind::Ledger, year, branch_ids: vec![busiest.1.branch_id] };
    let started = Instant::now();
    build(&store, &ledger);
    println!("first build, fonts parsed once per process:   {:7.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    measure(&store, &format!("annual report {year}, {} branches", stats.per_branch.len()), &annual);
    let started = Instant::now();
    let document = report::annual::document(&store, year, &[])?;
    let assembled = started.elapsed();
    let started = Instant::now();
    report::pdf::missing_glyphs(&document);
    let checked = started.elapsed();
    let started = Instant::now();
    report::pdf::render(&document, &mut |_| {})?;
    println!(
        "  of which: records to document {:.1} ms, glyph check {:.1} ms, setting {:.1} ms",
        assembled.as_secs_f64() * 1000.0,
        checked.as_secs_f64() * 1000.0,
        started.elapsed().as_secs_f64() * 1000.0
    );
    measure(&store, &format!("ledger {year}, {} ({} records)", busiest.1.branch, busiest.0), &ledger);
    Ok(())
}
