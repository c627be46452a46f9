//! What branches do: brands, partners, activities, meetings, honors,
//! suggestions and attachments; and the audit log of every write.

mod common;

use chrono::NaiveDate;
use common::{branch, member, snapshot, temp_store};
use dangjian::store::{
    Activity, Attachment, AttachmentOwner, Attendance, AttendanceStatus, Brand, BrandVersion, Honor, HonorLevel,
    Meeting, MeetingKind, Pairing, Participant, ParticipantKind, Partner, PartnerKind, PartyGroup, Suggestion,
    SuggestionStatus,
};
use dangjian::{ErrorCode, Store};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn meeting(branch_id: i64, kind: MeetingKind, attendance: Vec<Attendance>) -> Meeting {
    Meeting {
        id: 0,
        branch_id,
        group_id: None,
        kind,
        date: day("2025-03-12"),
        start_time: Some("14:30".into()),
        place: Some("门诊楼五楼会议室".into()),
        chair: Some("王喆".into()),
        recorder: Some("陈玥".into()),
        lecturer: None,
        topic: "学习党的二十届三中全会精神".into(),
        content: Some("传达学习，交流讨论。".into()),
        decisions: Some("组织义诊一次。".into()),
        vote: None,
        also_counts: Vec::new(),
        attendance,
    }
}

fn present(name: &str, id: i64) -> Attendance {
    Attendance { member_id: Some(id), name: name.into(), status: AttendanceStatus::Present, reason: None }
}

#[test]
fn a_brand_keeps_its_version_history() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let b = branch(&store, "内科一支部");
    let brand = store.create(&Brand {
        id: 0,
        branch_id: b.id,
        name: "畅享呼吸".into(),
        slogan: Some("同心向党，畅享呼吸".into()),
        meaning: None,
        methods: None,
        goal: None,
        started_on: Some("2019-03".parse()?),
        targets: vec![],
        versions: vec![
            BrandVersion { version: "1.0".into(), started_on: Some("2019-03".parse()?), summary: None },
            BrandVersion {
                version: "2.0".into(),
                started_on: Some("2023".parse()?),
                summary: Some("健康共富·党建联建".into()),
            },
        ],
    })?;
    assert_eq!(store.get::<Brand>(brand.id)?, brand);
    let shorter = store.update(&Brand { versions: brand.versions[..1].to_vec(), ..brand.clone() })?;
    assert_eq!(shorter.versions.len(), 1, "saving replaces the version list");
    let dup = Brand { versions: vec![brand.versions[0].clone(), brand.versions[0].clone()], ..brand };
    assert!(store.update(&dup).unwrap_err().to_string().contains("品牌版本 1.0 重复出现"));
    Ok(())
}

#[test]
fn partners_and_pairings_round_trip_and_check_their_period() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let b = branch(&store, "中医党支部");
    let village = store.create(&Partner {
        id: 0,
        name: "新华村党总支".into(),
        kind: PartnerKind::Village,
        contact: None,
        phone: None,
        address: None,
        note: None,
    })?;
    let pairing = store.create(&Pairing {
        id: 0,
        branch_id: b.id,
        partner_id: village.id,
        started_on: Some("2021-05".parse()?),
        ended_on: None,
        content: Some("中医药服务大篷车进村".into()),
    })?;
    assert_eq!(store.get::<Pairing>(pairing.id)?, pairing);
    let err = store.update(&Pairing { ended_on: Some("2020-01-01".parse()?), ..pairing }).unwrap_err();
    assert!(err.to_string().contains("早于开始日期"), "{err}");
    let err = store.delete::<Partner>(village.id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict, "a partner with a pairing cannot be deleted: {err}");
    Ok(())
}

