//! The volunteer-hours import on the fixtures in `tests/fixtures/hours/`
//! (openpyxl, LibreOffice, Python's GBK codec; see that folder's README), and
//! on small CSV files written here. The database is built through the public
//! Store API: the members and activities the fixtures name.

mod common;

use std::path::{Path, PathBuf};

use common::{branch, day, id_number, snapshot, store_on};
use dangjian::import::{apply_hours, import_hours, plan_hours, HoursOptions, ImportReport};
use dangjian::store::{Activity, Branch, Member, Participant, ParticipantKind};
use dangjian::Store;
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hours").join(name)
}

fn run(store: &Store, file: &Path, options: &HoursOptions) -> ImportReport {
    import_hours(store, file, options, &|_| {}).expect("the file can be read")
}

/// The hospital the fixtures name, as of 2026-06-30.
struct Hospital {
    dir: TempDir,
    store: Store,
}

impl Hospital {
    fn new() -> Hospital {
        let (dir, store) = store_on("2026-06-30");
        let internal = branch(&store, "内科第一党支部");
        let nursing = branch(&store, "护理党支部");
        let person = |name: &str, branch: &Branch, id: Option<String>, staff_no: Option<&str>| {
            let member = Member { id_number: id, staff_no: staff_no.map(String::from), ..Member::new(name, branch.id) };
            store.create(&member).expect("create member");
        };
        person("王喆", &internal, Some(id_number("19850312", 1)), Some("H1001"));
        person("陈玥", &nursing, None, Some("H2001"));
        person("周建华", &internal, None, None);
        person("李堃", &internal, None, None);
        person("李堃", &nursing, None, None);
        person("孙珺", &nursing, Some(id_number("19870918", 6)), None);
        let activity = |title: &str, kind: &str, date: &str, branch: &Branch| {
            let activity = Activity {
                id: 0,
                title: title.into(),
                kind: kind.into(),
                date: day(date),
                end_date: None,
                place: None,
                branch_id: branch.id,
                co_branch_ids: Vec::new(),
                brand_id: None,
                partner_id: None,
                people_served: 0,
                description: None,
                participants: Vec::new(),
            };
            store.create(&activity).expect("create activity");
        };
        activity("新华村中医义诊", "义诊", "2026-03-15", &internal);
        activity("健康科普进社区", "健康讲座", "2026-04-20", &nursing);
        activity("心肺复苏培训", "急救培训", "2026-05-10", &internal);
        activity("心肺复苏培训", "急救培训", "2026-06-12", &internal);
        Hospital { dir, store }
    }

    fn member(&self, name: &str) -> Member {
        let members: Vec<Member> = self.store.list().unwrap();
        members.into_iter().find(|m| m.name == name).unwrap_or_else(|| panic!("{name} is stored"))
    }

    fn activity(&self, title: &str, date: &str) -> Activity {
        let activities: Vec<Activity> = self.store.list().unwrap();
        let found = activities.into_iter().find(|a| a.title == title && a.date == day(date));
        found.unwrap_or_else(|| panic!("{title} on {date} is stored"))
    }

    /// Who took part in an activity: (name, member or not, hours, kind), by name.
    fn people(&self, title: &str, date: &str) -> Vec<(String, bool, f64, ParticipantKind)> {
        let mut people: Vec<_> = self
            .activity(title, date)
            .participants
            .into_iter()
            .map(|p| (p.name, p.member_id.is_some(), p.hours, p.kind))
            .collect();
        people.sort_by(|a, b| a.0.cmp(&b.0));
        people
    }

