//! The annual brand-building report (年度党建品牌建设报告).
use super::document::Document;
use crate::error::Result;
use crate::store::Store;

/// The annual report's document for `year`, over `branch_ids` (every branch when empty).
pub fn document(store: &Store, year: i32, branch_ids: &[i64]) -> Result<Document> {
    todo!()
}
