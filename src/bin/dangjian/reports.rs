//! `dangjian report annual|ledger|note`: the year-end PDFs and the
//! secretary's summary and plan they print.

use std::path::PathBuf;

use chrono::Datelike;
use clap::Subcommand;
use dangjian::report::{self, MissingGlyphs, ReportKind, ReportRequest};
use dangjian::{Result, Store};

#[derive(Subcommand)]
pub enum ReportCommand {
    /// 年度党建品牌建设报告（PDF）：全院概况，加每个支部一节
    Annual {
        /// 年份（默认今年）
        #[arg(long)]
        year: Option<i32>,
        /// 只收录这些支部（可重复；默认全部）
        #[arg(long)]
        branch: Vec<String>,
        /// 输出文件（.pdf）
        #[arg(long)]
        out: PathBuf,
        /// 字体中没有的字符照样生成（印成空白方框），只给出警告
        #[arg(long)]
        allow_missing_glyphs: bool,
    },
    /// 迎检台账（PDF）：一个支部全年的组织生活记录，每份记录另起一页，最后是完成情况
    Ledger {
        /// 年份（默认今年）
        #[arg(long)]
        year: Option<i32>,
        /// 支部名称
        #[arg(long)]
        branch: String,
        /// 输出文件（.pdf）
        #[arg(long)]
        out: PathBuf,
        /// 字体中没有的字符照样生成（印成空白方框），只给出警告
        #[arg(long)]
        allow_missing_glyphs: bool,
    },
    /// 支部书记的年度工作总结和下一年度计划（印在年度报告中）；不给文字则显示现有内容
    Note {
        /// 年份（默认今年）
        #[arg(long)]
        year: Option<i32>,
        /// 支部名称
        #[arg(long)]
        branch: String,
        /// 年度工作总结（可分段，每行一段）
        #[arg(long)]
        summary: Option<String>,
        /// 下一年度工作计划
        #[arg(long)]
        plan: Option<String>,
    },
}

pub fn report(store: &Store, command: ReportCommand) -> Result<()> {
    let this_year = store.today().year();
    match command {
        ReportCommand::Annual { year, branch, out, allow_missing_glyphs } => {
            let branch_ids = branch.iter().map(|b| store.branch_by_name(b).map(|b| b.id)).collect::<Result<_>>()?;
            let request = ReportRequest { kind: ReportKind::Annual, year: year.unwrap_or(this_year), branch_ids };
            write_report(store, &request, out, allow_missing_glyphs)
        }
        ReportCommand::Ledger { year, branch, out, allow_missing_glyphs } => {
            let branch_ids = vec![store.branch_by_name(&branch)?.id];
            let request = ReportRequest { kind: ReportKind::Ledger, year: year.unwrap_or(this_year), branch_ids };
            write_report(store, &request, out, allow_missing_glyphs)
        }
        ReportCommand::Note { year, branch, summary, plan } => {
            let branch = store.branch_by_name(&branch)?;
            let mut note = store.year_note(branch.id, year.unwrap_or(this_year))?;
            if summary.is_none() && plan.is_none() {
                println!("{} {} 年", branch.name, note.year);
                println!("年度工作总结：{}", note.summary.as_deref().unwrap_or("（未填写）"));
                println!("下一年度工作计划：{}", note.plan.as_deref().unwrap_or("（未填写）"));
                return Ok(());
            }
            note.summary = summary.or(note.summary);
            note.plan = plan.or(note.plan);
            let note = store.save_year_note(&note)?;
            println!("已保存 {} {} 年的总结与计划", branch.name, note.year);
            Ok(())
        }
    }
}

fn write_report(store: &Store, request: &ReportRequest, out: PathBuf, allow_missing_glyphs: bool) -> Result<()> {
    let missing = if allow_missing_glyphs { MissingGlyphs::Allow } else { MissingGlyphs::Refuse };
    let built = report::build(store, request, missing, &mut |_| {})?;
    built.save(&out)?;
    for glyph in &built.missing_glyphs {
        eprintln!("警告：字体中没有「{}」，在「{}」中（{}），印成了空白方框", glyph.character, glyph.text, glyph.place);
    }
    println!("已生成 {}（{} 页）：{}", request.kind.label(), built.pages, out.display());
    Ok(())
}
