//! Roster import on spreadsheets written by a real writer (rust_xlsxwriter) in
//! the test, and on the fixtures in `tests/fixtures/roster/` made by openpyxl,
//! LibreOffice and Python's GBK codec (see that folder's README).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::{branch, id_number, snapshot, temp_store};
use dangjian::import::{
    apply_roster, import_roster, plan_roster, preview_roster, ImportReport, RosterField, RosterOptions,
};
use dangjian::store::{Branch, Category, Member, MemberFilter, PartyGroup};
use dangjian::Store;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A cell to write: text, a number, or a real Excel date.
enum V<'a> {
    T(&'a str),
    N(f64),
    D(u16, u8, u8),
    E,
}

fn write_xlsx(path: &Path, sheets: &[(&str, Vec<Vec<V>>)]) {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match value {
                    V::T(t) => {
                        sheet.write_string(r, c, *t).unwrap();
                    }
                    V::N(n) => {
                        sheet.write_number(r, c, *n).unwrap();
                    }
                    V::D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        sheet.write_datetime_with_format(r, c, &dt, &date).unwrap();
                    }
                    V::E => {}
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

fn run(store: &Store, file: &Path, options: &RosterOptions) -> ImportReport {
    import_roster(store, file, options, &|_| {}).expect("the file can be read")
}

fn members(store: &Store) -> Vec<Member> {
    store.members(&MemberFilter::default()).unwrap()
}

fn by_name(store: &Store, name: &str) -> Member {
    members(store).into_iter().find(|m| m.name == name).unwrap_or_else(|| panic!("{name} was imported"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster").join(name)
}

/// A roster laid out like real hospital files: title, date line, header on row 4
/// with 序号 and an ideographic space, mixed date forms, a signature footer.
fn messy_rows<'a>(ids: &'a [String]) -> Vec<Vec<V<'a>>> {
    vec![
        vec![V::T("滨江市中西医结合医院党员花名册")],
        vec![V::T("填报日期：2026年3月1日")],
        vec![],
        vec![
            V::T("序号"),
            V::T("姓\u{3000}名"),
            V::T("性别"),
            V::T("公民身份号码"),
            V::T("出生年月"),
            V::T("人员类别"),
            V::T("所在党支部"),
            V::T("入党时间"),
            V::T("转正时间"),
            V::T("工作部门"),
            V::T("手机号码"),
            V::T("籍贯"),
        ],
        vec![
            V::N(1.0),
            V::T("王喆"),
            V::T("男"),
            V::T(&ids[0]),
            V::D(1985, 3, 12),
            V::T("正式党员"),
            V::T("内科党支部"),
            V::T("2008.06"),
            V::T("2009年6月"),
            V::T("呼吸内科"),
            V::N(13_812_345_678.0),
            V::T("浙江永康"),
        ],
        vec![
            V::N(2.0),
            V::T("李堃"),
            V::T("女"),
            V::T(&ids[1]),
            V::N(19_900_708.0),
            V::T("预备"),
            V::T("内科党支部"),
            V::T("2025-12-01"),
            V::E,
            V::T("心内科"),
            V::T("139 0000 1111"),
            V::E,
        ],
        vec![
            V::N(3.0),
            V::T("朱镕"),
            V::T("男"),
            V::T(&ids[2]),
            V::T("1979/1/5"),
            V::T("正式"),
            V::T("内科支部"),
            V::T("2003年7月1日"),
            V::T("20040701"),
            V::E,
            V::E,
            V::E,
        ],
        vec![],
        vec![V::T("制表人：张敏"), V::E, V::T("审核人：刘强")],
        vec![V::T("日期：2026年3月1日")],
    ]
}

fn messy_ids() -> Vec<String> {
    vec![id_number("19850312", 1), id_number("19900708", 2), id_number("19790105", 3)]
}

#[test]
fn a_messy_real_world_layout_imports_correctly() {
    let (dir, store) = temp_store();
    branch(&store, "内科党支部");
    let file = dir.path().join("花名册.xlsx");
    let ids = messy_ids();
    write_xlsx(&file, &[("党员花名册", messy_rows(&ids))]);

    let report = run(&store, &file, &RosterOptions::default());
    assert!(report.errors.is_empty(), "no errors expected: {:#?}", report.errors);
    assert!(report.applied);
    assert_eq!((report.new, report.updated, report.unchanged), (3, 0, 0));
    assert_eq!(report.sheets[0].header_row, Some(4), "the header is found on row 4");
    assert_eq!(report.sheets[0].mapping["姓\u{3000}名"], "name");
    assert_eq!(report.sheets[0].unmapped, vec!["籍贯"]);
    assert!(
        report.warnings.iter().any(|w| w.value == "内科支部" && w.message.contains("内科党支部")),
        "a close branch name is matched with a warning"
    );

    let wang = by_name(&store, "王喆");
    assert_eq!(wang.birth_date.unwrap().to_string(), "1985-03-12", "a real Excel date");
    assert_eq!(wang.joined_on.unwrap().to_string(), "2008-06", "month-only stays month-only");
    assert_eq!(wang.full_member_on.unwrap().to_string(), "2009-06");
    assert_eq!(wang.phone.as_deref(), Some("13812345678"), "a phone typed as a number");
    assert_eq!(wang.extra["籍贯"], "浙江永康", "unmapped columns are kept");
    let li = by_name(&store, "李堃");
    assert_eq!(li.birth_date.unwrap().to_string(), "1990-07-08", "19900708 typed as a number");
    assert_eq!(li.category, Category::Probationary);
    let zhu = by_name(&store, "朱镕");
    assert_eq!(zhu.birth_date.unwrap().to_string(), "1979-01-05");
    assert_eq!(zhu.full_member_on.unwrap().to_string(), "2004-07-01");
    assert!(report.backup.as_deref().is_some_and(|b| Path::new(b).exists()), "a backup is taken before applying");
}

#[test]
fn reimporting_a_changed_roster_updates_instead_of_duplicating() {
    let (dir, store) = temp_store();
    branch(&store, "内科党支部");
    branch(&store, "中医党支部");
    let ids = messy_ids();
    let first = dir.path().join("v1.xlsx");
    write_xlsx(&first, &[("花名册", messy_rows(&ids))]);
    run(&store, &first, &RosterOptions::default());

    let mut rows = messy_rows(&ids);
    rows[4][9] = V::T("呼吸与危重症医学科");
    rows[5][5] = V::T("正式党员");
    rows[5][8] = V::T("2026-12-01");
    rows[5][8] = V::T("2026-01-05");
    rows[6][6] = V::T("中医党支部");
    let second = dir.path().join("v2.xlsx");
    write_xlsx(&second, &[("花名册", rows)]);
    let report = run(&store, &second, &RosterOptions::default());
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!((report.new, report.updated, report.unchanged), (0, 3, 0));
    assert_eq!(members(&store).len(), 3, "no duplicates");
    let change = |name: &str| report.changes.iter().find(|c| c.name == name).unwrap();
    let wang = &change("王喆").fields;
    assert_eq!(
        (wang[0].field.as_str(), wang[0].before.as_str(), wang[0].after.as_str()),
        ("科室", "呼吸内科", "呼吸与危重症医学科")
    );
    let li: Vec<&str> = change("李堃").fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(li, ["人员类别", "转正日期"]);
    assert_eq!(change("朱镕").fields[0].after, "中医党支部");
    let zhu = by_name(&store, "朱镕");
    assert_eq!(store.transfers_of(zhu.id).unwrap().len(), 1, "a branch change is recorded as a transfer");

    let again = run(&store, &second, &RosterOptions::default());
    assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 3));
    assert!(!again.applied, "nothing to write");
}

