//! Branches and party groups: round trip and the checks a user expects.

mod common;

use common::{branch, member, snapshot, temp_store};
use dangjian::store::{Branch, BranchKind, CommitteePost, CommitteeRole, PartyGroup};
use dangjian::ErrorCode;

#[test]
fn a_branch_round_trips_with_every_field() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let general = store.create(&Branch { kind: BranchKind::GeneralBranch, ..Branch::new("临床党总支") })?;
    let created = store.create(&Branch {
        parent_id: Some(general.id),
        founded_on: Some("2010-07-01".parse()?),
        term_ends_on: Some("2027-06".parse()?),
        departments: vec!["呼吸内科".into(), "心血管内科".into()],
        note: Some("示范支部".into()),
        ..Branch::new("  内科第一党支部 ")
    })?;
    let secretary = member(&store, &created, "王喆");
    let created = store.update(&Branch {
        committee: vec![CommitteePost {
            member_id: secretary.id,
            name: String::new(),
            role: CommitteeRole::Secretary,
            duty: None,
            started_on: Some("2021-06".parse()?),
            ended_on: None,
        }],
        ..created
    })?;
    let stored: Branch = store.get(created.id)?;
    assert_eq!(stored, created);
    assert_eq!(stored.committee[0].name, "王喆", "a post is read back with its member's name");
    assert_eq!(stored.name, "内科第一党支部", "names are trimmed");
    assert_eq!(stored.term_ends_on.unwrap().to_string(), "2027-06", "month-only dates stay month-only");

    let renamed = store.update(&Branch { archived: true, ..stored })?;
    assert!(store.get::<Branch>(created.id)?.archived);
    assert_eq!(renamed.name, "内科第一党支部");
    Ok(())
}

#[test]
fn duplicate_branch_names_are_refused() {
    let (_dir, store) = temp_store();
    branch(&store, "内科党支部");
    let err = store.create(&Branch::new("内科党支部")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("已有名为「内科党支部」的支部"), "{err}");
}

#[test]
fn only_a_general_branch_can_be_a_parent_and_cycles_are_refused() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let plain = branch(&store, "外科党支部");
    let err = store.create(&Branch { parent_id: Some(plain.id), ..Branch::new("骨科党支部") }).unwrap_err();
    assert!(err.to_string().contains("只有党总支才能有下级支部"), "{err}");

    let upper = store.create(&Branch { kind: BranchKind::GeneralBranch, ..Branch::new("临床党总支") })?;
    let lower = store.create(&Branch {
        kind: BranchKind::GeneralBranch,
        parent_id: Some(upper.id),
        ..Branch::new("内科党总支")
    })?;
    let err = store.update(&Branch { parent_id: Some(lower.id), ..upper.clone() }).unwrap_err();
    assert!(err.to_string().contains("循环"), "a general branch may not sit under its own child: {err}");

    let err = store.update(&Branch { kind: BranchKind::Branch, ..upper }).unwrap_err();
    assert!(err.to_string().contains("不能改为党支部"), "{err}");
    Ok(())
}

#[test]
fn term_end_before_founding_and_future_founding_are_refused() {
    let (_dir, store) = temp_store();
    let err = store
        .create(&Branch {
            founded_on: Some("2020-05-01".parse().unwrap()),
            term_ends_on: Some("2019-12".parse().unwrap()),
            ..Branch::new("药剂党支部")
        })
        .unwrap_err();
    assert!(err.to_string().contains("届满日期 2019-12 早于成立日期 2020-05-01"), "{err}");
    let err =
        store.create(&Branch { founded_on: Some("2999-01-01".parse().unwrap()), ..Branch::new("x") }).unwrap_err();
    assert!(err.to_string().contains("晚于今天"), "{err}");
}

#[test]
fn deleting_a_branch_in_use_is_refused_and_changes_nothing() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let b = branch(&store, "急诊党支部");
    member(&store, &b, "李堃");
    let before = snapshot(&store);
    let err = store.delete::<Branch>(b.id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("1 名党员") && err.to_string().contains("已归档"), "{err}");
    assert_eq!(snapshot(&store), before, "a refused delete leaves the database as it was");

    let empty = branch(&store, "临时党支部");
    store.delete::<Branch>(empty.id)?;
    assert_eq!(store.get::<Branch>(empty.id).unwrap_err().code(), ErrorCode::NotFound);
    Ok(())
}

#[test]
fn party_groups_belong_to_a_branch_and_hold_its_members() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let nursing = branch(&store, "护理党支部");
    let other = branch(&store, "医技党支部");
    let group = store.create(&PartyGroup {
        id: 0,
        branch_id: nursing.id,
        name: "内科护理党小组".into(),
        leader: None,
        founded_on: None,
        dissolved_on: None,
    })?;
    assert_eq!(store.groups_of(nursing.id)?, vec![group.clone()]);
    assert!(store.groups_of(other.id)?.is_empty());

    let dup = store.create(&PartyGroup {
        id: 0,
        branch_id: nursing.id,
        name: "内科护理党小组".into(),
        leader: None,
        founded_on: None,
        dissolved_on: None,
    });
    assert_eq!(dup.unwrap_err().code(), ErrorCode::Conflict, "group names are unique within a branch");

    let mut m = member(&store, &nursing, "陈玥");
    m.group_id = Some(group.id);
    store.update(&m)?;
    let err = store.delete::<PartyGroup>(group.id).unwrap_err();
    assert!(err.to_string().contains("还有 1 名党员"), "{err}");
    Ok(())
}
