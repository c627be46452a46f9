//! The year-end PDFs of the demo hospital, checked with the real tools:
//! `pdftotext` gives back every branch, brand, rare name and total that
//! `stats` reports; `pdffonts` shows only embedded subset fonts; `qpdf --check`
//! is clean; `pdfinfo` has the title, author and date; no ID or phone number
//! is printed; and a character no font has stops the report with its place.

mod common;

use std::path::Path;
use std::process::Command;

use common::{day, store_on};
use dangjian::report::{self, MissingGlyphs, ReportKind, ReportRequest};
use dangjian::store::year_notes::YearNote;
use dangjian::store::{Activity, Brand, Member, MemberFilter};
use dangjian::{Error, Store};

/// Runs a poppler or qpdf tool and returns its standard output.
fn tool(program: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(program)
        .args(args)
        .arg(pdf)
        .args(if program == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("{program} should be installed (scripts/install-deps.sh): {e}"));
    assert!(output.status.success(), "{program} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// `pdftotext` of the file, with line breaks and spaces taken out, so a name
/// or a sentence broken across lines is still found whole.
fn text_of(pdf: &Path) -> String {
    tool("pdftotext", &["-enc", "UTF-8"], pdf).chars().filter(|c| !c.is_whitespace()).collect()
}

fn build(store: &Store, kind: ReportKind, year: i32, branch_ids: Vec<i64>) -> dangjian::Result<report::Report> {
    report::build(store, &ReportRequest { kind, year, branch_ids }, MissingGlyphs::Refuse, &mut |_| {})
}

fn demo() -> (tempfile::TempDir, Store) {
    let (dir, store) = store_on("2026-12-01");
    dangjian::demo::load(&store, day("2026-12-01")).expect("the demo loads");
    (dir, store)
}

fn assert_clean_pdf(pdf: &Path, title: &str, author: &str) {
    tool("qpdf", &["--check"], pdf);
    let fonts = tool("pdffonts", &[], pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 2, "a serif body and a sans heading face: {fonts}");
    for row in rows {
        let name = row.split_whitespace().next().unwrap_or_default();
        assert!(name.len() > 7 && name.as_bytes()[6] == b'+', "a subset font (ABCDEF+Name): {row}");
        let flags: Vec<&str> = row.split_whitespace().rev().skip(2).take(3).collect();
        assert_eq!(flags, ["yes", "yes", "yes"], "embedded, subset, with a ToUnicode map: {row}");
    }
    let info = tool("pdfinfo", &[], pdf);
    assert!(info.lines().any(|l| l.starts_with("Title:") && l.contains(title)), "{info}");
    assert!(info.lines().any(|l| l.starts_with("Author:") && l.contains(author)), "{info}");
    assert!(info.lines().any(|l| l.starts_with("CreationDate:") && l.contains("2026")), "{info}");
}

#[test]
fn the_annual_report_holds_every_branch_brand_rare_name_and_total_and_no_personal_number() -> dangjian::Result<()> {
    let (dir, store) = demo();
    let stats = store.year_stats(2026)?;
    let first = &stats.per_branch[0];
    let summary = "全年围绕“健康守护”品牌开展义诊和健康讲座，群众满意度明显提升。";
    let plan = "二〇二七年将把流动诊室延伸到新农村社区。";
    store.save_year_note(&YearNote {
        id: 0,
        branch_id: first.branch_id,
        year: 2026,
        summary: Some(summary.into()),
        plan: Some(plan.into()),
    })?;

    let built = build(&store, ReportKind::Annual, 2026, vec![])?;
    let path = dir.path().join("annual.pdf");
    built.save(&path)?;
    assert!(built.missing_glyphs.is_empty());
    assert_clean_pdf(&path, "2026年度党建品牌建设报告", &store.committee()?.committee_name);
    let info = tool("pdfinfo", &[], &path);
    let pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse::<usize>());
    assert_eq!(pages, Some(Ok(built.pages)), "the report counts its pages right");

    let text = text_of(&path);
    for branch in &stats.per_branch {
        assert!(text.contains(&branch.branch), "the report names {}", branch.branch);
    }
    for brand in store.list::<Brand>()? {
        assert!(text.contains(&brand.name), "the report names the brand {}", brand.name);
    }
    assert!(text.contains(summary) && text.contains(plan), "the secretary's own words are printed");
    let totals = format!(
        "开展品牌活动{}次，服务群众{}人次，志愿服务{}小时",
        stats.activities, stats.people_served, stats.volunteer_hours
    );
    assert!(text.contains(&totals), "the committee totals are those of stats: {totals}");
    let rate = store.compliance(2026, day("2026-12-01"), None)?.rate.expect("periods have ended") * 100.0;
    let rate = format!("组织生活完成率{}%", (rate * 10.0).round() / 10.0);
    assert!(text.contains(&rate), "the compliance rate is that of the grid, in percent: {rate}");
    let branch_line = format!(
        "全年组织和参与开展品牌活动{}次，服务群众{}人次，志愿服务{}小时",
        first.activities, first.people_served, first.volunteer_hours
    );
    assert!(text.contains(&branch_line), "a branch's figures are those of stats: {branch_line}");

    let members: Vec<Member> = store.members(&MemberFilter::default())?;
    let volunteers: Vec<String> = store.people_service(Some(2026))?.into_iter().map(|p| p.name).collect();
    for rare in ["王喆", "李堃", "朱镕", "陈玥", "赵昇", "孙珺"] {
        let listed = members.iter().any(|m| m.name == rare);
        assert!(listed, "the demo has the rare name {rare}");
        if volunteers.iter().any(|v| v == rare) {
            assert!(text.contains(rare), "{rare} comes back from pdftotext exactly");
        }
    }
    let secrets: Vec<&str> =
        members.iter().flat_map(|m| [m.id_number.as_deref(), m.phone.as_deref()]).flatten().collect();
    assert!(!secrets.is_empty());
    for secret in secrets {
        assert!(!text.contains(secret), "no ID or phone number is printed: {secret}");
    }
    Ok(())
}

#[test]
fn an_annual_report_for_chosen_branches_has_only_their_sections() -> dangjian::Result<()> {
    let (dir, store) = demo();
    let stats = store.year_stats(2026)?;
    let (chosen, left_out) = (&stats.per_branch[1], &stats.per_branch[2]);
    let built = build(&store, ReportKind::Annual, 2026, vec![chosen.branch_id])?;
    let path = dir.path().join("one.pdf");
    built.save(&path)?;
    let text = text_of(&path);
    assert!(text.contains(&format!("二、{}", chosen.branch)));
    assert!(!text.contains(&format!("三、{}", left_out.branch)), "only the chosen branch has a section");
    Ok(())
}

#[test]
fn the_ledger_of_a_branch_has_every_record_its_attendance_and_findings() -> dangjian::Result<()> {
    let (dir, store) = demo();
    let stats = store.year_stats(2026)?;
    let busiest = stats
        .per_branch
        .iter()
        .max_by_key(|b| store.meeting_ledger(2026, Some(b.branch_id)).map(|l| l.len()).unwrap_or(0))
        .expect("branches");
    let ledger = store.meeting_ledger(2026, Some(busiest.branch_id))?;
    assert!(ledger.len() > 5, "a busy branch");

    let built = build(&store, ReportKind::Ledger, 2026, vec![busiest.branch_id])?;
    let path = dir.path().join("ledger.pdf");
    built.save(&path)?;
    assert_clean_pdf(&path, "2026年度组织生活迎检台账", &store.committee()?.committee_name);
    assert!(built.pages > ledger.len(), "a cover, contents and a page or more per record");
    let text = text_of(&path);
    assert!(text.contains(&busiest.branch));
    for entry in &ledger {
        let topic: String = entry.meeting.topic.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains(&topic), "the record «{topic}» is in the ledger");
        for absent in entry.meeting.attendance.iter().filter_map(|a| a.reason.as_ref()) {
            let reason: String = absent.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(text.contains(&reason), "the absence reason «{reason}» is printed");
        }
        for finding in &entry.findings {
            assert!(text.contains("【需补正】"), "a fault is marked: {}", finding.message);
        }
    }
    assert!(text.contains("年度完成情况") && text.contains("组织生活完成情况"), "the grid ends the ledger");

    let both = build(&store, ReportKind::Ledger, 2026, vec![busiest.branch_id, stats.per_branch[0].branch_id]);
    assert!(matches!(both, Err(Error::Invalid(m)) if m.contains("只选择一个支部")));
    Ok(())
}

