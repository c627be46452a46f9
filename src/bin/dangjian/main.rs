//! `dangjian`: the command-line shell over the core library, for scripting,
//! automation and tests. Each subcommand parses its arguments, calls the core
//! and prints the result (a table, or JSON with `--json`).
//!
//! Exit codes: 0 success; 1 a user error (bad input, missing record), with a
//! Chinese message on stderr; 2 an internal error.

mod brands;
mod data;
mod org;
mod orglife;
mod passphrase;
mod records;
mod reports;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use dangjian::{Error, Store};

/// 党建台账命令行工具
#[derive(Parser)]
#[command(name = "dangjian", version, about = "党建台账：医院党委的支部、党员、组织生活与品牌建设台账")]
struct Cli {
    /// 数据库文件（默认取环境变量 DANGJIAN_DB，否则为用户数据目录下的 dangjian/dangjian.db）
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// 以此日期为“今天”（检查、规则和示范数据都以它为准；默认取环境变量 DANGJIAN_TODAY，否则为系统日期）YYYY-MM-DD
    #[arg(long, global = true, env = "DANGJIAN_TODAY", value_parser = parse_day)]
    today: Option<chrono::NaiveDate>,
    #[command(subcommand)]
    command: Command,
}

// Parsed once per run: the size of the larger variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    #[command(flatten)]
    OnStore(StoreCommand),
    /// 数据库密码（加密）：设置、更改、移除
    #[command(subcommand)]
    Passphrase(passphrase::PassphraseCommand),
}

/// The commands that work on the opened database.
#[derive(Subcommand)]
enum StoreCommand {
    /// 创建（或升级）数据库
    Init,
    /// 在空数据库中载入示范医院数据（以 --today 为“今天”，同一日期总是生成相同的数据）
    Demo(data::DemoArgs),
    /// 支部
    #[command(subcommand)]
    Branch(org::BranchCommand),
    /// 党员
    #[command(subcommand)]
    Member(org::MemberCommand),
    /// 组织生活会议记录
    #[command(subcommand)]
    Meeting(records::MeetingCommand),
    /// 品牌（一支部一品牌）
    #[command(subcommand)]
    Brand(brands::BrandCommand),
    /// 品牌活动与志愿服务
    #[command(subcommand)]
    Activity(brands::ActivityCommand),
    /// 联建单位与结对共建
    #[command(subcommand)]
    Partner(brands::PartnerCommand),
    /// 荣誉
    #[command(subcommand)]
    Honor(brands::HonorCommand),
    /// 意见建议（我为群众办实事）
    #[command(subcommand)]
    Suggestion(brands::SuggestionCommand),
    /// 导出
    #[command(subcommand)]
    Export(data::ExportCommand),
    /// 导入
    #[command(subcommand)]
    Import(data::ImportCommand),
    /// 生成模板
    #[command(subcommand)]
    Template(data::TemplateCommand),
    /// 年度统计
    Stats(data::StatsArgs),
    /// 年终报表（PDF）：年度党建品牌建设报告、迎检台账，以及印在报告中的支部书记总结与计划
    #[command(subcommand)]
    Report(reports::ReportCommand),
    /// 组织生活完成情况（每个支部每项规则每个周期：done、due、overdue、n/a）
    Compliance(orglife::ComplianceArgs),
    /// 待办提醒：逾期和本期待开展的组织生活、转正、连续未参加组织生活、不完整的记录、入党纪念日
    Reminders(orglife::RemindersArgs),
    /// 组织生活规则
    #[command(subcommand)]
    Obligation(orglife::ObligationCommand),
    /// 数据库备份：列出、立即备份、恢复
    #[command(subcommand)]
    Backup(data::BackupCommand),
    /// 操作日志：谁在何时做了什么（含查看完整号码、完整导出）；不显示记录内容
    Audit(data::AuditArgs),
}

fn run(cli: Cli) -> dangjian::Result<()> {
    let path = dangjian::store::resolve_db_path(cli.db)?;
    if let Err(e) = dangjian::logging::start(&dangjian::logging::log_dir_of(&path)) {
        eprintln!("警告：{e}；本次不写日志");
    }
    let command = match cli.command {
        // Changes the file as a whole, before anything opens it.
        Command::Passphrase(command) => return passphrase::run(&path, command),
        Command::OnStore(command) => command,
    };
    let mut store = Store::open_with_passphrase(&path, passphrase::of_database(&path)?.as_ref())?;
    store.set_today(cli.today);
    match command {
        StoreCommand::Init => {
            println!("数据库已就绪：{}", path.display());
            Ok(())
        }
        StoreCommand::Demo(args) => data::demo(&store, args),
        StoreCommand::Branch(command) => org::branch(&store, command),
        StoreCommand::Member(command) => org::member(&store, command),
        StoreCommand::Meeting(command) => records::meeting(&store, command),
        StoreCommand::Brand(command) => brands::brand(&store, command),
        StoreCommand::Activity(command) => brands::activity(&store, command),
        StoreCommand::Partner(command) => brands::partner(&store, command),
        StoreCommand::Honor(command) => brands::honor(&store, command),
        StoreCommand::Suggestion(command) => brands::suggestion(&store, command),
        StoreCommand::Export(command) => data::export(&store, command),
        StoreCommand::Import(command) => data::import(&store, command),
        StoreCommand::Template(command) => data::template(&store, command),
        StoreCommand::Stats(args) => data::stats(&store, args),
        StoreCommand::Report(command) => reports::report(&store, command),
        StoreCommand::Compliance(args) => orglife::compliance(&store, args),
        StoreCommand::Reminders(args) => orglife::reminders(&store, args),
        StoreCommand::Obligation(command) => orglife::obligation(&store, command),
        StoreCommand::Audit(args) => data::audit(&store, args),
        StoreCommand::Backup(command) => data::backup(&mut store, command),
    }
}

fn main() -> ExitCode {
    dangjian::private_files::create_private_from_now_on();
    std::panic::set_hook(Box::new(|info| {
        // A closed pipe (`dangjian member list | head`) is not an error worth reporting.
        if info.to_string().contains("Broken pipe") {
            std::process::exit(0);
        }
        let log = dangjian::logging::log_dir().map(|d| format!("详情已写入日志 {}；", d.display())).unwrap_or_default();
        eprintln!("内部错误（不是您的操作有误）：{info}\n{log}请把这条信息反馈给维护人员；数据库未被改动。");
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("命令行参数有误：{}", e.render().to_string().trim_start_matches("error: "));
            return ExitCode::from(1);
        }
    };
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(error)) => {
            dangjian::logging::failed("命令行", &error);
            if error.is_user_error() {
                eprintln!("错误：{error}");
                return ExitCode::from(1);
            }
            eprintln!("内部错误（不是您的操作有误）：{error}");
            if let Some(dir) = dangjian::logging::log_dir() {
                eprintln!("详情已写入日志：{}", dir.display());
            }
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(2),
    }
}

/// Prints a value as pretty JSON on stdout.
fn print_json<T: serde::Serialize>(value: &T) -> dangjian::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Parses a `YYYY-MM-DD`/`YYYY-MM` argument.
fn parse_date(text: &str) -> Result<dangjian::date::PartialDate, String> {
    text.parse().map_err(|e: Error| e.to_string())
}

/// Parses a `YYYY-MM-DD` argument that must name a day.
fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("日期「{text}」应写成 YYYY-MM-DD，如 2026-03-12，且必须是存在的日期"))
}

/// Splits a comma list (`,` or `，` or `、`), dropping blanks.
fn split_list(text: &str) -> Vec<String> {
    text.split([',', '，', '、']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}
