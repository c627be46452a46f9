//! Organisational life around the grid: attendance built from names, who is
//! expected on a day, what an inspector would fault in a record, the
//! reminders, members' dated history and the committee's dated posts.

mod common;

use common::{attended, day, meeting_on, member, only_rules, store_on};
use dangjian::date::PartialDate;
use dangjian::rules::attendance::{build_attendance, give_reason, Absence, AttendanceReport};
use dangjian::rules::findings::meeting_findings;
use dangjian::rules::roster::Roster;
use dangjian::store::{
    Attendance, AttendanceStatus, Branch, Category, CommitteePost, CommitteeRole, FindingKind, Meeting, MeetingKind,
    Member, MemberStatus, PartyGroup,
};
use dangjian::{ErrorCode, Store};

fn report(present: &[&str], absent: &[(&str, Option<&str>)], all_present: bool) -> AttendanceReport {
    AttendanceReport {
        present: present.iter().map(|s| s.to_string()).collect(),
        absent: absent.iter().map(|(n, r)| Absence { name: n.to_string(), reason: r.map(String::from) }).collect(),
        all_present,
    }
}

/// Attendance rows as (name, status code, reason).
fn rows(attendance: &[Attendance]) -> Vec<(String, &'static str, Option<String>)> {
    attendance.iter().map(|a| (a.name.clone(), a.status.as_str(), a.reason.clone())).collect()
}

fn row(name: &str, status: &'static str, reason: Option<&str>) -> (String, &'static str, Option<String>) {
    (name.to_string(), status, reason.map(String::from))
}

fn names(members: &[Member]) -> Vec<&str> {
    members.iter().map(|m| m.name.as_str()).collect()
}

fn create_member(store: &Store, member: Member) -> Member {
    store.create(&member).unwrap_or_else(|e| panic!("create {}: {e}", member.name))
}

// ---------------------------------------------------------------------------
// Attendance from names

#[test]
fn attendance_is_built_from_the_names_the_secretary_gives() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let b = store.create(&Branch::new("内科党支部"))?;
    for name in ["王喆", "李堃", "陈玥", "赵昇"] {
        member(&store, &b, name);
    }
    type Expected = Result<Vec<(&'static str, &'static str, Option<&'static str>)>, &'static str>;
    let table: Vec<(AttendanceReport, Expected)> = vec![
        (
            report(&["王喆", "陈玥"], &[("李堃", Some("外出进修")), ("赵昇", None)], false),
            Ok(vec![
                ("王喆", "present", None),
                ("李堃", "excused", Some("外出进修")),
                ("陈玥", "present", None),
                ("赵昇", "absent", None),
            ]),
        ),
        (
            report(&[], &[("李堃", Some("病假"))], true),
            Ok(vec![
                ("王喆", "present", None),
                ("李堃", "excused", Some("病假")),
                ("陈玥", "present", None),
                ("赵昇", "present", None),
            ]),
        ),
        (
            report(&[], &[("李堃", Some("  "))], true),
            Ok(vec![
                ("王喆", "present", None),
                ("李堃", "absent", None),
                ("陈玥", "present", None),
                ("赵昇", "present", None),
            ]),
        ),
        (report(&["王喆"], &[("李堃", Some("进修"))], false), Err("应到的 2 人未标明是否出席：陈玥、赵昇")),
        (report(&["王喆"], &[("王喆", None)], true), Err("「王喆」被标记了两次")),
        (report(&["张三"], &[], true), Err("「张三」不在这次会议的应到名单中")),
    ];
    for (given, expected) in table {
        let built = store.attendance_from_report(b.id, MeetingKind::GeneralMeeting, None, day("2026-03-10"), &given);
        match (built, expected) {
            (Ok(built), Ok(expected)) => {
                let expected: Vec<_> = expected.iter().map(|(n, s, r)| row(n, s, *r)).collect();
                assert_eq!(rows(&built), expected, "the rows built from {given:?}");
            }
            (Err(err), Err(message)) => {
                assert!(err.to_string().contains(message), "{given:?} is refused with «{message}», got «{err}»");
                assert_eq!(err.code(), ErrorCode::Invalid);
            }
            (built, expected) => panic!("{given:?}: expected {expected:?}, got {built:?}"),
        }
    }
    Ok(())
}

#[test]
fn a_name_two_members_share_is_refused_naming_both() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let b = store.create(&Branch::new("护理党支部"))?;
    let first = member(&store, &b, "王伟");
    let second = member(&store, &b, "王伟");
    member(&store, &b, "陈玥");
    for kind in [MeetingKind::ThemeDay, MeetingKind::Talk] {
        let err = store
            .attendance_from_report(b.id, kind, None, day("2026-03-10"), &report(&["王伟"], &[], true))
            .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("有 2 名党员叫「王伟」"), "{kind}: {text}");
        assert!(
            text.contains(&format!("编号 {}", first.id)) && text.contains(&format!("编号 {}", second.id)),
            "{kind}: the message names both by number: {text}"
        );
    }
    Ok(())
}

#[test]
fn a_talk_lists_only_the_branch_members_named() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let b = store.create(&Branch::new("内科党支部"))?;
    let other = store.create(&Branch::new("外科党支部"))?;
    for name in ["王喆", "李堃", "陈玥"] {
        member(&store, &b, name);
    }
    member(&store, &other, "赵昇");
    let talk = store.attendance_from_report(
        b.id,
        MeetingKind::Talk,
        None,
        day("2026-03-10"),
        &report(&["李堃", "王喆"], &[], true),
    )?;
    assert_eq!(
        rows(&talk),
        [row("李堃", "present", None), row("王喆", "present", None)],
        "only the two named take part; nobody else is on a talk's roll"
    );
    let err = store
        .attendance_from_report(
            b.id,
            MeetingKind::Talk,
            None,
            day("2026-03-10"),
            &report(&["王喆", "赵昇"], &[], false),
        )
        .unwrap_err();
    assert!(err.to_string().contains("本支部没有名为「赵昇」的党员"), "{err}");
    Ok(())
}

