//! The kinds of activity (义诊, 健康讲座, …): a list seeded with the built-in
//! kinds and extended by the user in 设置. An activity stores its kind's name.

use rusqlite::{Connection, OptionalExtension};

use super::audit::{self, Action};
use super::Store;
use crate::error::{ensure, Error, Result};

/// A built-in activity kind and the other names users give it.
pub struct DefaultKind {
    /// The name stored and shown.
    pub name: &'static str,
    /// Other spellings read as this kind (in imports and the CLI).
    pub aliases: &'static [&'static str],
}

/// The kinds every new database starts with, in display order.
pub const DEFAULT_ACTIVITY_KINDS: &[DefaultKind] = &[
    DefaultKind { name: "义诊", aliases: &["义诊活动", "健康义诊"] },
    DefaultKind { name: "健康讲座", aliases: &["健康宣教", "科普", "健康科普", "讲座"] },
    DefaultKind { name: "急救培训", aliases: &["急救", "心肺复苏培训"] },
    DefaultKind { name: "志愿服务", aliases: &["志愿活动"] },
    DefaultKind { name: "结对共建", aliases: &["联建活动", "共建活动", "联建"] },
    DefaultKind { name: "参观学习", aliases: &["参观", "学习参观"] },
    DefaultKind { name: "走访慰问", aliases: &["走访", "慰问"] },
    DefaultKind { name: "其他", aliases: &[] },
];

/// The kinds, in display order.
pub(crate) fn kinds_in(conn: &Connection) -> Result<Vec<String>> {
    let mut statement = conn.prepare_cached("SELECT name FROM activity_kinds ORDER BY position, id")?;
    let kinds = statement.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(kinds)
}

/// The stored kind `text` names: the kind itself, or a built-in kind's alias.
pub(crate) fn kind_named(conn: &Connection, text: &str) -> Result<String> {
    let text = text.trim();
    let kinds = kinds_in(conn)?;
    if let Some(kind) = kinds.iter().find(|k| *k == text) {
        return Ok(kind.clone());
    }
    DEFAULT_ACTIVITY_KINDS
        .iter()
        .find(|k| k.aliases.contains(&text) && kinds.iter().any(|stored| stored == k.name))
        .map(|k| k.name.to_string())
        .ok_or_else(|| {
            Error::Invalid(format!(
                "活动类型「{text}」不在列表中（可选：{}）；可在「设置」中添加新的活动类型",
                kinds.join("、")
            ))
        })
}

/// Refuses a kind not in the list of 设置 (records store the kind itself, never another name of it).
pub(crate) fn kind_in_list(conn: &Connection, kind: &str) -> Result<()> {
    let kinds = kinds_in(conn)?;
    ensure(kinds.iter().any(|k| k == kind), || {
        format!("活动类型「{kind}」不在列表中（可选：{}）；可在「设置」中添加", kinds.join("、"))
    })
}

fn uses(conn: &Connection, name: &str) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM activities WHERE kind = ?1", [name], |r| r.get(0))?)
}

fn check_new_name(conn: &Connection, name: &str) -> Result<()> {
    ensure(!name.is_empty(), || "活动类型名称不能为空".into())?;
    ensure(name.chars().count() <= 20, || format!("活动类型「{name}」太长，请控制在 20 个字以内"))?;
    let taken: Option<i64> =
        conn.query_row("SELECT id FROM activity_kinds WHERE name = ?1", [name], |r| r.get(0)).optional()?;
    if taken.is_some() {
        return Err(Error::Conflict(format!("已有活动类型「{name}」")));
    }
    Ok(())
}

impl Store {
    /// The activity kinds, in display order.
    pub fn activity_kinds(&self) -> Result<Vec<String>> {
        kinds_in(self.conn())
    }

    /// The stored kind `text` names (the kind, or a built-in kind's other name).
    pub fn activity_kind_named(&self, text: &str) -> Result<String> {
        kind_named(self.conn(), text)
    }

    /// Adds a kind at the end of the list.
    pub fn add_activity_kind(&self, name: &str) -> Result<Vec<String>> {
        let name = name.trim();
        self.write(|conn| {
            check_new_name(conn, name)?;
            conn.execute(
                "INSERT INTO activity_kinds (name, position)
                 VALUES (?1, (SELECT coalesce(max(position), -1) + 1 FROM activity_kinds))",
                [name],
            )?;
            audit::record(conn, "activity_kinds", conn.last_insert_rowid(), Action::Create, None, Some(&name))?;
            kinds_in(conn)
        })
    }

    /// Renames a kind, and every activity of that kind with it.
    pub fn rename_activity_kind(&self, from: &str, to: &str) -> Result<Vec<String>> {
        let (from, to) = (from.trim(), to.trim());
        self.write(|conn| {
            let id = kind_id(conn, from)?;
            check_new_name(conn, to)?;
            conn.execute("UPDATE activity_kinds SET name = ?2 WHERE id = ?1", (id, to))?;
            conn.execute("UPDATE activities SET kind = ?2 WHERE kind = ?1", [from, to])?;
            conn.execute("UPDATE brand_targets SET activity_kind = ?2 WHERE activity_kind = ?1", [from, to])?;
            audit::record(conn, "activity_kinds", id, Action::Update, Some(&from), Some(&to))?;
            kinds_in(conn)
        })
    }

    /// Removes a kind no activity or target uses.
    pub fn remove_activity_kind(&self, name: &str) -> Result<Vec<String>> {
        let name = name.trim();
        self.write(|conn| {
            let id = kind_id(conn, name)?;
            let used = uses(conn, name)?;
            ensure(used == 0, || {
                format!("有 {used} 项活动属于「{name}」，不能删除；可以改名，或先把这些活动改为其他类型")
            })?;
            let targets: i64 =
                conn.query_row("SELECT count(*) FROM brand_targets WHERE activity_kind = ?1", [name], |r| r.get(0))?;
            ensure(targets == 0, || format!("有品牌目标按「{name}」计数，不能删除；请先修改这些目标"))?;
            conn.execute("DELETE FROM activity_kinds WHERE id = ?1", [id])?;
            audit::record(conn, "activity_kinds", id, Action::Delete, Some(&name), None)?;
            kinds_in(conn)
        })
    }

    /// Puts the kinds in the order given (every kind, each once).
    pub fn reorder_activity_kinds(&self, order: &[String]) -> Result<Vec<String>> {
        self.write(|conn| {
            let mut stored = kinds_in(conn)?;
            let mut given: Vec<&str> = order.iter().map(|k| k.trim()).collect();
            stored.sort();
            given.sort_unstable();
            ensure(stored == given, || "排序时必须列出全部活动类型，且每个只出现一次".into())?;
            for (position, name) in order.iter().enumerate() {
                conn.execute(
                    "UPDATE activity_kinds SET position = ?2 WHERE name = ?1",
                    (name.trim(), position as i64),
                )?;
            }
            kinds_in(conn)
        })
    }
}

fn kind_id(conn: &Connection, name: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM activity_kinds WHERE name = ?1", [name], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("没有活动类型「{name}」")))
}