#[test]
fn every_bad_row_is_named_by_sheet_row_and_column_and_nothing_is_stored() {
    let (dir, store) = temp_store();
    branch(&store, "内科党支部");
    let good = id_number("19850312", 1);
    let mut wrong_check = id_number("19850312", 3);
    wrong_check.replace_range(17..18, if wrong_check.ends_with('1') { "2" } else { "1" });
    let header = || {
        vec![
            V::T("姓名"),
            V::T("性别"),
            V::T("身份证号码"),
            V::T("出生日期"),
            V::T("党员类别"),
            V::T("党支部"),
            V::T("入党日期"),
            V::T("转正日期"),
        ]
    };
    let b = "内科党支部";
    let id2 = id_number("19900101", 2);
    let rows = vec![
        header(),
        vec![
            V::T("赵昇"),
            V::T("男"),
            V::T(&good),
            V::T("1985-03-12"),
            V::T("正式党员"),
            V::T(b),
            V::T("2008-06-01"),
            V::T("2009-06-01"),
        ],
        vec![V::T("甲"), V::T("男"), V::T(&wrong_check), V::E, V::T("正式党员"), V::T(b)],
        vec![V::T("乙"), V::T("男"), V::N(310_116_198_503_120_019.0), V::E, V::T("正式党员"), V::T(b)],
        vec![V::T("丙"), V::T("女"), V::E, V::T("1985-02-30"), V::T("正式党员"), V::T(b)],
        vec![V::T("丁"), V::T("女"), V::E, V::T("1990-01-01"), V::T("正式党员"), V::T(b), V::T("2005-01-01")],
        vec![
            V::T("戊"),
            V::T("女"),
            V::E,
            V::T("1980-01-01"),
            V::T("正式党员"),
            V::T(b),
            V::T("2005-01-01"),
            V::T("2004-01-01"),
        ],
        vec![
            V::T("己"),
            V::T("女"),
            V::E,
            V::T("1980-01-01"),
            V::T("预备党员"),
            V::T(b),
            V::T("2005-01-01"),
            V::T("2006-01-01"),
        ],
        vec![V::T("庚"), V::T("女"), V::E, V::T("1980-01-01"), V::T("正式党员"), V::T(b), V::T("2099-01-01")],
        vec![V::T("辛"), V::T("女"), V::T(&id2), V::T("1990-02-01"), V::T("正式党员"), V::T(b)],
        vec![V::T("壬"), V::T("男"), V::T(&id2), V::E, V::T("正式党员"), V::T(b)],
        vec![V::T("癸"), V::T("男"), V::T(&good), V::E, V::T("正式党员"), V::T(b)],
        vec![V::E, V::T("男"), V::E, V::T("1980-01-01"), V::T("正式党员"), V::T(b)],
        vec![V::T("子"), V::T("男女"), V::E, V::E, V::T("正式党员"), V::T(b)],
        vec![V::T("孙珺"), V::T("女"), V::E, V::T("1992-04-05"), V::T("正式党员"), V::T(b)],
    ];
    let file = dir.path().join("errors.xlsx");
    write_xlsx(&file, &[("花名册", rows)]);
    let before = snapshot(&store);
    let report = run(&store, &file, &RosterOptions::default());
    assert!(!report.applied, "a file with errors imports nothing by default");
    assert_eq!(snapshot(&store), before, "the database is exactly as before");

    assert_the_thirteen_error_rows(&report);
    let bad_rows: std::collections::BTreeSet<usize> = report.errors.iter().map(|p| p.row).collect();
    assert_eq!(bad_rows, (2..=14).collect(), "rows 2-14 fail (2 and 12 share an ID), row 15 is valid");
    assert!(
        report.errors.iter().find(|p| p.row == 4).unwrap().value.starts_with("3101161985031"),
        "the value is shown"
    );

    let partial = run(&store, &file, &RosterOptions { skip_invalid: true, ..Default::default() });
    assert!(partial.applied);
    assert_eq!(partial.new, 1, "only the valid row 15 is imported");
    assert_eq!(members(&store).iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["孙珺"]);

    let out = dir.path().join("错误报告.xlsx");
    let written = dangjian::export::roster::error_report(&report, &file, &out).unwrap();
    assert_eq!(written, 13, "one line per bad row");
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    use calamine::Reader;
    let range = book.worksheet_range("花名册").unwrap();
    let last_col = range.width() - 1;
    assert_eq!(range.get((0, last_col)).unwrap().to_string(), "错误原因");
    assert_eq!(range.get((1, 0)).unwrap().to_string(), "2", "the original row number");
    assert!(range.get((2, last_col)).unwrap().to_string().contains("校验位不符"));
}