#[test]
fn the_pure_builder_refuses_names_off_the_roll_and_unmarked_people() {
    let a = Member { id: 1, ..Member::new("王喆", 1) };
    let b = Member { id: 2, ..Member::new("李堃", 1) };
    let branch_name = |_: i64| "内科党支部".to_string();
    let err = build_attendance(&[&a, &b], &[&a, &b], &report(&["王喆"], &[], false), branch_name).unwrap_err();
    assert!(err.to_string().contains("李堃"), "the unmarked person is named: {err}");
    let built = build_attendance(&[&a, &b], &[], &report(&["李堃", "王喆"], &[], false), branch_name).unwrap();
    assert_eq!(rows(&built), [row("王喆", "present", None), row("李堃", "present", None)], "rows follow the roll");
}

#[test]
fn giving_a_reason_turns_an_absence_into_leave() -> dangjian::Result<()> {
    let absent =
        Attendance { member_id: Some(2), name: "赵昇".into(), status: AttendanceStatus::Absent, reason: None };
    let present =
        Attendance { member_id: Some(1), name: "王喆".into(), status: AttendanceStatus::Present, reason: None };
    let given =
        give_reason(&[present.clone(), absent], &Absence { name: " 赵昇 ".into(), reason: Some("家中有事".into()) })?;
    assert_eq!(rows(&given), [row("王喆", "present", None), row("赵昇", "excused", Some("家中有事"))]);
    let taken_back = give_reason(&given, &Absence { name: "赵昇".into(), reason: Some(" ".into()) })?;
    assert_eq!(rows(&taken_back)[1], row("赵昇", "absent", None), "a blank reason makes it 缺席 again");
    let err = give_reason(&given, &Absence { name: "王喆".into(), reason: Some("病假".into()) }).unwrap_err();
    assert!(err.to_string().contains("没有名为「王喆」的缺席人员"), "a person who came has no reason to give: {err}");
    Ok(())
}

// ---------------------------------------------------------------------------
// Who is expected on a day

#[test]
fn the_expected_roll_is_the_roster_of_that_day() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let a = store.create(&Branch::new("内科党支部"))?;
    let b = store.create(&Branch::new("外科党支部"))?;
    let group = |name: &str| PartyGroup {
        id: 0,
        branch_id: a.id,
        name: name.into(),
        leader: None,
        founded_on: None,
        dissolved_on: None,
    };
    let g1 = store.create(&group("第一党小组"))?;
    let g2 = store.create(&group("第二党小组"))?;
    let joined = |name: &str, on: &str| Member { joined_on: Some(on.parse().unwrap()), ..Member::new(name, a.id) };
    let jia = create_member(&store, Member { group_id: Some(g1.id), ..joined("甲", "2000-07-01") });
    let yi = create_member(&store, joined("乙", "2001-07-01"));
    let bing = create_member(&store, joined("丙", "2002-07-01"));
    let ding = create_member(&store, joined("丁", "2003-07-01"));
    let wu = create_member(&store, joined("戊", "2026-05-10"));
    create_member(&store, joined("己", "2026-05"));
    let geng = create_member(
        &store,
        Member { group_id: Some(g1.id), category: Category::Probationary, ..joined("庚", "2025-09-01") },
    );
    store.transfer_member(yi.id, b.id, "2026-06-01".parse()?, None)?;
    store.change_member_status(
        bing.id,
        MemberStatus::TransferredOut,
        "2026-06-01".parse()?,
        Some("调离本院".into()),
    )?;
    store.change_member_status(ding.id, MemberStatus::Deceased, "2026-08-15".parse()?, None)?;
    store.change_member_group(geng.id, Some(g2.id), "2026-06-01".parse()?)?;
    store.appoint(a.id, jia.id, CommitteeRole::Secretary, None, "2025-01-01".parse()?)?;
    store.appoint(a.id, bing.id, CommitteeRole::Member, Some("组织委员".into()), "2025-01-01".parse()?)?;
    store.end_post(a.id, bing.id, "2026-05-31".parse()?)?;
    store.appoint(a.id, wu.id, CommitteeRole::Secretary, None, "2026-07-01".parse()?)?;

    use MeetingKind::{CommitteeMeeting, GeneralMeeting, GroupMeeting};
    // (kind, group, day, the roll)
    let table: &[(MeetingKind, Option<i64>, &str, &[&str])] = &[
        (GeneralMeeting, None, "2026-05-09", &["甲", "乙", "丙", "丁", "己", "庚"]),
        (GeneralMeeting, None, "2026-05-10", &["甲", "乙", "丙", "丁", "戊", "己", "庚"]),
        (GeneralMeeting, None, "2026-06-01", &["甲", "丁", "戊", "己", "庚"]),
        (GeneralMeeting, None, "2026-08-15", &["甲", "戊", "己", "庚"]),
        (GroupMeeting, Some(g1.id), "2026-05-31", &["甲", "庚"]),
        (GroupMeeting, Some(g1.id), "2026-06-01", &["甲"]),
        (GroupMeeting, Some(g2.id), "2026-05-31", &[]),
        (GroupMeeting, Some(g2.id), "2026-06-01", &["庚"]),
        (CommitteeMeeting, None, "2026-05-31", &["甲", "丙"]),
        (CommitteeMeeting, None, "2026-06-30", &["甲"]),
        (CommitteeMeeting, None, "2026-07-01", &["戊"]),
        (MeetingKind::Talk, None, "2026-07-01", &[]),
    ];
    for (kind, group_id, date, expected) in table {
        let roll = store.expected_attendees(a.id, *kind, *group_id, day(date))?;
        assert_eq!(names(&roll), *expected, "{kind} (group {group_id:?}) on {date}");
    }
    let other = store.expected_attendees(b.id, GeneralMeeting, None, day("2026-06-01"))?;
    assert_eq!(names(&other), ["乙"], "the transferred member is on the new branch's roll from the transfer day");
    Ok(())
}

#[test]
fn a_general_branch_without_members_of_its_own_expects_its_committee() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let general =
        store.create(&Branch { kind: dangjian::store::BranchKind::GeneralBranch, ..Branch::new("临床党总支") })?;
    let inner = store.create(&Branch { parent_id: Some(general.id), ..Branch::new("内科党支部") })?;
    let secretary = member(&store, &inner, "王喆");
    member(&store, &inner, "李堃");
    store.appoint(general.id, secretary.id, CommitteeRole::Secretary, None, "2025-01-01".parse()?)?;
    let roll = store.expected_attendees(general.id, MeetingKind::OrgLifeMeeting, None, day("2026-12-10"))?;
    assert_eq!(names(&roll), ["王喆"]);
    Ok(())
}

