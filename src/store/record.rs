//! The generic create / read / update / delete shared by every record type.
//!
//! A record type describes its table once by implementing [`Record`] (its
//! columns, how to read a row, its checks, its child rows). The functions here
//! do the SQL and write the audit log, so each table's module holds only what
//! is particular to it. To add a table: add its migration in `schema.rs`, a
//! module with its type and `impl Record`, and a list in `backup::Document`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use chrono::NaiveDate;
use rusqlite::types::{ToSql, ToSqlOutput, Value};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::audit::{self, Action};
use super::Store;
use crate::error::{Error, Result};

/// A kind of stored record: one row of a table plus its child rows.
pub trait Record: Serialize + DeserializeOwned + Clone {
    /// The SQL table.
    const TABLE: &'static str;
    /// What a user calls it, for messages (支部, 党员, …).
    const LABEL: &'static str;
    /// The columns besides `id`, in the order of [`Record::values`] and of `from_row`'s indices 1…
    const COLUMNS: &'static [&'static str];
    /// The `ORDER BY` clause of listings.
    const ORDER_BY: &'static str = "id";

    /// The row id; 0 for a record not yet stored.
    fn id(&self) -> i64;
    /// Sets the row id after an insert.
    fn set_id(&mut self, id: i64);
    /// The column values, in the order of [`Record::COLUMNS`].
    fn values(&self) -> Vec<ToSqlOutput<'_>>;
    /// Reads a row selected as `id, COLUMNS…`.
    fn from_row(row: &Row) -> rusqlite::Result<Self>;

    /// Takes from the stored record what an edit sent back as it was shown to
    /// the user rather than as it is (a masked ID number, say), before [`Record::tidy`].
    fn keep_unchanged(&mut self, _stored: &Self) {}
    /// Normalises user input before a write: trims text, empties to `None`, fills
    /// what follows from other fields.
    fn tidy(&mut self) {}
    /// Checks the record against the rules and the stored data, inside the
    /// write's transaction, before it is written (a stored twin has another id).
    /// `today` is the store's [`Store::today`], never the wall clock.
    fn check(&self, _conn: &Connection, _today: NaiveDate) -> Result<()> {
        Ok(())
    }
    /// Records what follows from a change (e.g. a member's transfer history), dated `today`.
    fn after_update(&self, _before: &Self, _conn: &Connection, _today: NaiveDate) -> Result<()> {
        Ok(())
    }
    /// Refuses a delete that would orphan other records, saying what to do instead.
    fn check_delete(&self, _conn: &Connection) -> Result<()> {
        Ok(())
    }
    /// Erases what must not outlive a deleted record (a member's personal
    /// data in the audit log), inside the delete's transaction.
    fn forget(_conn: &Connection, _id: i64) -> Result<()> {
        Ok(())
    }
    /// Writes the child rows (attendance, participants, …), replacing the old ones.
    fn save_children(&self, _conn: &Connection) -> Result<()> {
        Ok(())
    }
    /// Reads the child rows into a freshly loaded record.
    fn load_children(&mut self, _conn: &Connection) -> Result<()> {
        Ok(())
    }
}

/// Implements [`Record::id`] and [`Record::set_id`] for a record whose id is its `id` field.
macro_rules! row_id {
    () => {
        fn id(&self) -> i64 {
            self.id
        }
        fn set_id(&mut self, id: i64) {
            self.id = id;
        }
    };
}
pub(crate) use row_id;

/// A field's SQL value, borrowing its text rather than copying it.
pub(crate) fn value<T: ToSql + ?Sized>(v: &T) -> ToSqlOutput<'_> {
    v.to_sql().unwrap_or(ToSqlOutput::Owned(Value::Null))
}

/// Stores a list or map as a JSON text column.
pub(crate) fn json_value<T: Serialize>(v: &T) -> ToSqlOutput<'static> {
    ToSqlOutput::Owned(Value::Text(serde_json::to_string(v).unwrap_or_default()))
}

/// Trims optional text; blank becomes `None`.
pub(crate) fn tidy_text(text: &mut Option<String>) {
    if let Some(t) = text.as_deref().filter(|t| t.trim().len() != t.len()) {
        *text = Some(t.trim().to_string());
    }
    if text.as_deref().is_some_and(str::is_empty) {
        *text = None;
    }
}

/// Reads a row selected as `id, COLUMNS…` column after column, by position.
/// By name, rusqlite compares every column's name for every value read, which
/// took a tenth of the to-do list's time; each name given here is checked
/// against the statement's in debug builds only, so tests catch a
/// `from_row` that reads its fields out of order.
pub(crate) struct Columns<'r, 's> {
    row: &'r Row<'s>,
    next: usize,
}

