//! The compliance grid: scenario tables of inputs beside the expected cells,
//! on a real database file, and a seeded property test of the pure rule.
//!
//! A grid is written one string per obligation, one letter per period in
//! order: `D` done, `.` due, `O` overdue, `-` n/a (so a monthly rule has 12
//! letters, a quarterly one 4, a yearly one 1).

mod common;

use chrono::{Datelike, Days, NaiveDate};
use common::{attended, day, meeting_on, member, only_rules, store_on};
use dangjian::rules::compliance::{compliance, Compliance, ComplianceInput};
use dangjian::store::{
    Attendance, AttendanceStatus, Branch, BranchKind, CommitteePost, CommitteeRole, ComplianceStatus, Frequency,
    Meeting, MeetingKind, Member, Obligation, PartyGroup,
};
use dangjian::Store;

fn letter(status: ComplianceStatus) -> &'static str {
    match status {
        ComplianceStatus::Done => "D",
        ComplianceStatus::Due => ".",
        ComplianceStatus::Overdue => "O",
        ComplianceStatus::NotApplicable => "-",
    }
}

/// One obligation's row of one branch (of one party group, for a per-group rule).
fn cells(grid: &Compliance, branch_id: i64, code: &str, group: Option<&str>) -> String {
    let row = grid.branches.iter().find(|b| b.branch_id == branch_id).expect("the branch is in the grid");
    let letters: Vec<&str> = row
        .items
        .iter()
        .filter(|i| i.obligation == code && i.group.as_deref() == group)
        .map(|i| letter(i.status))
        .collect();
    letters.join(" ")
}

/// The one cell of `code` in `period` (`2026-03`, `2026-Q1`, `2026`).
fn cell<'g>(
    grid: &'g Compliance,
    branch_id: i64,
    code: &str,
    period: &str,
) -> &'g dangjian::rules::compliance::ComplianceItem {
    let row = grid.branches.iter().find(|b| b.branch_id == branch_id).expect("the branch is in the grid");
    row.items
        .iter()
        .find(|i| i.obligation == code && i.period.label() == period)
        .unwrap_or_else(|| panic!("no cell {code} {period}"))
}

fn branch_rate(grid: &Compliance, branch_id: i64) -> Option<f64> {
    grid.branches.iter().find(|b| b.branch_id == branch_id).expect("the branch is in the grid").rate
}

fn close(actual: Option<f64>, expected: Option<f64>) -> bool {
    match (actual, expected) {
        (Some(a), Some(e)) => (a - e).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

/// Changes one stored obligation.
fn edit_rule(store: &Store, code: &str, edit: impl FnOnce(&mut Obligation)) -> dangjian::Result<()> {
    let mut rule = store.obligations()?.into_iter().find(|o| o.code == code).expect("a default rule");
    edit(&mut rule);
    store.update(&rule)?;
    Ok(())
}

struct Case {
    name: &'static str,
    kind: BranchKind,
    founded: Option<&'static str>,
    meetings: &'static [(MeetingKind, &'static str)],
    as_of: &'static str,
    expect: &'static [(&'static str, &'static str)],
}

use MeetingKind::{CommitteeMeeting as CM, GeneralMeeting as GM, PartyLesson as PL, ThemeDay as TD};