// ---------------------------------------------------------------------------
// Completeness findings

/// A branch with 甲 (secretary), 乙 and 丙 (委员), and 丁.
fn committee_branch(store: &Store) -> dangjian::Result<(Branch, Vec<Member>)> {
    let b = store.create(&Branch::new("医技第一党支部"))?;
    let people: Vec<Member> = ["甲", "乙", "丙", "丁"].iter().map(|n| member(store, &b, n)).collect();
    store.appoint(b.id, people[0].id, CommitteeRole::Secretary, None, "2025-01-01".parse()?)?;
    store.appoint(b.id, people[1].id, CommitteeRole::Member, Some("组织委员".into()), "2025-01-01".parse()?)?;
    let b = store.appoint(b.id, people[2].id, CommitteeRole::Member, Some("宣传委员".into()), "2025-01-01".parse()?)?;
    Ok((b, people))
}

fn kinds(store: &Store, meeting: &Meeting) -> dangjian::Result<Vec<FindingKind>> {
    let stored = store.create(meeting)?;
    Ok(store.meeting_entry(stored.id)?.findings.iter().map(|f| f.kind).collect())
}

#[test]
fn each_missing_part_of_a_record_is_one_finding() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let (b, people) = committee_branch(&store)?;
    let everyone: Vec<Attendance> = people.iter().map(|m| attended(m, AttendanceStatus::Present, None)).collect();
    let complete = meeting_on(b.id, MeetingKind::ThemeDay, "2026-03-10", everyone.clone());
    type Change = fn(Meeting) -> Meeting;
    let table: &[(Change, &[FindingKind])] = &[
        (|m| m, &[]),
        (|m| Meeting { start_time: None, ..m }, &[FindingKind::MissingTime]),
        (|m| Meeting { place: None, ..m }, &[FindingKind::MissingPlace]),
        (|m| Meeting { chair: None, ..m }, &[FindingKind::MissingChair]),
        (|m| Meeting { recorder: None, ..m }, &[FindingKind::MissingRecorder]),
        (|m| Meeting { content: None, ..m }, &[FindingKind::MissingContent]),
        (|m| Meeting { attendance: vec![], ..m }, &[FindingKind::MissingAttendance]),
        (|m| Meeting { kind: MeetingKind::PartyLesson, lecturer: None, ..m }, &[FindingKind::MissingLecturer]),
        (|m| Meeting { kind: MeetingKind::PartyLesson, lecturer: Some("甲".into()), ..m }, &[]),
        (|m| Meeting { place: None, recorder: None, ..m }, &[FindingKind::MissingPlace, FindingKind::MissingRecorder]),
    ];
    for (i, (change, expected)) in table.iter().enumerate() {
        let found = kinds(&store, &change(complete.clone()))?;
        assert_eq!(found, *expected, "case {i}");
    }
    Ok(())
}

#[test]
fn an_absentee_without_a_reason_is_marked_until_one_is_given() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let (b, people) = committee_branch(&store)?;
    let attendance = vec![
        attended(&people[0], AttendanceStatus::Present, None),
        attended(&people[1], AttendanceStatus::Absent, None),
        attended(&people[2], AttendanceStatus::Excused, Some("值班")),
        attended(&people[3], AttendanceStatus::Absent, None),
    ];
    let m = store.create(&meeting_on(b.id, MeetingKind::ThemeDay, "2026-03-10", attendance))?;
    let findings = store.meeting_entry(m.id)?.findings;
    assert_eq!(findings.iter().map(|f| f.kind).collect::<Vec<_>>(), [FindingKind::AbsentWithoutReason]);
    assert!(findings[0].message.contains("乙、丁 缺席未注明理由"), "the absentees are named: {}", findings[0].message);

    let half = give_reason(&m.attendance, &Absence { name: "乙".into(), reason: Some("外出进修".into()) })?;
    store.update(&Meeting { attendance: half, ..m.clone() })?;
    let findings = store.meeting_entry(m.id)?.findings;
    assert!(findings[0].message.starts_with("丁 缺席"), "only 丁 is left: {}", findings[0].message);

    let stored: Meeting = store.get(m.id)?;
    let all = give_reason(&stored.attendance, &Absence { name: "丁".into(), reason: Some("病假".into()) })?;
    store.update(&Meeting { attendance: all, ..stored })?;
    assert!(store.meeting_entry(m.id)?.findings.is_empty(), "with every reason given the record is complete");
    Ok(())
}

#[test]
fn a_vote_needs_more_than_half_of_the_members_who_have_a_vote() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let b = store.create(&Branch::new("内科党支部"))?;
    let full = |name: &str| Member {
        full_member_on: Some("2010-07-01".parse().unwrap()),
        joined_on: Some("2009-07-01".parse().unwrap()),
        ..Member::new(name, b.id)
    };
    let probationary = |name: &str| Member {
        category: Category::Probationary,
        joined_on: Some("2025-09-01".parse().unwrap()),
        ..Member::new(name, b.id)
    };
    let mut people = Vec::new();
    for name in ["正一", "正二", "正三", "正四"] {
        people.push(create_member(&store, full(name)));
    }
    for name in ["预一", "预二", "预三"] {
        people.push(create_member(&store, probationary(name)));
    }
    // 晚转正 became a full member on 1 June 2026: no vote before, a vote after.
    people.push(create_member(&store, Member { full_member_on: Some("2026-06-01".parse()?), ..full("晚转正") }));
    // (who came, day, vote held, quorum finding expected)
    let table: &[(&[&str], &str, bool, bool, &str)] = &[
        (
            &["正一", "正二", "预一", "预二", "预三"],
            "2026-03-10",
            true,
            true,
            "5 of 8 came, but only 2 of the 4 voters",
        ),
        (&["正一", "正二", "正三"], "2026-03-10", true, false, "3 of 8 came, but 3 of the 4 voters"),
        (&["正一", "正二", "预一", "预二", "预三"], "2026-03-10", false, false, "without a vote no quorum is needed"),
        (&["正一", "正二", "晚转正"], "2026-03-10", true, true, "晚转正 had no vote yet: 2 of the 4 voters"),
        (&["正一", "正二", "晚转正"], "2026-07-10", true, false, "晚转正 has a vote now: 3 of the 5 voters"),
        (&["正一", "正二", "预一", "预二", "预三"], "2026-07-10", true, true, "2 of the 5 voters"),
    ];
    for (came, date, vote, expected, why) in table {
        let attendance = people
            .iter()
            .map(|m| {
                if came.contains(&m.name.as_str()) {
                    attended(m, AttendanceStatus::Present, None)
                } else {
                    attended(m, AttendanceStatus::Excused, Some("值班"))
                }
            })
            .collect();
        let meeting = Meeting {
            vote: vote.then(|| "举手表决，一致通过".into()),
            ..meeting_on(b.id, MeetingKind::GeneralMeeting, date, attendance)
        };
        let found = kinds(&store, &meeting)?.contains(&FindingKind::VoteWithoutQuorum);
        assert_eq!(found, *expected, "{why} ({date})");
    }
    Ok(())
}

