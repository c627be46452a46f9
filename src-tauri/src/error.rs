//! The one error shape the UI receives: `{code, message}`.

use dangjian::ErrorCode;
use serde::Serialize;
use ts_rs::TS;

/// An error as the UI sees it: a stable code to branch on, a Chinese message to show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ApiError {
    /// What kind of failure; the UI never matches on the message.
    pub code: ErrorCode,
    /// What went wrong and what to do, in Chinese.
    pub message: String,
}

impl From<dangjian::Error> for ApiError {
    /// Logs the failure; one that is not the user's mistake says so, and
    /// where the log is.
    fn from(error: dangjian::Error) -> Self {
        dangjian::logging::failed("app", &error);
        if error.is_user_error() {
            ApiError { code: error.code(), message: error.to_string() }
        } else {
            ApiError::internal(&error)
        }
    }
}

impl ApiError {
    /// A failure that is not the user's mistake (a database or disk failure,
    /// a bug): the message says so and names the log folder.
    pub fn internal(failure: &dyn std::fmt::Display) -> ApiError {
        let log = dangjian::logging::log_dir().map(|d| format!("详情已写入日志：{}", d.display())).unwrap_or_default();
        ApiError {
            code: ErrorCode::Internal,
            message: format!("程序内部出错，操作未完成（不是您的操作有误）：{failure}。{log}"),
        }
    }
}

/// The result of every command.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let error: ApiError = dangjian::Error::NotFound("找不到编号为 7 的支部".into()).into();
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({"code": "not_found", "message": "找不到编号为 7 的支部"})
        );
    }

    #[test]
    fn a_failing_disk_is_internal_and_not_the_users_mistake() {
        let disk = std::io::Error::from(std::io::ErrorKind::StorageFull);
        let error: ApiError = dangjian::Error::io("无法写入 备份.json", disk).into();
        assert_eq!(error.code, ErrorCode::Internal);
        assert!(error.message.contains("不是您的操作有误") && error.message.contains("备份.json"), "{}", error.message);

        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        let error: ApiError = dangjian::Error::io("无法读取 花名册.xlsx", missing).into();
        assert_eq!(error.code, ErrorCode::Io, "a file that is not there is for the user to fix");
    }
}