#[test]
fn one_sheet_per_branch_takes_the_branch_from_the_sheet_name() {
    let (dir, store) = temp_store();
    branch(&store, "内科第一党支部");
    let header = || vec![V::T("姓名"), V::T("性别"), V::T("出生日期"), V::T("人员类别")];
    let file = dir.path().join("per-branch.xlsx");
    write_xlsx(
        &file,
        &[
            ("内科第一党支部", vec![header(), vec![V::T("陈玥"), V::T("女"), V::T("1988-05-06"), V::T("正式党员")]]),
            ("急诊党支部", vec![header(), vec![V::T("赵昇"), V::T("男"), V::T("1990-05-06"), V::T("预备党员")]]),
            ("填表说明", vec![vec![V::T("1. 姓名请写全名")], vec![V::T("2. 日期写成 1985-03-12")]]),
        ],
    );
    let refused = run(&store, &file, &RosterOptions::default());
    assert!(refused.errors.iter().any(|p| p.value == "急诊党支部" && p.message.contains("--create-branches")));
    let report = run(&store, &file, &RosterOptions { create_branches: true, ..Default::default() });
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!(report.new, 2);
    assert_eq!(report.new_branches, vec!["急诊党支部"]);
    assert_eq!(report.sheets[1].branch_from_name.as_deref(), Some("急诊党支部"));
    assert!(report.warnings.iter().any(|w| w.sheet == "填表说明" && w.message.contains("已跳过")));
    assert!(
        report.warnings.iter().any(|w| w.column == "公民身份号码" && w.message.contains("没有身份证号")),
        "rows without an ID are flagged"
    );
    let emergency = store.branch_by_name("急诊党支部").unwrap();
    assert_eq!(by_name(&store, "赵昇").branch_id, emergency.id);
}

#[test]
fn a_mapping_override_reads_unknown_headers_and_a_sheet_can_be_chosen() {
    let (dir, store) = temp_store();
    branch(&store, "内科党支部");
    let file = dir.path().join("custom.xlsx");
    let rows = |name: &'static str| {
        vec![vec![V::T("姓名"), V::T("支部"), V::T("工作单位")], vec![V::T(name), V::T("内科党支部"), V::T("呼吸内科")]]
    };
    write_xlsx(&file, &[("一", rows("王喆")), ("二", rows("李堃"))]);
    let options = RosterOptions {
        sheet: Some("二".into()),
        mapping: BTreeMap::from([("工作单位".to_string(), RosterField::Department)]),
        ..Default::default()
    };
    let report = run(&store, &file, &options);
    assert_eq!(report.new, 1);
    assert_eq!(by_name(&store, "李堃").department.as_deref(), Some("呼吸内科"));
    let missing =
        import_roster(&store, &file, &RosterOptions { sheet: Some("三".into()), ..Default::default() }, &|_| {});
    assert!(missing.unwrap_err().to_string().contains("现有：一、二"));
}

#[test]
fn a_preview_reports_exactly_what_applying_does_and_changes_nothing() {
    let (dir, store) = temp_store();
    branch(&store, "内科党支部");
    let file = dir.path().join("花名册.xlsx");
    let ids = messy_ids();
    write_xlsx(&file, &[("花名册", messy_rows(&ids))]);
    let before = snapshot(&store);
    let preview =
        preview_roster(&store, &file, &RosterOptions { include_rows: true, ..Default::default() }, &|_| {}).unwrap();
    assert_eq!(snapshot(&store), before);
    assert!(!preview.applied && preview.backup.is_none());
    assert_eq!(preview.rows.len(), 3, "one preview row per member row");
    assert_eq!(preview.rows[0].cells["姓\u{3000}名"], "王喆");
    let applied = run(&store, &file, &RosterOptions::default());
    assert_eq!(
        (preview.new, preview.updated, preview.errors.len()),
        (applied.new, applied.updated, applied.errors.len())
    );
}

#[test]
fn a_previewed_plan_is_applied_as_shown_without_reading_the_file_again() {
    let (dir, store) = temp_store();
    branch(&store, "内科党支部");
    let file = dir.path().join("花名册.xlsx");
    let ids = messy_ids();
    write_xlsx(&file, &[("花名册", messy_rows(&ids))]);
    let options = RosterOptions { include_rows: true, ..Default::default() };
    let plan = plan_roster(&store, &file, &options, &|_| {}).unwrap();
    assert!(plan.is_for(&file, &RosterOptions::default()), "include_rows only shapes the report");
    assert!(!plan.is_for(&file, &RosterOptions { skip_invalid: true, ..Default::default() }));

    std::fs::remove_file(&file).unwrap();
    assert!(!plan.is_for(&file, &RosterOptions::default()), "the file is gone");
    let report = apply_roster(&store, plan, &|_| {}).expect("the plan needs no file");
    assert!(report.applied);
    assert_eq!((report.new, report.updated), (3, 0));
    assert_eq!(members(&store).len(), 3);
}

#[test]
fn a_plan_made_before_another_write_is_made_again_when_applied() {
    let (dir, store) = temp_store();
    let b = branch(&store, "内科党支部");
    let file = dir.path().join("花名册.xlsx");
    let ids = messy_ids();
    write_xlsx(&file, &[("花名册", messy_rows(&ids))]);
    let plan = plan_roster(&store, &file, &RosterOptions::default(), &|_| {}).unwrap();
    assert_eq!(plan.report().new, 3);

    // Meanwhile the first person of the file is entered by hand.
    let by_hand = Member { id_number: Some(ids[0].clone()), ..Member::new("王喆", b.id) };
    store.create(&by_hand).unwrap();
    let report = apply_roster(&store, plan, &|_| {}).unwrap();
    assert!(report.applied, "{:#?}", report.errors);
    assert_eq!((report.new, report.updated), (2, 1), "the hand-entered member is updated, not duplicated");
    assert_eq!(members(&store).len(), 3);
    assert_eq!(by_name(&store, "王喆").department.as_deref(), Some("呼吸内科"));
}

