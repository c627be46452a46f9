//! The JSON interchange and backup format.
//!
//! [`export`] writes the whole database as one [`Document`]: a versioned,
//! human-readable JSON object with one array per record type, each sorted by
//! id, children inside their parents. [`import`] loads a document into an
//! empty database in one transaction, keeping the ids, then runs every
//! record's checks; any failure leaves the database untouched. Export → import
//! → export yields the same document. The audit log is not part of a backup
//! (a restore is itself logged), and attachment files travel beside it, not
//! inside it: the document lists them by name and SHA-256.
//!
//! To add a record type: add a field here, in `Document::read`, and in `import`.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::activity_kinds::DEFAULT_ACTIVITY_KINDS;
use crate::store::audit::{self, Action};
use crate::store::branches::{posts_from_names, unmatched_note};
use crate::store::record::insert;
use crate::store::year_notes::YearNote;
use crate::store::{
    Activity, Attachment, Branch, Brand, Committee, GroupChange, Honor, Meeting, Member, MemberTransfer, Obligation,
    Pairing, Partner, PartnerKind, PartyGroup, Record, StatusChange, Store, Suggestion,
};

/// What `format` holds in every document.
pub const FORMAT: &str = "dangjian-backup";
/// The version of the document layout this build writes and reads. Older
/// documents are upgraded as they are read: version 1 (free-text branch
/// committees) and version 2 (activities with a flat list of branches,
/// free-text brand targets and partner kinds); version 3 has no yearly notes.
pub const VERSION: u32 = 4;

/// A whole database as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Always [`FORMAT`].
    pub format: String,
    /// The layout version, [`VERSION`].
    pub version: u32,
    /// The committee's names.
    pub committee: Committee,
    /// Branches and general branches.
    pub branches: Vec<Branch>,
    /// Party groups.
    pub party_groups: Vec<PartyGroup>,
    /// Members.
    pub members: Vec<Member>,
    /// Members' transfers between branches.
    pub member_transfers: Vec<MemberTransfer>,
    /// Members' dated status changes.
    #[serde(default)]
    pub member_status_changes: Vec<StatusChange>,
    /// Members' dated party-group changes.
    #[serde(default)]
    pub member_group_changes: Vec<GroupChange>,
    /// The rules of organisational life; a version 1 document has none and
    /// keeps the defaults.
    #[serde(default)]
    pub obligations: Vec<Obligation>,
    /// The activity kinds of 设置, in order.
    pub activity_kinds: Vec<String>,
    /// Brands with their versions and targets.
    pub brands: Vec<Brand>,
    /// Outside organisations.
    pub partners: Vec<Partner>,
    /// Pairings of branches with partners.
    pub pairings: Vec<Pairing>,
    /// Activities with branches and participants.
    pub activities: Vec<Activity>,
    /// Meeting records with attendance.
    pub meetings: Vec<Meeting>,
    /// Honors.
    pub honors: Vec<Honor>,
    /// Suggestions.
    pub suggestions: Vec<Suggestion>,
    /// Attachments (metadata; files are kept in the data directory).
    pub attachments: Vec<Attachment>,
    /// The secretaries' yearly summaries and plans; a version 3 document has none.
    #[serde(default)]
    pub year_notes: Vec<YearNote>,
}

fn by_id<R: Record>(store: &Store) -> Result<Vec<R>> {
    let mut records: Vec<R> = store.list()?;
    records.sort_by_key(Record::id);
    Ok(records)
}

/// Reads the whole database into a document.
pub fn export(store: &Store) -> Result<Document> {
    Ok(Document {
        format: FORMAT.into(),
        version: VERSION,
        committee: store.committee()?,
        branches: by_id(store)?,
        party_groups: by_id(store)?,
        members: by_id(store)?,
        member_transfers: by_id(store)?,
        member_status_changes: by_id(store)?,
        member_group_changes: by_id(store)?,
        obligations: by_id(store)?,
        activity_kinds: store.activity_kinds()?,
        brands: by_id(store)?,
        partners: by_id(store)?,
        pairings: by_id(store)?,
        activities: by_id(store)?,
        meetings: by_id(store)?,
        honors: by_id(store)?,
        suggestions: by_id(store)?,
        attachments: by_id(store)?,
        year_notes: by_id(store)?,
    })
}

