//! `dangjian compliance`, `dangjian reminders` and `dangjian obligation …`.

use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use dangjian::store::{Frequency, Obligation};
use dangjian::{Error, Result, Store};

use crate::{parse_day, print_json};

/// `dangjian compliance`.
#[derive(Args)]
pub struct ComplianceArgs {
    /// 年份（默认今年）
    #[arg(long)]
    year: Option<i32>,
    /// 以此日期为准判断（默认今天）YYYY-MM-DD
    #[arg(long, value_parser = parse_day)]
    as_of: Option<NaiveDate>,
    /// 只看此支部
    #[arg(long)]
    branch: Option<String>,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

/// A rate as a percentage, or a dash when nothing has been judged yet.
fn percent(rate: Option<f64>) -> String {
    rate.map_or("—".to_string(), |r| format!("{:.0}%", r * 100.0))
}

/// Prints the compliance grid, as a summary or as JSON.
pub fn compliance(store: &Store, args: ComplianceArgs) -> Result<()> {
    let as_of = args.as_of.unwrap_or_else(|| store.today());
    let year = args.year.unwrap_or(as_of.year());
    let branch_id = args.branch.map(|b| store.branch_by_name(&b).map(|b| b.id)).transpose()?;
    let grid = store.compliance(year, as_of, branch_id)?;
    if args.json {
        return print_json(&grid);
    }
    println!("{year} 年组织生活完成情况（截至 {as_of}），全院完成率 {}", percent(grid.rate));
    for branch in &grid.branches {
        let overdue: Vec<String> = branch
            .items
            .iter()
            .filter(|i| i.status == dangjian::store::ComplianceStatus::Overdue)
            .map(|i| {
                format!(
                    "{} {}{}",
                    i.period.label(),
                    i.obligation,
                    i.group.as_deref().map(|g| format!("（{g}）")).unwrap_or_default()
                )
            })
            .collect();
        println!("{}\t完成率 {}\t逾期 {} 项", branch.branch, percent(branch.rate), overdue.len());
        for item in overdue {
            println!("\t  · {item}");
        }
    }
    Ok(())
}

/// `dangjian reminders`.
#[derive(Args)]
pub struct RemindersArgs {
    /// 以此日期为准（默认今天）YYYY-MM-DD
    #[arg(long, value_parser = parse_day)]
    as_of: Option<NaiveDate>,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

/// Prints the to-do list.
pub fn reminders(store: &Store, args: RemindersArgs) -> Result<()> {
    let list = store.reminders(args.as_of.unwrap_or_else(|| store.today()))?;
    if args.json {
        return print_json(&list);
    }
    for item in &list {
        println!("{}\t{}\t{}", item.kind.label(), item.date, item.message);
    }
    println!("共 {} 项", list.len());
    Ok(())
}

/// `dangjian obligation …`.
#[derive(Subcommand)]
pub enum ObligationCommand {
    /// 列出组织生活规则
    List {
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 修改一条规则（本地规定）
    Edit {
        /// 规则代码，如 party_lesson
        code: String,
        /// 频次：month、quarter、half_year、year，或 每月、每季度、每半年、每年
        #[arg(long, value_parser = parse_frequency)]
        frequency: Option<Frequency>,
        /// 每个周期的次数
        #[arg(long)]
        per_period: Option<u32>,
        /// 是否适用于党支部
        #[arg(long)]
        binds_branch: Option<bool>,
        /// 是否适用于党总支
        #[arg(long)]
        binds_general_branch: Option<bool>,
        /// 是否启用
        #[arg(long)]
        active: Option<bool>,
    },
}

fn parse_frequency(text: &str) -> std::result::Result<Frequency, String> {
    Frequency::parse(text).ok_or_else(|| format!("频次「{text}」无法识别，可选：{}", Frequency::choices()))
}

/// Lists or edits the rules of organisational life.
pub fn obligation(store: &Store, command: ObligationCommand) -> Result<()> {
    match command {
        ObligationCommand::List { json } => {
            let list = store.obligations()?;
            if json {
                return print_json(&list);
            }
            for o in &list {
                println!(
                    "{}\t{}\t{}\t{} 次\t{}{}",
                    o.code,
                    o.name,
                    o.frequency.label(),
                    o.per_period,
                    o.scope.label(),
                    if o.active { "" } else { "\t（停用）" }
                );
            }
            Ok(())
        }
        ObligationCommand::Edit { code, frequency, per_period, binds_branch, binds_general_branch, active } => {
            let mut rule: Obligation =
                store.obligations()?.into_iter().find(|o| o.code == code.trim()).ok_or_else(|| {
                    Error::NotFound(format!("没有代码为「{code}」的规则；可用 `dangjian obligation list` 查看"))
                })?;
            rule.frequency = frequency.unwrap_or(rule.frequency);
            rule.per_period = per_period.unwrap_or(rule.per_period);
            rule.binds_branch = binds_branch.unwrap_or(rule.binds_branch);
            rule.binds_general_branch = binds_general_branch.unwrap_or(rule.binds_general_branch);
            rule.active = active.unwrap_or(rule.active);
            let rule = store.update(&rule)?;
            println!("已修改规则「{}」：{}，每期 {} 次", rule.code, rule.frequency.label(), rule.per_period);
            Ok(())
        }
    }
}