const CASES: &[Case] = &[
    Case {
        name: "31 March counts for Q1 and March, 1 April for Q2 and April",
        kind: BranchKind::Branch,
        founded: None,
        meetings: &[(GM, "2026-03-31"), (PL, "2026-04-01"), (TD, "2026-03-31"), (TD, "2026-04-01")],
        as_of: "2026-12-31",
        expect: &[
            ("general_meeting", "D O O ."),
            ("party_lesson", "O D O ."),
            ("theme_day", "O O D D O O O O O O O ."),
            ("group_meeting", "- - - - - - - - - - - -"),
        ],
    },
    Case {
        name: "a branch founded on 15 May owes nothing before May; May counts",
        kind: BranchKind::Branch,
        founded: Some("2026-05-15"),
        meetings: &[(TD, "2026-05-20"), (GM, "2026-06-10")],
        as_of: "2026-12-31",
        expect: &[
            ("theme_day", "- - - - D O O O O O O ."),
            ("committee_meeting", "- - - - O O O O O O O ."),
            ("general_meeting", "- D O ."),
            ("party_lesson", "- O O ."),
            ("org_life_meeting", "."),
        ],
    },
    Case {
        name: "a branch founded in a month known only as 2026-05 owes May",
        kind: BranchKind::Branch,
        founded: Some("2026-05"),
        meetings: &[],
        as_of: "2026-07-15",
        expect: &[("theme_day", "- - - - O O . . . . . ."), ("general_meeting", "- O . .")],
    },
    Case {
        name: "29 February 2028 counts for February of a leap year",
        kind: BranchKind::Branch,
        founded: None,
        meetings: &[(TD, "2028-02-29"), (CM, "2028-01-31")],
        as_of: "2028-03-15",
        expect: &[("theme_day", "O D . . . . . . . . . ."), ("committee_meeting", "D O . . . . . . . . . .")],
    },
    Case {
        name: "as of mid-April: April and Q2 due, earlier periods overdue, later meetings ignored",
        kind: BranchKind::Branch,
        founded: None,
        meetings: &[(TD, "2026-01-10"), (TD, "2026-05-10"), (GM, "2026-04-20")],
        as_of: "2026-04-15",
        expect: &[("theme_day", "D O O . . . . . . . . ."), ("general_meeting", "O . . .")],
    },
    Case {
        name: "on the last day of March, March is still due; the day after, overdue",
        kind: BranchKind::Branch,
        founded: None,
        meetings: &[],
        as_of: "2026-03-31",
        expect: &[("theme_day", "O O . . . . . . . . . ."), ("general_meeting", ". . . .")],
    },
    Case {
        name: "as of 1 April, March and Q1 are overdue",
        kind: BranchKind::Branch,
        founded: None,
        meetings: &[],
        as_of: "2026-04-01",
        expect: &[("theme_day", "O O O . . . . . . . . ."), ("general_meeting", "O . . .")],
    },
    Case {
        name: "a 党总支 owes only its committee meeting, its secretary's lesson and the org life meeting",
        kind: BranchKind::GeneralBranch,
        founded: None,
        meetings: &[(CM, "2026-01-15"), (TD, "2026-01-15"), (GM, "2026-02-10")],
        as_of: "2026-12-31",
        expect: &[
            ("committee_meeting", "D O O O O O O O O O O ."),
            ("secretary_lesson", "."),
            ("org_life_meeting", "."),
            ("general_meeting", "- - - -"),
            ("party_lesson", "- - - -"),
            ("theme_day", "- - - - - - - - - - - -"),
            ("group_meeting", "- - - - - - - - - - - -"),
            ("democratic_review", "-"),
            ("talk", "-"),
        ],
    },
];

#[test]
fn scenario_grids_match_the_table() -> dangjian::Result<()> {
    for case in CASES {
        let as_of = day(case.as_of);
        let year = as_of.year();
        let (_dir, store) = store_on(&format!("{year}-12-31"));
        let founded_on = case.founded.map(str::parse).transpose()?;
        let b = store.create(&Branch { kind: case.kind, founded_on, ..Branch::new("内科党支部") })?;
        for (kind, date) in case.meetings {
            store.create(&meeting_on(b.id, *kind, date, vec![]))?;
        }
        let grid = store.compliance(year, as_of, Some(b.id))?;
        for (code, expected) in case.expect {
            assert_eq!(cells(&grid, b.id, code, None), *expected, "{}: «{code}» as of {}", case.name, case.as_of);
        }
    }
    Ok(())
}

#[test]
fn the_general_branch_case_follows_the_binds_general_branch_flags() -> dangjian::Result<()> {
    let case = CASES.iter().find(|c| c.kind == BranchKind::GeneralBranch).expect("a 党总支 case");
    let (_dir, store) = store_on("2026-12-31");
    for rule in store.obligations()? {
        let (_, expected) = case.expect.iter().find(|(code, _)| *code == rule.code).expect("every rule is in the case");
        assert_eq!(
            expected.split(' ').all(|c| c == "-"),
            !rule.binds_general_branch,
            "«{}» is n/a for a 党总支 exactly when binds_general_branch is false",
            rule.code
        );
    }
    Ok(())
}

#[test]
fn period_labels_are_months_quarters_half_years_and_years() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let b = store.create(&Branch::new("内科党支部"))?;
    edit_rule(&store, "democratic_review", |r| r.frequency = Frequency::HalfYear)?;
    let grid = store.compliance(2026, day("2026-06-30"), Some(b.id))?;
    let labels = |code: &str| -> Vec<String> {
        grid.branches[0].items.iter().filter(|i| i.obligation == code).map(|i| i.period.label()).collect()
    };
    assert_eq!(labels("theme_day")[..3], ["2026-01", "2026-02", "2026-03"]);
    assert_eq!(labels("general_meeting"), ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    assert_eq!(labels("democratic_review"), ["2026-H1", "2026-H2"]);
    assert_eq!(labels("org_life_meeting"), ["2026"]);
    Ok(())
}

