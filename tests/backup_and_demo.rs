//! The demo hospital and the JSON backup format.

mod common;

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate};
use common::{branch, snapshot, temp_store};
use dangjian::backup;
use dangjian::store::{
    Activity, AttendanceStatus, Branch, Brand, Category, Honor, Meeting, MeetingKind, Member, MemberFilter,
    ParticipantKind, Partner, PartnerKind, Record,
};
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
fn the_overview_is_the_home_screen_of_today_in_one_read() -> dangjian::Result<()> {
    let (_dir, mut store) = demo_store();
    store.set_today(Some(demo_day()));

    let overview = store.overview()?;
    assert_eq!((overview.today, overview.year), (demo_day(), 2026));
    assert!(!overview.reminders.is_empty(), "the demo has things to do");
    assert_eq!(overview.reminders, store.reminders(demo_day())?);
    assert_eq!(overview.obligations, store.obligations()?);
    assert_eq!(overview.committee, store.committee()?);

    store.set_today(Some(demo_day() - chrono::Days::new(200)));
    let earlier = store.overview()?;
    assert_eq!(earlier.year, 2026, "today's year");
    assert_ne!(earlier.reminders, overview.reminders, "the to-do list is as of the store's today");
    Ok(())
}

#[test]
fn the_listed_ledger_keeps_counts_and_findings_but_not_attendance_rows_or_long_texts() -> dangjian::Result<()> {
    let (_dir, store) = demo_store();
    let full = store.meeting_ledger(2026, None)?;
    let listed = store.listed_ledger(2026, None)?;
    assert_eq!(listed.len(), full.len());
    assert!(full.iter().any(|e| !e.meeting.attendance.is_empty() && e.meeting.content.is_some()));
    for (l, f) in listed.iter().zip(&full) {
        assert_eq!((l.meeting.id, l.expected, l.present), (f.meeting.id, f.expected, f.present));
        assert_eq!((&l.findings, &l.attachments, &l.meeting.topic), (&f.findings, &f.attachments, &f.meeting.topic));
        assert!(l.meeting.attendance.is_empty() && l.meeting.content.is_none() && l.meeting.decisions.is_none());
        assert_eq!(store.meeting_entry(l.meeting.id)?, *f, "the record opened is whole");
    }
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

/// The demo as of 1 December 2026, with the store's today set to match.
fn december_demo() -> (tempfile::TempDir, dangjian::Store, NaiveDate) {
    let (dir, mut store) = temp_store();
    let today = common::day("2026-12-01");
    store.set_today(Some(today));
    dangjian::demo::load(&store, today).expect("the demo loads into an empty database");
    (dir, store, today)
}

#[test]
fn the_demo_shows_a_year_of_organisational_life_with_its_changes() -> dangjian::Result<()> {
    use dangjian::store::{CommitteeRole, ComplianceStatus, PartyGroup};
    let (_dir, store, today) = december_demo();
    let grid = store.compliance(2026, today, None)?;
    let row =
        |name: &str| grid.branches.iter().find(|b| b.branch == name).unwrap_or_else(|| panic!("{name} in the grid"));
    let statuses = |name: &str, code: &str, group: Option<&str>| -> Vec<ComplianceStatus> {
        row(name)
            .items
            .iter()
            .filter(|i| i.obligation == code && i.group.as_deref() == group)
            .map(|i| i.status)
            .collect()
    };

    // A branch founded mid-year: n/a before the month it was founded, judged from then on.
    let founded: Vec<Branch> =
        store.list::<Branch>()?.into_iter().filter(|b| b.founded_on.is_some_and(|f| f.year() == 2026)).collect();
    assert_eq!(founded.len(), 1, "one branch was founded this year");
    let month = founded[0].founded_on.unwrap().first_day().month0() as usize;
    let theme_days = statuses(&founded[0].name, "theme_day", None);
    assert!(month > 0 && theme_days[..month].iter().all(|s| *s == ComplianceStatus::NotApplicable), "{theme_days:?}");
    assert!(theme_days[month..].iter().all(|s| *s != ComplianceStatus::NotApplicable), "{theme_days:?}");

    // A party group added mid-year.
    let groups: Vec<PartyGroup> = store.list()?;
    let new_group =
        groups.iter().find(|g| g.founded_on.is_some_and(|f| f.year() == 2026)).expect("a group founded this year");
    let owner: Branch = store.get(new_group.branch_id)?;
    let cells = statuses(&owner.name, "group_meeting", Some(&new_group.name));
    let first = new_group.founded_on.unwrap().first_day().month0() as usize;
    assert_eq!(cells.len(), 12);
    assert!(first > 0 && cells[..first].iter().all(|s| *s == ComplianceStatus::NotApplicable), "{cells:?}");
    assert!(cells[first..].iter().all(|s| *s != ComplianceStatus::NotApplicable), "{cells:?}");

    // A member transferred mid-year, and a change of secretary with both posts dated.
    let transfers: Vec<dangjian::store::MemberTransfer> = store.list()?;
    assert!(transfers.iter().any(|t| t.transferred_on.year() == 2026 && t.from_branch_id.is_some()), "{transfers:?}");
    let handed_over = store.list::<Branch>()?.into_iter().find(|b| {
        let secretaries: Vec<_> = b.committee.iter().filter(|p| p.role == CommitteeRole::Secretary).collect();
        secretaries.len() == 2
            && secretaries.iter().any(|p| p.ended_on.is_some_and(|e| e.year() == 2026))
            && secretaries.iter().any(|p| p.started_on.is_some_and(|s| s.year() == 2026) && p.ended_on.is_none())
    });
    assert!(handed_over.is_some(), "a branch changed its secretary this year");

    // The reminders of the day.
    let reminders = store.reminders(today)?;
    for kind in ["probation_due", "probation_overdue", "lapse_warning", "incomplete_record", "overdue", "due"] {
        assert!(reminders.iter().any(|r| r.kind.as_str() == kind), "the demo's reminders include «{kind}»");
    }
    let due = reminders.iter().find(|r| r.kind.as_str() == "probation_due").unwrap();
    assert!(due.date > today && due.date <= today + chrono::Days::new(30), "probation ends within the month: {due:?}");

    // Meetings on the last day of Q1 and the first of Q2, and an org life meeting that is also the review.
    let meetings = store.meetings_in_year(2026, None)?;
    for date in ["2026-03-31", "2026-04-01"] {
        assert!(meetings.iter().any(|m| m.date == common::day(date)), "a meeting on {date}");
    }
    let all: Vec<Meeting> = store.list()?;
    assert!(
        all.iter().any(|m| m.kind == MeetingKind::OrgLifeMeeting && m.also_counts == [MeetingKind::DemocraticReview]),
        "an org life meeting also counts as the democratic review"
    );
    assert!(store.meeting_ledger(2026, None)?.iter().any(|e| !e.findings.is_empty()), "some records are incomplete");
    Ok(())
}

#[test]
fn a_version_1_backup_imports_with_posts_for_the_names_that_match() -> dangjian::Result<()> {
    let v1 = r#"{
      "format": "dangjian-backup",
      "version": 1,
      "committee": {"hospital_name": "滨江市中西医结合医院", "committee_name": "中共滨江市中西医结合医院委员会"},
      "branches": [
        {"id": 1, "name": "内科党支部", "kind": "branch", "parent_id": null, "secretary": "王喆",
         "committee": [{"name": "李堃", "role": "组织委员"}, {"name": "无此人", "role": "宣传委员"}],
         "founded_on": "2010-07-01", "term_ends_on": null, "departments": ["呼吸内科"], "archived": false, "note": null}
      ],
      "party_groups": [{"id": 1, "branch_id": 1, "name": "第一党小组", "leader": null}],
      "members": [
        {"id": 1, "name": "王喆", "category": "正式党员", "branch_id": 1, "group_id": 1, "status": "在册",
         "joined_on": "2008-06", "lost_contact": false, "floating": false, "extra": {}},
        {"id": 2, "name": "李堃", "category": "正式党员", "branch_id": 1, "status": "在册",
         "lost_contact": false, "floating": false, "extra": {}}
      ],
      "member_transfers": [],
      "brands": [], "partners": [], "pairings": [], "activities": [],
      "meetings": [
        {"id": 1, "branch_id": 1, "kind": "org_life_meeting", "date": "2025-12-10", "topic": "2025年度组织生活会",
         "attendance": [{"member_id": 1, "name": "王喆", "status": "present", "reason": null}]}
      ],
      "honors": [], "suggestions": [], "attachments": []
    }"#;
    let document = backup::parse(v1)?;
    assert_eq!(document.version, backup::VERSION, "the document is upgraded as it is read");
    let (_dir, store) = temp_store();
    backup::import(&store, &document)?;
    let branch: Branch = store.get(1)?;
    let posts: Vec<(&str, &str, Option<&str>)> =
        branch.committee.iter().map(|p| (p.name.as_str(), p.role.as_str(), p.duty.as_deref())).collect();
    assert_eq!(posts, [("王喆", "secretary", None), ("李堃", "member", Some("组织委员"))]);
    assert_eq!(branch.note.as_deref(), Some("原支委记录（未能对应到党员，请在支委中重新选择）：无此人（宣传委员）"));
    assert_eq!(store.obligations()?.len(), 9, "a version 1 document keeps the default rules");
    let meeting: Meeting = store.get(1)?;
    assert!(meeting.also_counts.is_empty());
    let again = backup::export(&store)?;
    assert_eq!(again.version, backup::VERSION);
    assert_eq!(again.branches[0].committee.len(), 2);
    Ok(())
}

