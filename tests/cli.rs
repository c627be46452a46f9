//! The `dangjian` command line: every command, its output and its error paths.

mod common;

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
        self.run_with(&[], args)
    }
    /// Runs `args` with the environment variables `vars` set.
    fn run_with(&self, vars: &[(&str, &str)], args: &[&str]) -> assert_cmd::assert::Assert {
        let mut command = Command::cargo_bin("dangjian").unwrap();
        for name in ["DANGJIAN_DB", "DANGJIAN_TODAY", "DANGJIAN_PASSPHRASE", "DANGJIAN_NEW_PASSPHRASE"] {
            command.env_remove(name);
        }
        command.envs(vars.iter().copied()).arg("--db").arg(self.db()).args(args).assert()
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
        self.ok(&[
            "branch",
            "appoint",
            "--branch",
            "内科党支部",
            "--member",
            "王喆",
            "--role",
            "书记",
            "--from",
            "2021-06-01",
        ]);
    }
}

fn file_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn init_creates_the_database_and_its_log_folder_without_a_word_on_stderr() {
    let cli = Cli::new();
    // A fresh folder: the log appender once printed an English error here, not finding `logs/`.
    cli.run(&["init"]).success().stdout(predicate::str::contains("数据库已就绪")).stderr(predicate::str::is_empty());
    assert!(cli.db().exists());
    assert!(log_text(&cli).contains("started"), "the log file is written from the first run");
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
    assert_eq!(wang["id_number"], "31****************");
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
    assert!(text.contains("所在支部：内科党支部") && text.contains("31****************"), "{text}");
    let json = cli.json(&["member", "show", "王喆", "--json", "--reveal"]);
    assert_eq!(json["member"]["id_number"], "310116198503120019");
    cli.fails(&["member", "show", "张三"], "没有名为「张三」的党员");
}

#[test]
fn the_audit_log_lists_each_reveal_without_any_record_contents() {
    let cli = Cli::new();
    cli.small_hospital();
    cli.ok(&["member", "show", "王喆"]);
    let before = cli.json(&["audit", "--json"]);
    assert!(before.as_array().unwrap().iter().all(|e| e["action"] != "reveal"), "a masked view is no reveal");

    let wang = cli.json(&["member", "show", "王喆", "--json", "--reveal"]);
    let log = cli.json(&["audit", "--json", "--limit", "1"]);
    assert_eq!(log[0]["action"], "reveal");
    assert_eq!(log[0]["entity"], "members");
    assert_eq!(log[0]["entity_id"], wang["member"]["id"]);
    assert!(log[0]["before"].is_null() && log[0]["after"].is_null());

    let text = cli.ok(&["audit"]);
    assert!(text.contains("reveal  members") && !text.contains("310116198503120019"), "{text}");
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
        "王喆:3,林晓:2.5:团员",
    ]);
    assert!(out.contains("参与 2 人，共 5.5 小时"), "{out}");
    let list = cli.json(&["activity", "list", "--year", "2025", "--json"]);
    assert_eq!(list[0]["people_served"], 120);
    assert!(list[0]["participants"][0]["member_id"].is_number(), "members are linked by name");
    assert!(list[0]["participants"][1]["member_id"].is_null(), "outside volunteers are kept by name");
    assert_eq!(list[0]["participants"][1]["kind"], "league_member");
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
            "--participant",
            "医学院志愿者:2",
        ],
        "不在党员名册中；若是院外志愿者，请注明身份",
    );
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
        "活动类型「跳舞」不在列表中",
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
fn import_volunteer_hours_previews_applies_and_never_counts_twice() {
    let cli = Cli::new();
    cli.small_hospital();
    cli.ok(&[
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
    ]);
    let csv = cli.dir.path().join("时长.csv");
    std::fs::write(&csv, "活动,日期,姓名,时长,身份\n社区义诊,2025-05-01,王喆,3,\n社区义诊,2025-05-01,林晓,2.5,群众\n")
        .unwrap();
    let csv = csv.display().to_string();
    let preview = cli.json(&["import", "volunteer-hours", &csv, "--dry-run", "--json"]);
    assert_eq!((preview["new"].as_i64(), preview["applied"].as_bool()), (Some(2), Some(false)));
    assert_eq!(preview["sheets"][0]["mapping"]["时长"], "hours");
    let out = cli.ok(&["import", "volunteer-hours", &csv]);
    assert!(out.contains("新增 2 人次") && out.contains("已导入"), "{out}");
    let again = cli.json(&["import", "volunteer-hours", &csv, "--json"]);
    assert_eq!((again["new"].as_i64(), again["unchanged"].as_i64()), (Some(0), Some(2)), "no hours counted twice");
    let activities = cli.json(&["activity", "list", "--year", "2025", "--json"]);
    assert_eq!(activities[0]["participants"].as_array().unwrap().len(), 2);

    let bad = cli.dir.path().join("bad.csv");
    std::fs::write(&bad, "活动,姓名,时长\n社区义诊,王喆,30\n").unwrap();
    cli.fails(&["import", "volunteer-hours", bad.to_str().unwrap()], "未导入任何数据");
}