#[test]
fn a_party_group_added_mid_year_owes_nothing_before_it_existed() -> dangjian::Result<()> {
    // (group, founded, dissolved, its meetings, expected row)
    type Dates = Option<&'static str>;
    let table: &[(&str, Dates, Dates, &[&str], &str)] = &[
        ("第一党小组", None, None, &["2026-01-10"], "D O O O O O O O O O O ."),
        ("第二党小组", Some("2026-07-01"), None, &["2026-07-10"], "- - - - - - D O O O O ."),
        ("第三党小组", Some("2026-07-20"), None, &[], "- - - - - - O O O O O ."),
        ("第四党小组", None, Some("2026-03"), &["2026-02-10"], "O D O - - - - - - - - -"),
    ];
    let (_dir, store) = store_on("2026-12-31");
    let b = store.create(&Branch::new("护理党支部"))?;
    let mut ids = Vec::new();
    for (name, founded, dissolved, dates, _) in table {
        let group = store.create(&PartyGroup {
            id: 0,
            branch_id: b.id,
            name: name.to_string(),
            leader: None,
            founded_on: founded.map(str::parse).transpose()?,
            dissolved_on: dissolved.map(str::parse).transpose()?,
        })?;
        for date in *dates {
            store.create(&Meeting {
                group_id: Some(group.id),
                ..meeting_on(b.id, MeetingKind::GroupMeeting, date, vec![])
            })?;
        }
        ids.push(group.id);
    }
    let grid = store.compliance(2026, day("2026-12-31"), Some(b.id))?;
    for ((name, .., expected), id) in table.iter().zip(&ids) {
        assert_eq!(cells(&grid, b.id, "group_meeting", Some(name)), *expected, "«{name}»'s row");
        let items: Vec<_> = grid.branches[0].items.iter().filter(|i| i.group.as_deref() == Some(*name)).collect();
        assert!(items.iter().all(|i| i.group_id == Some(*id)), "every cell of «{name}» carries its group id");
    }
    assert_eq!(cells(&grid, b.id, "group_meeting", None), "", "with groups there is no branch-wide group cell");
    Ok(())
}

#[test]
fn a_member_transferred_mid_year_is_expected_in_the_old_branch_before_and_the_new_one_after() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let a = store.create(&Branch::new("内科党支部"))?;
    let b = store.create(&Branch::new("急诊党支部"))?;
    member(&store, &a, "王喆");
    let li = member(&store, &a, "李堃");
    member(&store, &b, "陈玥");
    store.transfer_member(li.id, b.id, "2026-06-01".parse()?, Some("调至急诊科".into()))?;
    // (branch, meeting day, the roll)
    let table = [
        (&a, "2026-05-31", vec!["王喆", "李堃"]),
        (&a, "2026-06-01", vec!["王喆"]),
        (&b, "2026-05-31", vec!["陈玥"]),
        (&b, "2026-06-01", vec!["李堃", "陈玥"]),
    ];
    for (branch, date, expected) in table {
        let roll: Vec<String> = store
            .expected_attendees(branch.id, MeetingKind::GeneralMeeting, None, day(date))?
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(roll, expected, "the roll of «{}» on {date}", branch.name);
    }
    // A meeting of the new branch before the transfer may not list him.
    let err = store
        .attendance_from_report(b.id, MeetingKind::GeneralMeeting, None, day("2026-05-20"), &report(&["陈玥", "李堃"]))
        .unwrap_err();
    assert!(err.to_string().contains("「李堃」不在这次会议的应到名单中"), "{err}");
    Ok(())
}