#[test]
fn two_rows_standing_for_one_stored_member_are_both_refused() {
    let (dir, store) = temp_store();
    let b = branch(&store, "内科党支部");
    store.create(&Member { birth_date: Some("1985-03-12".parse().unwrap()), ..Member::new("王喆", b.id) }).unwrap();
    let file = dir.path().join("twice.xlsx");
    let (first, second) = (id_number("19850312", 1), id_number("19850312", 3));
    write_xlsx(
        &file,
        &[(
            "花名册",
            vec![
                vec![V::T("姓名"), V::T("身份证号"), V::T("出生日期"), V::T("所在党支部")],
                vec![V::T("王喆"), V::T(&first), V::T("1985-03-12"), V::T("内科党支部")],
                vec![V::T("王喆"), V::T(&second), V::T("1985-03-12"), V::T("内科党支部")],
            ],
        )],
    );
    let before = snapshot(&store);
    let report = run(&store, &file, &RosterOptions::default());
    assert!(!report.applied);
    assert_eq!(snapshot(&store), before);
    assert_eq!(report.errors.len(), 1, "{:#?}", report.errors);
    assert_eq!((report.errors[0].row, report.errors[0].column.as_str()), (3, "姓名"));
    assert!(report.errors[0].message.contains("第 2 行是同一名已登记的党员「王喆」"), "{}", report.errors[0].message);
}

#[test]
fn a_large_file_reports_progress_while_it_is_read_checked_and_written() {
    let (dir, store) = temp_store();
    branch(&store, "内科党支部");
    let file = dir.path().join("large.xlsx");
    let rows = 12_000;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, header) in ["姓名", "性别", "所在党支部"].iter().enumerate() {
        sheet.write_string(0, c as u16, *header).unwrap();
    }
    for r in 1..=rows {
        sheet.write_string(r, 0, format!("党员{r}")).unwrap();
        sheet.write_string(r, 1, "男").unwrap();
        sheet.write_string(r, 2, "内科党支部").unwrap();
    }
    workbook.save(&file).unwrap();

    let events = std::cell::RefCell::new(Vec::new());
    let report = import_roster(&store, &file, &RosterOptions::default(), &|p| events.borrow_mut().push(p)).unwrap();
    assert_eq!(report.new, rows as usize);
    let events = events.into_inner();
    let stage = |prefix: &str| events.iter().filter(|p| p.stage.starts_with(prefix)).collect::<Vec<_>>();
    let reading = stage("正在读取「Sheet1」");
    assert!(reading.len() >= 2, "the read reports as it goes: {events:#?}");
    assert!(reading.iter().all(|p| p.total == rows as usize + 1 && p.done <= p.total), "{reading:#?}");
    assert!(reading.windows(2).all(|w| w[0].done < w[1].done), "{reading:#?}");
    // Rows are checked as they are read, so the read's progress is the check's.
    assert!(!stage("正在写入").is_empty(), "the write reports too: {events:#?}");
    assert_eq!(events.last().map(|p| (p.done, p.total)), Some((rows as usize, rows as usize)));
}

#[test]
fn an_exported_roster_imports_back_with_no_changes() {
    let (dir, store) = temp_store();
    dangjian::demo::load(&store, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()).unwrap();
    let out = dir.path().join("export.xlsx");
    let count = dangjian::export::roster::export_roster(&store, &out, false).unwrap();
    assert_eq!(count, members(&store).len());
    let report = run(&store, &out, &RosterOptions::default());
    assert!(report.errors.is_empty(), "{:#?}", &report.errors[..report.errors.len().min(3)]);
    assert_eq!((report.new, report.updated, report.unchanged), (0, 0, count));

    let (_other_dir, empty) = temp_store();
    let fresh = run(&empty, &out, &RosterOptions { create_branches: true, ..Default::default() });
    assert_eq!(fresh.new, count, "an export loads into an empty database");
    let placement = |store: &Store| {
        let branches: BTreeMap<i64, String> =
            store.list::<Branch>().unwrap().into_iter().map(|b| (b.id, b.name)).collect();
        let groups: BTreeMap<i64, String> =
            store.list::<PartyGroup>().unwrap().into_iter().map(|g| (g.id, g.name)).collect();
        let mut placed: Vec<(String, String, String)> = members(store)
            .into_iter()
            .map(|m| {
                (
                    m.id_number.unwrap_or(m.name),
                    branches[&m.branch_id].clone(),
                    m.group_id.map(|g| groups[&g].clone()).unwrap_or_default(),
                )
            })
            .collect();
        placed.sort();
        placed
    };
    let placed = placement(&empty);
    assert!(placed.iter().any(|(_, _, group)| !group.is_empty()), "the demo's party groups are in the export");
    assert_eq!(placed, placement(&store), "every member is back in the same branch and party group");
    let month_only = members(&empty).iter().filter(|m| m.joined_on.is_some_and(|d| d.to_date().is_none())).count();
    assert!(month_only > 0, "month-only dates survive the round trip");
}

#[test]
fn a_masked_roster_export_is_refused_on_import_and_says_why() {
    let (dir, store) = temp_store();
    dangjian::demo::load(&store, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()).unwrap();
    let before = snapshot(&store);
    let out = dir.path().join("masked.xlsx");
    dangjian::export::roster::export_roster(&store, &out, true).unwrap();
    let report = run(&store, &out, &RosterOptions::default());
    let masked: Vec<_> = report.errors.iter().filter(|p| p.message.contains("打码")).collect();
    assert!(!masked.is_empty(), "{:#?}", &report.errors[..report.errors.len().min(3)]);
    assert!(masked.iter().all(|p| p.value.contains('*') && p.row > 1), "{:#?}", masked[0]);
    assert!(masked[0].message.contains("完整号码"), "it says how to get a file that imports: {}", masked[0].message);
    assert_eq!(snapshot(&store), before, "nothing was changed");
}