/// Writes the whole database to `path` as a pretty-printed document, and
/// records in the audit log that a file with members' full numbers was
/// written. Returns the document written.
pub fn write_json(store: &Store, path: &std::path::Path) -> Result<Document> {
    let _timed = crate::logging::timed("json backup");
    let document = export(store)?;
    let text = serde_json::to_string_pretty(&document)?;
    std::fs::write(path, text + "\n").map_err(|e| Error::io(format!("无法写入 {}", path.display()), e))?;
    store.write(|conn| crate::store::personal::record_full_export(conn, "JSON 备份", path, document.members.len()))?;
    Ok(document)
}

/// Reads and parses the document in `path` (see [`parse`]).
pub fn read_file(path: &std::path::Path) -> Result<Document> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(format!("无法读取 {}", path.display()), e))?;
    parse(&text)
}

/// Parses a document, refusing other formats and newer versions with a clear message.
pub fn parse(json: &str) -> Result<Document> {
    let head: serde_json::Value =
        serde_json::from_str(json).map_err(|e| Error::Invalid(format!("文件不是有效的 JSON：{e}")))?;
    if head.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(Error::Invalid(format!("文件不是党建台账的备份（缺少 \"format\": \"{FORMAT}\"）")));
    }
    let version = head.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(VERSION) {
        return Err(Error::Invalid(format!(
            "备份文件的格式版本 {version} 比本程序支持的 {VERSION} 新，请升级党建台账后再导入"
        )));
    }
    let head = if version == 1 { upgrade_v1(head) } else { head };
    let head = if version <= 2 { upgrade_v2(head) } else { head };
    serde_json::from_value(head).map_err(|e| Error::Invalid(format!("备份文件内容不完整或有误：{e}")))
}