fn report(present: &[&str]) -> dangjian::rules::attendance::AttendanceReport {
    dangjian::rules::attendance::AttendanceReport {
        present: present.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

#[test]
fn local_rules_change_the_grid() -> dangjian::Result<()> {
    type Edit = fn(&mut Obligation);
    type Held = &'static [(MeetingKind, &'static str)];
    // (rule, edit, meetings, as of, expected row)
    let table: &[(&str, Edit, Held, &str, &str)] = &[
        (
            "party_lesson",
            |r| r.frequency = Frequency::Month,
            &[(PL, "2026-02-10")],
            "2026-04-15",
            "O D O . . . . . . . . .",
        ),
        (
            "general_meeting",
            |r| r.per_period = 2,
            &[(GM, "2026-01-10"), (GM, "2026-02-10"), (GM, "2026-04-10")],
            "2026-07-15",
            "D O . .",
        ),
        ("committee_meeting", |r| r.frequency = Frequency::HalfYear, &[(CM, "2026-05-10")], "2026-07-15", "D ."),
        ("theme_day", |r| r.active = false, &[(TD, "2026-01-10")], "2026-07-15", ""),
        (
            "democratic_review",
            |r| {
                r.binds_branch = false;
                r.binds_general_branch = true;
            },
            &[(MeetingKind::DemocraticReview, "2026-03-10")],
            "2026-07-15",
            "-",
        ),
    ];
    for (code, edit, meetings, as_of, expected) in table {
        let (_dir, store) = store_on("2026-12-31");
        let b = store.create(&Branch::new("内科党支部"))?;
        edit_rule(&store, code, edit)?;
        for (kind, date) in *meetings {
            store.create(&meeting_on(b.id, *kind, date, vec![]))?;
        }
        let grid = store.compliance(2026, day(as_of), Some(b.id))?;
        assert_eq!(cells(&grid, b.id, code, None), *expected, "«{code}» under the local rule, as of {as_of}");
        if *code == "general_meeting" {
            let q2 = cell(&grid, b.id, code, "2026-Q2");
            assert_eq!((q2.held, q2.required), (1, 2), "one of the two meetings Q2 needs was held");
        }
        if *code == "theme_day" {
            assert!(!grid.obligations.iter().any(|o| o.code == "theme_day"), "an inactive rule is not a column");
        }
    }
    Ok(())
}

/// A branch whose secretary 甲 hands over to 乙 on 1 July 2026; 丙 is a 委员.
fn branch_with_a_change_of_secretary(store: &Store) -> dangjian::Result<(Branch, [Member; 3])> {
    let b = store.create(&Branch::new("医技第一党支部"))?;
    let (jia, yi, bing) = (member(store, &b, "甲"), member(store, &b, "乙"), member(store, &b, "丙"));
    store.appoint(b.id, jia.id, CommitteeRole::Secretary, None, "2025-01-01".parse()?)?;
    store.appoint(b.id, bing.id, CommitteeRole::Member, Some("组织委员".into()), "2025-01-01".parse()?)?;
    let b = store.appoint(b.id, yi.id, CommitteeRole::Secretary, None, "2026-07-01".parse()?)?;
    Ok((b, [jia, yi, bing]))
}

#[test]
fn the_secretary_lesson_counts_only_when_the_secretary_of_that_day_lectures() -> dangjian::Result<()> {
    // (lecturer, day of the lesson, as of, the secretary_lesson cell)
    let table = [
        ("甲", "2026-06-30", "2026-12-31", "D"),
        ("甲", "2026-07-01", "2026-12-31", "."),
        ("乙", "2026-06-30", "2026-12-31", "."),
        ("乙", "2026-07-01", "2026-12-31", "D"),
        ("丙", "2026-03-10", "2026-12-31", "."),
        ("甲", "2026-07-01", "2027-01-01", "O"),
        ("乙", "2026-12-31", "2027-01-01", "D"),
    ];
    for (lecturer, date, as_of, expected) in table {
        let (_dir, store) = store_on("2026-12-31");
        let (b, _) = branch_with_a_change_of_secretary(&store)?;
        let lesson = Meeting { lecturer: Some(lecturer.into()), ..meeting_on(b.id, PL, date, vec![]) };
        store.create(&lesson)?;
        let grid = store.compliance(2026, day(as_of), Some(b.id))?;
        assert_eq!(
            cells(&grid, b.id, "secretary_lesson", None),
            expected,
            "a lesson by {lecturer} on {date}, as of {as_of}"
        );
        let quarter = dangjian::rules::period::Period::containing(Frequency::Quarter, day(date)).label();
        assert_eq!(
            cell(&grid, b.id, "party_lesson", &quarter).status,
            ComplianceStatus::Done,
            "any lecturer's lesson is a 党课"
        );
    }
    Ok(())
}

