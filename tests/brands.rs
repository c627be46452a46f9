//! Brand work counted by the rules of `rules::counting`, checked against the
//! records summed independently: activities led and co-organised, hours of a
//! member who moved branch mid-year, outside volunteers, people served,
//! participation, targets, honors and suggestions.

mod common;

use common::{branch, day, member, store_on};
use dangjian::date::PartialDate;
use dangjian::rules::participants::PersonNamed;
use dangjian::store::{
    Activity, Brand, BrandTarget, Honor, HonorLevel, Participant, ParticipantKind, ReminderKind, Store, Suggestion,
    SuggestionStatus, TargetMeasure,
};

fn person(member: &dangjian::store::Member, hours: f64) -> Participant {
    Participant { member_id: Some(member.id), name: member.name.clone(), hours, kind: ParticipantKind::Member }
}

fn outside(name: &str, hours: f64) -> Participant {
    Participant { member_id: None, name: name.into(), hours, kind: ParticipantKind::Volunteer }
}

fn brand_of(store: &Store, branch_id: i64, name: &str, targets: Vec<BrandTarget>) -> Brand {
    store
        .create(&Brand {
            id: 0,
            branch_id,
            name: name.into(),
            slogan: None,
            meaning: None,
            methods: None,
            goal: None,
            started_on: None,
            versions: vec![],
            targets,
        })
        .expect("a brand")
}

fn activity(lead: i64, co: Vec<i64>, date: &str, kind: &str, served: i64, participants: Vec<Participant>) -> Activity {
    Activity {
        id: 0,
        title: format!("{date} {kind}"),
        kind: kind.into(),
        date: day(date),
        end_date: None,
        place: None,
        branch_id: lead,
        co_branch_ids: co,
        brand_id: None,
        partner_id: None,
        people_served: served,
        description: None,
        participants,
    }
}

fn target(year: i32, measure: TargetMeasure, kind: Option<&str>, target: f64) -> BrandTarget {
    BrandTarget { year, measure, activity_kind: kind.map(String::from), target }
}

