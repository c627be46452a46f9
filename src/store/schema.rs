//! The database schema, as an append-only list of migrations.
//!
//! Never edit a migration that has shipped: add a new `M::up` at the end and
//! bump nothing else; `user_version` tracks how far a file has come. Every
//! foreign key has an index. Pragmas are set in `Store::open`, not here.

use rusqlite_migration::{Migrations, M};

use super::activity_kinds::DEFAULT_ACTIVITY_KINDS;
use super::branches::{posts_from_names, unmatched_note};
use super::obligations::DEFAULT_OBLIGATIONS;
use super::PartnerKind;

/// Version 1: the organisation (committee, branches, groups, members) and the audit log.
const V1_ORGANISATION: &str = r#"
CREATE TABLE committee (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    hospital_name  TEXT NOT NULL DEFAULT '',
    committee_name TEXT NOT NULL DEFAULT ''
);
INSERT INTO committee (id) VALUES (1);

CREATE TABLE branches (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
    kind         TEXT NOT NULL,
    parent_id    INTEGER REFERENCES branches(id),
    secretary    TEXT,
    committee    TEXT NOT NULL DEFAULT '[]',
    founded_on   TEXT,
    term_ends_on TEXT,
    departments  TEXT NOT NULL DEFAULT '[]',
    archived     INTEGER NOT NULL DEFAULT 0,
    note         TEXT
);
CREATE INDEX branches_parent ON branches(parent_id);

CREATE TABLE party_groups (
    id        INTEGER PRIMARY KEY,
    branch_id INTEGER NOT NULL REFERENCES branches(id),
    name      TEXT NOT NULL CHECK (trim(name) <> ''),
    leader    TEXT,
    UNIQUE (branch_id, name)
);
CREATE INDEX party_groups_branch ON party_groups(branch_id);

CREATE TABLE members (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL CHECK (trim(name) <> ''),
    gender             TEXT,
    ethnicity          TEXT,
    id_number          TEXT UNIQUE,
    birth_date         TEXT,
    education          TEXT,
    degree             TEXT,
    category           TEXT NOT NULL,
    branch_id          INTEGER NOT NULL REFERENCES branches(id),
    group_id           INTEGER REFERENCES party_groups(id),
    joined_on          TEXT,
    full_member_on     TEXT,
    post               TEXT,
    department         TEXT,
    duty               TEXT,
    professional_title TEXT,
    phone              TEXT,
    address            TEXT,
    status             TEXT NOT NULL,
    lost_contact       INTEGER NOT NULL DEFAULT 0,
    floating           INTEGER NOT NULL DEFAULT 0,
    note               TEXT,
    extra              TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX members_branch ON members(branch_id);
CREATE INDEX members_group ON members(group_id);

CREATE TABLE member_transfers (
    id             INTEGER PRIMARY KEY,
    member_id      INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    from_branch_id INTEGER REFERENCES branches(id),
    to_branch_id   INTEGER NOT NULL REFERENCES branches(id),
    transferred_on TEXT NOT NULL,
    note           TEXT
);
CREATE INDEX member_transfers_member ON member_transfers(member_id);
CREATE INDEX member_transfers_from ON member_transfers(from_branch_id);
CREATE INDEX member_transfers_to ON member_transfers(to_branch_id);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    os_user   TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    action    TEXT NOT NULL,
    before    TEXT,
    after     TEXT
);
"#;

/// Version 2: what branches do (brands, activities, meetings, partners, honors,
/// suggestions) and the attachments that document it.
const V2_RECORDS: &str = r#"
CREATE TABLE brands (
    id         INTEGER PRIMARY KEY,
    branch_id  INTEGER NOT NULL REFERENCES branches(id),
    name       TEXT NOT NULL CHECK (trim(name) <> ''),
    slogan     TEXT,
    meaning    TEXT,
    started_on TEXT,
    targets    TEXT,
    UNIQUE (branch_id, name)
);
CREATE INDEX brands_branch ON brands(branch_id);

CREATE TABLE brand_versions (
    id         INTEGER PRIMARY KEY,
    brand_id   INTEGER NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
    version    TEXT NOT NULL,
    started_on TEXT,
    summary    TEXT,
    UNIQUE (brand_id, version)
);
CREATE INDEX brand_versions_brand ON brand_versions(brand_id);

CREATE TABLE partners (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
    kind    TEXT NOT NULL,
    contact TEXT,
    phone   TEXT,
    address TEXT,
    note    TEXT
);