#[test]
fn a_meeting_counts_for_every_obligation_in_also_counts() -> dangjian::Result<()> {
    // (kind, day, also counts, cells that become done, cells still due)
    type Cells = &'static [(&'static str, &'static str)];
    let table: &[(MeetingKind, &str, &[MeetingKind], Cells, Cells)] = &[
        (
            MeetingKind::OrgLifeMeeting,
            "2026-12-10",
            &[],
            &[("org_life_meeting", "2026")],
            &[("democratic_review", "2026")],
        ),
        (
            MeetingKind::OrgLifeMeeting,
            "2026-12-10",
            &[MeetingKind::DemocraticReview],
            &[("org_life_meeting", "2026"), ("democratic_review", "2026")],
            &[],
        ),
        (
            MeetingKind::ThemeDay,
            "2026-11-10",
            &[MeetingKind::PartyLesson],
            &[("theme_day", "2026-11"), ("party_lesson", "2026-Q4")],
            &[("general_meeting", "2026-Q4")],
        ),
    ];
    for (kind, date, also, done, due) in table {
        let (_dir, store) = store_on("2026-12-31");
        let b = store.create(&Branch::new("中医党支部"))?;
        let m = store.create(&Meeting { also_counts: also.to_vec(), ..meeting_on(b.id, *kind, date, vec![]) })?;
        let grid = store.compliance(2026, day("2026-12-15"), Some(b.id))?;
        for (code, period) in *done {
            let item = cell(&grid, b.id, code, period);
            assert_eq!(item.status, ComplianceStatus::Done, "{kind} on {date} (also {also:?}) meets {code} {period}");
            assert_eq!(item.meeting_ids, vec![m.id], "{code} {period} lists the meeting");
        }
        for (code, period) in *due {
            assert_eq!(cell(&grid, b.id, code, period).status, ComplianceStatus::Due, "{code} {period} is not met");
        }
    }
    let (_dir, store) = store_on("2026-12-31");
    let b = store.create(&Branch::new("中医党支部"))?;
    let own = store.create(&Meeting { also_counts: vec![TD, TD], ..meeting_on(b.id, TD, "2026-03-10", vec![]) })?;
    assert!(own.also_counts.is_empty(), "a meeting does not also count for its own kind");
    let err = store
        .create(&Meeting { also_counts: vec![MeetingKind::GroupMeeting], ..meeting_on(b.id, TD, "2026-03-10", vec![]) })
        .unwrap_err();
    assert!(err.to_string().contains("党小组会只能按党小组登记"), "{err}");
    Ok(())
}

#[test]
fn every_committee_member_owes_a_talk_a_year() -> dangjian::Result<()> {
    // (talks, each a list of (name, present); as of; held, required, cell)
    type Talks = &'static [&'static [(&'static str, bool)]];
    let table: &[(Talks, &str, u32, u32, &str)] = &[
        (&[], "2026-12-31", 0, 3, "."),
        (&[&[("甲", true), ("丙", true)]], "2026-12-31", 2, 3, "."),
        (&[&[("甲", true), ("丙", true)], &[("甲", true), ("丁", true)]], "2026-12-31", 3, 3, "D"),
        (&[&[("甲", true), ("丙", true)], &[("甲", true), ("丁", false)]], "2026-12-31", 2, 3, "."),
        (&[&[("甲", true), ("丙", true)], &[("甲", true), ("丙", true)]], "2026-12-31", 2, 3, "."),
        (&[&[("甲", true), ("戊", true)]], "2026-12-31", 1, 3, "."),
        (&[&[("甲", true), ("丙", true)]], "2027-01-01", 2, 3, "O"),
    ];
    for (talks, as_of, held, required, expected) in table {
        let (_dir, store) = store_on("2026-12-31");
        let b = store.create(&Branch::new("护理党支部"))?;
        let people: Vec<Member> = ["甲", "丙", "丁", "戊"].iter().map(|n| member(&store, &b, n)).collect();
        store.appoint(b.id, people[0].id, CommitteeRole::Secretary, None, "2025-01-01".parse()?)?;
        store.appoint(b.id, people[1].id, CommitteeRole::Member, Some("组织委员".into()), "2025-01-01".parse()?)?;
        store.appoint(b.id, people[2].id, CommitteeRole::Member, Some("宣传委员".into()), "2025-01-01".parse()?)?;
        for (i, talk) in talks.iter().enumerate() {
            let attendance: Vec<Attendance> = talk
                .iter()
                .map(|(name, came)| {
                    let m = people.iter().find(|p| p.name == *name).unwrap();
                    let status = if *came { AttendanceStatus::Present } else { AttendanceStatus::Excused };
                    attended(m, status, (!came).then_some("值班"))
                })
                .collect();
            store.create(&meeting_on(b.id, MeetingKind::Talk, &format!("2026-0{}-10", i + 3), attendance))?;
        }
        let grid = store.compliance(2026, day(as_of), Some(b.id))?;
        let item = cell(&grid, b.id, "talk", "2026");
        assert_eq!(
            (item.held, item.required, letter(item.status)),
            (*held, *required, *expected),
            "talks {talks:?} as of {as_of}"
        );
    }
    Ok(())
}

#[test]
fn the_talk_rule_counts_the_committee_seated_at_the_period_end() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let b = store.create(&Branch::new("护理党支部"))?;
    let people: Vec<Member> = ["甲", "丙", "丁"].iter().map(|n| member(&store, &b, n)).collect();
    store.appoint(b.id, people[0].id, CommitteeRole::Secretary, None, "2025-01-01".parse()?)?;
    store.appoint(b.id, people[1].id, CommitteeRole::Member, None, "2025-01-01".parse()?)?;
    let talk = vec![
        attended(&people[0], AttendanceStatus::Present, None),
        attended(&people[1], AttendanceStatus::Present, None),
    ];
    store.create(&meeting_on(b.id, MeetingKind::Talk, "2026-03-10", talk))?;
    let before = store.compliance(2026, day("2026-10-31"), Some(b.id))?;
    assert_eq!(letter(cell(&before, b.id, "talk", "2026").status), "D", "both seated members were talked with");
    store.appoint(b.id, people[2].id, CommitteeRole::Member, Some("纪检委员".into()), "2026-11-01".parse()?)?;
    let after = store.compliance(2026, day("2026-12-31"), Some(b.id))?;
    let item = cell(&after, b.id, "talk", "2026");
    assert_eq!((item.held, item.required, letter(item.status)), (2, 3, "."), "the new 委员 is owed a talk too");
    Ok(())
}

#[test]
fn rates_are_done_over_done_and_overdue_in_ended_periods() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    only_rules(&store, &["theme_day"])?;
    let a = store.create(&Branch::new("内科党支部"))?;
    let b = store.create(&Branch { founded_on: Some("2026-03-01".parse()?), ..Branch::new("儿科党支部") })?;
    for date in ["2026-01-10", "2026-02-10", "2026-04-10"] {
        store.create(&meeting_on(a.id, TD, date, vec![]))?;
    }
    // (as of, rate of 内科, rate of 儿科, the committee's rate over both)
    let table = [
        ("2026-01-15", None, None, None),
        ("2026-02-01", Some(1.0), None, Some(1.0)),
        ("2026-04-15", Some(2.0 / 3.0), Some(0.0), Some(2.0 / 4.0)),
        ("2026-12-31", Some(3.0 / 11.0), Some(0.0), Some(3.0 / 20.0)),
    ];
    for (as_of, rate_a, rate_b, committee) in table {
        let grid = store.compliance(2026, day(as_of), None)?;
        let got = (branch_rate(&grid, a.id), branch_rate(&grid, b.id), grid.rate);
        assert!(
            close(got.0, rate_a) && close(got.1, rate_b) && close(got.2, committee),
            "as of {as_of}: expected {:?}, got {got:?}",
            (rate_a, rate_b, committee)
        );
    }
    Ok(())
}

