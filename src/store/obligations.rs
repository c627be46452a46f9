//! The obligations of organisational life, as rows the user can edit.
//!
//! Each row says which kind of meeting a branch owes, how often, how many per
//! period, to whom inside the branch (the branch, each party group, each
//! committee member, the secretary in person) and whether it binds a 党支部,
//! a 党总支 or both. [`DEFAULT_OBLIGATIONS`] seeds the table once, when the
//! schema is created or upgraded (`schema.rs`); from then on the rows are the
//! local rules. The judgement itself is in `crate::rules::compliance`.

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{row_id, value, Columns, Record};
use super::{BranchKind, Frequency, MeetingKind, ObligationScope};
use crate::error::{ensure, Result};

/// One rule of organisational life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Obligation {
    /// Row id; 0 when new.
    pub id: i64,
    /// Stable code used in exports: a meeting kind's code, or `secretary_lesson`.
    pub code: String,
    /// What the secretary calls it (支委会每月一次…).
    pub name: String,
    /// The kind of meeting that meets it (a meeting also counts for the kinds in its `also_counts`).
    pub kind: MeetingKind,
    /// How often it falls due.
    pub frequency: Frequency,
    /// How many meetings each period needs.
    pub per_period: u32,
    /// Whom it binds inside a branch.
    pub scope: ObligationScope,
    /// Binds each 党支部.
    pub binds_branch: bool,
    /// Binds each 党总支.
    pub binds_general_branch: bool,
    /// Inactive rules are kept but not judged.
    pub active: bool,
}

impl Obligation {
    /// True when the rule binds a unit of this kind.
    pub fn binds(&self, kind: BranchKind) -> bool {
        self.active
            && match kind {
                BranchKind::Branch => self.binds_branch,
                BranchKind::GeneralBranch => self.binds_general_branch,
            }
    }
}

/// A default rule, as [`DEFAULT_OBLIGATIONS`] lists them.
pub(crate) struct DefaultObligation {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: MeetingKind,
    pub frequency: Frequency,
    pub per_period: u32,
    pub scope: ObligationScope,
    pub binds_branch: bool,
    pub binds_general_branch: bool,
}

/// The defaults of 《中国共产党支部工作条例（试行）》 and common local rules
/// (DOMAIN.md). A 党总支 owes by default its own committee meeting monthly,
/// the yearly 组织生活会 and its secretary's yearly party lesson; the member
/// meetings (党员大会, 党课, 主题党日, 党小组会, 民主评议, 谈心谈话) are held in
/// the branches under it.
pub(crate) const DEFAULT_OBLIGATIONS: &[DefaultObligation] = &[
    DefaultObligation {
        code: "general_meeting",
        name: "支部党员大会（每季度至少一次）",
        kind: MeetingKind::GeneralMeeting,
        frequency: Frequency::Quarter,
        per_period: 1,
        scope: ObligationScope::Branch,
        binds_branch: true,
        binds_general_branch: false,
    },
    DefaultObligation {
        code: "committee_meeting",
        name: "支部委员会会议（每月至少一次）",
        kind: MeetingKind::CommitteeMeeting,
        frequency: Frequency::Month,
        per_period: 1,
        scope: ObligationScope::Branch,
        binds_branch: true,
        binds_general_branch: true,
    },
    DefaultObligation {
        code: "group_meeting",
        name: "党小组会（每个党小组每月至少一次）",
        kind: MeetingKind::GroupMeeting,
        frequency: Frequency::Month,
        per_period: 1,
        scope: ObligationScope::Group,
        binds_branch: true,
        binds_general_branch: false,
    },
    DefaultObligation {
        code: "party_lesson",
        name: "党课（每季度至少一次）",
        kind: MeetingKind::PartyLesson,
        frequency: Frequency::Quarter,
        per_period: 1,
        scope: ObligationScope::Branch,
        binds_branch: true,
        binds_general_branch: false,
    },
    DefaultObligation {
        code: "secretary_lesson",
        name: "书记讲党课（每年至少一次）",
        kind: MeetingKind::PartyLesson,
        frequency: Frequency::Year,
        per_period: 1,
        scope: ObligationScope::Secretary,
        binds_branch: true,
        binds_general_branch: true,
    },
    DefaultObligation {
        code: "theme_day",
        name: "主题党日（每月一次）",
        kind: MeetingKind::ThemeDay,
        frequency: Frequency::Month,
        per_period: 1,
        scope: ObligationScope::Branch,
        binds_branch: true,
        binds_general_branch: false,
    },
    DefaultObligation {
        code: "org_life_meeting",
        name: "组织生活会（每年一次）",
        kind: MeetingKind::OrgLifeMeeting,
        frequency: Frequency::Year,
        per_period: 1,
        scope: ObligationScope::Branch,
        binds_branch: true,
        binds_general_branch: true,
    },
    DefaultObligation {
        code: "democratic_review",
        name: "民主评议党员（每年一次）",
        kind: MeetingKind::DemocraticReview,
        frequency: Frequency::Year,
        per_period: 1,
        scope: ObligationScope::Branch,
        binds_branch: true,
        binds_general_branch: false,
    },
    DefaultObligation {
        code: "talk",
        name: "谈心谈话（每名支委每年至少一次）",
        kind: MeetingKind::Talk,
        frequency: Frequency::Year,
        per_period: 1,
        scope: ObligationScope::CommitteeMember,
        binds_branch: true,
        binds_general_branch: false,
    },
];

impl Record for Obligation {
    const TABLE: &'static str = "obligations";
    const LABEL: &'static str = "组织生活规则";
    const COLUMNS: &'static [&'static str] =
        &["code", "name", "kind", "frequency", "per_period", "scope", "binds_branch", "binds_general_branch", "active"];

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.code),
            value(&self.name),
            value(&self.kind),
            value(&self.frequency),
            value(&self.per_period),
            value(&self.scope),
            value(&self.binds_branch),
            value(&self.binds_general_branch),
            value(&self.active),
        ]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        let mut c = Columns::new(row);
        Ok(Obligation {
            id: c.get("id")?,
            code: c.get("code")?,
            name: c.get("name")?,
            kind: c.get("kind")?,
            frequency: c.get("frequency")?,
            per_period: c.get("per_period")?,
            scope: c.get("scope")?,
            binds_branch: c.get("binds_branch")?,
            binds_general_branch: c.get("binds_general_branch")?,
            active: c.get("active")?,
        })
    }
    fn tidy(&mut self) {
        self.code = self.code.trim().to_string();
        self.name = self.name.trim().to_string();
    }
    fn check(&self, _conn: &Connection, _today: NaiveDate) -> Result<()> {
        ensure(!self.code.is_empty(), || "规则代码不能为空（如 theme_day）".into())?;
        ensure(self.code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'), || {
            format!("规则代码「{}」只能由小写英文字母、数字和下划线组成", self.code)
        })?;
        ensure(!self.name.is_empty(), || "请填写规则名称".into())?;
        ensure((1..=31).contains(&self.per_period), || {
            format!("每个周期的次数应在 1 到 31 之间，现为 {}", self.per_period)
        })?;
        ensure(self.scope != ObligationScope::Group || self.kind == MeetingKind::GroupMeeting, || {
            "按党小组计的规则只能对应党小组会".into()
        })?;
        ensure(self.binds_branch || self.binds_general_branch || !self.active, || {
            "启用的规则至少要适用于党支部或党总支之一".into()
        })
    }
}