#[test]
fn roster_export_and_template_write_xlsx_files_that_import_back() {
    let cli = Cli::new();
    cli.small_hospital();
    let masked = cli.dir.path().join("打码花名册.xlsx");
    cli.run(&["export", "roster", "--out", masked.to_str().unwrap()])
        .success()
        .stdout(predicate::str::contains("已导出 2 名党员"));
    let cells = common::sheet_text(&masked);
    assert!(
        cells.contains("31****************") && !cells.contains("310116198503120019"),
        "masked by default: {cells}"
    );
    let out = cli.dir.path().join("花名册.xlsx");
    cli.ok(&["export", "roster", "--out", out.to_str().unwrap(), "--full-numbers"]);
    assert!(common::sheet_text(&out).contains("310116198503120019"));
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

/// The number after «编号 » in a command's output.
fn id_in(output: &str) -> String {
    let rest = output.split("编号 ").nth(1).unwrap_or_else(|| panic!("no 编号 in «{output}»"));
    rest.chars().take_while(char::is_ascii_digit).collect()
}

/// A meeting record with every field an inspector checks, for `meeting add`.
const COMPLETE: [&str; 10] = [
    "--time",
    "14:30",
    "--place",
    "行政楼三楼会议室",
    "--chair",
    "王喆",
    "--recorder",
    "王喆",
    "--content",
    "对照检查，批评与自我批评",
];

fn meeting_add<'a>(kind: &'a str, date: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["meeting", "add", "--kind", kind, "--branch", "内科党支部", "--date", date, "--topic", "学习"];
    args.extend(COMPLETE);
    args.extend(extra);
    args
}

#[test]
fn meeting_add_takes_all_present_also_counts_and_attachments() {
    let cli = Cli::new();
    cli.small_hospital();
    let sheet = cli.dir.path().join("签到表.jpg");
    std::fs::write(&sheet, b"signed sheet").unwrap();
    let out = cli.ok(&meeting_add(
        "org_life_meeting",
        "2025-12-10",
        &["--all-present", "--also", "democratic_review", "--attach", sheet.to_str().unwrap()],
    ));
    assert!(out.contains("应到 2 人，实到 2 人"), "{out}");
    assert!(!out.contains("记录不完整"), "a complete record has no findings: {out}");
    let shown = cli.json(&["meeting", "show", &id_in(&out), "--json"]);
    assert_eq!(shown["meeting"]["also_counts"], serde_json::json!(["democratic_review"]));
    assert_eq!(shown["attachments"][0]["file_name"], "签到表.jpg");
    assert_eq!(shown["attachments"][0]["size"], 12);
    assert_eq!((shown["expected"].as_i64(), shown["present"].as_i64()), (Some(2), Some(2)));
    assert_eq!(shown["findings"], serde_json::json!([]));
    let grid = cli.json(&["compliance", "--year", "2025", "--as-of", "2025-12-31", "--json"]);
    let items = grid["branches"][0]["items"].as_array().unwrap();
    for code in ["org_life_meeting", "democratic_review"] {
        let cell = items.iter().find(|i| i["obligation"] == code).unwrap();
        assert_eq!(cell["status"], "done", "the meeting counts for {code}");
    }
    cli.ok(&["meeting", "edit", &id_in(&out), "--no-also"]);
    let shown = cli.json(&["meeting", "show", &id_in(&out), "--json"]);
    assert_eq!(shown["meeting"]["also_counts"], serde_json::json!([]), "--no-also clears what it also counts for");

    cli.fails(&meeting_add("theme_day", "2025-12-12", &["--present", "王喆"]), "应到的 1 人未标明是否出席：李堃");
    let missing = cli.dir.path().join("不存在的签到表.jpg");
    cli.fails(
        &meeting_add("theme_day", "2025-12-12", &["--all-present", "--attach", missing.to_str().unwrap()]),
        "无法读取附件文件",
    );
    cli.fails(
        &meeting_add("theme_day", "2025-12-12", &["--all-present", "--also", "茶话会"]),
        "会议类型「茶话会」无法识别",
    );
    assert_eq!(
        cli.json(&["meeting", "list", "--year", "2025", "--json"]).as_array().unwrap().len(),
        1,
        "nothing else was stored"
    );
}

#[test]
fn meeting_edit_with_a_reason_clears_the_finding() {
    let cli = Cli::new();
    cli.small_hospital();
    let out = cli.ok(&meeting_add("general_meeting", "2025-12-10", &["--present", "王喆", "--absent", "李堃"]));
    assert!(out.contains("记录不完整：李堃 缺席未注明理由"), "{out}");
    let id = id_in(&out);
    assert_eq!(cli.json(&["meeting", "show", &id, "--json"])["findings"][0]["kind"], "absent_without_reason");
    let edited = cli.ok(&["meeting", "edit", &id, "--reason", "李堃:外出进修"]);
    assert!(edited.contains("记录完整"), "{edited}");
    let shown = cli.json(&["meeting", "show", &id, "--json"]);
    assert_eq!(shown["findings"], serde_json::json!([]));
    assert_eq!(shown["meeting"]["attendance"][1]["status"], "excused");
    assert_eq!(shown["meeting"]["attendance"][1]["reason"], "外出进修");
    cli.fails(&["meeting", "edit", &id, "--reason", "王喆:病假"], "没有名为「王喆」的缺席人员");
    let text = cli.ok(&["meeting", "show", &id]);
    assert!(text.contains("李堃\t请假（外出进修）"), "{text}");
}