    /// Writes a CSV file in the test's folder.
    fn csv(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

const MEMBER: ParticipantKind = ParticipantKind::Member;

#[test]
fn the_messy_file_imports_each_person_by_id_number_staff_number_or_name() {
    for name in ["messy.xlsx", "messy.xls", "messy.ods"] {
        let h = Hospital::new();
        let report = run(&h.store, &fixture(name), &HoursOptions::default());
        assert!(report.errors.is_empty(), "{name}: {:#?}", report.errors);
        assert!(report.applied, "{name}");
        assert_eq!((report.new, report.updated, report.unchanged), (6, 0, 0), "{name}");
        let sheet = &report.sheets[0];
        assert_eq!(sheet.header_row, Some(3), "{name}: the header below the title and the unit line");
        assert_eq!(sheet.rows, 6, "{name}: the totals line, the blank row and the footer are not data");
        for (header, field) in [("服务项目", "activity"), ("服务日期", "date"), ("姓\u{3000}名", "name")] {
            assert_eq!(sheet.mapping[header], field, "{name}: {header}");
        }
        for (header, field) in [("职工号", "staff_no"), ("时长（小时）", "hours"), ("身份", "kind")] {
            assert_eq!(sheet.mapping[header], field, "{name}: {header}");
        }
        assert_eq!(sheet.unmapped, ["备注"], "{name}");

        let free_clinic = h.people("新华村中医义诊", "2026-03-15");
        assert_eq!(
            free_clinic,
            [
                ("周建华".to_string(), true, 1.5, MEMBER),
                ("孙珺".to_string(), true, 2.0, MEMBER),
                ("林晓".to_string(), false, 3.0, ParticipantKind::Volunteer),
                ("陈玥".to_string(), true, 1.5, MEMBER),
            ],
            "{name}: by name, by ID number, an outside volunteer marked 群众, by 工号"
        );
        let sun = h.activity("新华村中医义诊", "2026-03-15").participants.into_iter().find(|p| p.name == "孙珺");
        assert_eq!(sun.and_then(|p| p.member_id), Some(h.member("孙珺").id), "{name}");
        assert_eq!(h.people("心肺复苏培训", "2026-06-12"), [("王喆".to_string(), true, 2.0, MEMBER)], "{name}");
        assert!(h.people("心肺复苏培训", "2026-05-10").is_empty(), "{name}: the date picks the activity");
        assert_eq!(h.people("健康科普进社区", "2026-04-20"), [("王喆".to_string(), true, 2.5, MEMBER)], "{name}");
        assert!(report.backup.as_deref().is_some_and(|b| Path::new(b).exists()), "{name}: a backup first");
    }
}

#[test]
fn an_import_is_logged_once_and_each_activity_changed_keeps_its_before_and_after() {
    let h = Hospital::new();
    run(&h.store, &fixture("messy.xlsx"), &HoursOptions::default());
    let log = h.store.audit_log(100).unwrap();
    let imports: Vec<_> = log.iter().filter(|e| e.entity == "hours_import").collect();
    assert_eq!(imports.len(), 1, "{log:#?}");
    let after: serde_json::Value = serde_json::from_str(imports[0].after.as_deref().unwrap()).unwrap();
    assert!(after["file"].as_str().unwrap().ends_with("messy.xlsx") && after["backup"].is_string(), "{after}");
    assert_eq!((after["added"].as_i64(), after["replaced"].as_i64()), (Some(6), Some(0)));
    assert_eq!(after["activities"].as_array().unwrap().len(), 3);
    let free_clinic = h.activity("新华村中医义诊", "2026-03-15");
    let update = log
        .iter()
        .find(|e| e.entity == "activities" && e.action == "update" && e.entity_id == Some(free_clinic.id))
        .expect("the activity's own entry");
    let before: Activity = serde_json::from_str(update.before.as_deref().unwrap()).unwrap();
    assert!(before.participants.is_empty(), "the entry keeps the activity as it was");
}

#[test]
fn importing_again_replaces_hours_instead_of_counting_them_twice() {
    let h = Hospital::new();
    let mut free_clinic = h.activity("新华村中医义诊", "2026-03-15");
    let zhou = h.member("周建华");
    free_clinic.participants =
        vec![Participant { member_id: Some(zhou.id), name: zhou.name.clone(), hours: 1.0, kind: MEMBER }];
    h.store.update(&free_clinic).unwrap();

    let report = run(&h.store, &fixture("messy.xlsx"), &HoursOptions::default());
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!((report.new, report.updated, report.unchanged), (5, 1, 0), "周建华 was there with 1 hour");
    let change = &report.changes[0];
    assert_eq!((change.name.as_str(), change.id, change.row), ("周建华", zhou.id, 6));
    let field = &change.fields[0];
    assert_eq!(
        (field.field.as_str(), field.before.as_str(), field.after.as_str()),
        ("新华村中医义诊（2026-03-15）时长", "1", "1.5")
    );

    let again = run(&h.store, &fixture("messy.xlsx"), &HoursOptions::default());
    assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 6));
    assert!(!again.applied, "nothing to write");
    let free_clinic = h.activity("新华村中医义诊", "2026-03-15");
    assert_eq!(free_clinic.participants.len(), 4, "no one twice");
    assert_eq!(free_clinic.hours(), 8.0, "2 + 1.5 + 1.5 + 3, each counted once");
}