impl<'r, 's> Columns<'r, 's> {
    pub(crate) fn new(row: &'r Row<'s>) -> Self {
        Columns { row, next: 0 }
    }

    /// The next column's value; `name` is the column's name.
    pub(crate) fn get<T: rusqlite::types::FromSql>(&mut self, name: &str) -> rusqlite::Result<T> {
        debug_assert_eq!(self.row.as_ref().column_name(self.next).ok(), Some(name), "from_row reads out of order");
        self.next += 1;
        self.row.get(self.next - 1)
    }

    /// The next column, a JSON text written by [`json_value`].
    pub(crate) fn json<T: DeserializeOwned>(&mut self, name: &str) -> rusqlite::Result<T> {
        let text: String = self.get(name)?;
        serde_json::from_str(&text).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(self.next - 1, rusqlite::types::Type::Text, e.into())
        })
    }
}

fn select_sql<R: Record>() -> String {
    format!("SELECT id, {} FROM {}", R::COLUMNS.join(", "), R::TABLE)
}

/// Reads one record by id, with its children.
pub(crate) fn get<R: Record>(conn: &Connection, id: i64) -> Result<R> {
    let sql = format!("{} WHERE id = ?1", select_sql::<R>());
    let found = conn.prepare_cached(&sql)?.query_row([id], R::from_row).optional()?;
    let mut record = found.ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的{}", R::LABEL)))?;
    record.load_children(conn)?;
    Ok(record)
}

/// Reads the records matching `filter` (an SQL condition on the table, or "1").
pub(crate) fn select<R: Record>(conn: &Connection, filter: &str, params: impl rusqlite::Params) -> Result<Vec<R>> {
    let mut records = select_rows::<R>(conn, filter, params)?;
    for record in &mut records {
        record.load_children(conn)?;
    }
    Ok(records)
}

/// Reads the rows matching `filter` without their children, for a caller
/// that reads the children of many records at once.
pub(crate) fn select_rows<R: Record>(conn: &Connection, filter: &str, params: impl rusqlite::Params) -> Result<Vec<R>> {
    let sql = format!("{} WHERE {filter} ORDER BY {}", select_sql::<R>(), R::ORDER_BY);
    let mut statement = conn.prepare_cached(&sql)?;
    let records = statement.query_map(params, R::from_row)?.collect::<rusqlite::Result<Vec<R>>>()?;
    Ok(records)
}

/// Inserts a record and its children; keeps `record.id()` when `keep_id` (restoring a backup).
pub(crate) fn insert<R: Record>(conn: &Connection, record: &R, keep_id: bool) -> Result<R> {
    let mut stored = record.clone();
    Inserter::new(conn, keep_id)?.insert(&mut stored)?;
    Ok(stored)
}

/// Inserts records of one kind through one prepared statement: for many
/// rows at once (an import), without looking the statement up for each.
pub(crate) struct Inserter<'c, R> {
    conn: &'c Connection,
    statement: rusqlite::CachedStatement<'c>,
    keep_id: bool,
    kind: std::marker::PhantomData<R>,
}

impl<'c, R: Record> Inserter<'c, R> {
    /// Prepares the insert; `keep_id` keeps each record's own id (restoring a backup).
    pub(crate) fn new(conn: &'c Connection, keep_id: bool) -> Result<Self> {
        let sql = statement_sql(R::TABLE, if keep_id { "insert with id" } else { "insert" }, || {
            let mut columns: Vec<&str> = R::COLUMNS.to_vec();
            if keep_id {
                columns.insert(0, "id");
            }
            let placeholders = (1..=columns.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
            format!("INSERT INTO {} ({}) VALUES ({placeholders})", R::TABLE, columns.join(", "))
        });
        Ok(Inserter { conn, statement: conn.prepare_cached(&sql)?, keep_id, kind: std::marker::PhantomData })
    }

    /// Inserts a record and its children, and sets its id.
    pub(crate) fn insert(&mut self, record: &mut R) -> Result<()> {
        let mut values = record.values();
        if self.keep_id {
            values.insert(0, ToSqlOutput::Owned(Value::Integer(record.id())));
        }
        self.statement.execute(rusqlite::params_from_iter(values)).map_err(|e| constraint_error::<R>(e))?;
        record.set_id(self.conn.last_insert_rowid());
        record.save_children(self.conn)
    }
}

/// Tidies, checks, stores and logs a new record inside the caller's transaction.
pub(crate) fn create_in<R: Record>(conn: &Connection, today: NaiveDate, record: &R) -> Result<R> {
    let mut record = record.clone();
    record.tidy();
    record.check(conn, today)?;
    Inserter::new(conn, false)?.insert(&mut record)?;
    audit::record(conn, R::TABLE, record.id(), Action::Create, None::<&R>, Some(&record))?;
    Ok(record)
}

/// Tidies, checks, rewrites and logs an existing record inside the caller's transaction.
pub(crate) fn update_in<R: Record>(conn: &Connection, today: NaiveDate, record: &R) -> Result<R> {
    let before: R = get(conn, record.id())?;
    let mut record = record.clone();
    record.keep_unchanged(&before);
    record.tidy();
    record.check(conn, today)?;
    overwrite(conn, &record, &before, today)?;
    let after: R = get(conn, record.id())?;
    audit::record(conn, R::TABLE, record.id(), Action::Update, Some(&before), Some(&after))?;
    Ok(after)
}

/// Rewrites and logs a record its caller has already tidied and checked,
/// given also as it is stored now.
pub(crate) fn replace_logged<R: Record>(conn: &Connection, today: NaiveDate, before: &R, record: &R) -> Result<()> {
    overwrite(conn, record, before, today)?;
    audit::record(conn, R::TABLE, record.id(), Action::Update, Some(before), Some(record))
}

/// Rewrites an existing record and its children, and records what follows from the change.
fn overwrite<R: Record>(conn: &Connection, record: &R, before: &R, today: NaiveDate) -> Result<()> {
    let sql = statement_sql(R::TABLE, "update", || {
        let assignments = R::COLUMNS.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 2)).collect::<Vec<_>>();
        format!("UPDATE {} SET {} WHERE id = ?1", R::TABLE, assignments.join(", "))
    });
    let mut values = record.values();
    values.insert(0, ToSqlOutput::Owned(Value::Integer(record.id())));
    conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values)).map_err(|e| constraint_error::<R>(e))?;
    record.save_children(conn)?;
    record.after_update(before, conn, today)
}