#[test]
fn meeting_delete_needs_yes() {
    let cli = Cli::new();
    cli.small_hospital();
    let id = id_in(&cli.ok(&meeting_add("theme_day", "2025-12-10", &["--all-present"])));
    cli.fails(&["meeting", "delete", &id], "确认删除请加 --yes");
    assert_eq!(cli.json(&["meeting", "list", "--year", "2025", "--json"]).as_array().unwrap().len(), 1, "still there");
    cli.run(&["meeting", "delete", &id, "--yes"]).success().stdout(predicate::str::contains("已删除会议记录"));
    assert!(cli.json(&["meeting", "list", "--year", "2025", "--json"]).as_array().unwrap().is_empty());
    cli.fails(&["meeting", "show", &id], "找不到编号为");
}

#[test]
fn compliance_json_has_the_documented_shape() {
    let cli = Cli::new();
    cli.small_hospital();
    cli.ok(&meeting_add("general_meeting", "2026-03-31", &["--all-present"]));
    cli.ok(&meeting_add("theme_day", "2026-04-01", &["--all-present"]));
    let grid = cli.json(&["compliance", "--year", "2026", "--as-of", "2026-06-30", "--branch", "内科党支部", "--json"]);
    for key in ["year", "as_of", "rate", "branches"] {
        assert!(grid.get(key).is_some(), "the grid has «{key}»");
    }
    assert_eq!((grid["year"].as_i64(), grid["as_of"].as_str()), (Some(2026), Some("2026-06-30")));
    let branches = grid["branches"].as_array().unwrap();
    assert_eq!(branches.len(), 1, "--branch narrows the grid to one branch");
    assert_eq!(branches[0]["branch"], "内科党支部");
    assert!(branches[0]["rate"].is_f64(), "a rate once periods have ended: {}", branches[0]["rate"]);
    let items = branches[0]["items"].as_array().unwrap();
    for item in items {
        for key in ["obligation", "period", "status", "held", "required"] {
            assert!(item.get(key).is_some(), "every item has «{key}»: {item}");
        }
    }
    let statuses: std::collections::BTreeSet<&str> = items.iter().map(|i| i["status"].as_str().unwrap()).collect();
    assert_eq!(
        statuses.into_iter().collect::<Vec<_>>(),
        ["done", "due", "n/a", "overdue"],
        "exactly the four statuses"
    );
    let cell =
        |code: &str, period: &str| items.iter().find(|i| i["obligation"] == code && i["period"] == period).cloned();
    assert_eq!(cell("theme_day", "2026-03").unwrap()["status"], "overdue");
    assert_eq!(cell("theme_day", "2026-04").unwrap()["status"], "done");
    assert_eq!(cell("general_meeting", "2026-Q1").unwrap()["status"], "done", "31 March is in Q1");
    assert_eq!(cell("general_meeting", "2026-Q2").unwrap()["status"], "due", "Q2 ends on the as-of day");
    assert_eq!(cell("org_life_meeting", "2026").unwrap()["status"], "due");
    let q1 = cell("general_meeting", "2026-Q1").unwrap();
    assert_eq!((q1["held"].as_i64(), q1["required"].as_i64()), (Some(1), Some(1)));
    let text = cli.ok(&["compliance", "--year", "2026", "--as-of", "2026-06-30"]);
    assert!(
        text.contains("2026 年组织生活完成情况（截至 2026-06-30）") && text.contains("2026-03 theme_day"),
        "{text}"
    );
    cli.fails(&["compliance", "--branch", "外星党支部"], "找不到名为「外星党支部」的支部");
}

#[test]
fn reminders_json_lists_kind_branch_member_date_and_message() {
    let cli = Cli::new();
    cli.small_hospital();
    cli.ok(&[
        "member",
        "add",
        "--name",
        "陈玥",
        "--branch",
        "内科党支部",
        "--category",
        "预备",
        "--joined-on",
        "2025-07-15",
    ]);
    let list = cli.json(&["reminders", "--as-of", "2026-06-30", "--json"]);
    let items = list.as_array().unwrap();
    for item in items {
        for key in ["kind", "branch", "member", "date", "message"] {
            assert!(item.get(key).is_some(), "every reminder has «{key}»: {item}");
        }
    }
    let probation = items.iter().find(|i| i["kind"] == "probation_due").expect("陈玥's probation ends within 30 days");
    assert_eq!((probation["member"].as_str(), probation["date"].as_str()), (Some("陈玥"), Some("2026-07-15")));
    assert_eq!(probation["branch"], "内科党支部");
    assert!(probation["message"].as_str().unwrap().contains("预备期将于 2026-07-15 届满"));
    let overdue = items.iter().find(|i| i["kind"] == "overdue").expect("nothing was held, so something is overdue");
    assert!(overdue["member"].is_null(), "an obligation is about the branch, not a member");
    assert!(cli.ok(&["reminders", "--as-of", "2026-06-30"]).contains("预备期即将届满"));
}

