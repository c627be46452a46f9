//! The commands of the 报表 screen: building a year-end PDF report off the main
//! thread while its progress streams to the window, handing the built PDF to
//! the preview and saving it where the user chooses; and the secretaries'
//! yearly notes (年度工作总结, 下一年度工作计划) the annual report prints.
//! The statistics workbook is `stats_export`'s.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use dangjian::report::{self, MissingGlyph, MissingGlyphs, Progress, Report, ReportRequest};
use dangjian::store::year_notes::YearNote;
use serde::Serialize;
use tauri::ipc::{Channel, Response};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::error::{ApiError, ApiResult};
use crate::state::{in_background, AppState};

/// The last report built, kept for the preview and for saving; shared (not
/// copied, and not locked) while it is written to a file.
#[derive(Default)]
pub struct LastReport(Mutex<Option<Arc<Report>>>);

impl LastReport {
    fn slot(&self) -> MutexGuard<'_, Option<Arc<Report>>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The last report built, or a refusal saying to build one first.
    fn report(&self) -> ApiResult<Arc<Report>> {
        self.slot().clone().ok_or_else(|| dangjian::Error::Invalid("还没有生成报告，请先点击“生成”".into()).into())
    }
}

/// A finished build as the screen sees it (the PDF itself stays here).
#[derive(Debug, Serialize)]
pub struct Built {
    /// The PDF's number of pages.
    pages: usize,
    /// Characters printed as empty boxes (only when they were allowed).
    missing_glyphs: Vec<MissingGlyph>,
}

/// A refused build: the usual `{code, message}`, and when the fonts lack
/// characters, those characters with the text and the place each is in, for
/// the screen to list them and offer to build anyway.
#[derive(Debug, Serialize)]
pub struct BuildError {
    #[serde(flatten)]
    error: ApiError,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    missing_glyphs: Vec<MissingGlyph>,
}

impl From<ApiError> for BuildError {
    fn from(error: ApiError) -> Self {
        BuildError { error, missing_glyphs: Vec::new() }
    }
}

impl From<dangjian::Error> for BuildError {
    fn from(error: dangjian::Error) -> Self {
        let missing_glyphs = match &error {
            dangjian::Error::MissingGlyphs(missing) => missing.clone(),
            _ => Vec::new(),
        };
        BuildError { error: error.into(), missing_glyphs }
    }
}

/// Builds the requested PDF report on a worker thread, sending its progress
/// through `progress`, and keeps it for [`report_pdf`] and [`report_save`].
/// With `allow_missing_glyphs`, characters no font has are printed as boxes
/// and listed; without, they refuse the build (code `invalid`, listed in
/// `missing_glyphs`).
#[tauri::command]
pub async fn report_build<R: Runtime>(
    app: AppHandle<R>,
    request: ReportRequest,
    allow_missing_glyphs: bool,
    progress: Channel<Progress>,
) -> Result<Built, BuildError> {
    let missing = if allow_missing_glyphs { MissingGlyphs::Allow } else { MissingGlyphs::Refuse };
    // A failed build must not leave an older report to be saved under the new name.
    *app.state::<LastReport>().slot() = None;
    let worker = app.clone();
    let built = in_background(move || {
        // `read_here` maps only its own failure (no database); the build's stays whole, missing glyphs and all.
        worker.state::<AppState>().read_here(|store| {
            Ok(report::build(store, &request, missing, &mut |step| {
                // A closed window no longer listens; the build goes on regardless.
                let _ = progress.send(step);
            }))
        })
    })
    .await??;
    let summary = Built { pages: built.pages, missing_glyphs: built.missing_glyphs.clone() };
    *app.state::<LastReport>().slot() = Some(Arc::new(built));
    Ok(summary)
}

/// The last built PDF's bytes, for the preview.
#[tauri::command]
pub async fn report_pdf(last: State<'_, LastReport>) -> ApiResult<Response> {
    Ok(Response::new(last.report()?.pdf.clone()))
}

/// Writes the last built PDF to `out`.
#[tauri::command]
pub async fn report_save(last: State<'_, LastReport>, out: PathBuf) -> ApiResult<()> {
    let report = last.report()?;
    in_background(move || Ok(report.save(&out)?)).await
}

/// The notes of each of `branch_ids` for `year`; an empty one (id 0) where none is written.
#[tauri::command]
pub async fn year_note_list(state: State<'_, AppState>, year: i32, branch_ids: Vec<i64>) -> ApiResult<Vec<YearNote>> {
    state.read(move |store| branch_ids.iter().map(|&branch_id| store.year_note(branch_id, year)).collect()).await
}

/// Writes a branch's notes for its year, replacing those stored.
#[tauri::command]
pub async fn year_note_save(state: State<'_, AppState>, note: YearNote) -> ApiResult<YearNote> {
    state.write(move |store| store.save_year_note(&note)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use dangjian::ErrorCode;

    #[test]
    fn a_missing_glyph_refusal_keeps_its_characters_beside_code_and_message() {
        let glyph =
            MissingGlyph { character: "𬌗".into(), text: "𬌗科党支部".into(), place: "支部名称".into() };
        let error = BuildError::from(dangjian::Error::MissingGlyphs(vec![glyph]));
        let sent = serde_json::to_value(&error).unwrap();
        assert_eq!(sent["code"], "invalid");
        assert!(sent["message"].as_str().unwrap().contains("𬌗"));
        assert_eq!(
            sent["missing_glyphs"],
            serde_json::json!([{"character": "𬌗", "text": "𬌗科党支部", "place": "支部名称"}])
        );
    }

    #[test]
    fn other_refusals_are_plain_code_and_message() {
        let error = BuildError::from(dangjian::Error::Invalid("迎检台账按支部生成：请只选择一个支部".into()));
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({"code": "invalid", "message": "迎检台账按支部生成：请只选择一个支部"})
        );
    }

    #[test]
    fn nothing_to_preview_or_save_before_a_build() {
        let error = LastReport::default().report().unwrap_err();
        assert_eq!(error.code, ErrorCode::Invalid);
    }
}