#[test]
fn a_committee_meeting_needs_more_than_half_of_the_committee() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let (b, people) = committee_branch(&store)?;
    let (jia, yi, bing) = (&people[0], &people[1], &people[2]);
    let away = |m: &Member| attended(m, AttendanceStatus::Excused, Some("出差"));
    let here = |m: &Member| attended(m, AttendanceStatus::Present, None);
    let table = [
        (vec![here(jia), away(yi), away(bing)], true, "1 of 3"),
        (vec![here(jia), here(yi), away(bing)], false, "2 of 3"),
        (vec![here(jia), here(yi), here(bing)], false, "all 3"),
    ];
    for (attendance, expected, why) in table {
        let found = kinds(&store, &meeting_on(b.id, MeetingKind::CommitteeMeeting, "2026-04-10", attendance))?;
        assert_eq!(found.contains(&FindingKind::CommitteeWithoutQuorum), expected, "{why} of the committee came");
    }
    // A fourth 委员 from May: two of four is not more than half.
    store.appoint(b.id, people[3].id, CommitteeRole::Member, Some("纪检委员".into()), "2026-05-01".parse()?)?;
    let two_of_four = vec![here(jia), here(yi), away(bing), away(&people[3])];
    let found = kinds(&store, &meeting_on(b.id, MeetingKind::CommitteeMeeting, "2026-05-10", two_of_four))?;
    assert!(found.contains(&FindingKind::CommitteeWithoutQuorum), "2 of 4 is not more than half");
    Ok(())
}

#[test]
fn only_the_committee_of_the_day_makes_a_committee_quorum() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let (b, people) = committee_branch(&store)?;
    let (jia, yi, bing, ding) = (&people[0], &people[1], &people[2], &people[3]);
    let away = |m: &Member| attended(m, AttendanceStatus::Excused, Some("出差"));
    let here = |m: &Member| attended(m, AttendanceStatus::Present, None);
    // 1 of 3 committee members, with 丁 (not on the committee) present too: still no quorum.
    let with_guest = vec![here(jia), away(yi), away(bing), here(ding)];
    let found = kinds(&store, &meeting_on(b.id, MeetingKind::CommitteeMeeting, "2026-04-10", with_guest))?;
    assert!(found.contains(&FindingKind::CommitteeWithoutQuorum), "a guest does not count towards the quorum");
    // 丙 is transferred out in May: the committee is then 甲 and 乙, and both came.
    let other = store.create(&Branch::new("外科党支部"))?;
    store.transfer_member(bing.id, other.id, "2026-05-01".parse()?, None)?;
    let b: Branch = store.get(b.id)?;
    let ended = b.committee.iter().find(|p| p.member_id == bing.id).and_then(|p| p.ended_on);
    assert_eq!(ended.map(|d| d.to_string()), Some("2026-04-30".into()), "a transfer ends the post the day before");
    let found =
        kinds(&store, &meeting_on(b.id, MeetingKind::CommitteeMeeting, "2026-06-10", vec![here(jia), here(yi)]))?;
    assert!(!found.contains(&FindingKind::CommitteeWithoutQuorum), "2 of the 2 sitting then: quorate");
    // 乙 dies in July: the post ends, and the secretary alone is the whole committee.
    store.change_member_status(yi.id, MemberStatus::Deceased, "2026-07-15".parse()?, None)?;
    let b: Branch = store.get(b.id)?;
    assert_eq!(b.committee_on(day("2026-08-01")).map(|p| p.name.as_str()).collect::<Vec<_>>(), ["甲"]);
    Ok(())
}