#[test]
fn a_record_with_findings_still_counts_as_done() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let b = store.create(&Branch::new("急诊党支部"))?;
    let careless = Meeting { place: None, recorder: None, ..meeting_on(b.id, TD, "2026-03-10", vec![]) };
    let m = store.create(&careless)?;
    assert!(!store.meeting_entry(m.id)?.findings.is_empty(), "the record has findings");
    let grid = store.compliance(2026, day("2026-12-31"), Some(b.id))?;
    assert_eq!(cell(&grid, b.id, "theme_day", "2026-03").status, ComplianceStatus::Done);
    Ok(())
}

#[test]
fn archived_branches_are_left_out_unless_asked_for() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-31");
    let open = store.create(&Branch::new("内科党支部"))?;
    let closed = store.create(&Branch { archived: true, ..Branch::new("旧外科党支部") })?;
    let all = store.compliance(2026, day("2026-06-30"), None)?;
    assert_eq!(all.branches.iter().map(|b| b.branch_id).collect::<Vec<_>>(), [open.id]);
    let one = store.compliance(2026, day("2026-06-30"), Some(closed.id))?;
    assert_eq!(one.branches.len(), 1, "an archived branch asked for by id is judged");
    assert!(store.compliance(2026, day("2026-06-30"), Some(9999)).is_err(), "an unknown branch is an error");
    Ok(())
}

// ---------------------------------------------------------------------------
// Property: holding one more meeting never makes anything worse.

/// A random hospital for the pure rule: branches with committees and groups,
/// local rules, meetings, and an as-of day.
struct World {
    branches: Vec<Branch>,
    groups: Vec<PartyGroup>,
    obligations: Vec<Obligation>,
    meetings: Vec<Meeting>,
    as_of: NaiveDate,
}

const NAMES: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];

fn random_day(rng: &mut fastrand::Rng, from: &str, days: u64) -> NaiveDate {
    day(from) + Days::new(rng.u64(..days))
}