CREATE TABLE pairings (
    id         INTEGER PRIMARY KEY,
    branch_id  INTEGER NOT NULL REFERENCES branches(id),
    partner_id INTEGER NOT NULL REFERENCES partners(id),
    started_on TEXT,
    ended_on   TEXT,
    content    TEXT
);
CREATE INDEX pairings_branch ON pairings(branch_id);
CREATE INDEX pairings_partner ON pairings(partner_id);

CREATE TABLE activities (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL CHECK (trim(title) <> ''),
    kind          TEXT NOT NULL,
    date          TEXT NOT NULL,
    place         TEXT,
    brand_id      INTEGER REFERENCES brands(id),
    partner_id    INTEGER REFERENCES partners(id),
    people_served INTEGER NOT NULL DEFAULT 0 CHECK (people_served >= 0),
    description   TEXT
);
CREATE INDEX activities_brand ON activities(brand_id);
CREATE INDEX activities_partner ON activities(partner_id);
CREATE INDEX activities_date ON activities(date);

CREATE TABLE activity_branches (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    branch_id   INTEGER NOT NULL REFERENCES branches(id),
    PRIMARY KEY (activity_id, branch_id)
);
CREATE INDEX activity_branches_branch ON activity_branches(branch_id);

CREATE TABLE activity_participants (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    member_id   INTEGER REFERENCES members(id),
    name        TEXT NOT NULL,
    hours       REAL NOT NULL DEFAULT 0 CHECK (hours >= 0)
);
CREATE INDEX activity_participants_activity ON activity_participants(activity_id);
CREATE INDEX activity_participants_member ON activity_participants(member_id);

CREATE TABLE meetings (
    id         INTEGER PRIMARY KEY,
    branch_id  INTEGER NOT NULL REFERENCES branches(id),
    group_id   INTEGER REFERENCES party_groups(id),
    kind       TEXT NOT NULL,
    date       TEXT NOT NULL,
    start_time TEXT,
    place      TEXT,
    chair      TEXT,
    recorder   TEXT,
    lecturer   TEXT,
    topic      TEXT NOT NULL CHECK (trim(topic) <> ''),
    content    TEXT,
    decisions  TEXT,
    vote       TEXT
);
CREATE INDEX meetings_branch ON meetings(branch_id);
CREATE INDEX meetings_group ON meetings(group_id);
CREATE INDEX meetings_date ON meetings(date);

CREATE TABLE meeting_attendance (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    member_id  INTEGER REFERENCES members(id),
    name       TEXT NOT NULL,
    status     TEXT NOT NULL,
    reason     TEXT
);
CREATE INDEX meeting_attendance_meeting ON meeting_attendance(meeting_id);
CREATE INDEX meeting_attendance_member ON meeting_attendance(member_id);

CREATE TABLE honors (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL CHECK (trim(title) <> ''),
    level      TEXT NOT NULL,
    awarded_on TEXT,
    issuer     TEXT,
    branch_id  INTEGER REFERENCES branches(id),
    member_id  INTEGER REFERENCES members(id),
    note       TEXT
);
CREATE INDEX honors_branch ON honors(branch_id);
CREATE INDEX honors_member ON honors(member_id);

CREATE TABLE suggestions (
    id          INTEGER PRIMARY KEY,
    branch_id   INTEGER REFERENCES branches(id),
    source      TEXT,
    raised_on   TEXT,
    content     TEXT NOT NULL CHECK (trim(content) <> ''),
    status      TEXT NOT NULL,
    response    TEXT,
    resolved_on TEXT
);
CREATE INDEX suggestions_branch ON suggestions(branch_id);

CREATE TABLE attachments (
    id         INTEGER PRIMARY KEY,
    owner_kind TEXT NOT NULL,
    owner_id   INTEGER NOT NULL,
    file_name  TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    size       INTEGER NOT NULL,
    added_at   TEXT NOT NULL
);
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);
"#;