#[test]
fn findings_are_a_pure_function_of_the_record_and_the_roster() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let (b, people) = committee_branch(&store)?;
    let histories = store.roster_history()?;
    let roster = Roster::new(&histories);
    let meeting = Meeting {
        lecturer: None,
        ..meeting_on(
            b.id,
            MeetingKind::PartyLesson,
            "2026-03-10",
            vec![attended(&people[0], AttendanceStatus::Present, None)],
        )
    };
    let findings = meeting_findings(&meeting, &b, &roster);
    let found: Vec<FindingKind> = findings.iter().map(|f| f.kind).collect();
    assert_eq!(found, [FindingKind::MissingLecturer, FindingKind::MissingAttendees]);
    assert!(
        findings[1].message.starts_with("乙、丙、丁 在会议当天的应到名单中"),
        "the members on the roll of the day but left out are named: {}",
        findings[1].message
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// Reminders

/// One reminder on one line: kind, branch, what it is about, its day.
fn line(r: &dangjian::rules::reminders::Reminder) -> String {
    let about = match (&r.member, &r.obligation, r.meeting_id) {
        (Some(member), _, _) => member.clone(),
        (_, Some(obligation), _) => format!("{obligation} {}", r.period.as_deref().unwrap_or("?")),
        (_, _, Some(_)) => "record".to_string(),
        _ => "?".to_string(),
    };
    format!("{} {} {about} {}", r.kind.as_str(), r.branch, r.date)
}

#[test]
fn reminders_match_a_scenario_computed_by_hand() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    only_rules(&store, &["general_meeting", "theme_day"])?;
    let nk = store.create(&Branch::new("内科党支部"))?;
    let wk = store.create(&Branch::new("外科党支部"))?;
    let joined = |name: &str, on: &str| Member { joined_on: Some(on.parse().unwrap()), ..Member::new(name, nk.id) };
    let probation = |name: &str, on: &str| Member { category: Category::Probationary, ..joined(name, on) };
    // 甲 joined in June 2000: 26 years this month.
    create_member(&store, joined("甲", "2000-06-20"));
    // Probation ends one year after joining (plus an extension), a month-only date at the month's end.
    create_member(&store, probation("乙", "2025-07-01")); // ends 2026-07-01: due
    create_member(&store, probation("丙", "2025-06-01")); // ended 2026-06-01: overdue
    create_member(&store, Member { probation_extension_months: Some(6), ..probation("丁", "2024-12-20") }); // 2026-06-20
    create_member(&store, probation("戊", "2025-06")); // ends 2026-06-30, not 06-01
    create_member(&store, probation("己", "2025-07-16")); // ends 2026-07-16: 31 days away, nothing yet
    create_member(&store, probation("庚", "2025-07-15")); // ends 2026-07-15: exactly 30 days away
    create_member(&store, Member::new("辛", nk.id)); // stopped coming in April
    create_member(&store, Member::new("壬", nk.id)); // has not come since December
    create_member(&store, probation("癸", "2026-04-01")); // joined in April, never came
    create_member(&store, Member::new("子", wk.id)); // a branch that holds nothing: no lapse for its members

    // 内科 holds a theme day on the 10th of every month and a general meeting in February.
    let absences: &[(&str, &str, Option<&str>)] = &[
        ("2026-04-10", "辛", None),
        ("2026-05-10", "辛", Some("外出进修")),
        ("2026-06-10", "辛", None),
        ("2026-01-10", "壬", Some("病假")),
        ("2026-02-10", "壬", Some("病假")),
        ("2026-03-10", "壬", Some("病假")),
        ("2026-04-10", "壬", Some("病假")),
        ("2026-05-10", "壬", Some("病假")),
        ("2026-06-10", "壬", None),
        ("2026-04-10", "癸", Some("值班")),
        ("2026-05-10", "癸", Some("值班")),
        ("2026-06-10", "癸", Some("值班")),
    ];
    let mut held = vec![(MeetingKind::GeneralMeeting, "2026-02-10")];
    for date in ["2025-12-10", "2026-01-10", "2026-02-10", "2026-03-10", "2026-04-10", "2026-05-10", "2026-06-10"] {
        held.push((MeetingKind::ThemeDay, date));
    }
    for (kind, date) in held {
        let attendance = store
            .expected_attendees(nk.id, kind, None, day(date))?
            .iter()
            .map(|m| match absences.iter().find(|(d, n, _)| *d == date && *n == m.name) {
                Some((_, _, reason)) => attended(m, AttendanceStatus::Absent, *reason),
                None => attended(m, AttendanceStatus::Present, None),
            })
            .collect();
        let careless = date == "2026-03-10" && kind == MeetingKind::ThemeDay;
        let meeting = meeting_on(nk.id, kind, date, attendance);
        store.create(&Meeting { place: if careless { None } else { meeting.place.clone() }, ..meeting })?;
    }

    let list = store.reminders(day("2026-06-15"))?;
    let got: Vec<String> = list.iter().map(line).collect();
    let expected = [
        "overdue 外科党支部 theme_day 2026-01 2026-01-31",
        "overdue 外科党支部 theme_day 2026-02 2026-02-28",
        "overdue 外科党支部 general_meeting 2026-Q1 2026-03-31",
        "overdue 外科党支部 theme_day 2026-03 2026-03-31",
        "overdue 外科党支部 theme_day 2026-04 2026-04-30",
        "overdue 外科党支部 theme_day 2026-05 2026-05-31",
        "probation_overdue 内科党支部 丙 2026-06-01",
        "lapse_alarm 内科党支部 壬 2026-06-15",
        "due 内科党支部 general_meeting 2026-Q2 2026-06-30",
        "due 外科党支部 general_meeting 2026-Q2 2026-06-30",
        "due 外科党支部 theme_day 2026-06 2026-06-30",
        "probation_due 内科党支部 丁 2026-06-20",
        "probation_due 内科党支部 戊 2026-06-30",
        "probation_due 内科党支部 乙 2026-07-01",
        "probation_due 内科党支部 庚 2026-07-15",
        "lapse_warning 内科党支部 辛 2026-06-15",
        "lapse_warning 内科党支部 癸 2026-06-15",
        "incomplete_record 内科党支部 record 2026-03-10",
        "incomplete_record 内科党支部 record 2026-04-10",
        "incomplete_record 内科党支部 record 2026-06-10",
        "anniversary 内科党支部 甲 2026-06-01",
        "anniversary 内科党支部 丙 2026-06-01",
        "anniversary 内科党支部 戊 2026-06-01",
    ];
    assert_eq!(got, expected, "the reminders as of 2026-06-15");

    let message = |kind: &str, who: &str| -> String {
        list.iter().find(|r| r.kind.as_str() == kind && r.member.as_deref() == Some(who)).unwrap().message.clone()
    };
    assert_eq!(
        message("lapse_warning", "辛"),
        "辛近 3 个月应参加的 3 次组织生活均未出席，其中 2 次未注明理由（最近一次出席是 2026-03-10）；请谈心谈话了解情况"
    );
    assert_eq!(
        message("lapse_warning", "癸"),
        "癸近 3 个月应参加的 3 次组织生活均未出席，每次都注明了理由（近一年未见出席记录）；请谈心谈话了解情况"
    );
    let alarm = message("lapse_alarm", "壬");
    assert!(
        alarm.starts_with("壬近 6 个月应参加的 7 次组织生活均未出席，其中 1 次未注明理由（最近一次出席是 2025-12-10）")
            && alarm.contains("党章第九条"),
        "{alarm}"
    );
    assert!(message("probation_overdue", "丙").contains("已于 2026-06-01 届满"));
    assert!(message("anniversary", "甲").contains("本月入党 26 周年"));
    let overdue = list.iter().find(|r| r.obligation.as_deref() == Some("theme_day")).unwrap();
    assert_eq!(overdue.message, "外科党支部2026年1月的主题党日未达要求（应开 1 次，已开 0 次）");
    let record = list.iter().find(|r| r.kind.as_str() == "incomplete_record").unwrap();
    assert!(record.meeting_id.is_some() && record.message.contains("未记录地点"), "{}", record.message);
    Ok(())
}

