//! A branch's inspection ledger (迎检台账).
use super::document::Document;
use crate::error::Result;
use crate::store::Store;

/// The ledger's document for one branch and year.
pub fn document(store: &Store, year: i32, branch_id: i64) -> Result<Document> {
    todo!()
}