#[test]
fn the_round_trip_keeps_dated_history_and_local_rules() -> dangjian::Result<()> {
    let (_a, original) = demo_store();
    let mut lesson = original.obligations()?.into_iter().find(|o| o.code == "party_lesson").unwrap();
    lesson.frequency = dangjian::store::Frequency::Month;
    original.update(&lesson)?;
    let first = backup::export(&original)?;
    assert!(!first.member_status_changes.is_empty(), "the demo has status changes");
    assert!(!first.member_group_changes.is_empty(), "the demo has group changes");
    assert_eq!(first.obligations.len(), 9);
    assert!(first.branches.iter().any(|b| b.committee.iter().any(|p| p.ended_on.is_some())), "dated posts");
    let (_b, restored) = temp_store();
    backup::import(&restored, &backup::parse(&serde_json::to_string(&first)?)?)?;
    let second = backup::export(&restored)?;
    assert!(first == second, "the round trip changed the document");
    let rule = restored.obligations()?.into_iter().find(|o| o.code == "party_lesson").unwrap();
    assert_eq!(rule.frequency, dangjian::store::Frequency::Month, "the local rule is restored, not the default");
    Ok(())
}

#[test]
fn a_deleted_meetings_attachments_do_not_break_the_backup() -> dangjian::Result<()> {
    let (dir, store) = temp_store();
    let b = branch(&store, "内科党支部");
    let m = store.create(&common::meeting_on(b.id, MeetingKind::ThemeDay, "2025-03-10", vec![]))?;
    let photo = dir.path().join("合影.jpg");
    std::fs::write(&photo, b"jpeg").unwrap();
    store.attach(dangjian::store::AttachmentOwner::Meeting, m.id, &photo)?;
    store.delete::<Meeting>(m.id)?;
    let document = backup::export(&store)?;
    let (_b, restored) = temp_store();
    backup::import(&restored, &document)?;
    assert!(document.attachments.is_empty(), "the meeting's attachment went with it: {:?}", document.attachments);
    Ok(())
}