#[test]
fn obligations_are_listed_and_edited_as_local_rules() {
    let cli = Cli::new();
    cli.small_hospital();
    let list = cli.json(&["obligation", "list", "--json"]);
    let codes: Vec<&str> = list.as_array().unwrap().iter().map(|o| o["code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 9, "{codes:?}");
    let lesson = |list: &Value| list.as_array().unwrap().iter().find(|o| o["code"] == "party_lesson").cloned().unwrap();
    assert_eq!(lesson(&list)["frequency"], "quarter");
    cli.run(&["obligation", "edit", "party_lesson", "--frequency", "month"])
        .success()
        .stdout(predicate::str::contains("已修改规则「party_lesson」"));
    assert_eq!(lesson(&cli.json(&["obligation", "list", "--json"]))["frequency"], "month");
    let grid = cli.json(&["compliance", "--year", "2026", "--as-of", "2026-06-30", "--json"]);
    let lessons =
        grid["branches"][0]["items"].as_array().unwrap().iter().filter(|i| i["obligation"] == "party_lesson").count();
    assert_eq!(lessons, 12, "a monthly rule has a cell per month");
    cli.ok(&["obligation", "edit", "theme_day", "--active", "false"]);
    let grid = cli.json(&["compliance", "--year", "2026", "--as-of", "2026-06-30", "--json"]);
    assert!(!grid["branches"][0]["items"].as_array().unwrap().iter().any(|i| i["obligation"] == "theme_day"));
    cli.fails(&["obligation", "edit", "tea_party", "--frequency", "month"], "没有代码为「tea_party」的规则");
    cli.fails(&["obligation", "edit", "party_lesson", "--frequency", "每两周"], "频次「每两周」无法识别");
    cli.fails(&["obligation", "edit", "party_lesson", "--per-period", "0"], "每个周期的次数应在 1 到 31 之间");
}

#[test]
fn branch_appoint_and_step_down_keep_dated_posts() {
    let cli = Cli::new();
    cli.small_hospital();
    cli.ok(&["member", "add", "--name", "陈玥", "--branch", "内科党支部"]);
    cli.run(&[
        "branch",
        "appoint",
        "--branch",
        "内科党支部",
        "--member",
        "陈玥",
        "--role",
        "书记",
        "--from",
        "2026-03-01",
    ])
    .success()
    .stdout(predicate::str::contains("已任命「陈玥」为「内科党支部」书记（自 2026-03-01 起）"));
    cli.ok(&[
        "branch",
        "appoint",
        "--branch",
        "内科党支部",
        "--member",
        "李堃",
        "--role",
        "委员",
        "--duty",
        "组织委员",
        "--from",
        "2026-03-01",
    ]);
    let posts = |cli: &Cli| cli.json(&["branch", "list", "--json"])[0]["committee"].clone();
    let committee = posts(&cli);
    let find = |name: &str| committee.as_array().unwrap().iter().find(|p| p["name"] == name).cloned().unwrap();
    assert_eq!(
        (find("王喆")["started_on"].as_str(), find("王喆")["ended_on"].as_str()),
        (Some("2021-06-01"), Some("2026-02-28"))
    );
    assert_eq!((find("陈玥")["role"].as_str(), find("陈玥")["ended_on"].as_str()), (Some("secretary"), None));
    assert_eq!(find("李堃")["duty"], "组织委员");
    cli.ok(&["branch", "step-down", "--branch", "内科党支部", "--member", "李堃", "--on", "2026-06-30"]);
    let committee = posts(&cli);
    let li = committee.as_array().unwrap().iter().find(|p| p["name"] == "李堃").unwrap();
    assert_eq!(li["ended_on"], "2026-06-30");
    cli.fails(
        &["branch", "step-down", "--branch", "内科党支部", "--member", "李堃", "--on", "2026-07-31"],
        "目前不是「内科党支部」的支委",
    );
    cli.fails(
        &["branch", "appoint", "--branch", "内科党支部", "--member", "王喆", "--role", "书记", "--from", "2026-02-01"],
        "现任书记「陈玥」的任职日期不早于 2026-02-01",
    );
    cli.fails(
        &["branch", "appoint", "--branch", "内科党支部", "--member", "陈玥", "--role", "主席", "--from", "2026-02-01"],
        "职务「主席」无法识别",
    );
}

#[test]
fn member_status_and_group_changes_are_dated() {
    let cli = Cli::new();
    cli.small_hospital();
    cli.ok(&["branch", "add-group", "--branch", "内科党支部", "--name", "第一党小组"]);
    cli.run(&["member", "status", "李堃", "--to", "转出", "--date", "2026-05-01", "--note", "调往市一医院"])
        .success()
        .stdout(predicate::str::contains("「李堃」的党籍状态自 2026-05-01 起为「转出」"));
    let li = cli.json(&["member", "show", "李堃", "--json"]);
    assert_eq!(li["member"]["status"], "转出");
    assert_eq!(li["status_changes"][0]["changed_on"], "2026-05-01");
    assert_eq!(
        (li["status_changes"][0]["from_status"].as_str(), li["status_changes"][0]["to_status"].as_str()),
        (Some("在册"), Some("转出"))
    );

    cli.ok(&["member", "group", "王喆", "--to", "第一党小组", "--date", "2026-03-01"]);
    cli.run(&["member", "group", "王喆", "--date", "2026-04-01"])
        .success()
        .stdout(predicate::str::contains("自 2026-04-01 起不属于任何党小组"));
    let wang = cli.json(&["member", "show", "王喆", "--json"]);
    let changes = wang["group_changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!((changes[0]["changed_on"].as_str(), changes[0]["from_group_id"].is_null()), (Some("2026-03-01"), true));
    assert!(changes[1]["to_group_id"].is_null() && changes[1]["changed_on"] == "2026-04-01");
    cli.fails(&["member", "status", "李堃", "--to", "离职", "--date", "2026-05-01"], "党籍状态「离职」无法识别");
    cli.fails(
        &["member", "group", "王喆", "--to", "第九党小组", "--date", "2026-05-01"],
        "没有名为「第九党小组」的党小组",
    );
}

#[test]
fn the_global_today_lets_a_future_dated_meeting_in() {
    let cli = Cli::new();
    cli.small_hospital();
    let clock = dangjian::date::today();
    let meeting_day = (clock + chrono::Days::new(30)).to_string();
    let later = (clock + chrono::Days::new(60)).to_string();
    let args = meeting_add("theme_day", &meeting_day, &["--all-present"]);
    cli.fails(&args, "晚于今天");
    let with_today: Vec<&str> = ["--today", later.as_str()].into_iter().chain(args.iter().copied()).collect();
    let out = cli.ok(&with_today);
    assert!(out.contains("应到 2 人，实到 2 人"), "{out}");
    let year = meeting_day[..4].to_string();
    let list = cli.json(&["meeting", "list", "--year", &year, "--json"]);
    assert_eq!(list[0]["meeting"]["date"], meeting_day.as_str());
    let next_day = (clock + chrono::Days::new(31)).to_string();
    let by_env = Command::cargo_bin("dangjian")
        .unwrap()
        .env("DANGJIAN_TODAY", &later)
        .arg("--db")
        .arg(cli.db())
        .args(meeting_add("theme_day", &next_day, &["--all-present"]))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let id = id_in(&String::from_utf8(by_env).unwrap());
    assert_eq!(
        cli.json(&["meeting", "show", &id, "--json"])["meeting"]["date"],
        next_day.as_str(),
        "DANGJIAN_TODAY does the same"
    );
    cli.fails(&["--today", "2026-02-30", "branch", "list"], "YYYY-MM-DD");
}

#[test]
fn brand_work_is_recorded_and_counted_from_the_command_line() {
    let cli = Cli::new();
    cli.small_hospital();
    cli.ok(&["branch", "add", "--name", "外科党支部", "--founded", "2010-07-01"]);
    cli.ok(&["member", "add", "--name", "孙珺", "--branch", "外科党支部"]);
    cli.ok(&[
        "brand",
        "add",
        "--branch",
        "内科党支部",
        "--name",
        "畅享呼吸",
        "--slogan",
        "同心向党，畅享呼吸",
        "--version-entry",
        "1.0:2019-03:创建",
        "--version-entry",
        "2.0:2023-01:健康共富",
        "--target",
        "2025:义诊次数:4",
        "--target",
        "2025:志愿服务时长:20",
        "--target",
        "2025:党员参与率:80%",
    ]);
    cli.fails(&["brand", "add", "--branch", "内科党支部", "--name", "x", "--target", "2025:跳舞次数:1"], "不在列表中");
    let out = cli.ok(&[
        "partner",
        "add",
        "--name",
        "新华村党总支",
        "--kind",
        "村",
        "--pair-with",
        "内科党支部",
        "--signed",
        "2024-05",
        "--term-ends",
        "2027-04",
        "--goals",
        "每季度一次义诊",
    ]);
    assert!(out.contains("已登记结对协议"), "{out}");
    cli.ok(&[
        "activity",
        "add",
        "--title",
        "新华村义诊",
        "--kind",
        "义诊",
        "--date",
        "2025-05-01",
        "--end-date",
        "2025-05-02",
        "--branch",
        "内科党支部",
        "--co-branch",
        "外科党支部",
        "--brand",
        "畅享呼吸",
        "--partner",
        "新华村党总支",
        "--served",
        "120",
        "--participant",
        "王喆:3",
        "--participant",
        "孙珺:2",
        "--participant",
        "林晓:1.5:团员",
    ]);
    let shown = cli.json(&["activity", "show", "1", "--json"]);
    assert_eq!(shown["co_branch_ids"].as_array().map(Vec::len), Some(1));
    assert_eq!(shown["end_date"], "2025-05-02");
    let joint = cli.json(&["activity", "list", "--year", "2025", "--branch", "外科党支部", "--json"]);
    assert_eq!(joint.as_array().map(Vec::len), Some(1), "a co-organiser lists the activity too");

    cli.ok(&["honor", "add", "--title", "优秀党建品牌", "--level", "区级", "--date", "2025-07", "--brand", "畅享呼吸"]);
    cli.fails(&["honor", "add", "--title", "x", "--level", "特级"], "级别「特级」无法识别");
    cli.ok(&[
        "suggestion",
        "add",
        "--content",
        "希望周末开放理疗",
        "--source",
        "义诊现场",
        "--date",
        "2025-05-01",
        "--branch",
        "内科党支部",
        "--due",
        "2025-06-01",
    ]);
    let overdue = cli.json(&["--today", "2025-12-01", "suggestion", "list", "--overdue", "--json"]);
    assert_eq!(overdue.as_array().map(Vec::len), Some(1));
    cli.ok(&[
        "suggestion",
        "update",
        "1",
        "--status",
        "已办结",
        "--response",
        "每周六上午开诊",
        "--resolved",
        "2025-05-20",
    ]);
    let overdue = cli.json(&["--today", "2025-12-01", "suggestion", "list", "--overdue", "--json"]);
    assert_eq!(overdue.as_array().map(Vec::len), Some(0), "a closed suggestion is not overdue");

    let stats = cli.json(&["--today", "2025-12-31", "stats", "--year", "2025", "--json"]);
    assert_eq!(stats["volunteer_hours"], 6.5, "volunteer_hours stays a number");
    assert_eq!(stats["activities"], 1);
    let per_branch = stats["per_branch"].as_array().expect("per_branch");
    let row = |name: &str| per_branch.iter().find(|b| b["branch"] == name).expect(name).clone();
    let (medicine, surgery) = (row("内科党支部"), row("外科党支部"));
    assert_eq!((medicine["activities"].clone(), surgery["activities"].clone()), (1.into(), 1.into()));
    assert_eq!((medicine["people_served"].clone(), surgery["people_served"].clone()), (120.into(), 0.into()));
    assert_eq!((medicine["volunteer_hours"].clone(), surgery["volunteer_hours"].clone()), (4.5.into(), 2.0.into()));
    assert_eq!((medicine["honors"].clone(), medicine["suggestions_done"].clone()), (1.into(), 1.into()));
    let targets: Vec<(String, f64, f64)> = medicine["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (t["measure"].as_str().unwrap().to_string(), t["target"].as_f64().unwrap(), t["actual"].as_f64().unwrap())
        })
        .collect();
    assert_eq!(
        targets,
        [
            ("activities".to_string(), 4.0, 1.0),
            ("volunteer_hours".to_string(), 20.0, 6.5),
            ("participation_rate".to_string(), 80.0, 50.0),
        ]
    );
    let workbook = cli.dir.path().join("stats-2025.xlsx");
    let out = cli.ok(&["export", "stats", "--year", "2025", "--out", workbook.to_str().unwrap()]);
    assert!(out.contains("支部汇总") && workbook.exists(), "{out}");
    let story = cli.ok(&["--today", "2025-12-31", "brand", "show", "畅享呼吸", "--year", "2025"]);
    assert!(
        story.contains("版本 2.0")
            && story.contains("目标 义诊次数：1 / 4（25%）")
            && story.contains("结对：新华村党总支（联建活动 1 项）"),
        "{story}"
    );
    cli.ok(&["brand", "add", "--branch", "外科党支部", "--name", "畅享呼吸"]);
    cli.fails(&["brand", "show", "畅享呼吸"], "内科党支部、外科党支部都有名为「畅享呼吸」的品牌，请同时指明支部");
    let theirs = cli.json(&["brand", "show", "畅享呼吸", "--branch", "外科党支部", "--json"]);
    assert_eq!(theirs["branch"], "外科党支部");
}

#[test]
fn reports_are_written_as_pdf_and_a_character_no_font_has_exits_1_unless_allowed() {
    let cli = Cli::new();
    cli.small_hospital();
    let summary = "全年开展义诊十二次。";
    let saved = cli.ok(&["report", "note", "--branch", "内科党支部", "--year", "2025", "--summary", summary]);
    assert!(saved.contains("已保存"), "{saved}");
    let shown = cli.ok(&["report", "note", "--branch", "内科党支部", "--year", "2025"]);
    assert!(shown.contains(summary) && shown.contains("下一年度工作计划：（未填写）"), "{shown}");

    let annual = cli.dir.path().join("annual.pdf");
    let out = cli.ok(&["report", "annual", "--year", "2025", "--out", annual.to_str().unwrap()]);
    assert!(out.contains("年度党建品牌建设报告") && out.contains("页"), "{out}");
    assert!(std::fs::read(&annual).unwrap().starts_with(b"%PDF-"));
    let ledger = cli.dir.path().join("ledger.pdf");
    cli.ok(&["report", "ledger", "--year", "2025", "--branch", "内科党支部", "--out", ledger.to_str().unwrap()]);
    assert!(std::fs::read(&ledger).unwrap().starts_with(b"%PDF-"));
    cli.fails(&["report", "ledger", "--branch", "口腔党支部", "--out", "x.pdf"], "口腔党支部");

    cli.ok(&["branch", "add", "--name", "𠮷安党支部"]);
    let refused = cli.dir.path().join("refused.pdf");
    cli.fails(&["report", "annual", "--year", "2025", "--out", refused.to_str().unwrap()], "「𠮷」在「𠮷安党支部」中");
    assert!(!refused.exists(), "nothing is written when the report is refused");
    cli.run(&["report", "annual", "--year", "2025", "--out", refused.to_str().unwrap(), "--allow-missing-glyphs"])
        .success()
        .stderr(predicate::str::contains("警告：字体中没有「𠮷」"));
    assert!(refused.exists());
}

#[cfg(unix)]
#[test]
fn the_database_backups_and_exports_are_readable_by_their_user_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let cli = Cli::new();
    // A database file an older version left readable by everyone.
    std::fs::write(cli.db(), b"").unwrap();
    std::fs::set_permissions(cli.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
    cli.small_hospital();
    assert_eq!(mode(&cli.db()), 0o600, "tightened when opened");

    let json = cli.dir.path().join("backup.json");
    cli.ok(&["export", "json", "--out", json.to_str().unwrap()]);
    let roster = cli.dir.path().join("花名册.xlsx");
    cli.ok(&["export", "roster", "--out", roster.to_str().unwrap(), "--full-numbers"]);
    let report = cli.dir.path().join("report.pdf");
    cli.ok(&["report", "annual", "--year", "2025", "--out", report.to_str().unwrap()]);
    for file in [&json, &roster, &report] {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }

    let newcomer = cli.dir.path().join("新党员.csv");
    std::fs::write(&newcomer, "姓名,所在支部\n赵敏,内科党支部\n").unwrap();
    let imported = cli.json(&["import", "roster", newcomer.to_str().unwrap(), "--json"]);
    let backup = PathBuf::from(imported["backup"].as_str().expect("a backup before the import"));
    assert_eq!(mode(&backup), 0o600, "{}", backup.display());
    assert_eq!(mode(backup.parent().unwrap()), 0o700, "the backups folder");
}

/// The text of every log file beside the database.
fn log_text(cli: &Cli) -> String {
    let dir = cli.dir.path().join("logs");
    let mut text = String::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|_| panic!("{} exists", dir.display())) {
        text += &std::fs::read_to_string(entry.unwrap().path()).unwrap();
    }
    text
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_or_a_broken_database_exits_2_as_not_the_users_mistake_and_is_logged_without_personal_data() {
    let cli = Cli::new();
    cli.small_hospital();
    cli.run(&["export", "json", "--out", "/dev/full"])
        .code(2)
        .stderr(predicate::str::contains("不是您的操作有误").and(predicate::str::contains("详情已写入日志")));
    cli.fails(&["member", "show", "张三"], "没有名为「张三」的党员");
    let json = cli.dir.path().join("备份.json");
    cli.ok(&["export", "json", "--out", json.to_str().unwrap()]);

    let log = log_text(&cli);
    assert!(log.contains("not the user's mistake") && log.contains("/dev/full"), "the disk failure in full: {log}");
    assert!(log.contains("NotFound"), "the user's mistake by its kind: {log}");
    assert!(log.contains("json backup") && log.contains("ms="), "how long the backup took: {log}");
    for personal in ["张三", "王喆", "310116198503120019", "13812345678"] {
        assert!(!log.contains(personal), "«{personal}» is not in the log: {log}");
    }

    // A database whose pages after the header are overwritten: SQLite's own
    // file, broken (a file that is not SQLite's at all reads as encrypted).
    let broken = Cli::new();
    broken.small_hospital();
    let mut bytes = std::fs::read(broken.db()).unwrap();
    bytes[100..].fill(0x5a);
    std::fs::write(broken.db(), bytes).unwrap();
    broken.run(&["branch", "list"]).code(2).stderr(predicate::str::contains("不是您的操作有误"));
    assert!(log_text(&broken).contains("code=\"Internal\""), "{}", log_text(&broken));
}

#[test]
fn backup_now_list_and_restore() {
    let cli = Cli::new();
    cli.small_hospital();
    let out = cli.ok(&["backup", "now"]);
    assert!(out.contains("已备份并校验") && out.contains("1 个支部、2 名党员"), "{out}");
    let list = cli.json(&["backup", "list", "--json"]);
    let copy = list["backups"][0]["path"].as_str().unwrap().to_string();
    assert_eq!(list["backups"][0]["reason"], "manual");
    assert_eq!(list["backups"][0]["counts"]["members"], 2);

    cli.ok(&["branch", "add", "--name", "外科党支部"]);
    cli.fails(&["backup", "restore", &copy], "确认请加 --yes");
    assert_eq!(cli.json(&["branch", "list", "--json"]).as_array().unwrap().len(), 2, "nothing restored yet");
    let restored = cli.ok(&["backup", "restore", &copy, "--yes"]);
    assert!(restored.contains("恢复前的数据另存为"), "{restored}");
    assert_eq!(cli.json(&["branch", "list", "--json"]).as_array().unwrap().len(), 1);

    let usb = cli.dir.path().join("U盘");
    assert!(cli.ok(&["backup", "now", "--to", usb.to_str().unwrap()]).contains("U盘"));
}

#[test]
fn backup_clear_personal_erases_deleted_members_from_older_backups_once_confirmed() {
    let cli = Cli::new();
    cli.small_hospital();
    let number = common::id_number("19900708", 3);
    cli.ok(&["member", "add", "--name", "赵昇", "--branch", "内科党支部", "--id-number", &number]);
    let copy = {
        cli.ok(&["backup", "now"]);
        let list = cli.json(&["backup", "list", "--json"]);
        list["backups"][0]["path"].as_str().unwrap().to_string()
    };
    // The command line deletes no members; the app does, through the same core call.
    let store = dangjian::Store::open(&cli.db()).unwrap();
    let zhao = store.list::<dangjian::store::Member>().unwrap().into_iter().find(|m| m.name == "赵昇").unwrap();
    store.delete::<dangjian::store::Member>(zhao.id).unwrap();
    drop(store);

    cli.fails(&["backup", "clear-personal", "--before", "2999-01-01"], "确认请加 --yes");
    assert!(std::fs::read(&copy).unwrap().windows(18).any(|w| w == number.as_bytes()), "not yet");
    let out = cli.ok(&["backup", "clear-personal", "--before", "2999-01-01", "--yes"]);
    assert!(out.contains("删去了 1 名已删除党员的个人信息"), "{out}");
    assert!(!std::fs::read(&copy).unwrap().windows(18).any(|w| w == number.as_bytes()));
    cli.fails(&["backup", "clear-personal", "--before", "2026-13-01"], "YYYY-MM-DD");
}

#[test]
fn a_passphrase_comes_from_the_environment_never_from_an_argument() {
    let cli = Cli::new();
    cli.small_hospital();
    let key = [("DANGJIAN_PASSPHRASE", "correct horse")];
    cli.fails(&["passphrase", "set"], "任何人（包括开发者）都无法找回；确认请加 --yes");
    cli.fails(&["passphrase", "set", "--passphrase", "correct horse"], "unexpected argument");
    cli.run_with(&[("DANGJIAN_NEW_PASSPHRASE", "short")], &["passphrase", "set", "--yes"])
        .code(1)
        .stderr(predicate::str::contains("至少需要 8 个字符"));

    let set = cli.run_with(&[("DANGJIAN_NEW_PASSPHRASE", "correct horse")], &["passphrase", "set", "--yes"]);
    set.success().stdout(predicate::str::contains("已设置数据库密码"));
    assert!(dangjian::encryption::is_encrypted(&cli.db()).unwrap());

    cli.run(&["branch", "list"])
        .code(1)
        .stderr(predicate::str::contains("已加密，请输入密码").and(predicate::str::contains("DANGJIAN_PASSPHRASE")));
    cli.run_with(&[("DANGJIAN_PASSPHRASE", "Correct horse")], &["branch", "list"])
        .code(1)
        .stderr(predicate::str::contains("密码不正确"));
    cli.run_with(&key, &["branch", "list"]).success().stdout(predicate::str::contains("内科党支部"));
    cli.run_with(&key, &["backup", "now"]).success().stdout(predicate::str::contains("1 个支部、2 名党员"));

    let changed = [("DANGJIAN_PASSPHRASE", "correct horse"), ("DANGJIAN_NEW_PASSPHRASE", "battery staple")];
    cli.run_with(&changed, &["passphrase", "set", "--yes"])
        .success()
        .stdout(predicate::str::contains("已更改数据库密码").and(predicate::str::contains("1 份备份已随之重新加密")));
    cli.run_with(&key, &["branch", "list"]).code(1);

    let new_key = [("DANGJIAN_PASSPHRASE", "battery staple")];
    cli.fails(&["passphrase", "remove"], "已加密");
    cli.run_with(&new_key, &["passphrase", "remove"]).code(1).stderr(predicate::str::contains("确认请加 --yes"));
    cli.run_with(&new_key, &["passphrase", "remove", "--yes"])
        .success()
        .stdout(predicate::str::contains("已移除数据库密码"));
    cli.ok(&["branch", "list"]);
    let audit = cli.ok(&["audit"]);
    assert_eq!(audit.matches("encrypt").count(), 3, "set, changed and removed are on record: {audit}");
    assert!(!audit.contains("correct horse") && !audit.contains("battery staple"), "{audit}");
}