#[test]
fn an_activity_keeps_its_branches_and_volunteer_hours() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let a = branch(&store, "中医党支部");
    let b = branch(&store, "护理党支部");
    let m = member(&store, &a, "李堃");
    let brand = store.create(&Brand {
        id: 0,
        branch_id: a.id,
        name: "中医药服务大篷车".into(),
        slogan: None,
        meaning: None,
        methods: None,
        goal: None,
        started_on: None,
        targets: vec![],
        versions: vec![],
    })?;
    let activity = store.create(&Activity {
        id: 0,
        title: "新华村中医义诊".into(),
        kind: "义诊".into(),
        date: day("2025-04-20"),
        end_date: None,
        place: Some("新华村村委会".into()),
        branch_id: a.id,
        co_branch_ids: vec![b.id, a.id, b.id],
        brand_id: Some(brand.id),
        partner_id: None,
        people_served: 126,
        description: None,
        participants: vec![
            Participant { member_id: Some(m.id), name: "李堃".into(), hours: 3.5, kind: ParticipantKind::Member },
            Participant { member_id: None, name: "林晓".into(), hours: 2.0, kind: ParticipantKind::LeagueMember },
        ],
    })?;
    let stored: Activity = store.get(activity.id)?;
    assert_eq!(stored.co_branch_ids, vec![b.id], "co-organisers are de-duplicated, without the lead");
    assert_eq!(stored.hours(), 5.5);
    assert_eq!(store.activities_in_year(2025)?.len(), 1);
    assert!(store.activities_in_year(2024)?.is_empty());

    let too_long = Activity {
        participants: vec![Participant {
            member_id: None,
            name: "甲".into(),
            hours: 30.0,
            kind: ParticipantKind::Volunteer,
        }],
        ..stored.clone()
    };
    assert!(store.update(&too_long).unwrap_err().to_string().contains("0–24 小时"));
    let other_brand = Activity { branch_id: b.id, co_branch_ids: vec![], ..stored.clone() };
    assert!(store.update(&other_brand).unwrap_err().to_string().contains("品牌不属于承办支部"));
    let future = Activity { date: day("2999-01-01"), ..stored };
    assert!(store.update(&future).unwrap_err().to_string().contains("晚于今天"));
    Ok(())
}

#[test]
fn a_meeting_keeps_its_full_record_and_attendance() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let b = branch(&store, "医技第一党支部");
    let wang = member(&store, &b, "王喆");
    let chen = member(&store, &b, "陈玥");
    let li = member(&store, &b, "李堃");
    let created = store.create(&meeting(
        b.id,
        MeetingKind::GeneralMeeting,
        vec![
            present("王喆", wang.id),
            Attendance {
                member_id: Some(chen.id),
                name: "陈玥".into(),
                status: AttendanceStatus::Excused,
                reason: Some("外出进修".into()),
            },
            Attendance {
                member_id: Some(li.id), name: "李堃".into(), status: AttendanceStatus::Absent, reason: None
            },
        ],
    ))?;
    let stored: Meeting = store.get(created.id)?;
    assert_eq!(stored, created);
    assert_eq!(stored.present_count(), 1);
    assert_eq!(stored.attendance[1].reason.as_deref(), Some("外出进修"));
    assert_eq!(store.meetings_in_year(2025, Some(b.id))?.len(), 1);
    Ok(())
}

#[test]
fn meeting_records_that_break_the_rules_are_refused() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let b = branch(&store, "护理党支部");
    let other = branch(&store, "外科党支部");
    let wang = member(&store, &b, "王喆");
    let foreign_group = store.create(&PartyGroup {
        id: 0,
        branch_id: other.id,
        name: "一组".into(),
        leader: None,
        founded_on: None,
        dissolved_on: None,
    })?;
    let cases = [
        (meeting(b.id, MeetingKind::GroupMeeting, vec![]), "党小组会须注明是哪个党小组"),
        (
            Meeting { group_id: Some(foreign_group.id), ..meeting(b.id, MeetingKind::GroupMeeting, vec![]) },
            "不属于该支部",
        ),
        (Meeting { date: day("2999-01-01"), ..meeting(b.id, MeetingKind::ThemeDay, vec![]) }, "晚于今天"),
        (Meeting { start_time: Some("下午".into()), ..meeting(b.id, MeetingKind::ThemeDay, vec![]) }, "时:分"),
        (Meeting { topic: " ".into(), ..meeting(b.id, MeetingKind::ThemeDay, vec![]) }, "会议主题"),
        (meeting(b.id, MeetingKind::ThemeDay, vec![present("王喆", wang.id), present("王喆", wang.id)]), "出现了两次"),
    ];
    for (candidate, expected) in cases {
        let err = store.create(&candidate).unwrap_err();
        assert!(err.to_string().contains(expected), "expected «{expected}», got «{err}»");
    }
    assert!(store.list::<Meeting>()?.is_empty());
    let err = store.delete::<dangjian::store::Member>(wang.id);
    assert!(err.is_ok(), "a member in no record can be deleted");
    Ok(())
}

