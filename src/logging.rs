//! The log file: every failure and how long each long operation took, in
//! `logs/` beside the database, one file a day, the last 14 kept. Both shells
//! start it; a panic writes its message and place there.
//!
//! No personal data goes in. A user's mistake is logged by its kind alone,
//! since its message names members and what was typed; an internal failure
//! (SQLite, the disk) is logged with its message, any run of seven or more
//! digits (an ID or phone number) hidden.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// The log folder's name, beside the database file.
pub const LOG_FOLDER: &str = "logs";

/// How many daily files are kept.
const KEPT_FILES: usize = 14;

static LOG_DIR: OnceLock<PathBuf> = OnceLock::new();

/// The log folder of the database at `db`.
pub fn log_dir_of(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join(LOG_FOLDER)
}

/// The folder this process logs to, once [`start`] has run.
pub fn log_dir() -> Option<&'static Path> {
    LOG_DIR.get().map(PathBuf::as_path)
}

/// Starts logging to `dir` and sends panics there too (then on to the hook
/// set before). Only the first call in a process takes effect.
pub fn start(dir: &Path) -> Result<()> {
    if LOG_DIR.get().is_some() {
        return Ok(());
    }
    // The appender lists the folder (to prune old files) before it creates
    // it, and says so in English on stderr when it is not there yet.
    let cannot_create = |e: std::io::Error| Error::io(format!("无法创建日志目录 {}", dir.display()), e);
    std::fs::create_dir_all(dir).map_err(cannot_create)?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("dangjian")
        .filename_suffix("log")
        .max_log_files(KEPT_FILES)
        .build(dir)
        .map_err(|e| cannot_create(std::io::Error::other(e)))?;
    let subscriber = tracing_subscriber::fmt().with_writer(appender).with_ansi(false).with_target(false).finish();
    if tracing::subscriber::set_global_default(subscriber).is_err() || LOG_DIR.set(dir.to_path_buf()).is_err() {
        return Ok(());
    }
    let before = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        tracing::error!(place, detail = redact(&message), "panic");
        before(info);
    }));
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "started");
    Ok(())
}

/// Logs a failed operation: its kind always, its message only when it is
/// not the user's input (see the module's comment).
pub fn failed(operation: &str, error: &Error) {
    let code = format!("{:?}", error.code());
    if error.is_user_error() {
        tracing::warn!(operation, code, "failed");
    } else {
        tracing::error!(operation, code, detail = redact(&error.to_string()), "failed, not the user's mistake");
    }
}

/// Hides every run of seven or more digits (ID and phone numbers).
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if digits.chars().count() >= 7 {
            out.push_str("[数字已隐去]");
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() || (c == 'X' || c == 'x') && digits.chars().count() == 17 {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

/// Logs how long an operation took when dropped: `let _timed = timed("…");`.
#[must_use = "the duration is logged when the guard is dropped"]
pub struct Timed {
    operation: &'static str,
    started: Instant,
}

/// Starts timing a long operation (an import, a report, a backup).
pub fn timed(operation: &'static str) -> Timed {
    Timed { operation, started: Instant::now() }
}

impl Drop for Timed {
    fn drop(&mut self) {
        let elapsed: Duration = self.started.elapsed();
        tracing::info!(operation = self.operation, ms = elapsed.as_millis() as u64, "took");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_hides_id_and_phone_numbers_but_not_years_or_counts() {
        assert_eq!(redact("身份证号「11010519491231002X」重复"), "身份证号「[数字已隐去]」重复");
        assert_eq!(redact("电话 13812345678；2026 年 12 条"), "电话 [数字已隐去]；2026 年 12 条");
        assert_eq!(redact("第 123456 行"), "第 123456 行");
    }
}