fn random_world(rng: &mut fastrand::Rng, defaults: &[Obligation]) -> World {
    let frequencies = [Frequency::Month, Frequency::Quarter, Frequency::HalfYear, Frequency::Year];
    let obligations = defaults
        .iter()
        .map(|o| Obligation {
            frequency: if rng.u8(..4) == 0 { frequencies[rng.usize(..4)] } else { o.frequency },
            per_period: rng.u32(1..=2),
            active: rng.u8(..10) != 0,
            ..o.clone()
        })
        .collect();
    let mut branches = Vec::new();
    let mut groups = Vec::new();
    for id in 1..=rng.i64(1..=4) {
        let mut committee = Vec::new();
        let post = |member: usize, role, started_on, ended_on| CommitteePost {
            member_id: member as i64 + 1,
            name: NAMES[member].to_string(),
            role,
            duty: None,
            started_on,
            ended_on,
        };
        let handover = random_day(rng, "2026-01-01", 365);
        let (first, second) = (rng.usize(..10), rng.usize(..10));
        committee.push(post(first, CommitteeRole::Secretary, None, Some(dangjian::date::PartialDate::day(handover))));
        committee.push(post(
            second,
            CommitteeRole::Secretary,
            Some(dangjian::date::PartialDate::day(handover + Days::new(1))),
            None,
        ));
        for _ in 0..rng.usize(..3) {
            let start = rng.bool().then(|| dangjian::date::PartialDate::day(random_day(rng, "2025-06-01", 500)));
            committee.push(post(rng.usize(..10), CommitteeRole::Member, start, None));
        }
        let founded_on = rng.bool().then(|| dangjian::date::PartialDate::day(random_day(rng, "2025-06-01", 500)));
        let kind = if rng.u8(..5) == 0 { BranchKind::GeneralBranch } else { BranchKind::Branch };
        branches.push(Branch { id, kind, committee, founded_on, ..Branch::new(&format!("支部{id}")) });
        for g in 0..rng.i64(..3) {
            groups.push(PartyGroup {
                id: id * 10 + g,
                branch_id: id,
                name: format!("第{g}党小组"),
                leader: None,
                founded_on: rng.bool().then(|| dangjian::date::PartialDate::day(random_day(rng, "2025-10-01", 400))),
                dissolved_on: (rng.u8(..4) == 0)
                    .then(|| dangjian::date::PartialDate::day(random_day(rng, "2026-03-01", 300))),
            });
        }
    }
    let mut world =
        World { branches, groups, obligations, meetings: Vec::new(), as_of: random_day(rng, "2026-01-01", 400) };
    for _ in 0..rng.usize(..40) {
        let meeting = random_meeting(rng, &world);
        world.meetings.push(meeting);
    }
    world
}

fn random_meeting(rng: &mut fastrand::Rng, world: &World) -> Meeting {
    let branch = &world.branches[rng.usize(..world.branches.len())];
    let groups: Vec<&PartyGroup> = world.groups.iter().filter(|g| g.branch_id == branch.id).collect();
    let mut kind = MeetingKind::ALL[rng.usize(..MeetingKind::ALL.len())];
    if kind == MeetingKind::GroupMeeting && groups.is_empty() {
        kind = MeetingKind::ThemeDay;
    }
    let group_id = (kind == MeetingKind::GroupMeeting).then(|| groups[rng.usize(..groups.len())].id);
    let statuses = [AttendanceStatus::Present, AttendanceStatus::Excused, AttendanceStatus::Absent];
    let mut attendance = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        if rng.bool() {
            let status = statuses[rng.usize(..3)];
            attendance.push(Attendance { member_id: Some(i as i64 + 1), name: name.to_string(), status, reason: None });
        }
    }
    let also_counts = MeetingKind::ALL
        .iter()
        .copied()
        .filter(|k| *k != kind && *k != MeetingKind::GroupMeeting && rng.u8(..6) == 0)
        .collect();
    Meeting {
        id: world.meetings.len() as i64 + 1,
        lecturer: rng.bool().then(|| NAMES[rng.usize(..10)].to_string()),
        group_id,
        also_counts,
        ..meeting_on(branch.id, kind, &random_day(rng, "2026-01-01", 365).to_string(), attendance)
    }
}

fn judge(world: &World) -> Compliance {
    let input = ComplianceInput {
        branches: &world.branches,
        groups: &world.groups,
        obligations: &world.obligations,
        meetings: &world.meetings,
    };
    compliance(&input, 2026, world.as_of)
}