#[test]
fn every_bad_cell_is_named_by_sheet_row_and_column_and_nothing_is_stored() {
    let h = Hospital::new();
    let before = snapshot(&h.store);
    let report = run(&h.store, &fixture("errors.xlsx"), &HoursOptions::default());
    assert!(!report.applied, "a file with errors imports nothing by default");
    assert_eq!(snapshot(&h.store), before, "the database is exactly as before");
    let expected = [
        (3, "活动名称", "「不存在的活动」还没有登记：请先在「品牌与活动」中登记该活动"),
        (4, "活动名称", "有 2 次活动名为「心肺复苏培训」（2026-05-10、2026-06-12）：请填写「日期」列"),
        (5, "姓名", "有 2 名党员叫「李堃」"),
        (6, "姓名", "「赵六」不在党员名册中；若是院外志愿者，请注明身份"),
        (7, "志愿服务时长", "时长 30 小时不合理"),
        (8, "志愿服务时长", "时长「abc」不是数字"),
        (9, "活动日期", "日期「2026-02-30」不存在"),
        (10, "活动日期", "没有在 2026-05-11 举办的一次"),
        (11, "工号", "工号 H9999 不属于名册中的任何党员"),
    ];
    for (row, column, text) in expected {
        assert!(
            report
                .errors
                .iter()
                .any(|p| p.sheet == "时长" && p.row == row && p.column == column && p.message.contains(text)),
            "expected row {row} «{column}»: {text}; got {:#?}",
            report.errors.iter().filter(|p| p.row == row).collect::<Vec<_>>()
        );
    }
    assert_eq!(report.errors.len(), expected.len(), "one problem per bad row: {:#?}", report.errors);
    let li = report.errors.iter().find(|p| p.row == 5).unwrap();
    assert!(li.message.contains("内科第一党支部") && li.message.contains("护理党支部"), "names both: {}", li.message);
    assert!(
        li.message.contains("「工号」或「公民身份号码」"),
        "says how to tell them apart in the sheet: {}",
        li.message
    );
    assert_eq!(report.errors.iter().find(|p| p.row == 8).unwrap().value, "abc", "the value is shown");

    let partial = run(&h.store, &fixture("errors.xlsx"), &HoursOptions { skip_invalid: true, ..Default::default() });
    assert!(partial.applied);
    assert_eq!(partial.new, 2, "only rows 2 and 12");
    assert_eq!(h.people("新华村中医义诊", "2026-03-15"), [("王喆".to_string(), true, 2.0, MEMBER)]);
    assert_eq!(
        h.people("健康科普进社区", "2026-04-20"),
        [("林晓".to_string(), false, 2.0, ParticipantKind::Volunteer)]
    );
}

#[test]
fn the_gbk_csv_imports_alike() {
    let h = Hospital::new();
    let report = run(&h.store, &fixture("hours_gbk.csv"), &HoursOptions::default());
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!(report.new, 3);
    assert_eq!(
        h.people("健康科普进社区", "2026-04-20"),
        [
            ("孙珺".to_string(), true, 2.0, MEMBER),
            ("林晓".to_string(), false, 1.0, ParticipantKind::Volunteer),
            ("陈玥".to_string(), true, 1.5, MEMBER),
        ]
    );
}