#[test]
fn a_character_no_font_has_stops_the_report_naming_where_it_is() -> dangjian::Result<()> {
    let (dir, store) = demo();
    let mut activity: Activity = store.activities_in_year(2026)?.remove(0);
    activity.title = "𠮷祥社区义诊".into();
    store.update(&activity)?;

    let refused = build(&store, ReportKind::Annual, 2026, vec![]);
    let Err(Error::MissingGlyphs(missing)) = &refused else { panic!("the report is refused: {refused:?}") };
    assert!(missing.iter().any(|m| m.character == "𠮷" && m.text == "𠮷祥社区义诊"), "{missing:?}");
    let message = refused.unwrap_err().to_string();
    assert!(message.contains("𠮷") && message.contains("𠮷祥社区义诊") && message.contains("--allow-missing-glyphs"));

    let request = ReportRequest { kind: ReportKind::Annual, year: 2026, branch_ids: vec![] };
    let allowed = report::build(&store, &request, MissingGlyphs::Allow, &mut |_| {})?;
    assert!(allowed.missing_glyphs.iter().any(|m| m.character == "𠮷"));
    let path = dir.path().join("allowed.pdf");
    allowed.save(&path)?;
    tool("qpdf", &["--check"], &path);
    Ok(())
}

#[test]
fn progress_runs_from_zero_to_one() -> dangjian::Result<()> {
    let (_dir, store) = demo();
    let branch = store.year_stats(2026)?.per_branch[0].branch_id;
    let mut seen = Vec::new();
    let request = ReportRequest { kind: ReportKind::Ledger, year: 2026, branch_ids: vec![branch] };
    report::build(&store, &request, MissingGlyphs::Refuse, &mut |p| seen.push(p.fraction))?;
    assert_eq!(seen.first(), Some(&0.0));
    assert_eq!(seen.last(), Some(&1.0));
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "progress never goes back: {seen:?}");
    Ok(())
}
