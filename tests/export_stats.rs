//! The year's statistics workbook, read back with calamine: its totals are
//! `stats`' totals, its dates real dates, and it holds no ID or phone number.

mod common;

use calamine::{open_workbook, Data, DataType, Reader, Xlsx};
use common::{day, store_on};
use dangjian::store::{Member, MemberFilter};

#[test]
fn the_statistics_workbook_has_the_totals_of_stats_and_no_personal_numbers() -> dangjian::Result<()> {
    let (dir, store) = store_on("2026-12-01");
    dangjian::demo::load(&store, day("2026-12-01"))?;
    let path = dir.path().join("stats-2026.xlsx");
    let sheets = dangjian::export::stats::export_stats(&store, 2026, &path)?;
    assert_eq!(sheets, ["支部汇总", "组织生活", "出勤", "活动", "志愿服务", "荣誉", "意见建议"]);
    let stats = store.year_stats(2026)?;

    let mut workbook: Xlsx<_> = open_workbook(&path).expect("a workbook calamine reads");
    let summary = workbook.worksheet_range("支部汇总").expect("the summary sheet");
    let rows: Vec<&[Data]> = summary.rows().collect();
    assert_eq!(rows.len(), stats.per_branch.len() + 2, "a header, a row per branch and the total");
    let total = rows.last().unwrap();
    assert_eq!(total[0], Data::String("全院合计".into()));
    let number = |cell: &Data| cell.as_f64().expect("a number cell");
    assert_eq!(number(&total[1]), stats.activities as f64);
    assert_eq!(number(&total[2]), stats.people_served as f64);
    assert_eq!(number(&total[3]), stats.volunteer_hours);
    assert_eq!(number(&total[6]), stats.participation_rate);
    for (row, branch) in rows[1..].iter().zip(&stats.per_branch) {
        assert_eq!(row[0], Data::String(branch.branch.clone()));
        assert_eq!(number(&row[3]), branch.volunteer_hours);
    }

    let activities = workbook.worksheet_range("活动").expect("the activities sheet");
    assert_eq!(activities.height() - 1, stats.activities, "one row per activity");
    let first = activities.rows().nth(1).unwrap();
    assert!(matches!(first[0], Data::DateTime(_)), "dates are real dates: {:?}", first[0]);
    let hours: f64 = activities.rows().skip(1).map(|r| r[11].as_f64().unwrap()).sum();
    assert!((hours - stats.volunteer_hours).abs() < 1e-6, "the activities' hours add up to the year's");
    let volunteers = workbook.worksheet_range("志愿服务").expect("the volunteer sheet");
    let header: Vec<String> = volunteers.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["姓名", "身份", "所在支部", "次数", "时长（小时）"]);
    assert!(
        volunteers.rows().skip(1).any(|r| r[1] == Data::String("党员".into()) && r[2] != Data::Empty),
        "a member's row names the member's branch"
    );
    let meetings = workbook.worksheet_range("组织生活").expect("the meetings sheet");
    let held: i64 = stats.meetings.values().sum();
    assert_eq!(meetings.height() as i64 - 1, held);

    let members: Vec<Member> = store.members(&MemberFilter::default())?;
    let secrets: Vec<&str> =
        members.iter().flat_map(|m| [m.id_number.as_deref(), m.phone.as_deref()]).flatten().collect();
    assert!(!secrets.is_empty());
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).expect("a sheet");
        for cell in range.used_cells() {
            let text = cell.2.to_string();
            assert!(!secrets.iter().any(|s| text.contains(s)), "{name} holds a personal number: {text}");
        }
    }
    Ok(())
}