#[test]
fn a_lapse_alarm_needs_six_months_on_the_rolls() -> dangjian::Result<()> {
    // (joined, absent at the monthly meetings since, as of, expected kind)
    let table = [
        ("2020-01-01", "2026-01-10", "2026-06-15", Some("lapse_alarm")),
        ("2020-01-01", "2026-04-10", "2026-06-15", Some("lapse_warning")),
        ("2020-01-01", "2026-05-10", "2026-06-15", None),
        ("2026-02-01", "2026-02-10", "2026-06-15", Some("lapse_warning")),
        ("2026-02-01", "2026-02-10", "2026-08-15", Some("lapse_alarm")),
    ];
    for (joined_on, since, as_of, expected) in table {
        let (_dir, store) = store_on("2026-12-31");
        let b = store.create(&Branch::new("内科党支部"))?;
        create_member(&store, Member { joined_on: Some("2000-01-01".parse()?), ..Member::new("甲", b.id) });
        let drifting = create_member(&store, Member { joined_on: Some(joined_on.parse()?), ..Member::new("乙", b.id) });
        for month in 1..=8 {
            let date = format!("2026-{month:02}-10");
            if date.as_str() > as_of {
                break;
            }
            let attendance = store
                .expected_attendees(b.id, MeetingKind::ThemeDay, None, day(&date))?
                .iter()
                .map(|m| {
                    let away = m.id == drifting.id && date.as_str() >= since;
                    attended(m, if away { AttendanceStatus::Absent } else { AttendanceStatus::Present }, None)
                })
                .collect();
            store.create(&meeting_on(b.id, MeetingKind::ThemeDay, &date, attendance))?;
        }
        let kinds: Vec<&str> = store
            .reminders(day(as_of))?
            .iter()
            .filter(|r| r.member_id == Some(drifting.id))
            .map(|r| r.kind.as_str())
            .filter(|k| k.starts_with("lapse"))
            .collect();
        assert_eq!(
            kinds,
            expected.into_iter().collect::<Vec<_>>(),
            "joined {joined_on}, away since {since}, as of {as_of}"
        );
    }
    Ok(())
}

#[test]
fn an_anniversary_needs_the_month_of_joining() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    only_rules(&store, &["org_life_meeting"])?;
    let b = store.create(&Branch::new("内科党支部"))?;
    create_member(&store, Member { joined_on: Some("1990".parse()?), ..Member::new("年份", b.id) });
    create_member(&store, Member { joined_on: Some("1990-01".parse()?), ..Member::new("年月", b.id) });
    create_member(
        &store,
        Member {
            joined_on: Some("2026-01-05".parse()?),
            ..Member { category: Category::Probationary, ..Member::new("今年", b.id) }
        },
    );
    let anniversaries: Vec<String> = store
        .reminders(day("2026-01-15"))?
        .into_iter()
        .filter(|r| r.kind.as_str() == "anniversary")
        .filter_map(|r| r.member)
        .collect();
    assert_eq!(
        anniversaries,
        ["年月"],
        "a year-only date says nothing of the month; this year's joiner has no anniversary yet"
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// Member history and names

#[test]
fn a_members_branch_group_and_status_are_known_on_any_day() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let a = store.create(&Branch::new("内科党支部"))?;
    let b = store.create(&Branch::new("外科党支部"))?;
    let c = store.create(&Branch::new("急诊党支部"))?;
    let group = |branch: &Branch, name: &str| PartyGroup {
        id: 0,
        branch_id: branch.id,
        name: name.into(),
        leader: None,
        founded_on: None,
        dissolved_on: None,
    };
    let ga = store.create(&group(&a, "内科一组"))?;
    let gc = store.create(&group(&c, "急诊一组"))?;
    let li = create_member(
        &store,
        Member {
            group_id: Some(ga.id),
            joined_on: Some("2010-07-01".parse()?),
            full_member_on: Some("2011-07-01".parse()?),
            ..Member::new("李堃", a.id)
        },
    );
    store.transfer_member(li.id, b.id, "2025-03-01".parse()?, Some("轮岗".into()))?;
    store.transfer_member(li.id, c.id, "2026-02-01".parse()?, None)?;
    store.change_member_group(li.id, Some(gc.id), "2026-03-01".parse()?)?;
    store.change_member_status(
        li.id,
        MemberStatus::TransferredOut,
        "2026-10-01".parse()?,
        Some("调往市一医院".into()),
    )?;

    let history = store.member_history(li.id)?;
    // (day, branch, group, status)
    let table = [
        ("2025-02-28", Some(a.id), Some(ga.id), MemberStatus::Active),
        ("2025-03-01", Some(b.id), None, MemberStatus::Active),
        ("2026-01-31", Some(b.id), None, MemberStatus::Active),
        ("2026-02-01", Some(c.id), None, MemberStatus::Active),
        ("2026-03-01", Some(c.id), Some(gc.id), MemberStatus::Active),
        ("2026-09-30", Some(c.id), Some(gc.id), MemberStatus::Active),
        ("2026-10-01", Some(c.id), Some(gc.id), MemberStatus::TransferredOut),
    ];
    for (date, branch, group, status) in table {
        let on = day(date);
        assert_eq!(
            (history.branch_on(on), history.group_on(on), history.status_on(on)),
            (branch, group, status),
            "李堃 on {date}"
        );
    }
    assert!(history.on_rolls(c.id, day("2026-09-30")) && !history.on_rolls(c.id, day("2026-10-01")));

    let detail = store.member_detail(li.id, false)?;
    assert_eq!(
        detail.transfers.iter().map(|t| t.transferred_on.to_string()).collect::<Vec<_>>(),
        ["2025-03-01", "2026-02-01"]
    );
    assert_eq!(
        detail.group_changes.len(),
        2,
        "left 内科一组 with the transfer, joined 急诊一组: {:?}",
        detail.group_changes
    );
    assert_eq!(detail.status_changes[0].changed_on.to_string(), "2026-10-01");
    assert_eq!(detail.status_changes[0].note.as_deref(), Some("调往市一医院"));
    assert_eq!(detail.party_age, Some(15), "Party age counts from 转正 (2011-07-01) to the store's today");
    assert_eq!(detail.probation_ends, None, "a full member has no probation");
    Ok(())
}

