//! `dangjian demo`, `export`, `import` and `stats`.

use std::path::PathBuf;

use chrono::Datelike;
use clap::{Args, Subcommand};
use dangjian::backups::BackupInfo;
use dangjian::demo::DemoSize;
use dangjian::import::{self, HoursField, HoursOptions, ImportProgress, ImportReport, RosterField, RosterOptions};
use dangjian::store::{AuditEntry, MeetingKind};
use dangjian::{backup, Error, Result, Store};

use crate::{parse_day, print_json};

#[derive(Args)]
pub struct DemoArgs {
    /// 规模：standard（约 10 个支部、160 名党员、两年记录）或 large（约 60 个支部、2000 名党员、十年记录）
    #[arg(long, default_value = "standard", value_parser = parse_size)]
    size: DemoSize,
}

fn parse_size(text: &str) -> std::result::Result<DemoSize, String> {
    match text.trim() {
        "standard" | "标准" => Ok(DemoSize::Standard),
        "large" | "大" => Ok(DemoSize::Large),
        _ => Err(format!("规模「{text}」无法识别，可选：standard、large")),
    }
}

/// `dangjian demo`: built as of the global `--today`; the same day always gives the same data.
pub fn demo(store: &Store, args: DemoArgs) -> Result<()> {
    let summary = dangjian::demo::load_sized(store, store.today(), args.size)?;
    println!(
        "已载入示范医院：{} 个支部（含党总支），{} 名党员，{} 条会议记录，{} 项活动",
        summary.branches, summary.members, summary.meetings, summary.activities
    );
    Ok(())
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// 导出党员花名册（xlsx，全国党员管理信息系统的列顺序；身份证号、手机号为文本格式）
    Roster {
        /// 输出文件（.xlsx）
        #[arg(long)]
        out: PathBuf,
        /// 导出完整的身份证号和手机号（默认打码；完整导出记入操作日志，可按原样导回）
        #[arg(long)]
        full_numbers: bool,
    },
    /// 导出年度统计（xlsx：支部汇总、组织生活、出勤、活动、志愿服务、荣誉、意见建议；不含身份证号和手机号）
    Stats {
        /// 年份（默认今年）
        #[arg(long)]
        year: Option<i32>,
        /// 输出文件（.xlsx）
        #[arg(long)]
        out: PathBuf,
    },
    /// 把整个数据库导出为一个 JSON 文件（也是可读的备份）
    Json {
        /// 输出文件
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn export(store: &Store, command: ExportCommand) -> Result<()> {
    match command {
        ExportCommand::Roster { out, full_numbers } => {
            let count = dangjian::export::roster::export_roster(store, &out, !full_numbers)?;
            println!("已导出 {count} 名党员到 {}", out.display());
            Ok(())
        }
        ExportCommand::Stats { year, out } => {
            let year = year.unwrap_or_else(|| store.today().year());
            let sheets = dangjian::export::stats::export_stats(store, year, &out)?;
            println!("已导出 {year} 年统计到 {}（{}）", out.display(), sheets.join("、"));
            Ok(())
        }
        ExportCommand::Json { out } => {
            let document = backup::write_json(store, &out)?;
            println!(
                "已导出到 {}（{} 个支部，{} 名党员）",
                out.display(),
                document.branches.len(),
                document.members.len()
            );
            Ok(())
        }
    }
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// 导入党员花名册（xlsx、xlsm、xlsb、xls、ods、csv）；先检查，全部无误才写入
    Roster(RosterArgs),
    /// 导入志愿服务时长（每行：活动、日期、姓名、工号或身份证号、时长、身份）；活动须已登记；重复导入不会重复计时
    VolunteerHours(HoursArgs),
    /// 把 `export json` 导出的文件导入空数据库
    Json {
        /// JSON 文件
        file: PathBuf,
    },
}

pub fn import(store: &Store, command: ImportCommand) -> Result<()> {
    match command {
        ImportCommand::Roster(args) => roster(store, args),
        ImportCommand::VolunteerHours(args) => hours(store, args),
        ImportCommand::Json { file } => {
            let document = backup::read_file(&file)?;
            backup::import(store, &document)?;
            println!(
                "已导入 {}（{} 个支部，{} 名党员）",
                file.display(),
                document.branches.len(),
                document.members.len()
            );
            Ok(())
        }
    }
}

#[derive(Subcommand)]
pub enum BackupCommand {
    /// 列出 backups 文件夹中的备份（最新在前）：时间、原因、大小、支部/党员/会议记录数
    List {
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 立即备份（校验副本）；默认放在 backups 文件夹并轮换，--to 放到指定文件夹（如 U 盘）
    Now {
        /// 目标文件夹
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// 用备份替换整个数据库（先校验备份，并把当前状态另存一份“恢复前”备份）
    Restore {
        /// 备份文件
        file: PathBuf,
        /// 确认替换
        #[arg(long)]
        yes: bool,
    },
    /// 清除历史个人信息：在此日期之前的备份中，删去已删除党员的身份证号、电话、住址、出生日期等个人信息（备份其余内容不变，仍可恢复）
    ClearPersonal {
        /// 处理此日期（YYYY-MM-DD）之前的备份
        #[arg(long, value_parser = parse_day)]
        before: chrono::NaiveDate,
        /// 确认改写这些备份
        #[arg(long)]
        yes: bool,
    },
}

/// One line about a copy: when, why, how big, what it holds.
fn backup_line(b: &BackupInfo) -> String {
    let counts = b.counts.map_or("无法读取".to_string(), |c| {
        format!("{} 个支部、{} 名党员、{} 条会议记录", c.branches, c.members, c.meetings)
    });
    format!("{}  {}  {:.1} MB  {counts}  {}", b.taken_at, b.reason.label(), b.size as f64 / 1e6, b.path)
}

pub fn backup(store: &mut Store, command: BackupCommand) -> Result<()> {
    let now = chrono::Local::now().naive_local();
    match command {
        BackupCommand::List { json } => {
            let list = store.backups()?;
            if json {
                return print_json(&list);
            }
            list.backups.iter().for_each(|b| println!("{}", backup_line(b)));
            println!("共 {} 份，{:.1} MB，在 {}", list.backups.len(), list.total_size as f64 / 1e6, list.folder);
            Ok(())
        }
        BackupCommand::Now { to } => {
            let taken = store.back_up_now(to.as_deref(), now)?;
            println!("已备份并校验：{}", backup_line(&taken));
            Ok(())
        }
        BackupCommand::Restore { file, yes } => {
            let counts = store.backup_counts(&file)?;
            if !yes {
                return Err(Error::Invalid(format!(
                    "恢复会用这份备份（{} 个支部、{} 名党员、{} 条会议记录）替换当前全部数据；确认请加 --yes",
                    counts.branches, counts.members, counts.meetings
                )));
            }
            let kept = store.restore(&file, now)?;
            println!("已从 {} 恢复", file.display());
            if let Some(kept) = kept {
                println!("恢复前的数据另存为：{}", kept.path);
            }
            Ok(())
        }
        BackupCommand::ClearPersonal { before, yes } => {
            if !yes {
                return Err(Error::Invalid(format!(
                    "这会改写 {before} 之前的备份，删去已删除党员的个人信息，且无法撤销；确认请加 --yes"
                )));
            }
            let done = store.erase_deleted_members_from_backups(before)?;
            println!("{}", done.summary());
            Ok(())
        }
    }
}

#[derive(Args)]
pub struct AuditArgs {
    /// 显示最近多少条（默认 50）
    #[arg(long, default_value_t = 50)]
    limit: u32,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

/// Prints the newest audit entries, newest first: when, who, what and which
/// record, never the records' contents (they hold personal data).
pub fn audit(store: &Store, args: AuditArgs) -> Result<()> {
    let entries: Vec<_> =
        store.audit_log(args.limit)?.into_iter().map(|e| AuditEntry { before: None, after: None, ..e }).collect();
    if args.json {
        return print_json(&entries);
    }
    for e in &entries {
        let record = e.entity_id.map(|id| format!(" #{id}")).unwrap_or_default();
        println!("{}  {}  {}  {}{record}", e.at, e.os_user, e.action, e.entity);
    }
    println!("共 {} 条", entries.len());
    Ok(())
}

#[derive(Args)]
pub struct StatsArgs {
    /// 年份（默认今年）
    #[arg(long)]
    year: Option<i32>,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

pub fn stats(store: &Store, args: StatsArgs) -> Result<()> {
    let stats = store.year_stats(args.year.unwrap_or_else(|| store.today().year()))?;
    if args.json {
        return print_json(&stats);
    }
    println!("{} 年", stats.year);
    println!("党支部 {} 个，党总支 {} 个", stats.branches, stats.general_branches);
    println!(
        "在册党员 {} 名：正式党员 {}，预备党员 {}",
        stats.members.total, stats.members.full, stats.members.probationary
    );
    for kind in MeetingKind::ALL {
        println!("{}：{} 次", kind.label(), stats.meetings.get(kind.as_str()).copied().unwrap_or(0));
    }
    println!(
        "活动 {} 项，志愿服务 {} 小时（其中院外志愿者 {} 小时），服务 {} 人次，党员参与率 {}%",
        stats.activities,
        stats.volunteer_hours,
        stats.outside_volunteer_hours,
        stats.people_served,
        stats.participation_rate
    );
    println!(
        "荣誉 {} 项；意见建议提出 {} 条，办结 {} 条",
        stats.honors, stats.suggestions_raised, stats.suggestions_done
    );
    println!("支部\t活动\t服务人次\t志愿时长\t参与率\t荣誉\t办结建议");
    for b in &stats.per_branch {
        println!(
            "{}\t{}\t{}\t{}\t{}%\t{}\t{}",
            b.branch,
            b.activities,
            b.people_served,
            b.volunteer_hours,
            b.participation_rate,
            b.honors,
            b.suggestions_done
        );
        for t in &b.targets {
            println!("\t{} {}：{} / {}（{}%）", t.brand, t.label, t.actual, t.target, t.percent);
        }
    }
    Ok(())
}

#[derive(Args)]
pub struct RosterArgs {
    /// 花名册文件
    file: PathBuf,
    /// 只导入这个工作表
    #[arg(long)]
    sheet: Option<String>,
    /// 指定表头对应的字段，如 --map 工作单位=科室（可多次使用）
    #[arg(long = "map", value_name = "表头=字段", value_parser = parse_roster_mapping)]
    mapping: Vec<(String, RosterField)>,
    /// 只检查并报告，不写入
    #[arg(long)]
    dry_run: bool,
    /// 有错误的行跳过，其余照常导入
    #[arg(long)]
    skip_invalid: bool,
    /// 表中出现的新支部自动创建
    #[arg(long)]
    create_branches: bool,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
    /// 把有错误的行连同原因保存为 xlsx（错误报告）
    #[arg(long, value_name = "FILE")]
    errors_out: Option<PathBuf>,
}

/// Reads `表头=字段`, the field by its code or Chinese name (`example` shows one).
fn parse_mapping<F>(
    text: &str,
    parse: fn(&str) -> Option<F>,
    choices: String,
    example: &str,
) -> std::result::Result<(String, F), String> {
    let (header, field) = text.split_once('=').ok_or_else(|| format!("「{text}」应写成 表头=字段，如 {example}"))?;
    let field = parse(field).ok_or_else(|| format!("字段「{field}」无法识别，可选：{choices}"))?;
    Ok((header.trim().to_string(), field))
}

fn parse_roster_mapping(text: &str) -> std::result::Result<(String, RosterField), String> {
    parse_mapping(text, RosterField::parse, RosterField::choices(), "工作单位=科室")
}

fn parse_hours_mapping(text: &str) -> std::result::Result<(String, HoursField), String> {
    parse_mapping(text, HoursField::parse, HoursField::choices(), "服务内容=活动")
}

fn roster(store: &Store, args: RosterArgs) -> Result<()> {
    let options = RosterOptions {
        sheet: args.sheet,
        mapping: args.mapping.into_iter().collect(),
        skip_invalid: args.skip_invalid,
        create_branches: args.create_branches,
        include_rows: false,
    };
    let quiet = |_: ImportProgress| {};
    let report = if args.dry_run {
        import::preview_roster(store, &args.file, &options, &quiet)?
    } else {
        import::import_roster(store, &args.file, &options, &quiet)?
    };
    if let Some(out) = &args.errors_out {
        dangjian::export::roster::error_report(&report, &args.file, out)?;
    }
    finish(&report, args.json, args.dry_run, &ROSTER)
}

#[derive(Args)]
pub struct HoursArgs {
    /// 志愿服务时长表
    file: PathBuf,
    /// 只导入这个工作表
    #[arg(long)]
    sheet: Option<String>,
    /// 指定表头对应的字段，如 --map 服务内容=活动（可多次使用）
    #[arg(long = "map", value_name = "表头=字段", value_parser = parse_hours_mapping)]
    mapping: Vec<(String, HoursField)>,
    /// 只检查并报告，不写入
    #[arg(long)]
    dry_run: bool,
    /// 有错误的行跳过，其余照常导入
    #[arg(long)]
    skip_invalid: bool,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
    /// 把有错误的行连同原因保存为 xlsx（错误报告）
    #[arg(long, value_name = "FILE")]
    errors_out: Option<PathBuf>,
}

fn hours(store: &Store, args: HoursArgs) -> Result<()> {
    let options = HoursOptions {
        sheet: args.sheet,
        mapping: args.mapping.into_iter().collect(),
        skip_invalid: args.skip_invalid,
        include_rows: false,
    };
    let quiet = |_: ImportProgress| {};
    let report = if args.dry_run {
        import::preview_hours(store, &args.file, &options, &quiet)?
    } else {
        import::import_hours(store, &args.file, &options, &quiet)?
    };
    if let Some(out) = &args.errors_out {
        dangjian::export::roster::error_report(&report, &args.file, out)?;
    }
    finish(&report, args.json, args.dry_run, &HOURS)
}

/// How an import's report speaks of its kind of sheet.
struct Wording {
    /// What a sheet holds (花名册).
    table: &'static str,
    /// What a row counts (人).
    unit: &'static str,
}

const ROSTER: Wording = Wording { table: "花名册", unit: "人" };
const HOURS: Wording = Wording { table: "志愿服务时长表", unit: "人次" };

/// Prints an import's report (as JSON, or as text); an error when errors kept
/// it from being applied.
fn finish(report: &ImportReport, json: bool, dry_run: bool, wording: &Wording) -> Result<()> {
    if json {
        print_json(report)?;
    } else {
        print_report(report, dry_run, wording);
    }
    if !report.applied && !report.errors.is_empty() && !dry_run {
        return Err(Error::Invalid(format!(
            "有 {} 处错误，未导入任何数据；请按上面的提示修改表格后重新导入，或加 --skip-invalid 只导入无误的行",
            report.errors.len()
        )));
    }
    Ok(())
}

fn print_report(report: &ImportReport, dry_run: bool, Wording { table, unit }: &Wording) {
    for sheet in &report.sheets {
        match sheet.header_row {
            Some(row) => println!("工作表「{}」：表头在第 {row} 行，{} 行数据", sheet.name, sheet.rows),
            None => println!("工作表「{}」：未找到{table}，已跳过", sheet.name),
        }
    }
    println!("新增 {} {unit}，更新 {} {unit}，无变化 {} {unit}", report.new, report.updated, report.unchanged);
    for change in &report.changes {
        let fields: Vec<String> =
            change.fields.iter().map(|f| format!("{}：{} → {}", f.field, f.before, f.after)).collect();
        println!("  更新「{}」（{} 第 {} 行）：{}", change.name, change.sheet, change.row, fields.join("；"));
    }
    if !report.new_branches.is_empty() {
        println!("新建支部：{}", report.new_branches.join("、"));
    }
    for (label, problems) in [("错误", &report.errors), ("提醒", &report.warnings)] {
        for p in problems {
            let place = if p.row == 0 { p.sheet.clone() } else { format!("{} 第 {} 行", p.sheet, p.row) };
            let column = if p.column.is_empty() { String::new() } else { format!("「{}」", p.column) };
            let value = if p.value.is_empty() { String::new() } else { format!("（{}）", p.value) };
            println!("{label}：{place}{column}{value}：{}", p.message);
        }
    }
    match (report.applied, dry_run) {
        (true, _) => {
            println!("已导入。导入前的数据库已备份到 {}", report.backup.as_deref().unwrap_or("（内存数据库，无备份）"))
        }
        (false, true) => println!("这是预览，没有写入任何数据"),
        (false, false) if report.errors.is_empty() => println!("没有需要写入的变化"),
        (false, false) => {}
    }
}

#[derive(Subcommand)]
pub enum TemplateCommand {
    /// 空白花名册模板（性别、人员类别、所在党支部带下拉选项）
    Roster {
        /// 输出文件（.xlsx）
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn template(store: &Store, command: TemplateCommand) -> Result<()> {
    match command {
        TemplateCommand::Roster { out } => {
            dangjian::export::roster::roster_template(store, &out)?;
            println!("已生成花名册模板 {}", out.display());
            Ok(())
        }
    }
}
