//! The `dangjian` command line: every command, its output and its error paths.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// A temp dir holding `test.db`, and a command builder pointed at it.
struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli { dir: tempfile::tempdir().unwrap() }
    }
    fn db(&self) -> PathBuf {
        self.dir.path().join("test.db")
    }
    fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        let mut command = Command::cargo_bin("dangjian").unwrap();
        command.env_remove("DANGJIAN_DB").arg("--db").arg(self.db()).args(args).assert()
    }
    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args).success().get_output().stdout.clone();
        String::from_utf8(output).unwrap()
    }
    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("valid JSON on stdout")
    }
    fn fails(&self, args: &[&str], message: &str) {
        self.run(args).code(1).stderr(predicate::str::contains(message));
    }
    /// A hospital with one branch and two members.
    fn small_hospital(&self) {
        self.ok(&["branch", "add", "--name", "内科党支部", "--founded", "2010-07-01"]);
        self.ok(&[
            "member",
            "add",
            "--name",
            "王喆",
            "--branch",
            "内科党支部",
            "--id-number",
            "310116198503120019",
            "--gender",
            "男",
            "--joined-on",
            "2008-06",
            "--full-member-on",
            "2009-06-20",
            "--phone",
            "13812345678",
        ]);
        self.ok(&["member", "add", "--name", "李堃", "--branch", "内科党支部", "--category", "预备"]);
        self.ok(&["branch", "appoint", "--branch", "内科党支部", "--member", "王喆", "--role", "书记", "--from", "2021-06-01"]);
    }
}

fn file_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn init_creates_the_database() {
    let cli = Cli::new();
    cli.run(&["init"]).success().stdout(predicate::str::contains("数据库已就绪"));
    assert!(cli.db().exists());
}

#[test]
fn the_database_can_be_named_by_environment_variable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    Command::cargo_bin("dangjian")
        .unwrap()
        .env("DANGJIAN_DB", &db)
        .args(["branch", "add", "--name", "外科党支部"])
        .assert()
        .success();
    assert!(db.exists(), "DANGJIAN_DB chooses the file");
}

#[test]
fn branches_are_added_and_listed() {
    let cli = Cli::new();
    cli.ok(&["branch", "add", "--name", "临床党总支", "--kind", "党总支"]);
    cli.ok(&[
        "branch",
        "add",
        "--name",
        "内科党支部",
        "--parent",
        "临床党总支",
        "--founded",
        "2010-07-01",
        "--departments",
        "呼吸内科，心内科",
    ]);
    cli.ok(&["branch", "add-group", "--branch", "内科党支部", "--name", "第一党小组"]);
    let list = cli.json(&["branch", "list", "--json"]);
    let inner = list.as_array().unwrap().iter().find(|b| b["name"] == "内科党支部").unwrap();
    assert_eq!(inner["founded_on"], "2010-07-01");
    assert_eq!(inner["departments"], serde_json::json!(["呼吸内科", "心内科"]));
    assert!(cli.ok(&["branch", "list"]).contains("上级：临床党总支"));
}

#[test]
fn branch_errors_are_clear_and_exit_1() {
    let cli = Cli::new();
    cli.ok(&["branch", "add", "--name", "内科党支部"]);
    cli.fails(&["branch", "add", "--name", "内科党支部"], "已有名为「内科党支部」的支部");
    cli.fails(&["branch", "add", "--name", "骨科党支部", "--parent", "不存在"], "找不到名为「不存在」的支部");
    cli.fails(&["branch", "add", "--name", "骨科党支部", "--founded", "2020-02-30"], "不存在");
    cli.fails(&["branch", "add", "--name", "骨科党支部", "--kind", "党委"], "类型「党委」无法识别");
}

#[test]
fn member_list_json_has_the_contract_fields_masked_unless_revealed() {
    let cli = Cli::new();
    cli.small_hospital();
    let list = cli.json(&["member", "list", "--json"]);
    let wang = &list[0];
    for field in [
        "name",
        "gender",
        "ethnicity",
        "birth_date",
        "id_number",
        "education",
        "joined_on",
        "full_member_on",
        "category",
        "branch",
        "phone",
        "department",
    ] {
        assert!(wang.get(field).is_some(), "member list --json has «{field}»: {wang}");
    }
    assert_eq!(wang["name"], "王喆");
    assert_eq!(wang["branch"], "内科党支部");
    assert_eq!(wang["id_number"], "3101**********0019");
    assert_eq!(wang["phone"], "138****5678");
    assert_eq!(wang["birth_date"], "1985-03-12", "taken from the ID number");
    assert_eq!(wang["joined_on"], "2008-06", "month-only stays month-only");
    assert_eq!(list[1]["category"], "预备党员");

    let revealed = cli.json(&["member", "list", "--json", "--reveal"]);
    assert_eq!(revealed[0]["id_number"], "310116198503120019");
    assert_eq!(revealed[0]["phone"], "13812345678");

    let filtered = cli.json(&["member", "list", "--json", "--category", "预备党员"]);
    assert_eq!(filtered.as_array().unwrap().len(), 1);
    assert!(cli.ok(&["member", "list"]).contains("共 2 人"));
}