#[test]
fn a_status_changed_by_editing_the_member_is_dated_today() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-09-15");
    let b = store.create(&Branch::new("离退休党支部"))?;
    let zhou = member(&store, &b, "周平");
    store.update(&Member { status: MemberStatus::Deceased, ..zhou.clone() })?;
    let history = store.member_history(zhou.id)?;
    assert_eq!(history.status_changes[0].changed_on.to_string(), "2026-09-15");
    assert_eq!(history.status_on(day("2026-09-14")), MemberStatus::Active);
    let err = store.change_member_status(zhou.id, MemberStatus::Deceased, "2026-09-15".parse()?, None).unwrap_err();
    assert!(err.to_string().contains("已是「去世」"), "{err}");
    let err = store.change_member_status(zhou.id, MemberStatus::Active, "2026-10-01".parse()?, None).unwrap_err();
    assert!(err.to_string().contains("晚于今天"), "a change dated after today is refused: {err}");
    Ok(())
}

#[test]
fn a_group_change_stays_inside_the_branch() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let a = store.create(&Branch::new("内科党支部"))?;
    let b = store.create(&Branch::new("外科党支部"))?;
    let foreign = store.create(&PartyGroup {
        id: 0,
        branch_id: b.id,
        name: "外科一组".into(),
        leader: None,
        founded_on: None,
        dissolved_on: None,
    })?;
    let wang = member(&store, &a, "王喆");
    let err = store.change_member_group(wang.id, Some(foreign.id), "2026-03-01".parse()?).unwrap_err();
    assert!(err.to_string().contains("不属于「王喆」所在的支部"), "{err}");
    Ok(())
}

#[test]
fn a_name_shared_across_the_hospital_is_refused_naming_each() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let a = store.create(&Branch::new("内科党支部"))?;
    let b = store.create(&Branch::new("外科党支部"))?;
    let first = member(&store, &a, "王伟");
    let second = member(&store, &b, "王伟");
    member(&store, &a, "陈玥");
    let err = store.member_by_name("王伟").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "全院有 2 名党员叫「王伟」（编号 {}，内科党支部；编号 {}，外科党支部），请用编号指定是哪一位",
            first.id, second.id
        )
    );
    assert_eq!(store.member_by_name(" 陈玥 ")?.name, "陈玥");
    assert_eq!(store.member_by_name("张三").unwrap_err().code(), ErrorCode::NotFound);
    assert_eq!(store.member_in_branch(b.id, "王伟")?.id, second.id, "inside one branch the name is unique");
    Ok(())
}

// ---------------------------------------------------------------------------
// Committee posts

fn posts(branch: &Branch) -> Vec<(String, &'static str, Option<String>, Option<String>)> {
    branch
        .committee
        .iter()
        .map(|p| {
            (p.name.clone(), p.role.as_str(), p.started_on.map(|d| d.to_string()), p.ended_on.map(|d| d.to_string()))
        })
        .collect()
}

fn post(
    name: &str,
    role: &'static str,
    from: Option<&str>,
    to: Option<&str>,
) -> (String, &'static str, Option<String>, Option<String>) {
    (name.to_string(), role, from.map(String::from), to.map(String::from))
}

#[test]
fn a_new_secretary_ends_the_predecessor_the_day_before() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let b = store.create(&Branch::new("医技第一党支部"))?;
    let (jia, yi, bing) = (member(&store, &b, "甲"), member(&store, &b, "乙"), member(&store, &b, "丙"));
    store.appoint(b.id, jia.id, CommitteeRole::Secretary, None, "2021-06-01".parse()?)?;
    store.appoint(b.id, yi.id, CommitteeRole::Secretary, None, "2026-03-01".parse()?)?;
    let b = store.appoint(b.id, bing.id, CommitteeRole::Secretary, None, "2026-09".parse()?)?;
    assert_eq!(
        posts(&b),
        [
            post("甲", "secretary", Some("2021-06-01"), Some("2026-02-28")),
            post("乙", "secretary", Some("2026-03-01"), Some("2026-08-31")),
            post("丙", "secretary", Some("2026-09"), None),
        ]
    );
    // (day, the secretary that day)
    for (date, expected) in [("2026-02-28", "甲"), ("2026-03-01", "乙"), ("2026-08-31", "乙"), ("2026-09-01", "丙")]
    {
        assert_eq!(b.secretary_on(day(date)).map(|p| p.name.as_str()), Some(expected), "the secretary on {date}");
    }
    let stored: Branch = store.get(b.id)?;
    assert_eq!(posts(&stored), posts(&b), "the posts are stored as returned");
    let err = store.appoint(b.id, jia.id, CommitteeRole::Secretary, None, "2026-09-01".parse()?).unwrap_err();
    assert!(err.to_string().contains("现任书记「丙」的任职日期不早于 2026-09-01"), "{err}");
    Ok(())
}