/// Two branches; 李堃 moves from 内科 to 外科 on 1 July; one joint activity
/// before the move and one after, with an outside volunteer.
#[test]
fn each_figure_is_credited_once_to_the_branch_the_rules_name() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-01");
    let medicine = branch(&store, "内科党支部");
    let surgery = branch(&store, "外科党支部");
    let wang = member(&store, &medicine, "王喆");
    let li = member(&store, &medicine, "李堃");
    let chen = member(&store, &medicine, "陈玥");
    let sun = member(&store, &surgery, "孙珺");
    let brand = brand_of(
        &store,
        medicine.id,
        "畅享呼吸",
        vec![
            target(2026, TargetMeasure::Activities, Some("义诊"), 4.0),
            target(2026, TargetMeasure::VolunteerHours, None, 10.0),
            target(2026, TargetMeasure::ParticipationRate, None, 100.0),
            target(2025, TargetMeasure::PeopleServed, None, 500.0),
        ],
    );
    store.create(&Activity {
        brand_id: Some(brand.id),
        ..activity(
            medicine.id,
            vec![surgery.id],
            "2026-03-10",
            "义诊",
            120,
            vec![person(&wang, 3.0), person(&li, 2.5), person(&sun, 2.0)],
        )
    })?;
    store.transfer_member(li.id, surgery.id, PartialDate::day(day("2026-07-01")), None)?;
    store.create(&activity(
        surgery.id,
        vec![medicine.id],
        "2026-09-15",
        "健康讲座",
        80,
        vec![person(&li, 4.0), outside("林晓", 1.5)],
    ))?;
    store.create(&activity(surgery.id, vec![], "2025-12-20", "义诊", 999, vec![person(&sun, 8.0)]))?;

    // 陈玥 is listed with no hours: she did not serve, and counts in no rate.
    let idle = store.create(&activity(surgery.id, vec![], "2026-10-01", "志愿服务", 0, vec![person(&chen, 0.0)]))?;
    let stats = store.year_stats(2026)?;
    store.delete::<Activity>(idle.id)?;
    let m = stats.per_branch.iter().find(|b| b.branch_id == medicine.id).unwrap();
    assert_eq!(m.members_serving, 1, "a participant with no hours has not served");
    let stats = store.year_stats(2026)?;
    assert_eq!(stats.activities, 2, "each activity once in the committee's count");
    assert_eq!(stats.people_served, 200);
    assert_eq!(stats.volunteer_hours, 13.0);
    assert_eq!(stats.outside_volunteer_hours, 1.5);
    assert_eq!(stats.activities_by_month[2], 1);
    assert_eq!(stats.activities_by_month[8], 1);
    assert_eq!(stats.activities_by_kind["义诊"], 1);
    assert_eq!(stats.activities_by_kind["急救培训"], 0, "every kind is listed");

    let row = |id: i64| stats.per_branch.iter().find(|b| b.branch_id == id).expect("the branch is listed");
    let (m, s) = (row(medicine.id), row(surgery.id));
    assert_eq!((m.activities, s.activities), (2, 2), "a joint activity counts in each organiser's list");
    assert_eq!((m.people_served, s.people_served), (120, 80), "people served go to the lead branch only");
    // 内科: 王喆 3 + 李堃 2.5 (still in 内科 on 10 March); 外科: 孙珺 2 + 李堃 4 (moved) + 林晓 1.5 (lead).
    assert_eq!((m.volunteer_hours, s.volunteer_hours), (5.5, 7.5));
    assert_eq!(m.volunteer_hours + s.volunteer_hours, stats.volunteer_hours, "no hour counted twice or lost");
    // Rolls at the end of the year: 内科 王喆, 陈玥; 外科 孙珺, 李堃.
    assert_eq!((m.members_serving, m.members_on_rolls, m.participation_rate), (1, 2, 50.0));
    assert_eq!((s.members_serving, s.members_on_rolls, s.participation_rate), (2, 2, 100.0));
    assert_eq!(stats.participation_rate, 75.0);

    let progress: Vec<(String, f64, f64)> = m.targets.iter().map(|t| (t.label.clone(), t.actual, t.target)).collect();
    assert_eq!(
        progress,
        [
            ("义诊次数".to_string(), 1.0, 4.0),
            ("志愿服务时长".to_string(), 7.5, 10.0),
            ("党员参与率".to_string(), 50.0, 100.0),
        ],
        "only 2026's targets; hours and participation within the brand's own activities"
    );
    assert!(s.targets.is_empty(), "外科 has no brand");

    let last_year = store.year_stats(2025)?;
    assert_eq!(last_year.per_branch.iter().find(|b| b.branch_id == medicine.id).unwrap().targets[0].actual, 0.0);
    Ok(())
}

#[test]
fn a_persons_record_lists_every_activity_with_its_credited_branch() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-01");
    let medicine = branch(&store, "内科党支部");
    let surgery = branch(&store, "外科党支部");
    let li = member(&store, &medicine, "李堃");
    store.create(&activity(
        medicine.id,
        vec![],
        "2026-03-10",
        "义诊",
        10,
        vec![person(&li, 2.5), outside("林晓", 1.0)],
    ))?;
    store.transfer_member(li.id, surgery.id, PartialDate::day(day("2026-07-01")), None)?;
    store.create(&activity(
        medicine.id,
        vec![surgery.id],
        "2026-09-15",
        "义诊",
        10,
        vec![person(&li, 4.0), outside("林晓", 2.0)],
    ))?;
    let people = store.people_service(Some(2026))?;
    assert_eq!(people.len(), 2);
    let li_record = &people[0];
    assert_eq!(
        (li_record.name.as_str(), li_record.hours, li_record.entries.len()),
        ("李堃", 6.5, 2),
        "most hours first"
    );
    let branches: Vec<i64> = li_record.entries.iter().map(|e| e.branch_id).collect();
    assert_eq!(branches, [medicine.id, surgery.id], "hours follow the branch of the day");
    assert_eq!((people[1].name.as_str(), people[1].hours, people[1].kind), ("林晓", 3.0, ParticipantKind::Volunteer));
    assert!(store.people_service(Some(2025))?.is_empty());
    Ok(())
}

