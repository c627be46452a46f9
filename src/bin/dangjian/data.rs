//! `dangjian demo`, `export`, `import` and `stats`.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use dangjian::store::MeetingKind;
use dangjian::{backup, Error, Result, Store};

use crate::{parse_day, print_json};

#[derive(Args)]
pub struct DemoArgs {
    /// 以此日期为“今天”生成数据（默认今天）；同一日期总是生成相同的数据
    #[arg(long, value_parser = parse_day)]
    today: Option<NaiveDate>,
}

pub fn demo(store: &Store, args: DemoArgs) -> Result<()> {
    let summary = dangjian::demo::load(store, args.today.unwrap_or_else(dangjian::date::today))?;
    println!(
        "已载入示范医院：{} 个支部（含党总支），{} 名党员，{} 条会议记录，{} 项活动",
        summary.branches, summary.members, summary.meetings, summary.activities
    );
    Ok(())
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// 把整个数据库导出为一个 JSON 文件（也是可读的备份）
    Json {
        /// 输出文件
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn export(store: &Store, command: ExportCommand) -> Result<()> {
    match command {
        ExportCommand::Json { out } => {
            let document = backup::export(store)?;
            let text = serde_json::to_string_pretty(&document)?;
            std::fs::write(&out, text + "\n").map_err(|e| Error::io(format!("无法写入 {}", out.display()), e))?;
            println!("已导出到 {}（{} 个支部，{} 名党员）", out.display(), document.branches.len(), document.members.len());
            Ok(())
        }
    }
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// 把 `export json` 导出的文件导入空数据库
    Json {
        /// JSON 文件
        file: PathBuf,
    },
}

pub fn import(store: &Store, command: ImportCommand) -> Result<()> {
    match command {
        ImportCommand::Json { file } => {
            let text = std::fs::read_to_string(&file).map_err(|e| Error::io(format!("无法读取 {}", file.display()), e))?;
            let document = backup::parse(&text)?;
            backup::import(store, &document)?;
            println!("已导入 {}（{} 个支部，{} 名党员）", file.display(), document.branches.len(), document.members.len());
            Ok(())
        }
    }
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
    let stats = store.year_stats(args.year.unwrap_or_else(|| dangjian::date::today().year()))?;
    if args.json {
        return print_json(&stats);
    }
    println!("{} 年", stats.year);
    println!("党支部 {} 个，党总支 {} 个", stats.branches, stats.general_branches);
    println!("在册党员 {} 名：正式党员 {}，预备党员 {}", stats.members.total, stats.members.full, stats.members.probationary);
    for kind in MeetingKind::ALL {
        println!("{}：{} 次", kind.label(), stats.meetings.get(kind.as_str()).copied().unwrap_or(0));
    }
    println!("活动 {} 项，志愿服务 {} 小时，服务 {} 人次", stats.activities, stats.volunteer_hours, stats.people_served);
    Ok(())
}