/// Version 3: organisational life judged by rules. Branch committees become
/// dated posts held by members (a change of secretary is history); members'
/// status and party-group changes are dated; groups have founding and
/// dissolution dates; a meeting may count for further obligations; the
/// obligations themselves are rows (seeded by [`seed_obligations`]).
///
/// The old free-text committee is carried over by matching each name to a
/// member of the branch or of a branch under it; a name that matches nobody
/// is kept in the branch's note, so nothing typed is lost.
const V3_ORG_LIFE: &str = r#"
CREATE TABLE committee_posts (
    id         INTEGER PRIMARY KEY,
    branch_id  INTEGER NOT NULL REFERENCES branches(id) ON DELETE CASCADE,
    member_id  INTEGER NOT NULL REFERENCES members(id),
    role       TEXT NOT NULL,
    duty       TEXT,
    started_on TEXT,
    ended_on   TEXT
);
CREATE INDEX committee_posts_branch ON committee_posts(branch_id);
CREATE INDEX committee_posts_member ON committee_posts(member_id);


ALTER TABLE party_groups ADD COLUMN founded_on TEXT;
ALTER TABLE party_groups ADD COLUMN dissolved_on TEXT;

ALTER TABLE members ADD COLUMN probation_extension_months INTEGER
    CHECK (probation_extension_months BETWEEN 6 AND 12);

CREATE TABLE member_status_changes (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    changed_on  TEXT NOT NULL,
    note        TEXT
);
CREATE INDEX member_status_changes_member ON member_status_changes(member_id);

CREATE TABLE member_group_changes (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    from_group_id INTEGER REFERENCES party_groups(id),
    to_group_id   INTEGER REFERENCES party_groups(id),
    changed_on    TEXT NOT NULL
);
CREATE INDEX member_group_changes_member ON member_group_changes(member_id);
CREATE INDEX member_group_changes_from ON member_group_changes(from_group_id);
CREATE INDEX member_group_changes_to ON member_group_changes(to_group_id);

ALTER TABLE meetings ADD COLUMN also_counts TEXT NOT NULL DEFAULT '[]';

CREATE TABLE obligations (
    id                   INTEGER PRIMARY KEY,
    code                 TEXT NOT NULL UNIQUE CHECK (trim(code) <> ''),
    name                 TEXT NOT NULL CHECK (trim(name) <> ''),
    kind                 TEXT NOT NULL,
    frequency            TEXT NOT NULL,
    per_period           INTEGER NOT NULL CHECK (per_period >= 1),
    scope                TEXT NOT NULL,
    binds_branch         INTEGER NOT NULL,
    binds_general_branch INTEGER NOT NULL,
    active               INTEGER NOT NULL DEFAULT 1
);
"#;

/// Version 4: brand building counted by rules. Brands gain methods and yearly
/// numeric targets (the old free-text targets become the brand's goal);
/// activity kinds become a list the user extends; an activity has a lead
/// branch (its brand's branch when that organised it, else the first),
/// co-organising branches and an end date; each participant is a member (an
/// unlinked name that is exactly one member's is linked) or a named outside
/// volunteer; partners' kinds become codes; an honor goes to one recipient
/// (a member's honor no longer also names a branch) and may go to a brand; a
/// suggestion has a due date; members have a staff number (工号).
const V4_BRANDS: &str = r#"
ALTER TABLE members ADD COLUMN staff_no TEXT;
CREATE UNIQUE INDEX members_staff_no ON members(staff_no);

ALTER TABLE brands RENAME COLUMN targets TO goal;
ALTER TABLE brands ADD COLUMN methods TEXT;

CREATE TABLE brand_targets (
    id            INTEGER PRIMARY KEY,
    brand_id      INTEGER NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    measure       TEXT NOT NULL,
    activity_kind TEXT,
    target        REAL NOT NULL CHECK (target >= 0)
);
CREATE INDEX brand_targets_brand ON brand_targets(brand_id);

CREATE TABLE activity_kinds (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
    position INTEGER NOT NULL
);

UPDATE activities SET kind = '健康讲座' WHERE kind = '健康宣教';
UPDATE activities SET kind = '结对共建' WHERE kind = '联建活动';
ALTER TABLE activities ADD COLUMN end_date TEXT;
ALTER TABLE activities ADD COLUMN branch_id INTEGER REFERENCES branches(id);
UPDATE activities SET branch_id = coalesce(
    (SELECT b.branch_id FROM brands b JOIN activity_branches x ON x.branch_id = b.branch_id
      WHERE b.id = activities.brand_id AND x.activity_id = activities.id),
    (SELECT min(branch_id) FROM activity_branches WHERE activity_id = activities.id));
DELETE FROM activity_branches
    WHERE branch_id = (SELECT a.branch_id FROM activities a WHERE a.id = activity_branches.activity_id);
