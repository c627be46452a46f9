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
    fn from(error: dangjian::Error) -> Self {
        ApiError { code: error.code(), message: error.to_string() }
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
}
