//! Members: every roster field, ID number rules, date rules, transfers
//! (masking and personal data: `personal_data.rs`).

mod common;

use common::{branch, id_number, member, snapshot, temp_store};
use dangjian::store::{Category, Gender, Member, MemberFilter, MemberStatus, MemberTransfer, PartyGroup};
use dangjian::ErrorCode;

#[test]
fn a_member_round_trips_with_every_roster_field() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let b = branch(&store, "内科第一党支部");
    let group = store.create(&PartyGroup {
        id: 0,
        branch_id: b.id,
        name: "呼吸党小组".into(),
        leader: None,
        founded_on: None,
        dissolved_on: None,
    })?;
    let mut extra = std::collections::BTreeMap::new();
    extra.insert("籍贯".to_string(), "浙江永康".to_string());
    let created = store.create(&Member {
        gender: Some(Gender::Male),
        ethnicity: Some("汉族".into()),
        id_number: Some(id_number("19850312", 1).to_lowercase()),
        birth_date: Some("1985-03-12".parse()?),
        education: Some("硕士研究生".into()),
        degree: Some("硕士".into()),
        group_id: Some(group.id),
        joined_on: Some("2008-06".parse()?),
        full_member_on: Some("2009-06".parse()?),
        post: Some("医生".into()),
        department: Some("呼吸内科".into()),
        duty: Some("科主任".into()),
        professional_title: Some("主任医师".into()),
        phone: Some("13812345678".into()),
        address: Some("滨江市城东路 1 号".into()),
        floating: true,
        note: Some("  ".into()),
        extra,
        ..Member::new("王喆", b.id)
    })?;
    let stored: Member = store.get(created.id)?;
    assert_eq!(stored, created);
    assert_eq!(stored.id_number.as_deref(), Some(id_number("19850312", 1).as_str()), "ID stored upper-case");
    assert_eq!(stored.joined_on.unwrap().to_string(), "2008-06", "a month-only date is never given a day");
    assert_eq!(stored.note, None, "blank text is stored as nothing");
    assert_eq!(stored.extra["籍贯"], "浙江永康", "columns without a field are kept");
    Ok(())
}

#[test]
fn birth_date_and_gender_are_taken_from_the_id_number_when_missing() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let b = branch(&store, "护理党支部");
    let m = store.create(&Member { id_number: Some(id_number("19900101", 2)), ..Member::new("陈玥", b.id) })?;
    assert_eq!(m.birth_date.unwrap().to_string(), "1990-01-01");
    assert_eq!(m.gender, Some(Gender::Female), "an even sequence digit means female");
    Ok(())
}

#[test]
fn id_numbers_that_are_wrong_or_disagree_with_the_row_are_refused() {
    let (_dir, store) = temp_store();
    let b = branch(&store, "护理党支部");
    let mut wrong_check = id_number("19850312", 1);
    wrong_check.replace_range(17..18, if wrong_check.ends_with('0') { "1" } else { "0" });
    let cases = [
        (Member { id_number: Some(wrong_check), ..Member::new("甲", b.id) }, "校验位不符"),
        (Member { id_number: Some("31011619850312001".into()), ..Member::new("乙", b.id) }, "应为 18 位"),
        (
            Member {
                id_number: Some(id_number("19850312", 1)),
                birth_date: Some("1985-04-12".parse().unwrap()),
                ..Member::new("丙", b.id)
            },
            "与身份证号中的出生日期 1985-03-12 不一致",
        ),
        (
            Member {
                id_number: Some(id_number("19850312", 1)),
                gender: Some(Gender::Female),
                ..Member::new("丁", b.id)
            },
            "与身份证号",
        ),
    ];
    for (candidate, expected) in cases {
        let err = store.create(&candidate).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Invalid);
        assert!(err.to_string().contains(expected), "{} should fail with «{expected}», got «{err}»", candidate.name);
    }
    assert!(store.members(&MemberFilter::default()).unwrap().is_empty(), "nothing was stored");
}

#[test]
fn a_month_only_birth_date_agrees_with_an_id_in_that_month() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let b = branch(&store, "护理党支部");
    let m = store.create(&Member {
        id_number: Some(id_number("19850312", 1)),
        birth_date: Some("1985-03".parse()?),
        ..Member::new("赵昇", b.id)
    })?;
    assert_eq!(m.birth_date.unwrap().to_string(), "1985-03");
    Ok(())
}

