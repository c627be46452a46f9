//! Suggestions (意见建议, 民情民意) raised by patients, residents or staff, and what was done.

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{row_id, tidy_text, value, Columns, Record};
use super::SuggestionStatus;
use crate::date::PartialDate;
use crate::error::{ensure, Result};

/// A suggestion and its handling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Suggestion {
    /// Row id; 0 when new.
    pub id: i64,
    /// The branch handling it, if assigned.
    pub branch_id: Option<i64>,
    /// Where it came from (现场办公会, 党代表接待日, 义诊现场, 座谈会…; see [`SUGGESTION_SOURCES`]).
    pub source: Option<String>,
    /// When it was raised.
    pub raised_on: Option<PartialDate>,
    /// What was raised.
    pub content: String,
    /// How far it has been handled.
    pub status: SuggestionStatus,
    /// What was done about it.
    pub response: Option<String>,
    /// When it was closed.
    pub resolved_on: Option<PartialDate>,
    /// When it should be closed by (办结时限).
    #[ts(type = "string | null")]
    pub due_on: Option<NaiveDate>,
}

/// The usual places a suggestion comes from, offered when one is entered
/// (any other text is accepted too).
pub const SUGGESTION_SOURCES: &[&str] =
    &["现场办公会", "党代表接待日", "义诊现场", "座谈会", "走访入户", "意见箱", "患者来信来电", "职工提出"];

impl Suggestion {
    /// Records how far it has been handled: a closing date alone closes it;
    /// a closed suggestion keeps its closing date (`resolved_on`, else the one
    /// it had, else `today`); one not closed has none.
    pub fn set_handling(
        &mut self,
        status: Option<SuggestionStatus>,
        resolved_on: Option<PartialDate>,
        today: NaiveDate,
    ) {
        self.status = status.unwrap_or(if resolved_on.is_some() { SuggestionStatus::Done } else { self.status });
        self.resolved_on = match self.status {
            SuggestionStatus::Done => resolved_on.or(self.resolved_on).or(Some(PartialDate::day(today))),
            _ => None,
        };
    }

    /// True when it is not 已办结 and its due date is before `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status != SuggestionStatus::Done && self.due_on.is_some_and(|due| due < today)
    }
}

impl Record for Suggestion {
    const TABLE: &'static str = "suggestions";
    const LABEL: &'static str = "意见建议";
    const COLUMNS: &'static [&'static str] =
        &["branch_id", "source", "raised_on", "content", "status", "response", "resolved_on", "due_on"];
    const ORDER_BY: &'static str = "raised_on, id";

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.branch_id),
            value(&self.source),
            value(&self.raised_on),
            value(&self.content),
            value(&self.status),
            value(&self.response),
            value(&self.resolved_on),
            value(&self.due_on),
        ]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        let mut c = Columns::new(row);
        Ok(Suggestion {
            id: c.get("id")?,
            branch_id: c.get("branch_id")?,
            source: c.get("source")?,
            raised_on: c.get("raised_on")?,
            content: c.get("content")?,
            status: c.get("status")?,
            response: c.get("response")?,
            resolved_on: c.get("resolved_on")?,
            due_on: c.get("due_on")?,
        })
    }
    fn tidy(&mut self) {
        self.content = self.content.trim().to_string();
        tidy_text(&mut self.source);
        tidy_text(&mut self.response);
    }
    fn check(&self, _conn: &Connection, today: NaiveDate) -> Result<()> {
        ensure(!self.content.is_empty(), || "请填写意见建议的内容".into())?;
        if let Some(raised) = self.raised_on {
            ensure(!raised.surely_after_day(today), || format!("提出日期 {raised} 晚于今天，请核对"))?;
            if let Some(resolved) = self.resolved_on {
                ensure(!resolved.surely_before(&raised), || {
                    format!("办结日期 {resolved} 早于提出日期 {raised}，请核对")
                })?;
            }
            if let Some(due) = self.due_on {
                ensure(due >= raised.first_day(), || format!("办结时限 {due} 早于提出日期 {raised}，请核对"))?;
            }
        }
        ensure(self.resolved_on.is_none() || self.status == SuggestionStatus::Done, || {
            "填写了办结日期的意见建议，状态应为「已办结」".into()
        })
    }
}