#[test]
fn a_member_who_attended_a_meeting_cannot_be_deleted() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let b = branch(&store, "急诊党支部");
    let wang = member(&store, &b, "王喆");
    store.create(&meeting(b.id, MeetingKind::ThemeDay, vec![present("王喆", wang.id)]))?;
    let err = store.delete::<dangjian::store::Member>(wang.id).unwrap_err();
    assert!(err.to_string().contains("转出"), "{err}");
    Ok(())
}

#[test]
fn honors_and_suggestions_round_trip_and_check_dates() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let b = branch(&store, "中医党支部");
    let honor = store.create(&Honor {
        id: 0,
        title: "先进基层党组织".into(),
        level: HonorLevel::City,
        awarded_on: Some("2024-07".parse()?),
        issuer: Some("中共滨江市委".into()),
        branch_id: Some(b.id),
        member_id: None,
        brand_id: None,
        note: None,
    })?;
    assert_eq!(store.get::<Honor>(honor.id)?, honor);
    let brand = store.create(&Brand {
        id: 0,
        branch_id: b.id,
        name: "中医药服务大篷车".into(),
        slogan: None,
        meaning: None,
        methods: None,
        goal: None,
        started_on: None,
        targets: vec![],
        versions: vec![],
    })?;
    let twice = Honor { id: 0, brand_id: Some(brand.id), ..honor.clone() };
    assert!(store.create(&twice).unwrap_err().to_string().contains("只授予一个对象"));
    let suggestion = Suggestion {
        id: 0,
        branch_id: Some(b.id),
        source: Some("现场接待会".into()),
        raised_on: Some("2024-05-10".parse()?),
        content: "希望周末开放理疗".into(),
        status: SuggestionStatus::Done,
        response: Some("每周六上午开设理疗门诊".into()),
        resolved_on: Some("2024-06-01".parse()?),
        due_on: Some(day("2024-06-10")),
    };
    let stored = store.create(&suggestion)?;
    assert_eq!(store.get::<Suggestion>(stored.id)?, stored);
    let backwards = Suggestion { resolved_on: Some("2024-04-01".parse()?), ..suggestion.clone() };
    assert!(store.create(&backwards).unwrap_err().to_string().contains("早于提出日期"));
    let due_before_raised = Suggestion { due_on: Some(day("2024-05-01")), ..suggestion.clone() };
    assert!(store.create(&due_before_raised).unwrap_err().to_string().contains("办结时限"));
    let open_but_resolved = Suggestion { status: SuggestionStatus::Open, ..suggestion };
    assert!(store.create(&open_but_resolved).unwrap_err().to_string().contains("已办结"));
    Ok(())
}