#[test]
fn member_show_prints_one_member() {
    let cli = Cli::new();
    cli.small_hospital();
    let text = cli.ok(&["member", "show", "王喆"]);
    assert!(text.contains("所在支部：内科党支部") && text.contains("3101**********0019"), "{text}");
    let json = cli.json(&["member", "show", "王喆", "--json", "--reveal"]);
    assert_eq!(json["member"]["id_number"], "310116198503120019");
    cli.fails(&["member", "show", "张三"], "没有名为「张三」的党员");
}

#[test]
fn member_errors_are_clear_and_exit_1() {
    let cli = Cli::new();
    cli.small_hospital();
    cli.fails(&["member", "add", "--name", "甲", "--branch", "外星党支部"], "找不到名为「外星党支部」的支部");
    cli.fails(
        &["member", "add", "--name", "甲", "--branch", "内科党支部", "--id-number", "310116198503120011"],
        "校验位不符",
    );
    cli.fails(
        &["member", "add", "--name", "甲", "--branch", "内科党支部", "--id-number", "310116198503120019"],
        "已登记为「王喆」",
    );
    cli.fails(&["member", "add", "--name", "甲", "--branch", "内科党支部", "--gender", "未知"], "性别「未知」无法识别");
    cli.fails(&["member", "add", "--name", "甲", "--branch", "内科党支部", "--birth-date", "1985/03/12"], "无法识别");
    cli.fails(
        &[
            "member",
            "add",
            "--name",
            "甲",
            "--branch",
            "内科党支部",
            "--category",
            "预备",
            "--full-member-on",
            "2020-01-01",
        ],
        "预备党员不应有转正日期",
    );
    assert_eq!(cli.json(&["member", "list", "--json"]).as_array().unwrap().len(), 2, "nothing was added");
}

#[test]
fn meetings_are_recorded_with_attendance_by_english_or_chinese_kind() {
    let cli = Cli::new();
    cli.small_hospital();
    let out = cli.ok(&[
        "meeting",
        "add",
        "--kind",
        "general_meeting",
        "--branch",
        "内科党支部",
        "--date",
        "2025-03-12",
        "--topic",
        "第一季度党员大会",
        "--chair",
        "王喆",
        "--present",
        "王喆",
        "--absent",
        "李堃:外出进修",
    ]);
    assert!(out.contains("应到 2 人，实到 1 人"), "{out}");
    cli.ok(&[
        "meeting",
        "add",
        "--kind",
        "主题党日",
        "--branch",
        "内科党支部",
        "--date",
        "2025-04-10",
        "--topic",
        "重温入党誓词",
        "--present",
        "王喆，李堃",
    ]);
    let list = cli.json(&["meeting", "list", "--year", "2025", "--json"]);
    let meetings = list.as_array().unwrap();
    assert_eq!(meetings.len(), 2);
    assert_eq!(meetings[0]["meeting"]["kind"], "general_meeting");
    assert_eq!(meetings[0]["meeting"]["attendance"][1]["status"], "excused");
    assert_eq!(meetings[0]["meeting"]["attendance"][1]["reason"], "外出进修");
    assert_eq!(meetings[1]["meeting"]["kind"], "theme_day");
    assert!(cli.ok(&["meeting", "list", "--year", "2025"]).contains("共 2 次"));
}

#[test]
fn meeting_errors_are_clear_and_exit_1() {
    let cli = Cli::new();
    cli.small_hospital();
    let base = ["meeting", "add", "--branch", "内科党支部", "--topic", "学习"];
    fn with<'a>(base: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
        [base, extra].concat()
    }
    cli.fails(&with(&base, &["--kind", "茶话会", "--date", "2025-01-01"]), "会议类型「茶话会」无法识别");
    cli.fails(
        &with(&base, &["--kind", "theme_day", "--date", "2025-01-01", "--present", "张三"]),
        "「张三」不在这次会议的应到名单中",
    );
    cli.fails(&with(&base, &["--kind", "theme_day", "--date", "2025-13-01"]), "YYYY-MM-DD");
    cli.fails(&with(&base, &["--kind", "group_meeting", "--date", "2025-01-01"]), "党小组会须注明");
    cli.fails(&with(&base, &["--kind", "theme_day", "--date", "2999-01-01"]), "晚于今天");
    assert!(cli.json(&["meeting", "list", "--year", "2025", "--json"]).as_array().unwrap().is_empty());
}