#[test]
fn the_same_person_twice_in_one_activity_faults_both_rows() {
    let h = Hospital::new();
    let file =
        h.csv("twice.csv", "活动,日期,姓名,时长\n新华村中医义诊,2026-03-15,王喆,2\n新华村中医义诊,2026-03-15,王喆,3\n");
    let report = run(&h.store, &file, &HoursOptions::default());
    assert!(!report.applied);
    let rows: Vec<(usize, &str)> = report.errors.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(rows, [(2, "姓名"), (3, "姓名")], "{:#?}", report.errors);
    assert!(report.errors[0].message.contains("第 3 行重复") && report.errors[1].message.contains("第 2 行重复"));
}

#[test]
fn a_sheet_without_activity_or_hours_columns_is_refused_with_what_to_add() {
    let h = Hospital::new();
    let file = h.csv("名单.csv", "姓名,工号\n王喆,H1001\n");
    let report = run(&h.store, &file, &HoursOptions::default());
    assert!(!report.applied);
    assert_eq!(report.errors.len(), 1);
    assert!(report.errors[0].message.contains("没有「活动」和「时长」列"), "{}", report.errors[0].message);
    let nothing = h.csv("说明.csv", "请按模板填写\n");
    let err = import_hours(&h.store, &nothing, &HoursOptions::default(), &|_| {}).unwrap_err();
    assert!(err.to_string().contains("没有找到志愿服务时长表"), "{err}");
}

#[test]
fn a_damaged_file_is_refused_in_chinese_and_the_database_is_untouched() {
    let h = Hospital::new();
    let before = snapshot(&h.store);
    let err = import_hours(&h.store, &fixture("truncated.xlsx"), &HoursOptions::default(), &|_| {}).unwrap_err();
    assert!(err.to_string().contains("无法读取") && err.to_string().contains("另存为 xlsx"), "{err}");
    assert_eq!(snapshot(&h.store), before);
}

#[test]
fn a_write_that_fails_leaves_the_database_exactly_as_it_was() {
    let mut h = Hospital::new();
    // The store's day moves back before 心肺复苏培训 of 06-12: updating that
    // activity now fails its check, after the other activities were written.
    h.store.set_today(Some(day("2026-06-01")));
    let before = snapshot(&h.store);
    let err = import_hours(&h.store, &fixture("messy.xlsx"), &HoursOptions::default(), &|_| {}).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("心肺复苏培训") && message.contains("已全部撤销"), "{message}");
    assert!(message.contains("「志愿服务时长」第 8 行"), "names the row: {message}");
    assert_eq!(snapshot(&h.store), before, "nothing of the other activities is left");
    let backups = h.dir.path().join("backups");
    assert_eq!(std::fs::read_dir(&backups).map(|d| d.count()).unwrap_or(0), 0, "the unused backup is removed");
}

#[test]
fn a_previewed_plan_made_before_another_write_is_made_again_when_applied() {
    let h = Hospital::new();
    let options = HoursOptions { include_rows: true, ..Default::default() };
    let plan = plan_hours(&h.store, &fixture("messy.xlsx"), &options, &|_| {}).unwrap();
    assert!(plan.is_for(&fixture("messy.xlsx"), &HoursOptions::default()), "include_rows only shapes the report");
    assert_eq!(plan.report().rows.len(), 6, "one preview row per data row");
    assert_eq!(plan.report().new, 6);

    // Meanwhile 周建华's hour at the free clinic is entered by hand.
    let mut free_clinic = h.activity("新华村中医义诊", "2026-03-15");
    let zhou = h.member("周建华");
    free_clinic.participants =
        vec![Participant { member_id: Some(zhou.id), name: zhou.name.clone(), hours: 1.0, kind: MEMBER }];
    h.store.update(&free_clinic).unwrap();

    let report = apply_hours(&h.store, plan, &|_| {}).unwrap();
    assert!(report.applied, "{:#?}", report.errors);
    assert_eq!((report.new, report.updated), (5, 1), "the hand-entered hour is replaced, not added to");
    assert_eq!(h.activity("新华村中医义诊", "2026-03-15").hours(), 8.0);
}
