//! Files the app writes for people to use elsewhere: roster spreadsheets, the
//! empty roster template, the error report of an import, and the year's
//! statistics workbook.

pub mod roster;
pub mod stats;

use std::path::Path;

use rust_xlsxwriter::XlsxError;

use crate::error::Error;

/// A failure to write a workbook, as the user reads it.
pub(crate) fn xlsx_error(path: &Path, error: XlsxError) -> Error {
    match error {
        XlsxError::IoError(e) => Error::io(format!("无法写入 {}", path.display()), e),
        other => Error::Invalid(format!("无法生成表格 {}：{other}", path.display())),
    }
}