CREATE INDEX activities_branch ON activities(branch_id);

ALTER TABLE activity_participants ADD COLUMN kind TEXT NOT NULL DEFAULT 'member';
UPDATE activity_participants SET member_id = (SELECT m.id FROM members m WHERE m.name = activity_participants.name)
    WHERE member_id IS NULL
      AND (SELECT count(*) FROM members m WHERE m.name = activity_participants.name) = 1
      AND NOT EXISTS (SELECT 1 FROM activity_participants o JOIN members m ON m.id = o.member_id
                      WHERE o.activity_id = activity_participants.activity_id AND m.name = activity_participants.name);
UPDATE activity_participants SET kind = 'volunteer' WHERE member_id IS NULL;

ALTER TABLE honors ADD COLUMN brand_id INTEGER REFERENCES brands(id);
UPDATE honors SET branch_id = NULL WHERE member_id IS NOT NULL;
CREATE INDEX honors_brand ON honors(brand_id);

ALTER TABLE suggestions ADD COLUMN due_on TEXT;
"#;

/// Version 5: the secretary's summary and plan for each branch and year,
/// printed in the annual report.
const V5_YEAR_NOTES: &str = r#"
CREATE TABLE year_notes (
    id        INTEGER PRIMARY KEY,
    branch_id INTEGER NOT NULL REFERENCES branches(id) ON DELETE CASCADE,
    year      INTEGER NOT NULL,
    summary   TEXT,
    plan      TEXT,
    UNIQUE (branch_id, year)
);
"#;

/// Version 6: the key that seals the attachment files of an encrypted
/// database (see `attachment_files.rs`), one random key per database, made
/// by the migration's hook. (`IF NOT EXISTS`: a restore gives a copy from
/// before version 6 the database's key before upgrading it.)
const V6_FILE_KEY: &str = r#"
CREATE TABLE IF NOT EXISTS file_key (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    key BLOB NOT NULL CHECK (length(key) = 64)
);
"#;

/// Version 7: the attendance of a meeting is read from its index alone (the
/// index holds every column), so reading a year's meetings with their
/// attendance (the ledger, the to-do list, the grid) makes no lookup in the
/// table for each of tens of thousands of rows; it read about twice as fast
/// on the large demo, for a file about a tenth larger.
const V7_ATTENDANCE_INDEX: &str = r#"
DROP INDEX meeting_attendance_meeting;
CREATE INDEX meeting_attendance_meeting ON meeting_attendance(meeting_id, id, member_id, name, status, reason);
"#;

/// The newest schema version this build writes.
pub(crate) const LATEST_VERSION: i64 = 7;

/// All migrations, oldest first.
pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1_ORGANISATION),
        M::up(V2_RECORDS),
        M::up_with_hook(V3_ORG_LIFE, |tx: &rusqlite::Transaction| {
            carry_over_committees(tx)?;
            Ok(seed_obligations(tx)?)
        }),
        M::up_with_hook(V4_BRANDS, |tx: &rusqlite::Transaction| {
            seed_activity_kinds(tx)?;
            Ok(partner_kinds_to_codes(tx)?)
        }),
        M::up(V5_YEAR_NOTES),
        M::up_with_hook(V6_FILE_KEY, |tx: &rusqlite::Transaction| {
            Ok(give_file_key(tx, &super::attachment_files::new_file_key())?)
        }),
        M::up(V7_ATTENDANCE_INDEX),
    ])
}

/// Gives the database on `conn` the file key `key` unless it has one.
pub(super) fn give_file_key(conn: &rusqlite::Connection, key: &[u8]) -> rusqlite::Result<()> {
    conn.execute_batch(V6_FILE_KEY)?;
    conn.execute("INSERT OR IGNORE INTO file_key (id, key) VALUES (1, ?1)", [key])?;
    Ok(())
}

