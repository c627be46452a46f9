//! Members' personal data (PIPL): masked wherever it is not revealed, every
//! reveal and full export on record, edits that keep what the form only
//! showed masked, search that cannot spell out a hidden number, and a
//! deleted member's personal data gone from the audit log.

mod common;

use common::{branch, id_number, temp_store};
use dangjian::store::{Action, AuditEntry, Member, MemberFilter};
use dangjian::Store;

/// A member with an ID number, a phone and an address.
fn wang(store: &Store) -> Member {
    let b = branch(store, "内科党支部");
    store
        .create(&Member {
            id_number: Some(id_number("19850312", 1)),
            phone: Some("13812345678".into()),
            address: Some("滨江市城东路 1 号".into()),
            ..Member::new("王喆", b.id)
        })
        .expect("a valid member")
}

/// The audit entries about members, oldest first.
fn member_entries(store: &Store) -> Vec<AuditEntry> {
    let mut entries: Vec<AuditEntry> =
        store.audit_log(1000).unwrap().into_iter().filter(|e| e.entity == "members").collect();
    entries.reverse();
    entries
}

fn action(a: Action) -> String {
    serde_json::to_value(a).unwrap().as_str().unwrap().to_string()
}

#[test]
fn lists_and_details_show_the_province_of_an_id_and_the_ends_of_a_phone() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let m = wang(&store);
    let listed = store.listed_members(&MemberFilter::default(), false)?;
    assert_eq!(listed[0].id_number.as_deref(), Some("31****************"));
    assert_eq!(listed[0].phone.as_deref(), Some("138****5678"));
    let detail = store.member_detail(m.id, false)?;
    assert_eq!(detail.member.id_number.as_deref(), Some("31****************"));
    assert!(member_entries(&store).iter().all(|e| e.action != action(Action::Reveal)), "a masked view is not a reveal");
    Ok(())
}

#[test]
fn each_reveal_is_written_to_the_audit_log_with_who_which_member_and_when() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let m = wang(&store);
    let numbers = store.reveal_member(m.id)?;
    assert_eq!(numbers.id_number, m.id_number);
    assert_eq!(numbers.phone.as_deref(), Some("13812345678"));

    let reveal = member_entries(&store).pop().expect("an entry");
    assert_eq!((reveal.action.as_str(), reveal.entity_id), ("reveal", Some(m.id)));
    assert!(!reveal.os_user.is_empty() && reveal.at.len() == 19, "who and when: {reveal:?}");
    let logged = format!("{:?}{:?}", reveal.before, reveal.after);
    assert!(!logged.contains("13812345678") && !logged.contains(m.id_number.as_deref().unwrap()), "{logged}");

    store.member_detail(m.id, true)?;
    store.listed_members(&MemberFilter::default(), true)?;
    let reveals = member_entries(&store).iter().filter(|e| e.action == "reveal").count();
    assert_eq!(reveals, 3, "the detail and the list revealed too");
    Ok(())
}

#[test]
fn an_edit_that_sends_the_masked_numbers_back_keeps_the_stored_ones() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let m = wang(&store);
    let shown = store.member_detail(m.id, false)?.member;
    let edited = store.update(&Member { department: Some("呼吸内科".into()), ..shown })?;
    assert_eq!(edited.id_number, m.id_number);
    assert_eq!(edited.phone, m.phone);
    assert_eq!(edited.department.as_deref(), Some("呼吸内科"));

    let new_phone = store.update(&Member { phone: Some("13900001111".into()), ..edited })?;
    assert_eq!(new_phone.phone.as_deref(), Some("13900001111"), "a number typed anew replaces it");
    let garbled = Member { id_number: Some("31**************99".into()), ..new_phone };
    assert!(store.update(&garbled).is_err(), "any other masked text is refused as an ID number");
    Ok(())
}

#[test]
fn search_finds_a_member_by_a_whole_id_number_but_never_by_a_part_of_one() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let m = wang(&store);
    let id = m.id_number.clone().unwrap();
    let found =
        |text: &str| store.members(&MemberFilter { search: Some(text.into()), ..Default::default() }).unwrap().len();
    assert_eq!(found(&id), 1);
    assert_eq!(found(&id.to_lowercase()), 1, "x or X");
    assert_eq!(found(&id[..17]), 0, "17 digits would tell the check character");
    assert_eq!(found(&id[14..]), 0, "the last four are what the mask hides");
    assert_eq!(found("王"), 1);
    Ok(())
}

#[test]
fn deleting_a_member_removes_their_personal_data_from_the_audit_log() -> dangjian::Result<()> {
    let (_dir, store) = temp_store();
    let m = wang(&store);
    let other =
        store.create(&Member { id_number: Some(id_number("19900101", 3)), ..Member::new("李堃", m.branch_id) })?;
    store.update(&Member { address: Some("滨江市城西路 2 号".into()), ..m.clone() })?;
    store.delete::<Member>(m.id)?;

    let theirs: Vec<AuditEntry> = member_entries(&store).into_iter().filter(|e| e.entity_id == Some(m.id)).collect();
    let actions: Vec<&str> = theirs.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "update", "delete"], "what was done, and when, stays");
    let text = format!("{theirs:?}");
    for personal in [m.id_number.as_deref().unwrap(), "13812345678", "城东路", "城西路", "1985-03-12"] {
        assert!(!text.contains(personal), "«{personal}» is gone: {text}");
    }
    assert!(text.contains("王喆"), "whom the entries were about stays: {text}");

    let kept = format!(
        "{:?}",
        member_entries(&store).into_iter().filter(|e| e.entity_id == Some(other.id)).collect::<Vec<_>>()
    );
    assert!(kept.contains(other.id_number.as_deref().unwrap()), "other members' entries are untouched");
    Ok(())
}

#[test]
fn full_exports_are_on_record_and_masked_ones_hold_no_full_number() -> dangjian::Result<()> {
    let (dir, store) = temp_store();
    let m = wang(&store);
    let id = m.id_number.clone().unwrap();
    let exports = |store: &Store| store.audit_log(1000).unwrap().into_iter().filter(|e| e.action == "export").count();

    let masked = dir.path().join("masked.xlsx");
    dangjian::export::roster::export_roster(&store, &masked, true)?;
    assert_eq!(exports(&store), 0, "a masked roster is no disclosure");
    let cells = common::sheet_text(&masked);
    assert!(cells.contains("31****************") && !cells.contains(&id), "{cells}");

    let full = dir.path().join("full.xlsx");
    dangjian::export::roster::export_roster(&store, &full, false)?;
    assert!(common::sheet_text(&full).contains(&id));
    dangjian::backup::write_json(&store, &dir.path().join("backup.json"))?;
    let log = store.audit_log(2)?;
    assert_eq!(exports(&store), 2);
    assert!(log
        .iter()
        .any(|e| e.after.as_deref().is_some_and(|a| a.contains("full.xlsx") && a.contains("党员花名册"))));
    assert!(log.iter().any(|e| e.after.as_deref().is_some_and(|a| a.contains("backup.json") && a.contains("JSON"))));
    Ok(())
}
