//! Benchmark: the compliance grid, the reminders, the meeting ledger and the
//! brand-work figures (year stats, volunteer records, a brand's page) on the
//! large demo hospital (about 60 branches, 2,000 members, ten years of
//! meetings and activities).
//!
//! Run with `cargo bench --bench compliance`. Builds the large demo in a temp
//! file (and prints how long that took), then times each call five times and
//! prints the median and the worst. The target for the grid is under 50 ms
//! for one year, records loaded from SQLite included.

use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use dangjian::demo::{load_sized, DemoSize};
use dangjian::store::{Branch, Meeting, MemberFilter};
use dangjian::Store;

const RUNS: usize = 5;

/// Runs `work` RUNS times; returns (median, worst) and the last result.
fn time<T>(mut work: impl FnMut() -> T) -> (Duration, Duration, T) {
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        last = Some(work());
        times.push(started.elapsed());
    }
    times.sort();
    (times[RUNS / 2], times[RUNS - 1], last.expect("ran at least once"))
}

fn ms(d: Duration) -> String {
    format!("{:8.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> dangjian::Result<()> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.db");
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid");
    let mut store = Store::open(&path)?;
    store.set_today(Some(today));
    let started = Instant::now();
    let summary = load_sized(&store, today, DemoSize::Large)?;
    println!(
        "large demo: {} branches, {} members, {} meetings, {} activities, built in {:.1} s",
        summary.branches,
        summary.members,
        summary.meetings,
        summary.activities,
        started.elapsed().as_secs_f64()
    );
    let branches: Vec<Branch> = store.list()?;
    let meetings: Vec<Meeting> = store.list()?;
    let years: Vec<i32> = {
        let mut y: Vec<i32> = meetings.iter().map(|m| m.date.year()).collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    println!("{} branches, meetings from {} to {}", branches.len(), years[0], years[years.len() - 1]);
    println!();
    println!("{:<52} {:>11} {:>11}", "call (median of 5 / worst)", "median", "worst");
    let mut grid_worst = Duration::ZERO;
    for year in &years {
        let as_of = if *year == today.year() { today } else { NaiveDate::from_ymd_opt(*year, 12, 31).expect("valid") };
        let (median, worst, grid) = time(|| store.compliance(*year, as_of, None).expect("grid"));
        grid_worst = grid_worst.max(median);
        let cells: usize = grid.branches.iter().map(|b| b.items.len()).sum();
        println!(
            "{:<52} {} {}",
            format!("compliance grid {year} ({} branches, {cells} cells)", grid.branches.len()),
            ms(median),
            ms(worst)
        );
    }
    let (median, worst, list) = time(|| store.reminders(today).expect("reminders"));
    println!("{:<52} {} {}", format!("reminders as of {today} ({} items)", list.len()), ms(median), ms(worst));
    let (median, worst, ledger) = time(|| store.meeting_ledger(today.year(), None).expect("ledger"));
    println!(
        "{:<52} {} {}",
        format!("meeting ledger {} (all branches, {} records)", today.year(), ledger.len()),
        ms(median),
        ms(worst)
    );
    let one = branches.iter().find(|b| b.name == "护理党支部").expect("demo branch");
    let (median, worst, ledger) = time(|| store.meeting_ledger(today.year(), Some(one.id)).expect("ledger"));
    println!(
        "{:<52} {} {}",
        format!("meeting ledger {} ({}, {} records)", today.year(), one.name, ledger.len()),
        ms(median),
        ms(worst)
    );
    let (median, worst, members) = time(|| store.listed_members(&MemberFilter::default(), false).expect("members"));
    println!("{:<52} {} {}", format!("member list ({} members, masked)", members.len()), ms(median), ms(worst));
    let (median, worst, _) = time(|| {
        store.expected_attendees(one.id, dangjian::store::MeetingKind::GeneralMeeting, None, today).expect("roll")
    });
    println!("{:<52} {} {}", "expected attendees of one meeting", ms(median), ms(worst));
    let (median, worst, stats) = time(|| store.year_stats(today.year()).expect("stats"));
    println!(
        "{:<52} {} {}",
        format!("year stats {} ({} activities, {} branches)", today.year(), stats.activities, stats.per_branch.len()),
        ms(median),
        ms(worst)
    );
    let (median, worst, people) = time(|| store.people_service(Some(today.year())).expect("people"));
    println!(
        "{:<52} {} {}",
        format!("volunteer records {} ({} people)", today.year(), people.len()),
        ms(median),
        ms(worst)
    );
    let brand = store.list::<dangjian::store::Brand>()?.into_iter().next().expect("a demo brand");
    let (median, worst, story) = time(|| store.brand_story(brand.id, today.year()).expect("story"));
    println!(
        "{:<52} {} {}",
        format!("brand page ({}, {} activities)", brand.name, story.activities.len()),
        ms(median),
        ms(worst)
    );
    println!();
    println!("slowest one-year grid (median): {} (target under 50 ms)", ms(grid_worst).trim());
    Ok(())
}