/// Turns each branch's old committee (names and titles) into posts held by
/// members, as [`posts_from_names`] matches them, keeps the names that match
/// nobody in the branch's note, and drops the old columns.
fn carry_over_committees(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let members: Vec<(i64, i64, String)> = tx
        .prepare("SELECT id, branch_id, name FROM members ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let branches: Vec<(i64, Option<i64>, Option<String>, String)> = tx
        .prepare("SELECT id, parent_id, secretary, committee FROM branches")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let parent_of = |id: i64| branches.iter().find(|b| b.0 == id).and_then(|b| b.1);
    for (id, _, secretary, committee) in &branches {
        let seats: Vec<OldSeat> = serde_json::from_str(committee).unwrap_or_default();
        let seats: Vec<(String, String)> = seats.into_iter().map(|s| (s.name, s.role)).collect();
        let candidates: Vec<(i64, String)> = members
            .iter()
            .filter(|(_, branch, _)| branch == id || parent_of(*branch) == Some(*id))
            .map(|(member, _, name)| (*member, name.clone()))
            .collect();
        let (posts, unmatched) = posts_from_names(secretary.as_deref(), &seats, &candidates);
        for p in posts {
            tx.execute(
                "INSERT INTO committee_posts (branch_id, member_id, role, duty) VALUES (?1, ?2, ?3, ?4)",
                (id, p.member_id, p.role, p.duty),
            )?;
        }
        if !unmatched.is_empty() {
            tx.execute(
                "UPDATE branches SET note = trim(coalesce(note || char(10), '') || ?2) WHERE id = ?1",
                (id, unmatched_note(&unmatched)),
            )?;
        }
    }
    tx.execute_batch("ALTER TABLE branches DROP COLUMN secretary; ALTER TABLE branches DROP COLUMN committee;")
}

/// One seat of the old free-text committee.
#[derive(serde::Deserialize)]
struct OldSeat {
    name: String,
    #[serde(default)]
    role: String,
}

/// Writes the default obligations ([`DEFAULT_OBLIGATIONS`]) once, when the
/// table is created; afterwards they are the user's to edit.
fn seed_obligations(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let mut insert = tx.prepare(
        "INSERT INTO obligations (code, name, kind, frequency, per_period, scope, binds_branch, binds_general_branch)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for o in DEFAULT_OBLIGATIONS {
        insert.execute((
            o.code,
            o.name,
            o.kind,
            o.frequency,
            o.per_period,
            o.scope,
            o.binds_branch,
            o.binds_general_branch,
        ))?;
    }
    Ok(())
}

/// Writes the built-in activity kinds, and any other kind the activities
/// already use, once; afterwards the list is the user's to extend.
fn seed_activity_kinds(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let used: Vec<String> = tx
        .prepare("SELECT DISTINCT kind FROM activities ORDER BY kind")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let builtin = DEFAULT_ACTIVITY_KINDS.iter().map(|k| k.name.to_string());
    let extra = used.into_iter().filter(|u| !DEFAULT_ACTIVITY_KINDS.iter().any(|k| k.name == u));
    let mut insert = tx.prepare("INSERT INTO activity_kinds (name, position) VALUES (?1, ?2)")?;
    for (position, name) in builtin.chain(extra).enumerate() {
        insert.execute((name, position as i64))?;
    }
    Ok(())
}

/// Turns the free-text partner kinds (村, 学校, …) into [`PartnerKind`] codes;
/// a kind no code reads is kept in the partner's note and becomes 其他.
fn partner_kinds_to_codes(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let partners: Vec<(i64, String)> = tx
        .prepare("SELECT id, kind FROM partners")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, kind) in partners {
        match PartnerKind::parse(&kind) {
            Some(code) => tx.execute("UPDATE partners SET kind = ?2 WHERE id = ?1", (id, code))?,
            None => tx.execute(
                "UPDATE partners SET kind = 'other', note = trim(coalesce(note || char(10), '') || ?2) WHERE id = ?1",
                (id, format!("原单位类型：{kind}")),
            )?,
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().expect("every migration should apply cleanly");
    }

    #[test]
    fn latest_version_matches_the_migration_list() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, LATEST_VERSION);
    }
}

#[cfg(test)]
mod upgrade_tests {
    use super::*;
    use crate::store::{Member, Record, Store};