#[test]
fn activities_are_recorded_with_volunteer_hours() {
    let cli = Cli::new();
    cli.small_hospital();
    let out = cli.ok(&[
        "activity",
        "add",
        "--title",
        "社区义诊",
        "--kind",
        "义诊",
        "--date",
        "2025-05-01",
        "--branch",
        "内科党支部",
        "--served",
        "120",
        "--volunteers",
        "王喆:3,医学院志愿者:2.5",
    ]);
    assert!(out.contains("志愿者 2 人，共 5.5 小时"), "{out}");
    let list = cli.json(&["activity", "list", "--year", "2025", "--json"]);
    assert_eq!(list[0]["people_served"], 120);
    assert!(list[0]["participants"][0]["member_id"].is_number(), "members are linked by name");
    assert!(list[0]["participants"][1]["member_id"].is_null(), "outside volunteers are kept by name");
    cli.fails(
        &[
            "activity",
            "add",
            "--title",
            "x",
            "--kind",
            "义诊",
            "--date",
            "2025-05-01",
            "--branch",
            "内科党支部",
            "--volunteers",
            "王喆:三",
        ],
        "不是数字",
    );
    cli.fails(
        &["activity", "add", "--title", "x", "--kind", "跳舞", "--date", "2025-05-01", "--branch", "内科党支部"],
        "活动类型「跳舞」无法识别",
    );
}

#[test]
fn demo_and_stats_show_the_demo_counts() {
    let cli = Cli::new();
    cli.run(&["demo", "--today", "2026-11-22"]).success().stdout(predicate::str::contains("已载入示范医院"));
    let stats = cli.json(&["stats", "--year", "2026", "--json"]);
    assert_eq!(stats["year"], 2026);
    assert!(stats["branches"].as_i64().unwrap() >= 8);
    let members = &stats["members"];
    assert_eq!(
        members["total"].as_i64(),
        Some(members["full"].as_i64().unwrap() + members["probationary"].as_i64().unwrap())
    );
    assert!(stats["meetings"]["committee_meeting"].as_i64().unwrap() > 50);
    assert!(stats["volunteer_hours"].as_f64().unwrap() > 100.0);
    assert!(stats["people_served"].as_i64().unwrap() > 1000);
    assert!(cli.ok(&["stats", "--year", "2026"]).contains("支部委员会会议"));
    cli.fails(&["demo"], "只能载入空数据库");
}

#[test]
fn export_then_import_then_export_is_identical() {
    let cli = Cli::new();
    cli.ok(&["demo", "--today", "2026-11-22"]);
    let first = cli.dir.path().join("first.json");
    cli.ok(&["export", "json", "--out", first.to_str().unwrap()]);

    let other = Cli::new();
    other.ok(&["import", "json", first.to_str().unwrap()]);
    let second = other.dir.path().join("second.json");
    other.ok(&["export", "json", "--out", second.to_str().unwrap()]);
    assert!(file_text(&first) == file_text(&second), "the two exports differ");

    other.fails(&["import", "json", first.to_str().unwrap()], "只能把备份导入到空数据库");
    let third = Cli::new();
    third.fails(&["import", "json", "/nonexistent/backup.json"], "无法读取");
}

#[test]
fn bad_arguments_and_bad_databases_exit_1_with_a_chinese_message() {
    let cli = Cli::new();
    cli.fails(&["member", "frobnicate"], "命令行参数有误");
    cli.fails(&["branch", "add"], "命令行参数有误");
    let newer = cli.dir.path().join("newer.db");
    rusqlite::Connection::open(&newer).unwrap().execute_batch("CREATE TABLE t (x); PRAGMA user_version = 42;").unwrap();
    Command::cargo_bin("dangjian")
        .unwrap()
        .arg("--db")
        .arg(&newer)
        .args(["branch", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("更新版本"));
    Command::cargo_bin("dangjian")
        .unwrap()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("党建台账"));
}

fn roster_fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster").join(name).display().to_string()
}