#[test]
fn the_template_has_the_roster_columns_and_the_branch_list() {
    use calamine::Reader;
    let (dir, store) = temp_store();
    branch(&store, "内科党支部");
    branch(&store, "护理党支部");
    let out = dir.path().join("模板.xlsx");
    dangjian::export::roster::roster_template(&store, &out).unwrap();
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    let sheet = book.worksheet_range("党员花名册").unwrap();
    let headers: Vec<String> = sheet.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(headers, dangjian::export::roster::columns());
    let options = book.worksheet_range("选项").unwrap();
    let names: Vec<String> = options.rows().map(|r| r[0].to_string()).collect();
    assert_eq!(names, ["内科党支部", "护理党支部"]);
    let xml = unzip_sheet1(&out);
    assert!(
        xml.contains("<dataValidation") && xml.contains("\"男,女\"") && xml.contains("选项!$A$1:$A$2"),
        "drop-downs: {xml}"
    );
}

/// The first worksheet's XML, read with Python's zipfile (a real reader, outside our code).
fn unzip_sheet1(path: &Path) -> String {
    let output = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode())",
        ])
        .arg(path)
        .output()
        .expect("python3 runs");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn csv_in_gbk_and_in_utf8_with_bom_import_alike() {
    for (name, bytes) in [
        ("gbk.csv", encoding_rs::GBK.encode(&csv_text()).0.into_owned()),
        ("bom.csv", [b"\xEF\xBB\xBF".as_slice(), csv_text().as_bytes()].concat()),
    ] {
        let (dir, store) = temp_store();
        branch(&store, "内科党支部");
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let report = run(&store, &file, &RosterOptions::default());
        assert!(report.errors.is_empty(), "{name}: {:#?}", report.errors);
        assert_eq!(report.new, 2, "{name}");
        assert_eq!(by_name(&store, "王喆").joined_on.unwrap().to_string(), "2008-06", "{name}");
    }
}

/// A file name in GBK bytes, as unzipping a Chinese Windows archive leaves it on
/// Linux: not UTF-8, and still the user's file to import.
#[cfg(unix)]
#[test]
fn a_file_whose_name_is_not_utf8_imports_and_is_logged() {
    use std::os::unix::ffi::OsStrExt;
    let (dir, store) = temp_store();
    branch(&store, "内科党支部");
    let file = dir.path().join(std::ffi::OsStr::from_bytes(b"\xd5\xc5\xc8\xfd.csv"));
    std::fs::write(&file, csv_text()).unwrap();
    let report = run(&store, &file, &RosterOptions::default());
    assert!(report.applied && report.new == 2, "{report:#?}");
    let log = store.audit_log(10).unwrap();
    let entry = log.iter().find(|e| e.entity == "roster_import").expect("the import is logged");
    assert!(entry.after.as_deref().unwrap().contains(".csv"), "{entry:?}");
}

fn csv_text() -> String {
    format!(
        "姓名,性别,身份证号,出生日期,所在支部,入党日期,人员类别\r\n王喆,男,{},1985-03-12,内科党支部,2008.06,正式党员\r\n李堃,女,{},1990/7/8,内科党支部,2025年12月,预备党员\r\n",
        id_number("19850312", 1),
        id_number("19900708", 2)
    )
}

#[test]
fn damaged_and_hostile_files_get_a_clear_error_and_store_nothing() {
    let (dir, store) = temp_store();
    branch(&store, "内科党支部");
    let before = snapshot(&store);
    let good = dir.path().join("good.xlsx");
    write_xlsx(&good, &[("花名册", messy_rows(&messy_ids()))]);
    let bytes = std::fs::read(&good).unwrap();

    let mut rng = fastrand::Rng::with_seed(7);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.xlsx", bytes[..bytes.len() / 3].to_vec(), "无法读取"),
        ("random.xlsx", (0..4096).map(|_| rng.u8(..)).collect(), "无法读取"),
        ("random.xls", (0..4096).map(|_| rng.u8(..)).collect(), "无法读取"),
        (
            "encrypted.xlsx",
            [&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &[0u8; 1024][..]].concat(),
            "设置了打开密码",
        ),
        ("notes.docx", b"hello".to_vec(), "不支持的文件类型"),
        (
            "huge.csv",
            format!("姓名,备注\n王喆,{}\n", "很".repeat(50 * 1024 * 1024 / 3)).into_bytes(),
            "超过 32767 个字符",
        ),
    ];
    for (name, content, expected) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, content).unwrap();
        let err = import_roster(&store, &file, &RosterOptions::default(), &|_| {}).unwrap_err();
        assert!(err.to_string().contains(expected), "{name}: expected «{expected}», got «{err}»");
        assert_eq!(snapshot(&store), before, "{name} changed the database");
    }
    let empty = dir.path().join("empty.xlsx");
    write_xlsx(&empty, &[("Sheet1", vec![])]);
    let err = import_roster(&store, &empty, &RosterOptions::default(), &|_| {}).unwrap_err();
    assert!(err.to_string().contains("没有找到花名册"), "{err}");
    let missing = import_roster(&store, &dir.path().join("nope.xlsx"), &RosterOptions::default(), &|_| {}).unwrap_err();
    assert_eq!(missing.code(), dangjian::ErrorCode::Io);
    assert_eq!(snapshot(&store), before);
}