#[test]
fn overlapping_secretaries_and_double_posts_are_refused_clearly() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let b = store.create(&Branch::new("医技第一党支部"))?;
    let (jia, yi) = (member(&store, &b, "甲"), member(&store, &b, "乙"));
    let seat = |m: &Member, role, from: &str, to: Option<&str>| CommitteePost {
        member_id: m.id,
        name: String::new(),
        role,
        duty: None,
        started_on: Some(from.parse().unwrap()),
        ended_on: to.map(|t| t.parse().unwrap()),
    };
    let overlapping = Branch {
        committee: vec![
            seat(&jia, CommitteeRole::Secretary, "2021-06-01", Some("2026-06-30")),
            seat(&yi, CommitteeRole::Secretary, "2026-06-01", None),
        ],
        ..b.clone()
    };
    let err = store.update(&overlapping).unwrap_err();
    assert!(err.to_string().contains("两名书记（甲、乙）的任期重叠"), "{err}");

    store.appoint(b.id, jia.id, CommitteeRole::Secretary, None, "2021-06-01".parse()?)?;
    store.end_post(b.id, jia.id, "2026-06-30".parse()?)?;
    let err = store.appoint(b.id, yi.id, CommitteeRole::Secretary, None, "2026-06-01".parse()?).unwrap_err();
    assert!(err.to_string().contains("的任期重叠"), "a new secretary inside the predecessor's ended term: {err}");

    // A 委员 made 书记 leaves the old seat the day before.
    store.appoint(b.id, yi.id, CommitteeRole::Member, Some("组织委员".into()), "2025-01-01".parse()?)?;
    let promoted = store.appoint(b.id, yi.id, CommitteeRole::Secretary, None, "2026-07-01".parse()?)?;
    let seats: Vec<(CommitteeRole, Option<String>)> = promoted
        .committee
        .iter()
        .filter(|p| p.member_id == yi.id)
        .map(|p| (p.role, p.ended_on.map(|d| d.to_string())))
        .collect();
    assert_eq!(
        seats,
        [(CommitteeRole::Member, Some("2026-06-30".to_string())), (CommitteeRole::Secretary, None)],
        "the 组织委员 post should end the day before the secretary's starts"
    );
    let double = Branch {
        committee: vec![
            seat(&yi, CommitteeRole::Member, "2025-01-01", None),
            seat(&yi, CommitteeRole::DeputySecretary, "2026-01-01", None),
        ],
        ..b.clone()
    };
    let err = store.update(&double).unwrap_err();
    assert!(err.to_string().contains("乙在同一时期担任了两个支委职务"), "{err}");
    let err = store.appoint(b.id, jia.id, CommitteeRole::Member, None, "2027-01-01".parse()?).unwrap_err();
    assert!(err.to_string().contains("晚于今天"), "{err}");
    Ok(())
}

#[test]
fn end_post_closes_the_current_post_only() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let b = store.create(&Branch::new("护理党支部"))?;
    let (jia, ding) = (member(&store, &b, "甲"), member(&store, &b, "丁"));
    store.appoint(b.id, jia.id, CommitteeRole::Secretary, None, "2024-01-01".parse()?)?;
    store.appoint(b.id, ding.id, CommitteeRole::Member, Some("纪检委员".into()), "2024-01-01".parse()?)?;
    let err = store.end_post(b.id, ding.id, "2023-12-31".parse()?).unwrap_err();
    assert!(err.to_string().contains("离任日期 2023-12-31 早于任职日期 2024-01-01"), "{err}");
    let b = store.end_post(b.id, ding.id, "2026-10-31".parse()?)?;
    let seated = |date: &str| -> Vec<String> { b.committee_on(day(date)).map(|p| p.name.clone()).collect() };
    assert_eq!(
        (seated("2026-10-31"), seated("2026-11-01")),
        (vec!["甲".to_string(), "丁".to_string()], vec!["甲".to_string()])
    );
    assert_eq!(b.committee[1].duty.as_deref(), Some("纪检委员"), "the duty is kept with the ended post");
    let err = store.end_post(b.id, ding.id, "2026-11-30".parse()?).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert!(err.to_string().contains("目前不是「护理党支部」的支委"), "{err}");
    Ok(())
}

#[test]
fn a_partial_date_post_covers_its_whole_month() {
    let p = CommitteePost {
        member_id: 1,
        name: "甲".into(),
        role: CommitteeRole::Secretary,
        duty: None,
        started_on: PartialDate::month(2026, 3),
        ended_on: PartialDate::month(2026, 5),
    };
    let table = [("2026-02-28", false), ("2026-03-01", true), ("2026-05-31", true), ("2026-06-01", false)];
    for (date, held) in table {
        assert_eq!(p.held_on(day(date)), held, "held on {date}");
    }
}

#[test]
fn due_items_are_those_ending_this_month_and_january_keeps_last_decembers() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2027-01-10");
    only_rules(&store, &["theme_day", "general_meeting", "org_life_meeting"])?;
    let b = store.create(&Branch { founded_on: Some("2020-01-01".parse()?), ..Branch::new("内科党支部") })?;
    let lines = |as_of: &str| -> dangjian::Result<Vec<String>> {
        Ok(store
            .reminders(day(as_of))?
            .iter()
            .filter(|r| matches!(r.kind.as_str(), "due" | "overdue"))
            .map(|r| {
                format!(
                    "{} {} {}",
                    r.kind.as_str(),
                    r.obligation.as_deref().unwrap_or(""),
                    r.period.as_deref().unwrap_or("")
                )
            })
            .collect())
    };
    // Mid-May: the theme day of May is due; the Q2 general meeting (ends in June) and the
    // yearly 组织生活会 are not due yet this month.
    let may = lines("2026-05-15")?;
    assert!(may.contains(&"due theme_day 2026-05".to_string()), "{may:?}");
    assert!(
        !may.iter().any(|l| l.starts_with("due general_meeting") || l.starts_with("due org_life_meeting")),
        "{may:?}"
    );
    // 10 January 2027: this month's theme day is due; of 2026 only the periods that ended
    // in the last three months are still listed as overdue.
    let january = lines("2027-01-10")?;
    for expected in [
        "overdue theme_day 2026-12",
        "overdue general_meeting 2026-Q4",
        "overdue org_life_meeting 2026",
        "due theme_day 2027-01",
    ] {
        assert!(january.contains(&expected.to_string()), "{expected} should be listed: {january:?}");
    }
    assert!(!january.contains(&"overdue theme_day 2026-06".to_string()), "June 2026 is too long ago: {january:?}");
    let _ = b;
    Ok(())
}

#[test]
fn a_meeting_before_the_branch_was_founded_is_refused() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let b = store.create(&Branch { founded_on: Some("2026-05-15".parse()?), ..Branch::new("儿科党支部") })?;
    let err = store.create(&meeting_on(b.id, MeetingKind::ThemeDay, "2026-05-14", Vec::new())).unwrap_err();
    assert!(err.to_string().contains("早于支部成立日期 2026-05-15"), "{err}");
    store.create(&meeting_on(b.id, MeetingKind::ThemeDay, "2026-05-15", Vec::new()))?;
    Ok(())
}