#[test]
fn honors_and_suggestions_count_for_one_branch_in_their_year() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-01");
    let medicine = branch(&store, "内科党支部");
    let surgery = branch(&store, "外科党支部");
    let li = member(&store, &medicine, "李堃");
    let brand = brand_of(&store, surgery.id, "醉美手护", vec![]);
    store.transfer_member(li.id, surgery.id, PartialDate::day(day("2026-07-01")), None)?;
    let honor = |title: &str, date: &str, branch_id, member_id, brand_id| Honor {
        id: 0,
        title: title.into(),
        level: HonorLevel::Hospital,
        awarded_on: Some(date.parse().unwrap()),
        issuer: None,
        branch_id,
        member_id,
        brand_id,
        note: None,
    };
    store.create(&honor("五星级党支部", "2026-05", Some(medicine.id), None, None))?;
    store.create(&honor("优秀共产党员", "2026-06-30", None, Some(li.id), None))?;
    store.create(&honor("优秀品牌", "2026-10", None, None, Some(brand.id)))?;
    store.create(&honor("示范单位", "2026-11", None, None, None))?;
    store.create(&honor("往年荣誉", "2025-11", Some(surgery.id), None, None))?;
    let suggestion = |raised: &str, status, resolved: Option<&str>, due: Option<&str>| Suggestion {
        id: 0,
        branch_id: Some(surgery.id),
        source: Some("义诊现场".into()),
        raised_on: Some(raised.parse().unwrap()),
        content: "希望派医生到村卫生室坐诊".into(),
        status,
        response: None,
        resolved_on: resolved.map(|r| r.parse().unwrap()),
        due_on: due.map(day),
    };
    store.create(&suggestion("2025-12-01", SuggestionStatus::Done, Some("2026-01-05"), None))?;
    store.create(&suggestion("2026-02-01", SuggestionStatus::Done, None, None))?;
    let late = store.create(&suggestion("2026-03-01", SuggestionStatus::InProgress, None, Some("2026-04-01")))?;
    store.create(&suggestion("2026-11-20", SuggestionStatus::Open, None, Some("2026-12-20")))?;

    let stats = store.year_stats(2026)?;
    assert_eq!(stats.honors, 4);
    let row = |id: i64| stats.per_branch.iter().find(|b| b.branch_id == id).unwrap();
    assert_eq!(row(medicine.id).honors, 2, "the branch's own, and its member's before the move");
    assert_eq!(row(surgery.id).honors, 1, "the brand's; last year's is not counted");
    assert_eq!((stats.suggestions_raised, stats.suggestions_done), (3, 2));
    assert_eq!(row(surgery.id).suggestions_done, 2, "closed in 2026: by closing date, else by the date raised");

    let reminders = store.reminders(day("2026-12-01"))?;
    let overdue: Vec<Option<i64>> =
        reminders.iter().filter(|r| r.kind == ReminderKind::SuggestionOverdue).map(|r| r.suggestion_id).collect();
    assert_eq!(overdue, [Some(late.id)], "only the open suggestion past its due date");
    Ok(())
}

