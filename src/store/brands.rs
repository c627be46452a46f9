//! Service brands (一支部一品牌) and their versions (1.0, 2.0, …).

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::members::require_branch;
use super::record::{row_id, tidy_text, value, Record};
use crate::date::PartialDate;
use crate::error::{ensure, Result};

/// One stage of a brand's life, e.g. 2.0 "健康共富·党建联建" from 2023.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BrandVersion {
    /// Version label, e.g. 1.0.
    pub version: String,
    /// When this version began.
    pub started_on: Option<PartialDate>,
    /// What changed or what it stands for.
    pub summary: Option<String>,
}

/// A branch's named, lasting service project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Brand {
    /// Row id; 0 when new.
    pub id: i64,
    /// The branch that owns it.
    pub branch_id: i64,
    /// Brand name, e.g. 中医药服务大篷车.
    pub name: String,
    /// Slogan, e.g. 同心向党，畅享呼吸.
    pub slogan: Option<String>,
    /// What it means (品牌内涵).
    pub meaning: Option<String>,
    /// When it started.
    pub started_on: Option<PartialDate>,
    /// Its targets (目标), free text.
    pub targets: Option<String>,
    /// Version history, oldest first.
    pub versions: Vec<BrandVersion>,
}

impl Record for Brand {
    const TABLE: &'static str = "brands";
    const LABEL: &'static str = "品牌";
    const COLUMNS: &'static [&'static str] = &["branch_id", "name", "slogan", "meaning", "started_on", "targets"];
    const ORDER_BY: &'static str = "branch_id, name";

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.branch_id),
            value(&self.name),
            value(&self.slogan),
            value(&self.meaning),
            value(&self.started_on),
            value(&self.targets),
        ]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        Ok(Brand {
            id: row.get("id")?,
            branch_id: row.get("branch_id")?,
            name: row.get("name")?,
            slogan: row.get("slogan")?,
            meaning: row.get("meaning")?,
            started_on: row.get("started_on")?,
            targets: row.get("targets")?,
            versions: Vec::new(),
        })
    }
    fn tidy(&mut self) {
        self.name = self.name.trim().to_string();
        for text in [&mut self.slogan, &mut self.meaning, &mut self.targets] {
            tidy_text(text);
        }
        for version in &mut self.versions {
            version.version = version.version.trim().to_string();
            tidy_text(&mut version.summary);
        }
    }
    fn check(&self, conn: &Connection, today: NaiveDate) -> Result<()> {
        ensure(!self.name.is_empty(), || "品牌名称不能为空".into())?;
        require_branch(conn, self.branch_id)?;
        if let Some(started) = self.started_on {
            ensure(!started.surely_after_day(today), || format!("品牌创建日期 {started} 晚于今天，请核对"))?;
        }
        for (i, version) in self.versions.iter().enumerate() {
            ensure(!version.version.is_empty(), || format!("第 {} 个品牌版本缺少版本号（如 1.0）", i + 1))?;
            let repeated = self.versions[..i].iter().any(|v| v.version == version.version);
            ensure(!repeated, || format!("品牌版本 {} 重复出现", version.version))?;
        }
        Ok(())
    }
    fn save_children(&self, conn: &Connection) -> Result<()> {
        conn.execute("DELETE FROM brand_versions WHERE brand_id = ?1", [self.id])?;
        let mut insert = conn
            .prepare("INSERT INTO brand_versions (brand_id, version, started_on, summary) VALUES (?1, ?2, ?3, ?4)")?;
        for v in &self.versions {
            insert.execute((self.id, &v.version, v.started_on, &v.summary))?;
        }
        Ok(())
    }
    fn load_children(&mut self, conn: &Connection) -> Result<()> {
        let mut statement =
            conn.prepare("SELECT version, started_on, summary FROM brand_versions WHERE brand_id = ?1 ORDER BY id")?;
        self.versions = statement
            .query_map([self.id], |r| {
                Ok(BrandVersion { version: r.get(0)?, started_on: r.get(1)?, summary: r.get(2)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
}