#[test]
fn the_same_id_number_cannot_be_registered_twice() {
    let (_dir, store) = temp_store();
    let a = branch(&store, "内科党支部");
    let b = branch(&store, "外科党支部");
    let id = id_number("19791201", 3);
    store.create(&Member { id_number: Some(id.clone()), ..Member::new("孙珺", a.id) }).unwrap();
    let before = snapshot(&store);
    let err = store.create(&Member { id_number: Some(id), ..Member::new("孙君", b.id) }).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("已登记为「孙珺」（内科党支部）"), "{err}");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn dates_that_contradict_each_other_are_refused() {
    let (_dir, store) = temp_store();
    let b = branch(&store, "医技党支部");
    let base = || Member { birth_date: Some("1990-05-01".parse().unwrap()), ..Member::new("张伟", b.id) };
    let cases = [
        (Member { joined_on: Some("2007-01-01".parse().unwrap()), ..base() }, "未满 18 岁"),
        (
            Member {
                joined_on: Some("2012-06".parse().unwrap()),
                full_member_on: Some("2011-06-01".parse().unwrap()),
                ..base()
            },
            "转正日期 2011-06-01 早于入党日期 2012-06",
        ),
        (Member { joined_on: Some("2999-01-01".parse().unwrap()), ..base() }, "晚于今天"),
        (
            Member {
                category: Category::Probationary,
                joined_on: Some("2015-01-01".parse().unwrap()),
                full_member_on: Some("2016-01-01".parse().unwrap()),
                ..base()
            },
            "预备党员不应有转正日期",
        ),
    ];
    for (candidate, expected) in cases {
        let err = store.create(&candidate).unwrap_err();
        assert!(err.to_string().contains(expected), "expected «{expected}», got «{err}»");
    }
}

#[test]
fn a_member_must_belong_to_an_existing_branch_and_its_own_group() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let err = store.create(&Member::new("无支部", 999)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    let a = branch(&store, "内科党支部");
    let b = branch(&store, "外科党支部");
    let group = store.create(&PartyGroup {
        id: 0,
        branch_id: a.id,
        name: "第一党小组".into(),
        leader: None,
        founded_on: None,
        dissolved_on: None,
    })?;
    let err = store.create(&Member { group_id: Some(group.id), ..Member::new("错组", b.id) }).unwrap_err();
    assert!(err.to_string().contains("不属于该党员所在的支部"), "{err}");
    Ok(())
}

#[test]
fn moving_a_member_records_the_transfer_with_its_date() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let a = branch(&store, "内科党支部");
    let b = branch(&store, "外科党支部");
    let c = branch(&store, "急诊党支部");
    let m = member(&store, &a, "李堃");
    let moved = store.transfer_member(m.id, b.id, "2024-03-01".parse()?, Some("轮岗".into()))?;
    assert_eq!(moved.branch_id, b.id);
    store.update(&Member { branch_id: c.id, ..moved })?;
    let history = store.transfers_of(m.id)?;
    assert_eq!(history.len(), 2, "both moves are recorded: {history:?}");
    assert_eq!((history[0].from_branch_id, history[0].to_branch_id), (Some(a.id), b.id));
    assert_eq!(history[0].transferred_on.to_string(), "2024-03-01");
    assert_eq!((history[1].from_branch_id, history[1].to_branch_id), (Some(b.id), c.id));
    assert_eq!(history[1].transferred_on, dangjian::date::PartialDate::day(dangjian::date::today()));
    assert_eq!(store.list::<MemberTransfer>()?.len(), 2);
    Ok(())
}

#[test]
fn lists_filter_by_branch_category_status_and_text() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let a = branch(&store, "内科党支部");
    let b = branch(&store, "外科党支部");
    member(&store, &a, "王喆");
    store.create(&Member {
        category: Category::Probationary,
        department: Some("骨科".into()),
        ..Member::new("李堃", b.id)
    })?;
    store.create(&Member { status: MemberStatus::TransferredOut, ..Member::new("周平", b.id) })?;
    let names =
        |filter: MemberFilter| -> Vec<String> { store.members(&filter).unwrap().into_iter().map(|m| m.name).collect() };
    assert_eq!(names(MemberFilter { branch_id: Some(a.id), ..Default::default() }), ["王喆"]);
    assert_eq!(names(MemberFilter { category: Some(Category::Probationary), ..Default::default() }), ["李堃"]);
    assert_eq!(names(MemberFilter { status: Some(MemberStatus::TransferredOut), ..Default::default() }), ["周平"]);
    assert_eq!(names(MemberFilter { search: Some("骨科".into()), ..Default::default() }), ["李堃"]);
    Ok(())
}