/// The fixtures made by openpyxl, LibreOffice and Python's codecs (see make_fixtures.py).
#[test]
fn fixtures_from_other_writers_import_as_documented() {
    // name, birth, category, branch, joined, full, phone: exactly as messy.xlsx states them.
    let expected = [
        ("王喆", "1985-03-12", "正式党员", "内科第一党支部", "2008-06", "2009-06", "13812345678"),
        ("李堃", "1990-07-08", "预备党员", "内科第一党支部", "2025-12-01", "", "13900001111"),
        ("朱镕", "1979-01-05", "正式党员", "内科第一党支部", "2003-07-01", "2004-07-01", ""),
        ("陈玥", "1988-05", "正式党员", "护理党支部", "2010-07-01", "2011-07-01", "13700002222"),
        ("赵昇", "1991-02", "正式党员", "护理党支部", "2015-06", "2016-06", "13600003333"),
        ("孙珺", "1987-09-18", "正式党员", "护理党支部", "2012-05-04", "2013-05-04", ""),
        ("周建华", "1970-01-01", "正式党员", "中医党支部", "1995-07", "1996-07", "13500004444"),
        ("吴晓燕", "1995-08-12", "预备党员", "中医党支部", "2026-01-10", "", "13400005555"),
    ];
    for name in ["messy.xlsx", "messy.xls", "messy.ods", "messy.xlsm", "messy.xlsb"] {
        let (_dir, store) = temp_store();
        let report = run(&store, &fixture(name), &RosterOptions { create_branches: true, ..Default::default() });
        assert!(report.errors.is_empty(), "{name}: {:#?}", report.errors);
        assert_eq!(report.sheets[0].header_row, Some(4), "{name}: header below the title and date line");
        assert_eq!(report.new, expected.len(), "{name}: the footer rows are not members");
        let branches: std::collections::HashMap<i64, String> =
            store.list::<dangjian::store::Branch>().unwrap().into_iter().map(|b| (b.id, b.name)).collect();
        for (who, birth, category, branch, joined, full, phone) in expected {
            let m = by_name(&store, who);
            let date = |d: Option<dangjian::date::PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
            let got = (
                date(m.birth_date),
                m.category.label(),
                branches[&m.branch_id].as_str(),
                date(m.joined_on),
                date(m.full_member_on),
                m.phone.clone().unwrap_or_default(),
            );
            assert_eq!(
                got,
                (birth.to_string(), category, branch, joined.to_string(), full.to_string(), phone.to_string()),
                "{name}: {who}"
            );
        }
        assert_eq!(by_name(&store, "王喆").extra["籍贯"], "浙江永康", "{name}");
    }
    for name in ["roster_gbk.csv", "roster_utf8_bom.csv"] {
        let (_dir, store) = temp_store();
        let report = run(&store, &fixture(name), &RosterOptions { create_branches: true, ..Default::default() });
        assert!(report.errors.is_empty(), "{name}: {:#?}", report.errors);
        let names: Vec<String> = members(&store).into_iter().map(|m| m.name).collect();
        assert_eq!(names.len(), 3, "{name}");
        for who in ["王喆", "李堃", "周建华"] {
            assert!(names.contains(&who.to_string()), "{name}: {who} decoded");
        }
        assert_eq!(by_name(&store, "李堃").joined_on.unwrap().to_string(), "2025-12", "{name}");
    }
}

#[test]
fn a_real_encrypted_workbook_is_refused_with_the_fix() {
    let (_dir, store) = temp_store();
    let err = import_roster(&store, &fixture("encrypted.xlsx"), &RosterOptions::default(), &|_| {}).unwrap_err();
    assert!(err.to_string().contains("设置了打开密码"), "{err}");
    assert!(store.is_empty().unwrap());
}

#[test]
fn a_million_formatted_empty_rows_do_not_count_as_members() {
    let (_dir, store) = temp_store();
    let report = run(
        &store,
        &fixture("formatted_empty_rows.xlsx"),
        &RosterOptions { create_branches: true, ..Default::default() },
    );
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!(report.new, 1);
    assert_eq!(report.sheets[0].rows, 1, "styled rows without values are not rows");
}

#[test]
fn a_member_entered_without_an_id_gets_it_from_the_roster_instead_of_a_twin() {
    let (dir, store) = temp_store();
    let b = branch(&store, "内科党支部");
    store.create(&Member { birth_date: Some("1985-03-12".parse().unwrap()), ..Member::new("王喆", b.id) }).unwrap();
    let file = dir.path().join("ids.xlsx");
    let id = id_number("19850312", 1);
    write_xlsx(
        &file,
        &[(
            "花名册",
            vec![
                vec![V::T("姓名"), V::T("身份证号"), V::T("出生日期"), V::T("所在党支部")],
                vec![V::T("王喆"), V::T(&id), V::T("1985-03-12"), V::T("内科党支部")],
            ],
        )],
    );
    let report = run(&store, &file, &RosterOptions::default());
    assert_eq!((report.new, report.updated), (0, 1), "{:#?}", report.errors);
    assert_eq!(members(&store).len(), 1);
    assert_eq!(by_name(&store, "王喆").id_number.as_deref(), Some(id.as_str()));
}

#[test]
fn the_openpyxl_error_roster_names_every_bad_row_and_stores_nothing() {
    let (_dir, store) = temp_store();
    let report = run(&store, &fixture("errors.xlsx"), &RosterOptions { create_branches: true, ..Default::default() });
    assert!(!report.applied && store.is_empty().unwrap(), "a file with errors stores nothing");
    assert_the_thirteen_error_rows(&report);
    let bad: std::collections::BTreeSet<usize> = report.errors.iter().map(|p| p.row).collect();
    assert_eq!(bad, (2..=14).collect(), "only row 15 (孙珺) is free of errors");
    let partial = run(
        &store,
        &fixture("errors.xlsx"),
        &RosterOptions { create_branches: true, skip_invalid: true, ..Default::default() },
    );
    assert_eq!(partial.new, 1);
    assert_eq!(members(&store)[0].name, "孙珺");
}

