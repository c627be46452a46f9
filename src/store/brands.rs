//! Service brands (一支部一品牌): their story, versions (1.0, 2.0, …) and
//! yearly numeric targets.

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::activity_kinds::kind_in_list;
use super::members::require_branch;
use super::record::{row_id, tidy_text, value, Columns, Record};
use super::TargetMeasure;
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

/// A number a brand aims for in one year, e.g. 12 free clinics in 2026.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BrandTarget {
    /// The calendar year.
    pub year: i32,
    /// What is counted.
    pub measure: TargetMeasure,
    /// For [`TargetMeasure::Activities`]: only activities of this kind (e.g. 义诊); all when `None`.
    pub activity_kind: Option<String>,
    /// The number aimed for (a percentage for the participation rate).
    pub target: f64,
}

impl BrandTarget {
    /// What the target is called, e.g. 义诊次数, 志愿服务时长.
    pub fn label(&self) -> String {
        match (&self.measure, &self.activity_kind) {
            (TargetMeasure::Activities, Some(kind)) => format!("{kind}次数"),
            (measure, _) => measure.label().to_string(),
        }
    }
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
    /// How it works (工作方法, 载体).
    pub methods: Option<String>,
    /// What it aims at, in words (品牌目标).
    pub goal: Option<String>,
    /// When it started.
    pub started_on: Option<PartialDate>,
    /// Version history, oldest first.
    pub versions: Vec<BrandVersion>,
    /// Yearly numeric targets, by year.
    pub targets: Vec<BrandTarget>,
}

impl Record for Brand {
    const TABLE: &'static str = "brands";
    const LABEL: &'static str = "品牌";
    const COLUMNS: &'static [&'static str] =
        &["branch_id", "name", "slogan", "meaning", "methods", "goal", "started_on"];
    const ORDER_BY: &'static str = "branch_id, name";

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.branch_id),
            value(&self.name),
            value(&self.slogan),
            value(&self.meaning),
            value(&self.methods),
            value(&self.goal),
            value(&self.started_on),
        ]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        let mut c = Columns::new(row);
        Ok(Brand {
            id: c.get("id")?,
            branch_id: c.get("branch_id")?,
            name: c.get("name")?,
            slogan: c.get("slogan")?,
            meaning: c.get("meaning")?,
            methods: c.get("methods")?,
            goal: c.get("goal")?,
            started_on: c.get("started_on")?,
            versions: Vec::new(),
            targets: Vec::new(),
        })
    }
    fn tidy(&mut self) {
        self.name = self.name.trim().to_string();
        for text in [&mut self.slogan, &mut self.meaning, &mut self.methods, &mut self.goal] {
            tidy_text(text);
        }
        for version in &mut self.versions {
            version.version = version.version.trim().to_string();
            tidy_text(&mut version.summary);
        }
        for target in &mut self.targets {
            tidy_text(&mut target.activity_kind);
            if target.measure != TargetMeasure::Activities {
                target.activity_kind = None;
            }
        }
        self.targets.sort_by_key(|t| (t.year, t.measure));
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
        let stranded: i64 = conn.query_row(
            "SELECT count(*) FROM activities a WHERE a.brand_id = ?1 AND a.branch_id <> ?2
               AND NOT EXISTS (SELECT 1 FROM activity_branches x WHERE x.activity_id = a.id AND x.branch_id = ?2)",
            [self.id, self.branch_id],
            |r| r.get(0),
        )?;
        ensure(stranded == 0, || {
            format!("品牌「{}」有 {stranded} 项活动不是新所属支部承办的，不能改到该支部；请先改动这些活动", self.name)
        })?;
        for (i, target) in self.targets.iter().enumerate() {
            let label = target.label();
            ensure((2000..=2100).contains(&target.year), || {
                format!("品牌目标「{label}」的年份 {} 不合理", target.year)
            })?;
            ensure(target.target.is_finite() && target.target >= 0.0, || {
                format!("{} 年「{label}」的目标值应为不小于 0 的数字", target.year)
            })?;
            if target.measure == TargetMeasure::ParticipationRate {
                ensure(target.target <= 100.0, || format!("{} 年党员参与率目标应在 0–100（%）之间", target.year))?;
            }
            if let Some(kind) = &target.activity_kind {
                kind_in_list(conn, kind)?;
            }
            let repeated = self.targets[..i].iter().any(|t| {
                t.year == target.year && t.measure == target.measure && t.activity_kind == target.activity_kind
            });
            ensure(!repeated, || format!("{} 年的「{label}」目标重复出现", target.year))?;
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
        conn.execute("DELETE FROM brand_targets WHERE brand_id = ?1", [self.id])?;
        let mut insert = conn.prepare(
            "INSERT INTO brand_targets (brand_id, year, measure, activity_kind, target) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for t in &self.targets {
            insert.execute((self.id, t.year, t.measure, &t.activity_kind, t.target))?;
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
        let mut statement = conn.prepare(
            "SELECT year, measure, activity_kind, target FROM brand_targets WHERE brand_id = ?1 ORDER BY id",
        )?;
        self.targets = statement
            .query_map([self.id], |r| {
                Ok(BrandTarget { year: r.get(0)?, measure: r.get(1)?, activity_kind: r.get(2)?, target: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
    fn check_delete(&self, conn: &Connection) -> Result<()> {
        let activities: i64 =
            conn.query_row("SELECT count(*) FROM activities WHERE brand_id = ?1", [self.id], |r| r.get(0))?;
        if activities > 0 {
            return Err(crate::Error::Conflict(format!(
                "品牌「{}」下还有 {activities} 项活动，不能删除；请先把这些活动改到其他品牌或删除",
                self.name
            )));
        }
        let honors: i64 = conn.query_row("SELECT count(*) FROM honors WHERE brand_id = ?1", [self.id], |r| r.get(0))?;
        if honors > 0 {
            return Err(crate::Error::Conflict(format!(
                "品牌「{}」获得过 {honors} 项荣誉，不能删除；请先删除或改动这些荣誉",
                self.name
            )));
        }
        Ok(())
    }
}

impl super::Store {
    /// The brand called `name` (of `branch_id`, when given); a clear error when
    /// there is none, or when branches have brands of the same name and no
    /// branch tells them apart.
    pub fn brand_by_name(&self, name: &str, branch_id: Option<i64>) -> Result<Brand> {
        let name = name.trim();
        let found: Vec<Brand> = super::record::select(self.conn(), "name = ?1", [name])?;
        let found: Vec<Brand> = found.into_iter().filter(|b| branch_id.is_none_or(|id| b.branch_id == id)).collect();
        match <[Brand; 1]>::try_from(found) {
            Ok([brand]) => Ok(brand),
            Err(found) if found.is_empty() => {
                Err(crate::Error::NotFound(format!("没有名为「{name}」的品牌，请核对名称")))
            }
            Err(found) => {
                let branch_name = self.branch_names()?;
                let owners: Vec<String> = found.iter().map(|b| branch_name(b.branch_id)).collect();
                Err(crate::Error::Invalid(format!("{}都有名为「{name}」的品牌，请同时指明支部", owners.join("、"))))
            }
        }
    }
}