#[test]
fn an_attachment_is_copied_into_the_data_directory_with_its_hash() -> dangjian::Result<()> {
    let (dir, store) = temp_store();
    let b = branch(&store, "内科党支部");
    let m = store.create(&meeting(b.id, MeetingKind::ThemeDay, vec![]))?;
    let source = dir.path().join("会议签到表.pdf");
    std::fs::write(&source, b"%PDF-1.4 signed sheet").unwrap();
    let attachment = store.attach(AttachmentOwner::Meeting, m.id, &source)?;
    assert_eq!(attachment.file_name, "会议签到表.pdf");
    assert_eq!(attachment.size, 21);
    assert_eq!(attachment.sha256.len(), 64);
    let copy = store.attachment_file(&attachment.sha256)?;
    assert!(copy.ends_with(&attachment.sha256), "a plain database keeps it under its hash");
    assert_eq!(std::fs::read(copy).unwrap(), b"%PDF-1.4 signed sheet", "the content is kept beside the database");
    assert_eq!(store.attachments_of(AttachmentOwner::Meeting, m.id)?, vec![attachment]);

    let err = store.attach(AttachmentOwner::Honor, 999, &source).unwrap_err();
    assert!(err.to_string().contains("不存在"), "{err}");
    assert_eq!(store.list::<Attachment>()?.len(), 1);
    let missing = store.attach(AttachmentOwner::Meeting, m.id, &dir.path().join("nope.pdf")).unwrap_err();
    assert_eq!(missing.code(), ErrorCode::Io);
    Ok(())
}

#[test]
fn every_write_is_in_the_audit_log_with_before_and_after() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let b = branch(&store, "内科党支部");
    let m = member(&store, &b, "王喆");
    store.update(&dangjian::store::Member { department: Some("呼吸内科".into()), ..m.clone() })?;
    store.delete::<dangjian::store::Member>(m.id)?;
    let log = store.audit_log(10)?;
    let actions: Vec<(&str, &str)> = log.iter().map(|e| (e.entity.as_str(), e.action.as_str())).collect();
    assert_eq!(actions, [("members", "delete"), ("members", "update"), ("members", "create"), ("branches", "create")]);
    let update = &log[1];
    assert!(update.before.as_deref().unwrap().contains("\"department\":null"));
    assert!(update.after.as_deref().unwrap().contains("呼吸内科"));
    assert!(!update.os_user.is_empty());
    assert!(log[0].after.is_none() && log[0].before.is_some());
    Ok(())
}

#[test]
fn a_failed_write_leaves_no_trace_not_even_in_the_audit_log() {
    let (_dir, store) = temp_store();
    let b = branch(&store, "内科党支部");
    let before = (snapshot(&store), store.audit_log(100).unwrap().len());
    let bad = meeting(b.id, MeetingKind::ThemeDay, vec![present("不存在的人", 424_242)]);
    assert!(store.create(&bad).is_err(), "attendance naming a missing member must fail");
    assert_eq!((snapshot(&store), store.audit_log(100).unwrap().len()), before);
}

#[test]
fn the_store_refuses_files_it_must_not_touch() {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.db");
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;").unwrap();
    }
    let bytes = std::fs::read(&newer).unwrap();
    let err = Store::open(&newer).err().expect("a newer database is refused");
    assert_eq!(err.code(), ErrorCode::DatabaseTooNew);
    assert!(err.to_string().contains("请升级本程序"), "{err}");
    assert_eq!(std::fs::read(&newer).unwrap(), bytes, "the newer file is left byte for byte as it was");

    let foreign = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE patients (name)").unwrap();
    let err = Store::open(&foreign).err().expect("another program's database is refused");
    assert!(err.to_string().contains("不是党建台账的数据库"), "{err}");

    let reopened = Store::open(&dir.path().join("sub/dir/new.db")).expect("missing folders are created");
    assert!(reopened.is_empty().unwrap());
}

#[test]
fn a_database_locked_by_another_program_gets_a_clear_message_and_keeps_its_data() {
    let (dir, store) = temp_store();
    branch(&store, "内科党支部");
    let other = rusqlite::Connection::open(dir.path().join("test.db")).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err = store.create(&dangjian::store::Branch::new("外科党支部")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("正被另一个程序占用"), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
    let names: Vec<String> = store.list::<dangjian::store::Branch>().unwrap().into_iter().map(|b| b.name).collect();
    assert_eq!(names, ["内科党支部"], "nothing was lost or half-written");
}