#[test]
fn the_openpyxl_updated_roster_updates_three_and_adds_one() {
    let (_dir, store) = temp_store();
    let options = RosterOptions { create_branches: true, ..Default::default() };
    run(&store, &fixture("messy.xlsx"), &options);
    let report = run(&store, &fixture("updated.xlsx"), &options);
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!((report.new, report.updated, report.unchanged), (1, 3, 5));
    let fields = |name: &str| -> Vec<(String, String, String)> {
        let change = report.changes.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("{name} changed"));
        change.fields.iter().map(|f| (f.field.clone(), f.before.clone(), f.after.clone())).collect()
    };
    let triple = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(fields("王喆"), [triple("科室", "呼吸内科", "呼吸与危重症医学科")]);
    assert_eq!(fields("孙珺"), [triple("所在党支部", "护理党支部", "中医党支部")]);
    assert_eq!(fields("李堃"), [triple("人员类别", "预备党员", "正式党员"), triple("转正日期", "", "2026-11-20")]);
    assert_eq!(members(&store).len(), 9, "updates, not duplicates");
}

#[test]
fn an_import_is_logged_once_with_what_it_added_and_each_changed_member_with_before_and_after() {
    let (_dir, store) = temp_store();
    let options = RosterOptions { create_branches: true, ..Default::default() };
    let json = |text: &Option<String>| -> serde_json::Value {
        serde_json::from_str(text.as_deref().expect("the entry has an after")).unwrap()
    };
    let ids = |value: &serde_json::Value| -> Vec<i64> {
        value.as_array().unwrap().iter().map(|id| id.as_i64().unwrap()).collect()
    };

    run(&store, &fixture("messy.xlsx"), &options);
    let log = store.audit_log(100).unwrap();
    let imports: Vec<_> = log.iter().filter(|e| e.entity == "roster_import").collect();
    assert_eq!(imports.len(), 1, "one entry for the import: {log:#?}");
    assert!(log.iter().all(|e| e.entity != "members"), "no entry per added member: {log:#?}");
    let after = json(&imports[0].after);
    let mut stored: Vec<i64> = members(&store).iter().map(|m| m.id).collect();
    stored.sort_unstable();
    assert_eq!((imports[0].action.as_str(), ids(&after["new_members"])), ("import", stored));
    assert_eq!(ids(&after["new_branches"]).len(), 3);
    assert!(after["file"].as_str().unwrap().ends_with("messy.xlsx") && after["backup"].is_string(), "{after}");

    run(&store, &fixture("updated.xlsx"), &options);
    let log = store.audit_log(100).unwrap();
    let newest = json(&log.iter().find(|e| e.entity == "roster_import").unwrap().after);
    assert_eq!(ids(&newest["new_members"]), [by_name(&store, "郑晗").id]);
    let updates: Vec<_> = log.iter().filter(|e| e.entity == "members" && e.action == "update").collect();
    let mut updated: Vec<i64> = updates.iter().map(|e| e.entity_id.unwrap()).collect();
    updated.sort_unstable();
    let mut expected: Vec<i64> = ["王喆", "孙珺", "李堃"].iter().map(|n| by_name(&store, n).id).collect();
    expected.sort_unstable();
    assert_eq!(updated, expected);
    assert_eq!(ids(&newest["updated_members"]).len(), 3);
    let wang = updates.iter().find(|e| e.entity_id == Some(by_name(&store, "王喆").id)).unwrap();
    assert_eq!(json(&wang.before)["department"], "呼吸内科", "the entry keeps the member as it was");
    assert_eq!(json(&wang.after)["department"], "呼吸与危重症医学科");
}

#[test]
fn the_openpyxl_sheet_per_branch_roster_takes_branches_from_sheet_names() {
    let (_dir, store) = temp_store();
    let report =
        run(&store, &fixture("per_branch_sheets.xlsx"), &RosterOptions { create_branches: true, ..Default::default() });
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!(report.new, 5);
    let from_names: Vec<Option<&str>> = report.sheets.iter().map(|s| s.branch_from_name.as_deref()).collect();
    assert_eq!(from_names, [Some("内科第一党支部"), Some("急诊党支部"), None]);
    assert!(report.warnings.iter().any(|w| w.sheet == "填表说明" && w.message.contains("已跳过")));
}

#[test]
fn an_xlsb_whose_cells_calamine_would_skip_is_refused_not_read_in_part() {
    let (_dir, store) = temp_store();
    let options = RosterOptions { create_branches: true, ..Default::default() };
    let err = import_roster(&store, &fixture("messy_sheetjs.xlsb"), &options, &|_| {}).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("无法完整读取") && message.contains("另存为 xlsx"), "{message}");
    assert!(store.is_empty().unwrap(), "nothing stored");
}

#[test]
fn the_generated_damaged_files_are_refused() {
    let (_dir, store) = temp_store();
    for (name, expected) in [
        ("truncated.xlsx", "无法读取"),
        ("random.xlsx", "无法读取"),
        ("empty.xlsx", "没有找到花名册"),
        ("rows_out_of_order.xlsx", "第 5 行排在第 16 行之后"),
    ] {
        let err = import_roster(&store, &fixture(name), &RosterOptions::default(), &|_| {}).unwrap_err();
        assert!(err.to_string().contains(expected), "{name}: expected «{expected}», got «{err}»");
    }
    assert!(store.is_empty().unwrap());
}

/// `file`'s zip with the first `from` in part `part` replaced by `to`, written to `out`.
fn patch_zip(file: &Path, part: &str, from: &str, to: &str, out: &Path) {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == part {
            let text = String::from_utf8(data).unwrap();
            assert!(text.contains(from), "{part} holds {from}");
            data = text.replacen(from, to, 1).into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default().compression_method(entry.compression());
        writer.start_file(name, options).unwrap();
        writer.write_all(&data).unwrap();
    }
    writer.finish().unwrap();
}

