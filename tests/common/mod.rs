//! Shared helpers for the integration tests: a real database file in a temp dir.

#![allow(dead_code)]

use dangjian::store::{Branch, Member};
use dangjian::Store;
use tempfile::TempDir;

/// A fresh database file that lives as long as the returned directory.
pub fn temp_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("test.db")).expect("open a new database");
    (dir, store)
}

/// Creates a branch called `name`.
pub fn branch(store: &Store, name: &str) -> Branch {
    store.create(&Branch::new(name)).expect("create branch")
}

/// Creates a full member called `name` in `branch`.
pub fn member(store: &Store, branch: &Branch, name: &str) -> Member {
    store.create(&Member::new(name, branch.id)).expect("create member")
}

/// A valid ID number for the given birth date (`YYYYMMDD`) and sequence (odd = male).
pub fn id_number(birth: &str, sequence: u32) -> String {
    let first17 = format!("310116{birth}{sequence:03}");
    format!("{first17}{}", dangjian::id_number::check_char(&first17))
}

/// The whole database as JSON text, to show that a failed write changed nothing.
pub fn snapshot(store: &Store) -> String {
    serde_json::to_string(&dangjian::backup::export(store).expect("export")).expect("json")
}