/// The demo's totals, summed straight from the tables, agree with the counting rules.
#[test]
fn the_demo_totals_agree_with_the_records_summed_independently() -> dangjian::Result<()> {
    let (dir, store) = store_on("2026-12-01");
    dangjian::demo::load(&store, day("2026-12-01"))?;
    let conn = rusqlite::Connection::open(dir.path().join("test.db")).expect("a second connection");
    for year in [2025, 2026] {
        let stats = store.year_stats(year)?;
        let y = format!("{year}");
        let scalar = |sql: &str| -> f64 { conn.query_row(sql, [&y], |r| r.get(0)).unwrap() };
        assert_eq!(
            stats.activities as f64,
            scalar("SELECT count(*) * 1.0 FROM activities WHERE substr(date,1,4) = ?1")
        );
        assert_eq!(
            stats.people_served as f64,
            scalar("SELECT coalesce(sum(people_served), 0) * 1.0 FROM activities WHERE substr(date,1,4) = ?1")
        );
        let hours = scalar(
            "SELECT coalesce(sum(p.hours), 0) FROM activity_participants p JOIN activities a ON a.id = p.activity_id
             WHERE substr(a.date,1,4) = ?1",
        );
        assert!((stats.volunteer_hours - hours).abs() < 1e-6, "{year}: {} vs {hours}", stats.volunteer_hours);
        let branch_hours: f64 = stats.per_branch.iter().map(|b| b.volunteer_hours).sum();
        assert!((branch_hours - hours).abs() < 1e-6, "{year}: every hour is credited to exactly one branch");
        let branch_served: i64 = stats.per_branch.iter().map(|b| b.people_served).sum();
        assert_eq!(branch_served, stats.people_served, "people served are credited to the lead branch once");
        for b in &stats.per_branch {
            let organised: f64 = conn
                .query_row(
                    "SELECT count(*) * 1.0 FROM activities a WHERE substr(a.date,1,4) = ?1 AND (a.branch_id = ?2
                     OR EXISTS (SELECT 1 FROM activity_branches x WHERE x.activity_id = a.id AND x.branch_id = ?2))",
                    (&y, b.branch_id),
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(b.activities as f64, organised, "{year} {}", b.branch);
        }
        let joint = scalar(
            "SELECT count(*) * 1.0 FROM activity_branches x JOIN activities a ON a.id = x.activity_id
             WHERE substr(a.date,1,4) = ?1",
        );
        assert!(joint > 0.0, "{year}: the demo has activities run by two branches");
        let outside = scalar(
            "SELECT count(*) * 1.0 FROM activity_participants p JOIN activities a ON a.id = p.activity_id
                    WHERE p.kind <> 'member' AND substr(a.date,1,4) = ?1",
        );
        assert!(outside > 0.0, "{year}: the demo has outside volunteers");
        assert!(stats.honors > 0 && stats.suggestions_raised > 0, "{year}: honors and suggestions in each year");
        assert!(stats.per_branch.iter().any(|b| !b.targets.is_empty()), "{year}: numeric targets");
    }
    let unpaired: f64 = conn
        .query_row(
            "SELECT count(*) * 1.0 FROM activities a WHERE a.partner_id IS NOT NULL AND NOT EXISTS
             (SELECT 1 FROM pairings p WHERE p.partner_id = a.partner_id AND p.branch_id = a.branch_id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unpaired, 0.0, "every partner an activity names is paired with its lead branch");
    Ok(())
}

#[test]
fn activity_kinds_are_the_users_list() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-01");
    let medicine = branch(&store, "内科党支部");
    assert_eq!(store.activity_kinds()?[..3], ["义诊", "健康讲座", "急救培训"]);
    assert_eq!(store.activity_kind_named("科普")?, "健康讲座", "a built-in kind's other names are read");
    let unknown = store.create(&activity(medicine.id, vec![], "2026-03-01", "读书会", 0, vec![])).unwrap_err();
    assert!(unknown.to_string().contains("可在「设置」中添加"), "{unknown}");
    store.add_activity_kind("读书会")?;
    let stored = store.create(&activity(medicine.id, vec![], "2026-03-01", "读书会", 0, vec![]))?;
    assert!(store.add_activity_kind("读书会").is_err(), "no twin kinds");
    store.rename_activity_kind("读书会", "红色读书会")?;
    assert_eq!(store.get::<Activity>(stored.id)?.kind, "红色读书会", "a rename carries the activities with it");
    let used = store.remove_activity_kind("红色读书会").unwrap_err();
    assert!(used.to_string().contains("有 1 项活动"), "{used}");
    store.delete::<Activity>(stored.id)?;
    store.remove_activity_kind("红色读书会")?;
    let mut order = store.activity_kinds()?;
    order.reverse();
    assert_eq!(store.reorder_activity_kinds(&order)?, order);
    assert!(store.reorder_activity_kinds(&order[1..]).is_err(), "every kind must be listed");
    Ok(())
}

#[test]
fn participants_are_members_or_outside_volunteers_said_to_be() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-01");
    let medicine = branch(&store, "内科党支部");
    let wang = member(&store, &medicine, "王喆");
    let found = store.resolve_participant(&PersonNamed { name: "王喆", ..Default::default() }, 2.0)?;
    assert_eq!((found.member_id, found.kind), (Some(wang.id), ParticipantKind::Member));
    let unknown = store.resolve_participants(&[
        (PersonNamed { name: "林晓", ..Default::default() }, 1.0),
        (PersonNamed { name: "周雨桐", ..Default::default() }, 1.0),
    ]);
    let message = unknown.unwrap_err().to_string();
    assert!(message.contains("「林晓」不在党员名册中") && message.contains("「周雨桐」"), "{message}");
    let said = PersonNamed { name: "林晓", kind: Some(ParticipantKind::LeagueMember), ..Default::default() };
    assert_eq!(store.resolve_participant(&said, 1.0)?.member_id, None);

    // The record itself refuses a member without a link and an outsider with one.
    let bad = activity(
        medicine.id,
        vec![],
        "2026-03-01",
        "义诊",
        0,
        vec![Participant { member_id: None, name: "王喆".into(), hours: 1.0, kind: ParticipantKind::Member }],
    );
    assert!(store.create(&bad).unwrap_err().to_string().contains("没有对应到名册中的党员"));
    let twice = activity(medicine.id, vec![], "2026-03-01", "义诊", 0, vec![person(&wang, 1.0), person(&wang, 2.0)]);
    assert!(store.create(&twice).unwrap_err().to_string().contains("重复出现"));
    Ok(())
}

