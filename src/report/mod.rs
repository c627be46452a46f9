//! The year-end reports as PDF: the annual brand-building report
//! (年度党建品牌建设报告) and a branch's inspection ledger (迎检台账).
//!
//! [`build`] is the one entry point the CLI and the app call: it gathers the
//! records into a [`Document`](document::Document), checks that the fonts have
//! every character it holds, and sets it as a PDF.

pub mod annual;
pub mod document;
pub mod ledger;
mod org_life;
pub mod pdf;
mod text;

use std::path::Path;

use serde::{Deserialize, Serialize};

use ts_rs::TS;

use crate::error::{Error, Result};
use crate::store::enums::text_enum;
use crate::store::Store;

text_enum! {
    /// The year-end documents the 报表 screen offers.
    ReportKind {
        /// The committee summary and a section per branch (PDF).
        Annual = "annual" ("年度党建品牌建设报告", "年度报告"),
        /// One branch's organisational-life records of the year (PDF).
        Ledger = "ledger" ("迎检台账", "台账"),
        /// The year's statistics workbook (Excel), written by [`crate::export::stats`].
        Statistics = "statistics" ("年度统计表", "统计表"),
    }
}

/// What the user asked for: a kind of report, a year and the branches it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportRequest {
    /// The report to build.
    pub kind: ReportKind,
    /// The calendar year it covers.
    pub year: i32,
    /// The branches it covers; empty means every branch (the annual report only:
    /// a ledger is for exactly one branch).
    pub branch_ids: Vec<i64>,
}

/// Whether a character no font has stops the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingGlyphs {
    /// Refuse with [`Error::MissingGlyphs`] naming each character and where it is.
    Refuse,
    /// Print them (as empty boxes) and list them in [`Report::missing_glyphs`].
    Allow,
}

/// A character of the report that no embedded font can draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MissingGlyph {
    /// The character.
    pub character: String,
    /// The text it occurs in (a name, a title, …).
    pub text: String,
    /// Where that text is: the section and the heading it falls under.
    pub place: String,
}

/// How far a build has come, for a progress bar.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Progress {
    /// What is being done, in Chinese (汇总数据, 排版, …).
    pub stage: String,
    /// The share done, from 0 to 1.
    pub fraction: f32,
}

/// A finished report.
#[derive(Debug, Clone)]
pub struct Report {
    /// The PDF file's bytes.
    pub pdf: Vec<u8>,
    /// Its number of pages.
    pub pages: usize,
    /// Characters printed as empty boxes (only with [`MissingGlyphs::Allow`]).
    pub missing_glyphs: Vec<MissingGlyph>,
}

impl Report {
    /// Writes the PDF to `path`, through a temporary file beside it, so a failed
    /// write never leaves a half-written report in its place.
    pub fn save(&self, path: &Path) -> Result<()> {
        let partial = path.with_extension("pdf.part");
        let context = || format!("无法写入 {}", path.display());
        std::fs::write(&partial, &self.pdf).map_err(|e| Error::io(context(), e))?;
        std::fs::rename(&partial, path).map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            Error::io(context(), e)
        })
    }
}

/// Builds the requested report from the store's records.
///
/// `progress` is called as the work advances. With [`MissingGlyphs::Refuse`], a
/// character no font has fails the build before anything is set.
pub fn build(
    store: &Store,
    request: &ReportRequest,
    missing: MissingGlyphs,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report> {
    let _timed = crate::logging::timed("report");
    progress(Progress { stage: "汇总数据".into(), fraction: 0.0 });
    let document = match request.kind {
        ReportKind::Annual => annual::document(store, request.year, &request.branch_ids)?,
        ReportKind::Ledger => {
            let [branch_id] = request.branch_ids[..] else {
                return Err(Error::Invalid("迎检台账按支部生成：请只选择一个支部".into()));
            };
            ledger::document(store, request.year, branch_id)?
        }
        ReportKind::Statistics => return Err(Error::Invalid("年度统计表是 Excel 工作簿，请用“导出统计表”生成".into())),
    };
    progress(Progress { stage: "检查字形".into(), fraction: 0.3 });
    let missing_glyphs = pdf::missing_glyphs(&document);
    if missing == MissingGlyphs::Refuse && !missing_glyphs.is_empty() {
        return Err(Error::MissingGlyphs(missing_glyphs));
    }
    let rendered = pdf::render(&document, &mut |fraction| {
        progress(Progress { stage: "排版".into(), fraction: 0.35 + 0.65 * fraction })
    })?;
    progress(Progress { stage: "完成".into(), fraction: 1.0 });
    Ok(Report { pdf: rendered.bytes, pages: rendered.pages, missing_glyphs })
}