#[test]
fn a_version_2_backup_imports_with_lead_branches_and_coded_kinds() -> dangjian::Result<()> {
    let v2 = r#"{
      "format": "dangjian-backup", "version": 2,
      "committee": {"hospital_name": "滨江医院", "committee_name": "中共滨江医院委员会"},
      "branches": [
        {"id": 1, "name": "内科党支部", "kind": "branch", "parent_id": null, "committee": [],
         "founded_on": null, "term_ends_on": null, "departments": [], "archived": false, "note": null},
        {"id": 2, "name": "外科党支部", "kind": "branch", "parent_id": null, "committee": [],
         "founded_on": null, "term_ends_on": null, "departments": [], "archived": false, "note": null}
      ],
      "party_groups": [],
      "members": [
        {"id": 1, "name": "王喆", "category": "正式党员", "branch_id": 1, "status": "在册",
         "lost_contact": false, "floating": false, "extra": {}}
      ],
      "member_transfers": [], "member_status_changes": [], "member_group_changes": [], "obligations": [],
      "brands": [{"id": 1, "branch_id": 1, "name": "畅享呼吸", "slogan": null, "meaning": null,
                  "started_on": null, "targets": "每月一次义诊", "versions": []}],
      "partners": [{"id": 1, "name": "新华村党总支", "kind": "村", "contact": null, "phone": null,
                    "address": null, "note": null},
                   {"id": 2, "name": "东城服务站", "kind": "服务站", "contact": null, "phone": null,
                    "address": null, "note": "老朋友"}],
      "pairings": [],
      "activities": [
        {"id": 1, "title": "联合宣教", "kind": "健康宣教", "date": "2025-03-01", "place": null,
         "branch_ids": [2, 1], "brand_id": 1, "partner_id": 1, "people_served": 50, "description": null,
         "participants": [{"member_id": 1, "name": "王喆", "hours": 2.0},
                          {"member_id": null, "name": "林晓", "hours": 3.0}]},
        {"id": 2, "title": "读书分享", "kind": "读书会", "date": "2025-04-01", "place": null,
         "branch_ids": [2], "brand_id": null, "partner_id": null, "people_served": 0, "description": null,
         "participants": [{"member_id": null, "name": "王喆", "hours": 1.0}]}
      ],
      "meetings": [],
      "honors": [{"id": 1, "title": "优秀共产党员", "level": "院级", "awarded_on": "2025-06", "issuer": null,
                  "branch_id": 1, "member_id": 1, "note": null}],
      "suggestions": [], "attachments": []
    }"#;
    let document = backup::parse(v2)?;
    assert_eq!(document.version, backup::VERSION);
    let (_dir, store) = temp_store();
    backup::import(&store, &document)?;
    let joint: Activity = store.get(1)?;
    assert_eq!((joint.branch_id, joint.co_branch_ids.clone(), joint.kind.as_str()), (1, vec![2], "健康讲座"));
    assert_eq!(joint.participants[1].kind, ParticipantKind::Volunteer, "an unlinked name was an outside volunteer");
    assert!(store.activity_kinds()?.contains(&"读书会".to_string()), "a kind the backup used is kept");
    let alone: Activity = store.get(2)?;
    assert_eq!(alone.participants[0].member_id, Some(1), "an unlinked name that is one member's is linked");
    let honor: Honor = store.get(1)?;
    assert_eq!((honor.branch_id, honor.member_id), (None, Some(1)), "a member's honor names only the member");
    assert_eq!(store.get::<Brand>(1)?.goal.as_deref(), Some("每月一次义诊"));
    let other: Partner = store.get(2)?;
    assert_eq!((other.kind, other.note.as_deref()), (PartnerKind::Other, Some("老朋友\n原单位类型：服务站")));
    let again = backup::export(&store)?;
    assert_eq!(backup::parse(&serde_json::to_string(&again)?)?, again, "the upgraded document round-trips");
    Ok(())
}
