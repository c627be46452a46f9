//! The demo hospital and the JSON backup format.

mod common;

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use common::{branch, snapshot, temp_store};
use dangjian::backup;
use dangjian::store::{AttendanceStatus, Branch, Brand, Category, Meeting, MeetingKind, Member, MemberFilter, Record};
use dangjian::ErrorCode;

fn demo_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn demo_store() -> (tempfile::TempDir, dangjian::Store) {
    let (dir, store) = temp_store();
    dangjian::demo::load(&store, demo_day()).expect("the demo loads into an empty database");
    (dir, store)
}

#[test]
fn the_demo_is_a_realistic_hospital() -> dangjian::Result<()> {
    let (_dir, store) = demo_store();
    let branches: Vec<Branch> = store.list()?;
    assert!(branches.len() >= 8, "at least 8 branches, got {}", branches.len());
    let members = store.members(&MemberFilter::default())?;
    assert!((140..=170).contains(&members.len()), "about 150 members, got {}", members.len());
    let names: HashSet<&str> = members.iter().map(|m| m.name.as_str()).collect();
    for rare in ["王喆", "李堃"] {
        assert!(names.contains(rare), "the demo has {rare}");
    }
    assert!(members.iter().any(|m| m.category == Category::Probationary));
    assert!(members.iter().any(|m| m.joined_on.is_some_and(|d| d.to_date().is_none())), "some dates are month-only");
    let brands: Vec<Brand> = store.list()?;
    assert!(brands.iter().any(|b| b.name == "中医药服务大篷车"));
    assert!(brands.iter().any(|b| b.slogan.as_deref() == Some("同心向党，畅享呼吸")));
    Ok(())
}

#[test]
fn the_demo_has_two_years_of_meetings_with_realistic_gaps() -> dangjian::Result<()> {
    let (_dir, store) = demo_store();
    let last_year = store.meetings_in_year(2025, None)?;
    let this_year = store.meetings_in_year(2026, None)?;
    assert!(last_year.iter().any(|m| m.kind == MeetingKind::OrgLifeMeeting), "last year is complete, with Q4");
    assert!(this_year.iter().all(|m| m.date < demo_day()), "nothing after today");
    assert!(!this_year.iter().any(|m| m.kind == MeetingKind::OrgLifeMeeting), "this year's December has not come");

    let mut committee_meetings: BTreeMap<i64, usize> = BTreeMap::new();
    for m in last_year.iter().filter(|m| m.kind == MeetingKind::CommitteeMeeting) {
        *committee_meetings.entry(m.branch_id).or_default() += 1;
    }
    assert!(committee_meetings.values().any(|n| *n == 12), "some branch met every month: {committee_meetings:?}");
    assert!(committee_meetings.values().any(|n| *n < 10), "some branch missed months: {committee_meetings:?}");

    let absences = last_year.iter().flat_map(|m| &m.attendance).filter(|a| a.status != AttendanceStatus::Present);
    let (with, without): (Vec<_>, Vec<_>) = absences.partition(|a| a.reason.is_some());
    assert!(!with.is_empty() && !without.is_empty(), "some absences have reasons, some lack them");
    let stats = store.year_stats(2025)?;
    assert!(stats.volunteer_hours > 0.0 && stats.people_served > 0 && stats.activities > 0);
    Ok(())
}

#[test]
fn the_same_day_gives_the_same_demo() -> dangjian::Result<()> {
    let (_a, first) = demo_store();
    let (_b, second) = demo_store();
    assert_eq!(backup::export(&first)?, backup::export(&second)?);
    Ok(())
}

#[test]
fn the_demo_refuses_a_database_that_has_data() {
    let (_dir, store) = temp_store();
    branch(&store, "内科党支部");
    let err = dangjian::demo::load(&store, demo_day()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
}

#[test]
fn export_import_export_gives_the_same_document() -> dangjian::Result<()> {
    let (_a, original) = demo_store();
    let first = serde_json::to_string_pretty(&backup::export(&original)?)?;
    let (_b, restored) = temp_store();
    backup::import(&restored, &backup::parse(&first)?)?;
    let second = serde_json::to_string_pretty(&backup::export(&restored)?)?;
    assert!(first == second, "the round trip changed the document");
    assert!(first.contains("\"format\": \"dangjian-backup\""));
    Ok(())
}

#[test]
fn import_only_goes_into_an_empty_database() -> dangjian::Result<()> {
    let (_a, original) = demo_store();
    let document = backup::export(&original)?;
    let (_b, target) = temp_store();
    branch(&target, "已有支部");
    let before = snapshot(&target);
    assert_eq!(backup::import(&target, &document).unwrap_err().code(), ErrorCode::Conflict);
    assert_eq!(snapshot(&target), before);
    Ok(())
}

#[test]
fn a_broken_backup_imports_nothing() -> dangjian::Result<()> {
    let (_a, original) = demo_store();
    let mut document = backup::export(&original)?;
    let last = document.members.len() - 1;
    document.members[last].id_number = document.members[0].id_number.clone();
    let (_b, target) = temp_store();
    let err = backup::import(&target, &document).unwrap_err();
    assert!(err.to_string().contains("备份中编号为"), "the message names the record: {err}");
    assert!(target.is_empty()?, "nothing of a failed import is kept");
    assert!(target.list::<Meeting>()?.is_empty());

    let mut orphan = backup::export(&original)?;
    orphan.branches.clear();
    assert!(backup::import(&target, &orphan).is_err(), "members of missing branches are refused");
    assert!(target.list::<Member>()?.is_empty());
    Ok(())
}

#[test]
fn parse_refuses_other_files_and_newer_versions() {
    let err = backup::parse("{\"hello\": 1}").unwrap_err();
    assert!(err.to_string().contains("不是党建台账的备份"), "{err}");
    let err = backup::parse("{\"format\": \"dangjian-backup\", \"version\": 9}").unwrap_err();
    assert!(err.to_string().contains("请升级"), "{err}");
    let err = backup::parse("not json").unwrap_err();
    assert!(err.to_string().contains("不是有效的 JSON"), "{err}");
    assert_eq!(Branch::TABLE, "branches");
}