/// Compares the grids before and after one more meeting; the first thing that got worse.
fn got_worse(before: &Compliance, after: &Compliance) -> Option<String> {
    let lower = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => b < a - 1e-12,
        (Some(_), None) => true,
        _ => false,
    };
    if lower(before.rate, after.rate) {
        return Some(format!("the committee's rate went from {:?} to {:?}", before.rate, after.rate));
    }
    for (b, a) in before.branches.iter().zip(&after.branches) {
        if lower(b.rate, a.rate) {
            return Some(format!("{}'s rate went from {:?} to {:?}", b.branch, b.rate, a.rate));
        }
        if b.items.len() != a.items.len() {
            return Some(format!("{} has {} cells, then {}", b.branch, b.items.len(), a.items.len()));
        }
        for (x, y) in b.items.iter().zip(&a.items) {
            let same_cell = (&x.obligation, x.period, &x.group) == (&y.obligation, y.period, &y.group);
            if !same_cell
                || (x.status == ComplianceStatus::Done && y.status != ComplianceStatus::Done)
                || y.held < x.held
            {
                return Some(format!("{} {} {:?}: {:?} became {:?}", b.branch, x.obligation, x.period.label(), x, y));
            }
        }
    }
    None
}

#[test]
fn one_more_meeting_never_lowers_a_rate_or_undoes_a_cell() -> dangjian::Result<()> {
    let defaults = Store::open_in_memory()?.obligations()?;
    let mut changed = 0;
    for seed in 0..400u64 {
        let outcome = std::panic::catch_unwind(|| {
            let mut rng = fastrand::Rng::with_seed(seed);
            let mut world = random_world(&mut rng, &defaults);
            let before = judge(&world);
            let extra = random_meeting(&mut rng, &world);
            world.meetings.push(extra.clone());
            let after = judge(&world);
            (got_worse(&before, &after), before != after, extra)
        });
        match outcome {
            Ok((None, differs, _)) => changed += usize::from(differs),
            Ok((Some(problem), _, extra)) => panic!("seed {seed}: after adding {extra:?}: {problem}"),
            Err(_) => panic!("seed {seed}: the rule panicked"),
        }
    }
    assert!(changed > 50, "the added meeting should often change the grid (it did {changed} times of 400)");
    Ok(())
}

#[test]
fn the_store_grid_is_the_pure_rule_over_every_record() -> dangjian::Result<()> {
    let (_dir, store) = store_on("2026-12-01");
    dangjian::demo::load(&store, day("2026-12-01"))?;
    // A theme day that also serves as a heart-to-heart talk between two committee
    // members, in a branch whose talks of the year are otherwise not recorded.
    let branch =
        store.list::<Branch>()?.into_iter().find(|b| b.kind == BranchKind::Branch && b.committee.len() >= 3).unwrap();
    let seated: Vec<&CommitteePost> = branch.committee_on(day("2026-11-30")).collect();
    let talk = |p: &CommitteePost| Attendance {
        member_id: Some(p.member_id),
        name: p.name.clone(),
        status: AttendanceStatus::Present,
        reason: None,
    };
    for held in store.meetings_in_year(2026, Some(branch.id))?.iter().filter(|m| m.kind == MeetingKind::Talk) {
        store.delete::<Meeting>(held.id)?;
    }
    store.create(&Meeting {
        also_counts: vec![MeetingKind::Talk],
        ..meeting_on(branch.id, TD, "2026-11-30", vec![talk(seated[0]), talk(seated[1])])
    })?;
    let everything: Vec<Meeting> = store.list()?;
    let this_year: Vec<Meeting> = everything.into_iter().filter(|m| m.date.year() == 2026).collect();
    let branches: Vec<Branch> = store.list::<Branch>()?.into_iter().filter(|b| !b.archived).collect();
    let groups: Vec<PartyGroup> = store.list()?;
    let obligations = store.obligations()?;
    for as_of in ["2026-03-31", "2026-12-01"] {
        let input =
            ComplianceInput { branches: &branches, groups: &groups, obligations: &obligations, meetings: &this_year };
        let pure = compliance(&input, 2026, day(as_of));
        let stored = store.compliance(2026, day(as_of), None)?;
        let differ = stored
            .branches
            .iter()
            .zip(&pure.branches)
            .flat_map(|(a, b)| a.items.iter().zip(&b.items))
            .find(|(x, y)| x != y);
        assert!(differ.is_none(), "the store's grid as of {as_of} is the rule's: {differ:?}");
        assert!(stored == pure, "the store's grid as of {as_of} is the rule's");
        let talk = pure
            .branches
            .iter()
            .find(|b| b.branch_id == branch.id)
            .unwrap()
            .items
            .iter()
            .find(|i| i.obligation == "talk");
        assert_eq!(
            talk.map(|i| i.held),
            Some(if as_of == "2026-12-01" { 2 } else { 0 }),
            "the theme day counts as two talks"
        );
    }
    Ok(())
}