/// A statement's SQL text, built once per table and kind of statement.
fn statement_sql(table: &'static str, kind: &'static str, build: impl FnOnce() -> String) -> Rc<str> {
    thread_local! {
        static SQL: RefCell<HashMap<(&'static str, &'static str), Rc<str>>> = RefCell::default();
    }
    SQL.with(|cache| cache.borrow_mut().entry((table, kind)).or_insert_with(|| build().into()).clone())
}

/// Turns a constraint failure into a message the user can act on.
fn constraint_error<R: Record>(error: rusqlite::Error) -> Error {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            let detail = error.to_string();
            if detail.contains("UNIQUE") {
                Error::Conflict(format!("已有相同的{}（{}），请勿重复录入", R::LABEL, unique_columns(&detail)))
            } else if detail.contains("FOREIGN KEY") {
                Error::Invalid(format!("{}引用的支部、党员或其他记录不存在，请重新选择", R::LABEL))
            } else {
                Error::Invalid(format!("{}的内容不完整或不合规：{detail}", R::LABEL))
            }
        }
        _ => Error::from(error),
    }
}

/// The column list SQLite names in a UNIQUE failure ("UNIQUE constraint failed: t.a, t.b").
fn unique_columns(detail: &str) -> String {
    let columns = detail.rsplit(": ").next().unwrap_or_default();
    columns.split(", ").map(|c| super::column_label(c.rsplit('.').next().unwrap_or(c))).collect::<Vec<_>>().join("、")
}

impl Store {
    /// Stores a new record (its `id` is ignored) and returns it with its new id.
    pub fn create<R: Record>(&self, record: &R) -> Result<R> {
        self.write(|conn| create_in(conn, self.today(), record))
    }

    /// Replaces the stored record that has `record.id()`.
    pub fn update<R: Record>(&self, record: &R) -> Result<R> {
        self.write(|conn| update_in(conn, self.today(), record))
    }

    /// Deletes a record and its child rows, unless other records still need it.
    pub fn delete<R: Record>(&self, id: i64) -> Result<()> {
        self.write(|conn| {
            let before: R = get(conn, id)?;
            before.check_delete(conn)?;
            conn.execute(&format!("DELETE FROM {} WHERE id = ?1", R::TABLE), [id]).map_err(|e| {
                match e.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::ConstraintViolation) => Error::Conflict(format!(
                        "还有其他记录引用这条{}，不能删除；请先删除或改动引用它的记录",
                        R::LABEL
                    )),
                    _ => Error::from(e),
                }
            })?;
            super::attachments::delete_attachments_of(conn, R::TABLE, id)?;
            audit::record(conn, R::TABLE, id, Action::Delete, Some(&before), None::<&R>)?;
            R::forget(conn, id)
        })
    }

    /// Reads one record by id.
    pub fn get<R: Record>(&self, id: i64) -> Result<R> {
        get(&self.conn, id)
    }

    /// Lists every record of a kind, in its natural order.
    pub fn list<R: Record>(&self) -> Result<Vec<R>> {
        select(&self.conn, "1", [])
    }
}