#[test]
fn import_roster_previews_then_applies_with_the_json_contract() {
    let cli = Cli::new();
    let messy = roster_fixture("messy.xlsx");
    let preview = cli.json(&["import", "roster", &messy, "--dry-run", "--create-branches", "--json"]);
    for field in ["file", "sheets", "new", "updated", "unchanged", "changes", "errors", "warnings", "applied"] {
        assert!(preview.get(field).is_some(), "the report has «{field}»: {preview}");
    }
    assert_eq!(preview["new"], 8);
    assert_eq!(preview["applied"], false);
    assert_eq!(preview["sheets"][0]["name"], "党员花名册");
    assert_eq!(preview["sheets"][0]["header_row"], 4);
    assert_eq!(preview["sheets"][0]["mapping"]["公民身份号码"], "id_number");
    assert!(cli.json(&["member", "list", "--json"]).as_array().unwrap().is_empty(), "a dry run stores nothing");

    let applied = cli.json(&["import", "roster", &messy, "--create-branches", "--json"]);
    assert_eq!((applied["new"].as_i64(), applied["applied"].as_bool()), (Some(8), Some(true)));
    let again = cli.json(&["import", "roster", &messy, "--json"]);
    assert_eq!(
        (again["new"].as_i64(), again["unchanged"].as_i64()),
        (Some(0), Some(8)),
        "re-import does not duplicate"
    );
    assert_eq!(cli.json(&["member", "list", "--json"]).as_array().unwrap().len(), 8);
}

#[test]
fn import_roster_with_errors_exits_1_and_stores_nothing() {
    let cli = Cli::new();
    cli.ok(&["branch", "add", "--name", "内科党支部"]);
    let csv = cli.dir.path().join("bad.csv");
    std::fs::write(&csv, "姓名,所在支部,身份证号\n王喆,内科党支部,310116198503120011\n李堃,内科党支部,\n").unwrap();
    let csv = csv.display().to_string();
    let report_path = cli.dir.path().join("错误报告.xlsx");
    let output = cli
        .run(&["import", "roster", &csv, "--json", "--errors-out", report_path.to_str().unwrap()])
        .code(1)
        .stderr(predicate::str::contains("未导入任何数据"))
        .get_output()
        .stdout
        .clone();
    let report: Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(report["applied"], false);
    assert_eq!(report["errors"][0]["row"], 2);
    assert_eq!(report["errors"][0]["column"], "身份证号");
    assert!(report["errors"][0]["message"].as_str().unwrap().contains("校验位不符"));
    assert!(report_path.exists(), "the error report is saved");
    assert!(cli.json(&["member", "list", "--json"]).as_array().unwrap().is_empty());

    let partial = cli.json(&["import", "roster", &csv, "--skip-invalid", "--json"]);
    assert_eq!((partial["new"].as_i64(), partial["applied"].as_bool()), (Some(1), Some(true)));
    cli.fails(&["import", "roster", &csv, "--map", "身份证号=护照"], "字段「护照」无法识别");
}

#[test]
fn roster_export_and_template_write_xlsx_files_that_import_back() {
    let cli = Cli::new();
    cli.small_hospital();
    let out = cli.dir.path().join("花名册.xlsx");
    cli.run(&["export", "roster", "--out", out.to_str().unwrap()])
        .success()
        .stdout(predicate::str::contains("已导出 2 名党员"));
    let back = cli.json(&["import", "roster", out.to_str().unwrap(), "--json"]);
    assert_eq!(
        (back["unchanged"].as_i64(), back["new"].as_i64(), back["updated"].as_i64()),
        (Some(2), Some(0), Some(0))
    );
    let template = cli.dir.path().join("模板.xlsx");
    cli.ok(&["template", "roster", "--out", template.to_str().unwrap()]);
    assert!(std::fs::metadata(&template).unwrap().len() > 1000);
}

#[test]
fn member_transfer_moves_a_member_and_records_the_date() {
    let cli = Cli::new();
    cli.small_hospital();
    cli.ok(&["branch", "add", "--name", "外科党支部"]);
    cli.run(&["member", "transfer", "李堃", "--to", "外科党支部", "--date", "2025-09-01", "--note", "轮岗"])
        .success()
        .stdout(predicate::str::contains("已将「李堃」转入「外科党支部」（2025-09-01）"));
    let shown = cli.json(&["member", "show", "李堃", "--json"]);
    assert_eq!(shown["transfers"][0]["transferred_on"], "2025-09-01");
    assert_eq!(shown["transfers"][0]["note"], "轮岗");
    let list = cli.json(&["member", "list", "--json", "--branch", "外科党支部"]);
    assert_eq!(list[0]["name"], "李堃");
    cli.fails(&["member", "transfer", "李堃", "--to", "外科党支部", "--date", "2025-10-01"], "已在该支部");
    cli.fails(&["member", "transfer", "李堃", "--to", "内科党支部", "--date", "2999-01-01"], "晚于今天");
}
