//! The core's error type.
//!
//! Every failure the core reports is an [`Error`]. Variants that a user can fix
//! (bad input, a missing record, a conflict) carry a Simplified Chinese message
//! that says what is wrong and what to do; [`Error::code`] gives the stable,
//! machine-readable category the shells map to exit codes and UI states.

use serde::Serialize;
use ts_rs::TS;

/// A failure in the core library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input breaks a rule (a date out of order, a bad ID number, …).
    #[error("{0}")]
    Invalid(String),
    /// A record that the input refers to does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The write would clash with stored data (a duplicate, a record still in use).
    #[error("{0}")]
    Conflict(String),
    /// The database file was written by a newer version of the app.
    #[error("数据库文件由更新版本的党建台账创建（结构版本 {found}，本程序支持到 {supported}），为保护数据未做任何修改；请升级本程序后再打开")]
    DatabaseTooNew {
        /// The schema version found in the file.
        found: i64,
        /// The newest schema version this build knows.
        supported: i64,
    },
    /// The database file is encrypted and the passphrase is missing or wrong.
    #[error("{0}")]
    Passphrase(String),
    /// A file could not be read or written.
    #[error("{context}：{source}")]
    Io {
        /// What was being done, in Chinese, naming the file.
        context: String,
        /// The underlying cause.
        #[source]
        source: std::io::Error,
    },
    /// SQLite failed in a way the user cannot fix.
    #[error("数据库错误：{0}")]
    Database(rusqlite::Error),
    /// A schema migration failed.
    #[error("数据库升级失败：{0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// JSON could not be read or written.
    #[error("JSON 格式错误：{0}")]
    Json(#[from] serde_json::Error),
    /// A report holds characters that no embedded font can draw.
    #[error("{}", missing_glyphs_message(.0))]
    MissingGlyphs(Vec<crate::report::MissingGlyph>),
}

/// Names each character no font has, with the text and the place it is in.
fn missing_glyphs_message(missing: &[crate::report::MissingGlyph]) -> String {
    let list: Vec<String> =
        missing.iter().map(|m| format!("「{}」在「{}」中（{}）", m.character, m.text, m.place)).collect();
    format!(
        "报表字体中没有以下字符，印出来会是空白方框：{}。请在相应记录中改用规范汉字后重试；确需照样生成，请选择忽略缺字（命令行加 --allow-missing-glyphs）",
        list.join("；")
    )
}

/// The stable category of an [`Error`], shared with the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// Input breaks a rule; the message says which and how to fix it.
    Invalid,
    /// A referenced record does not exist.
    NotFound,
    /// Clashes with stored data.
    Conflict,
    /// The database was written by a newer version.
    DatabaseTooNew,
    /// The database is encrypted and the passphrase is missing or wrong.
    Passphrase,
    /// A file could not be read or written.
    Io,
    /// A bug or an unexpected database failure.
    Internal,
}

impl ErrorCode {
    /// Every code (the UI checks a rejection's shape against them; see
    /// `store::enums::typescript_labels`).
    pub const ALL: [ErrorCode; 7] = [
        ErrorCode::Invalid,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::DatabaseTooNew,
        ErrorCode::Passphrase,
        ErrorCode::Io,
        ErrorCode::Internal,
    ];
}

impl From<rusqlite::Error> for Error {
    /// A database another program holds locked is a condition the user can clear,
    /// not a bug: say so, in Chinese.
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => Error::Conflict(
                "数据库正被另一个程序占用（可能是另一个党建台账窗口或命令），本次操作未做任何修改；请关闭它后重试"
                    .into(),
            ),
            _ => Error::Database(error),
        }
    }
}

impl Error {
    /// The category of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) | Error::Json(_) | Error::MissingGlyphs(_) => ErrorCode::Invalid,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            Error::Passphrase(_) => ErrorCode::Passphrase,
            Error::Io { .. } => ErrorCode::Io,
            Error::Database(_) | Error::Migration(_) => ErrorCode::Internal,
        }
    }

    /// Whether the user can fix this by changing the input: a bad value, a
    /// missing record, a clash, a file that is not there or not theirs. A
    /// database failure, a bug, or a disk that fails or is full is not the
    /// user's mistake (the CLI exits with 2 for those).
    pub fn is_user_error(&self) -> bool {
        use std::io::ErrorKind;
        match self {
            Error::Io { source, .. } => matches!(
                source.kind(),
                ErrorKind::NotFound | ErrorKind::PermissionDenied | ErrorKind::AlreadyExists | ErrorKind::InvalidInput
            ),
            other => other.code() != ErrorCode::Internal,
        }
    }

    /// Wraps an I/O error with a Chinese description of what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }
}

/// Shorthand for results of the core library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Returns `Err(Error::Invalid(message))` unless `condition` holds.
pub(crate) fn ensure(condition: bool, message: impl FnOnce() -> String) -> Result<()> {
    if condition {
        Ok(())
    } else {
        Err(Error::Invalid(message()))
    }
}