#[test]
fn brand_targets_are_checked() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-01");
    let medicine = branch(&store, "内科党支部");
    let brand =
        brand_of(&store, medicine.id, "畅享呼吸", vec![target(2026, TargetMeasure::Activities, Some("健康讲座"), 6.0)]);
    let stored: Brand = store.get(brand.id)?;
    let cases = [
        (target(2026, TargetMeasure::ParticipationRate, None, 120.0), "0–100"),
        (target(2026, TargetMeasure::PeopleServed, None, -1.0), "不小于 0"),
        (target(1900, TargetMeasure::PeopleServed, None, 1.0), "年份"),
        (target(2026, TargetMeasure::Activities, Some("跳舞"), 1.0), "不在列表中"),
        (target(2026, TargetMeasure::Activities, Some("科普"), 1.0), "不在列表中"),
    ];
    for (bad, message) in cases {
        let error = store.update(&Brand { targets: vec![bad], ..stored.clone() }).unwrap_err().to_string();
        assert!(error.contains(message), "{error}");
    }
    let twice = vec![
        target(2026, TargetMeasure::PeopleServed, None, 1.0),
        target(2026, TargetMeasure::PeopleServed, None, 2.0),
    ];
    assert!(store.update(&Brand { targets: twice, ..stored.clone() }).unwrap_err().to_string().contains("重复出现"));

    // A brand keeps to the branches that ran its activities.
    let surgery = branch(&store, "外科党支部");
    store.create(&Activity {
        brand_id: Some(brand.id),
        ..activity(medicine.id, vec![], "2026-03-01", "义诊", 10, vec![])
    })?;
    let moved = store.update(&Brand { branch_id: surgery.id, ..stored }).unwrap_err().to_string();
    assert!(moved.contains("不是新所属支部承办的"), "{moved}");
    assert!(store.year_stats(300_000).is_ok(), "a far year is no crash");
    Ok(())
}

#[test]
fn a_pairing_lists_the_joint_activities_of_its_term_and_an_honored_brand_stays() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-01");
    let medicine = branch(&store, "内科党支部");
    let brand = brand_of(&store, medicine.id, "畅享呼吸", vec![]);
    let partner = dangjian::store::Partner {
        id: 0,
        name: "新华村党总支".into(),
        kind: dangjian::store::PartnerKind::Village,
        contact: None,
        phone: None,
        address: None,
        note: None,
    };
    let pairing = dangjian::store::Pairing {
        id: 0,
        branch_id: medicine.id,
        partner_id: 0,
        started_on: Some("2025-05".parse().unwrap()),
        ended_on: Some("2026-04".parse().unwrap()),
        content: None,
    };
    let (partner, _) = store.create_partner_with_pairing(&partner, &pairing)?;
    for date in ["2025-04-30", "2025-05-01", "2026-04-30", "2026-05-01"] {
        store.create(&Activity {
            partner_id: Some(partner.id),
            ..activity(medicine.id, vec![], date, "义诊", 10, vec![])
        })?;
    }
    let views = store.pairings(Some(medicine.id))?;
    let dates: Vec<String> = views[0].activities.iter().map(|a| a.date.to_string()).collect();
    assert_eq!(dates, ["2026-04-30", "2025-05-01"], "only the term's, newest first; month-only ends cover the month");

    store.create(&Honor {
        id: 0,
        title: "优秀党建品牌".into(),
        level: HonorLevel::District,
        awarded_on: None,
        issuer: None,
        branch_id: None,
        member_id: None,
        brand_id: Some(brand.id),
        note: None,
    })?;
    let refused = store.delete::<Brand>(brand.id).unwrap_err().to_string();
    assert!(refused.contains("获得过 1 项荣誉"), "{refused}");
    Ok(())
}