/// Files made from real ones where one number (a column, a count, a row, a repeat)
/// would make the reader ask for gigabytes, or build a grid of billions of cells, are
/// refused before anything that large is asked for, saying what is wrong and what to do.
#[test]
fn files_whose_numbers_would_take_gigabytes_are_refused_before_reading() {
    let (dir, store) = temp_store();
    let before = snapshot(&store);
    let path = |name: &str| dir.path().join(name);

    // A roster with a note far to the right: in column ALL (the 1,000th), or XFD.
    let with_note = |name: &str, row: u32, column: u16| {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet().set_name("花名册").unwrap();
        sheet.write_string(0, 0, "姓名").unwrap().write_string(0, 1, "性别").unwrap();
        sheet.write_string(1, 0, "王喆").unwrap().write_string(row, column, "备注").unwrap();
        workbook.save(path(name)).unwrap();
    };
    with_note("all.xlsx", 1, 999);
    with_note("xfd.xlsx", 4, 16_383);
    let shared = path("shared.xlsx");
    patch_zip(&path("all.xlsx"), "xl/sharedStrings.xml", "uniqueCount=\"4\"", "uniqueCount=\"4294967295\"", &shared);
    let ods = path("repeated.ods");
    patch_zip(
        &fixture("messy.ods"),
        "content.xml",
        "<table:table-row ",
        "<table:table-row table:number-rows-repeated=\"1000000\" ",
        &ods,
    );
    // A LABELSST record (type 0x00FD, 10 bytes) of messy.xls made to say row 65,535.
    let mut xls = std::fs::read(fixture("messy.xls")).unwrap();
    let label = xls.windows(4).position(|w| w == [0xFD, 0x00, 0x0A, 0x00]).expect("a LABELSST record");
    xls[label + 4..label + 6].copy_from_slice(&[0xFE, 0xFF]);
    std::fs::write(path("row65535.xls"), xls).unwrap();
    std::fs::write(path("wide.csv"), format!("姓名,性别\n王喆{}\n", ",男".repeat(1_000))).unwrap();

    assert!(
        preview_roster(&store, &path("all.xlsx"), &RosterOptions::default(), &|_| {}).is_ok(),
        "column 1,000 is read"
    );
    for (name, expected) in [
        ("xfd.xlsx", "「花名册」中，第 5 行第 16384 列（XFD 列）有内容，超出了本程序读取的 1000 列"),
        ("shared.xlsx", "共享字符串表声明有 4294967295 项"),
        ("repeated.ods", "的工作表「党员花名册」数据范围过大（1000015 行 × 14 列）"),
        ("row65535.xls", "的工作表「党员花名册」数据范围过大（65534 行 × 14 列）"),
        ("wide.csv", "「wide」中，第 2 行第 1001 列（ALM 列）有内容"),
    ] {
        let err = import_roster(&store, &path(name), &RosterOptions::default(), &|_| {}).unwrap_err();
        assert!(err.to_string().contains(expected), "{name}: expected «{expected}», got «{err}»");
        assert!(err.to_string().contains("再导入"), "{name} says what to do: {err}");
    }
    assert_eq!(snapshot(&store), before, "nothing is stored");
}

/// The error rows both error rosters share (written by rust_xlsxwriter in a test, and
/// `errors.xlsx` by openpyxl): each row breaks one rule; rows 2 and 12 share an ID.
fn assert_the_thirteen_error_rows(report: &ImportReport) {
    let expect = [
        (3, "身份证号码", "校验位不符"),
        (4, "身份证号码", "按数字保存"),
        (5, "出生日期", "不存在"),
        (6, "入党日期", "未满 18 岁"),
        (7, "转正日期", "早于入党日期"),
        (8, "转正日期", "预备党员不应有转正日期"),
        (9, "入党日期", "晚于今天"),
        (10, "出生日期", "不一致"),
        (11, "性别", "不一致"),
        (12, "身份证号码", "第 2 行相同"),
        (2, "身份证号码", "第 12 行相同"),
        (13, "姓名", "姓名为空"),
        (14, "性别", "无法识别"),
    ];
    for (row, column, text) in expect {
        assert!(
            report
                .errors
                .iter()
                .any(|p| p.sheet == "花名册" && p.row == row && p.column == column && p.message.contains(text)),
            "expected row {row} «{column}»: {text}; got {:#?}",
            report.errors.iter().filter(|p| p.row == row).collect::<Vec<_>>()
        );
    }
}

#[test]
fn staff_numbers_import_and_one_number_for_two_people_is_refused() {
    let (dir, store) = temp_store();
    let b = branch(&store, "内科党支部");
    store.create(&Member { staff_no: Some("H0007".into()), ..Member::new("陈玥", b.id) }).unwrap();
    let file = dir.path().join("staff.xlsx");
    let header = || vec![V::T("姓名"), V::T("职工号"), V::T("出生日期"), V::T("所在党支部")];
    write_xlsx(
        &file,
        &[(
            "花名册",
            vec![
                header(),
                vec![V::T("王喆"), V::T("H0001"), V::T("1985-03-12"), V::T("内科党支部")],
                vec![V::T("李堃"), V::T("H0001"), V::T("1990-07-08"), V::T("内科党支部")],
                vec![V::T("朱镕"), V::T("H0007"), V::T("1979-01-05"), V::T("内科党支部")],
            ],
        )],
    );
    let report = run(&store, &file, &RosterOptions::default());
    assert_eq!(report.sheets[0].mapping["职工号"], "staff_no");
    let staff: Vec<(usize, &str, &str)> =
        report.errors.iter().map(|p| (p.row, p.column.as_str(), p.value.as_str())).collect();
    assert_eq!(staff, [(3, "职工号", "H0001"), (4, "职工号", "H0007")], "{:#?}", report.errors);
    assert!(report.errors[0].message.contains("与「花名册」第 2 行相同"));
    assert!(report.errors[1].message.contains("已属于已登记的党员「陈玥」"));

    let partial = run(&store, &file, &RosterOptions { skip_invalid: true, ..Default::default() });
    assert_eq!(partial.new, 1);
    assert_eq!(by_name(&store, "王喆").staff_no.as_deref(), Some("H0001"));
    let out = dir.path().join("export.xlsx");
    dangjian::export::roster::export_roster(&store, &out, false).unwrap();
    let again = run(&store, &out, &RosterOptions::default());
    assert_eq!((again.new, again.updated, again.errors.len()), (0, 0, 0), "工号 goes out and back: {again:#?}");
}