    /// Writes `tests/fixtures/versions/v1-empty.db`, the empty database this
    /// version-1 schema makes, which `tests/kill_nine.rs` fills and upgrades.
    /// Run once by hand when the fixture is lost: `cargo test --lib -- --ignored write_the_version_1_fixture`.
    #[test]
    #[ignore = "writes a fixture file into the source tree"]
    fn write_the_version_1_fixture() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/versions/v1-empty.db");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&path);
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 1).unwrap();
        conn.execute_batch("VACUUM").unwrap();
    }

    #[test]
    fn a_version_1_database_with_data_upgrades_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            migrations().to_version(&mut conn, 1).unwrap();
            conn.execute_batch(
                "INSERT INTO branches (id, name, kind) VALUES (1, '内科党支部', 'branch');
                 INSERT INTO members (id, name, category, branch_id, status, joined_on)
                 VALUES (1, '李堃', '正式党员', 1, '在册', '1999-07');",
            )
            .unwrap();
        }
        let store = Store::open(&path).expect("a version 1 file should open and upgrade");
        let copies = store.backups().unwrap().backups;
        assert_eq!(copies.len(), 1, "one copy taken before the upgrade");
        assert_eq!(copies[0].reason, crate::backups::BackupReason::BeforeUpgrade);
        let copy = rusqlite::Connection::open(&copies[0].path).unwrap();
        let old: i64 = copy.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(old, 1, "the copy is the file as it was before the upgrade");
        let member: Member = store.get(1).unwrap();
        assert_eq!(member.name, "李堃");
        assert_eq!(member.joined_on.unwrap().to_string(), "1999-07", "month precision survives the upgrade");
        let version: i64 = store.conn().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, LATEST_VERSION);
        assert!(store.list::<crate::store::Meeting>().unwrap().is_empty(), "version 2 tables exist after upgrade");
        assert_eq!(Member::TABLE, "members");
    }

    #[test]
    fn a_version_2_database_gets_committee_posts_and_the_default_rules() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        {
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            migrations().to_version(&mut conn, 2).unwrap();
            conn.execute_batch(
                r#"INSERT INTO branches (id, name, kind, secretary, committee, note) VALUES
                     (2, '临床党总支', 'general_branch', '陈玥', '[{"name":"赵昇","role":"副书记"}]', '原有备注');
                   INSERT INTO branches (id, name, kind, parent_id, secretary, committee) VALUES
                     (1, '内科党支部', 'branch', 2, '王喆',
                      '[{"name":"王喆","role":"书记"},{"name":"李堃","role":"组织委员"},{"name":"无此人","role":"组织委员"}]'),
                     (3, '外科党支部', 'branch', NULL, NULL, '[{"name":"孙珺","role":"委员"},{"name":"王喆","role":""}]'),
                     (4, '儿科党支部', 'branch', NULL, '周敏',
                      '[{"name":"周敏","role":"组织委员"},{"name":"吴昊","role":"支部副书记"},{"name":"郑洁","role":"党支部书记"}]');
                   INSERT INTO members (id, name, category, branch_id, status) VALUES
                     (1, '王喆', '正式党员', 1, '在册'), (2, '李堃', '正式党员', 1, '在册'),
                     (3, '陈玥', '正式党员', 1, '在册'), (4, '孙珺', '正式党员', 3, '在册'),
                     (5, '赵昇', '正式党员', 3, '在册'), (6, '周敏', '正式党员', 4, '在册'),
                     (7, '吴昊', '正式党员', 4, '在册'), (8, '郑洁', '正式党员', 4, '在册');
                   INSERT INTO meetings (id, branch_id, kind, date, topic) VALUES (1, 1, 'theme_day', '2025-03-12', '重温入党誓词');"#,
            )
            .unwrap();
        }
        let store = Store::open(&path).expect("a version 2 file should open and upgrade");
        let version: i64 = store.conn().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, LATEST_VERSION);

        // (branch, its posts as (name, role, duty), the note it ends with)
        type Posts = &'static [(&'static str, &'static str, Option<&'static str>)];
        let table: [(i64, Posts, Option<&str>); 4] = [
            (
                1,
                &[("李堃", "member", Some("组织委员")), ("王喆", "secretary", None)],
                Some("原支委记录（未能对应到党员，请在支委中重新选择）：无此人（组织委员）"),
            ),
            (
                2,
                &[("陈玥", "secretary", None)],
                Some("原有备注\n原支委记录（未能对应到党员，请在支委中重新选择）：赵昇（副书记）"),
            ),
            (3, &[("孙珺", "member", None)], Some("原支委记录（未能对应到党员，请在支委中重新选择）：王喆（委员）")),
            // The secretary column outranks the JSON's title; titles that contain 书记 map
            // to the seat; a second 书记 cannot be seated twice and stays a 委员 with its title.
            (
                4,
                &[
                    ("吴昊", "deputy_secretary", None),
                    ("周敏", "secretary", None),
                    ("郑洁", "member", Some("党支部书记")),
                ],
                None,
            ),
        ];
        for (id, expected, note) in table {
            let branch: crate::store::Branch = store.get(id).unwrap();
            let mut posts: Vec<(&str, &str, Option<&str>)> =
                branch.committee.iter().map(|p| (p.name.as_str(), p.role.as_str(), p.duty.as_deref())).collect();
            posts.sort();
            assert_eq!(posts, expected, "the posts of {}", branch.name);
            assert!(branch.committee.iter().all(|p| p.started_on.is_none() && p.ended_on.is_none()), "undated posts");
            assert_eq!(branch.note.as_deref(), note, "unmatched names are kept in the note of {}", branch.name);
        }

        let codes: Vec<String> = store.obligations().unwrap().into_iter().map(|o| o.code).collect();
        assert_eq!(
            codes,
            [
                "general_meeting",
                "committee_meeting",
                "group_meeting",
                "party_lesson",
                "secretary_lesson",
                "theme_day",
                "org_life_meeting",
                "democratic_review",
                "talk"
            ]
        );
        let meeting: crate::store::Meeting = store.get(1).unwrap();
        assert!(meeting.also_counts.is_empty(), "an old meeting counts for its own kind only");
        let member: Member = store.get(2).unwrap();
        assert_eq!(member.probation_extension_months, None);
    }

    #[test]
    fn a_version_3_database_gets_lead_branches_kinds_and_partner_codes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.db");
        {
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            migrations().to_version(&mut conn, 3).unwrap();
            conn.execute_batch(
                r#"INSERT INTO branches (id, name, kind) VALUES (1, '内科党支部', 'branch'), (2, '外科党支部', 'branch');
                   INSERT INTO members (id, name, category, branch_id, status) VALUES
                     (1, '王喆', '正式党员', 1, '在册'), (2, '孙珺', '正式党员', 2, '在册');
                   INSERT INTO brands (id, branch_id, name, targets) VALUES (1, 2, '畅享呼吸', '每月一次义诊');
                   INSERT INTO honors (id, title, level, branch_id, member_id) VALUES (1, '优秀共产党员', '院级', 2, 2);
                   INSERT INTO partners (id, name, kind) VALUES (1, '新华村党总支', '村'), (2, '东城卫生服务站', '服务站');
                   INSERT INTO activities (id, title, kind, date, brand_id) VALUES
                     (1, '联合义诊', '健康宣教', '2025-03-01', 1), (2, '读书分享', '读书会', '2025-04-01', NULL);
                   INSERT INTO activity_branches (activity_id, branch_id) VALUES (1, 2), (1, 1), (2, 2);
                   INSERT INTO activity_participants (activity_id, member_id, name, hours) VALUES
                     (1, 1, '王喆', 2), (1, NULL, '林晓', 3), (1, NULL, '孙珺', 1);"#,
            )
            .unwrap();
        }
        let store = Store::open(&path).expect("a version 3 file should open and upgrade");
        let joint: crate::store::Activity = store.get(1).unwrap();
        assert_eq!((joint.branch_id, joint.co_branch_ids.clone()), (2, vec![1]), "the brand's branch leads");
        assert_eq!(joint.kind, "健康讲座", "renamed built-in kind");
        let people: Vec<(Option<i64>, crate::store::ParticipantKind)> =
            joint.participants.iter().map(|p| (p.member_id, p.kind)).collect();
        use crate::store::ParticipantKind::{Member as M, Volunteer as V};
        assert_eq!(people, [(Some(1), M), (None, V), (Some(2), M)], "a name that is one member's is linked");
        let honor: crate::store::Honor = store.get(1).unwrap();
        assert_eq!((honor.branch_id, honor.member_id), (None, Some(2)), "a member's honor names only the member");
        let alone: crate::store::Activity = store.get(2).unwrap();
        assert_eq!((alone.branch_id, alone.co_branch_ids.len()), (2, 0), "without a brand the first branch leads");
        assert!(store.activity_kinds().unwrap().contains(&"读书会".to_string()), "kinds in use are kept");
        let brand: crate::store::Brand = store.get(1).unwrap();
        assert_eq!((brand.goal.as_deref(), brand.targets.len()), (Some("每月一次义诊"), 0));
        let village: crate::store::Partner = store.get(1).unwrap();
        assert_eq!(village.kind, PartnerKind::Village);
        let other: crate::store::Partner = store.get(2).unwrap();
        assert_eq!((other.kind, other.note.as_deref()), (PartnerKind::Other, Some("原单位类型：服务站")));
    }
}