/// Version 1 kept a branch's secretary and committee as names; version 2
/// keeps dated posts held by members. The names are matched as the schema
/// upgrade matches them ([`crate::store::branches`]'s `posts_from_names`),
/// and a name that matches no member is kept in the branch's note.
fn upgrade_v1(mut head: serde_json::Value) -> serde_json::Value {
    use serde_json::{json, Value};
    let members: Vec<(i64, i64, String)> = head["members"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|m| Some((m["id"].as_i64()?, m["branch_id"].as_i64()?, m["name"].as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let parents: Vec<(i64, Option<i64>)> = head["branches"]
        .as_array()
        .map(|list| list.iter().filter_map(|b| Some((b["id"].as_i64()?, b["parent_id"].as_i64()))).collect())
        .unwrap_or_default();
    let parent_of = |id: i64| parents.iter().find(|(b, _)| *b == id).and_then(|(_, p)| *p);
    for branch in head["branches"].as_array_mut().into_iter().flatten() {
        let id = branch["id"].as_i64().unwrap_or_default();
        let seats: Vec<(String, String)> = branch["committee"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| Some((c["name"].as_str()?.to_string(), c["role"].as_str().unwrap_or("").to_string())))
            .collect();
        let candidates: Vec<(i64, String)> = members
            .iter()
            .filter(|(_, b, _)| *b == id || parent_of(*b) == Some(id))
            .map(|(m, _, name)| (*m, name.clone()))
            .collect();
        let (posts, unmatched) = posts_from_names(branch["secretary"].as_str(), &seats, &candidates);
        if !unmatched.is_empty() {
            let note = branch["note"].as_str().map(|n| format!("{n}\n")).unwrap_or_default();
            branch["note"] = Value::String(format!("{note}{}", unmatched_note(&unmatched)));
        }
        branch["committee"] = json!(posts);
        if let Some(object) = branch.as_object_mut() {
            object.remove("secretary");
        }
    }
    head["version"] = json!(2);
    head
}

/// Version 2 listed an activity's branches flat, kept brand targets and
/// partner kinds as free text, had a fixed list of activity kinds, and let a
/// member's honor name a branch too; version 3 has a lead branch (the brand's,
/// when it organised the activity) and co-organisers, numeric targets (the
/// old text becomes the brand's goal), partner kind codes, participant kinds
/// (an unlinked name that is one member's is linked), the list of kinds, and
/// one recipient per honor. The changes mirror the schema's version 4.
fn upgrade_v2(mut head: serde_json::Value) -> serde_json::Value {
    use serde_json::{json, Value};
    let renamed = |kind: &str| match kind {
        "健康宣教" => "健康讲座".to_string(),
        "联建活动" => "结对共建".to_string(),
        other => other.to_string(),
    };
    let mut kinds: Vec<String> = DEFAULT_ACTIVITY_KINDS.iter().map(|k| k.name.to_string()).collect();
    let ids_of = |list: &str, key: &str| -> Vec<(i64, serde_json::Value)> {
        head[list].as_array().into_iter().flatten().filter_map(|r| Some((r["id"].as_i64()?, r[key].clone()))).collect()
    };
    let member_names = ids_of("members", "name");
    let brand_branches = ids_of("brands", "branch_id");
    for activity in head["activities"].as_array_mut().into_iter().flatten() {
        let kind = renamed(activity["kind"].as_str().unwrap_or("其他"));
        if !kinds.contains(&kind) {
            kinds.push(kind.clone());
        }
        activity["kind"] = json!(kind);
        let mut branches: Vec<i64> =
            activity["branch_ids"].as_array().into_iter().flatten().filter_map(Value::as_i64).collect();
        branches.sort_unstable();
        let brand_branch = brand_branches.iter().find(|(id, _)| Some(*id) == activity["brand_id"].as_i64());
        if let Some(lead) = brand_branch.and_then(|(_, b)| b.as_i64()).filter(|b| branches.contains(b)) {
            branches.retain(|b| *b != lead);
            branches.insert(0, lead);
        }
        activity["branch_id"] = json!(branches.first());
        activity["co_branch_ids"] = json!(branches.get(1..).unwrap_or_default());
        let participants = activity["participants"].as_array_mut();
        let linked: Vec<i64> =
            participants.iter().flat_map(|list| list.iter()).filter_map(|p| p["member_id"].as_i64()).collect();
        for participant in participants.into_iter().flatten() {
            // An unlinked name that is exactly one member's (not already listed) is that member.
            let same_name: Vec<i64> =
                member_names.iter().filter(|(_, name)| *name == participant["name"]).map(|(id, _)| *id).collect();
            if let ([one], true) = (same_name.as_slice(), participant["member_id"].is_null()) {
                if !linked.contains(one) {
                    participant["member_id"] = json!(one);
                }
            }
            let kind = if participant["member_id"].is_null() { "volunteer" } else { "member" };
            participant["kind"] = json!(kind);
        }
        if let Some(object) = activity.as_object_mut() {
            object.remove("branch_ids");
        }
    }
    head["activity_kinds"] = json!(kinds);
    for honor in head["honors"].as_array_mut().into_iter().flatten() {
        if !honor["member_id"].is_null() {
            honor["branch_id"] = serde_json::Value::Null;
        }
    }
    for brand in head["brands"].as_array_mut().into_iter().flatten() {
        brand["goal"] = brand["targets"].take();
        brand["targets"] = json!([]);
    }
    for partner in head["partners"].as_array_mut().into_iter().flatten() {
        let text = partner["kind"].as_str().unwrap_or_default().to_string();
        match PartnerKind::parse(&text) {
            Some(kind) => partner["kind"] = json!(kind),
            None => {
                let note = partner["note"].as_str().map(|n| format!("{n}\n")).unwrap_or_default();
                partner["note"] = json!(format!("{note}原单位类型：{text}"));
                partner["kind"] = json!(PartnerKind::Other);
            }
        }
    }
    head["version"] = json!(VERSION);
    head
}

/// Makes the backup's activity kinds the list of 设置.
fn replace_activity_kinds(conn: &Connection, kinds: &[String]) -> Result<()> {
    conn.execute("DELETE FROM activity_kinds", [])?;
    let mut insert = conn.prepare("INSERT INTO activity_kinds (name, position) VALUES (?1, ?2)")?;
    for (position, kind) in kinds.iter().enumerate() {
        insert
            .execute((kind, position as i64))
            .map_err(|e| Error::Invalid(format!("备份中的活动类型「{kind}」有误：{e}")))?;
    }
    Ok(())
}

/// Names the backup record a failure is about.
fn in_backup<R: Record>(record: &R, error: Error) -> Error {
    Error::Invalid(format!("备份中编号为 {} 的{}有误：{error}", record.id(), R::LABEL))
}

fn insert_all<R: Record>(conn: &Connection, records: &[R]) -> Result<()> {
    for record in records {
        insert(conn, record, true).map_err(|e| in_backup(record, e))?;
    }
    Ok(())
}

fn check_all<R: Record>(conn: &Connection, today: chrono::NaiveDate, records: &[R]) -> Result<()> {
    for record in records {
        record.check(conn, today).map_err(|e| in_backup(record, e))?;
    }
    Ok(())
}

/// Loads a document into an empty database, all or nothing.
pub fn import(store: &Store, document: &Document) -> Result<()> {
    let _timed = crate::logging::timed("json import");
    if !store.is_empty()? {
        return Err(Error::Conflict(
            "只能把备份导入到空数据库：当前数据库已有支部或党员。请用 --db 指定一个新文件".into(),
        ));
    }
    let today = store.today();
    store.write(|conn| {
        conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        crate::store::save_committee(conn, &document.committee)?;
        insert_all(conn, &document.branches)?;
        insert_all(conn, &document.party_groups)?;
        insert_all(conn, &document.members)?;
        insert_all(conn, &document.member_transfers)?;
        insert_all(conn, &document.member_status_changes)?;
        insert_all(conn, &document.member_group_changes)?;
        if !document.obligations.is_empty() {
            conn.execute("DELETE FROM obligations", [])?;
            insert_all(conn, &document.obligations)?;
        }
        replace_activity_kinds(conn, &document.activity_kinds)?;
        insert_all(conn, &document.brands)?;
        insert_all(conn, &document.partners)?;
        insert_all(conn, &document.pairings)?;
        insert_all(conn, &document.activities)?;
        insert_all(conn, &document.meetings)?;
        insert_all(conn, &document.honors)?;
        insert_all(conn, &document.suggestions)?;
        insert_all(conn, &document.attachments)?;
        insert_all(conn, &document.year_notes)?;
        check_all(conn, today, &document.branches)?;
        check_all(conn, today, &document.party_groups)?;
        check_all(conn, today, &document.members)?;
        check_all(conn, today, &document.member_transfers)?;
        check_all(conn, today, &document.member_status_changes)?;
        check_all(conn, today, &document.member_group_changes)?;
        check_all(conn, today, &document.obligations)?;
        check_all(conn, today, &document.brands)?;
        check_all(conn, today, &document.partners)?;
        check_all(conn, today, &document.pairings)?;
        check_all(conn, today, &document.activities)?;
        check_all(conn, today, &document.meetings)?;
        check_all(conn, today, &document.honors)?;
        check_all(conn, today, &document.suggestions)?;
        check_all(conn, today, &document.attachments)?;
        check_all(conn, today, &document.year_notes)?;
        audit::record(conn, "backup", 0, Action::Restore, None, Some(&document.committee))
    })
}
