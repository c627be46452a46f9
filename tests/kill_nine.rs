//! `kill -9` in the middle of a roster import, a restore, a schema upgrade
//! and a change of passphrase, each at 20 random moments: the database file then passes
//! `PRAGMA integrity_check`, holds all of the operation or none of it, opens
//! in the app's store, every backup listed beside it is whole, and every
//! attachment file reads back (no plain one left beside an encrypted database).
//!
//! Each operation runs in the real `dangjian` binary. Three runs to the end
//! time it; the kills then land at random moments within the shortest (the
//! seed is printed, and the test checks that most kills found the process
//! still at work, so it does not pass by killing processes already done).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::NaiveDate;
use dangjian::encryption::{is_encrypted, Passphrase};
use dangjian::store::{Attachment, AttachmentOwner};
use dangjian::Store;
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;

const KILLS: usize = 20;
/// Runs to the end before the kills; the shortest one bounds the kill moments.
const FULL_RUNS: usize = 3;
/// Members in the roster imported, and in the hospital restored and upgraded:
/// enough that each operation takes a while to kill in.
const MEMBERS: usize = 3000;
const BRANCHES: [&str; 3] = ["内科党支部", "外科党支部", "医技党支部"];
/// The passphrase of the files encrypted here; a plain file ignores it.
const PASSPHRASE: &str = "correct horse";

/// What an operation changes: the schema version and every branch and member,
/// read with plain SQL (an old file cannot be read by the store before it upgrades).
#[derive(Debug, Clone, PartialEq)]
struct Content {
    encrypted: bool,
    version: i64,
    branches: Vec<String>,
    members: Vec<String>,
}

/// Checks the file as a killed process left it, then returns what it holds.
fn check_and_read(db: &Path) -> Content {
    let conn = connect(db);
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(verdict, "ok", "integrity of {}", db.display());
    let names = |sql: &str| -> Vec<String> {
        conn.prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    };
    Content {
        encrypted: is_encrypted(db).unwrap(),
        version: conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap(),
        branches: names("SELECT name FROM branches ORDER BY name"),
        members: names("SELECT name || '/' || coalesce(id_number, '') FROM members ORDER BY name, id_number"),
    }
}

/// A connection to the file at `db`, keyed with [`PASSPHRASE`] if it is encrypted.
fn connect(db: &Path) -> Connection {
    let conn = Connection::open(db).expect("the database opens after the kill");
    if is_encrypted(db).unwrap() {
        conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    }
    conn
}

/// The store opens the file (finishing an upgrade a kill cut short), and every
/// backup it lists passes `integrity_check`.
fn opens_with_whole_backups(db: &Path) -> Content {
    let key = Passphrase::new(PASSPHRASE.into());
    let store = Store::open_with_passphrase(db, Some(&key)).expect("the store opens the file after the kill");
    let backups = dangjian::backups::folder_of(db);
    for folder in [db.parent().unwrap(), backups.as_path()] {
        let entries = std::fs::read_dir(folder).into_iter().flatten();
        let names: Vec<String> = entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert!(!names.iter().any(|n| n.contains("rekey")), "a cut-short re-encryption is cleared away: {names:?}");
    }
    for backup in store.backups().expect("list the backups").backups {
        let copy = connect(Path::new(&backup.path));
        let verdict: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(verdict, "ok", "a listed backup is whole: {}", backup.path);
    }
    for attachment in store.list::<Attachment>().unwrap() {
        let content = store.attachment_content(attachment.id).expect("every attachment reads back");
        assert!(content == attached_content(&attachment.file_name), "{} reads back whole", attachment.file_name);
        let plain = db.with_file_name("attachments").join(&attachment.sha256);
        assert!(store.passphrase().is_none() || !plain.exists(), "no plain file beside an encrypted database");
    }
    drop(store);
    check_and_read(db)
}

fn dangjian(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dangjian"));
    command
        .env_remove("DANGJIAN_DB")
        .env_remove("DANGJIAN_TODAY")
        .env("DANGJIAN_PASSPHRASE", PASSPHRASE)
        .env("DANGJIAN_NEW_PASSPHRASE", PASSPHRASE)
        .arg("--db")
        .arg(db)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// A database file copied from `template` into a fresh folder, with the
/// attachment files beside it.
fn fresh_copy(template: &Path, dir: &Path, n: usize) -> PathBuf {
    let folder = dir.join(format!("run-{n}"));
    std::fs::create_dir_all(folder.join("attachments")).unwrap();
    let db = folder.join("dangjian.db");
    std::fs::copy(template, &db).unwrap();
    for file in std::fs::read_dir(template.with_file_name("attachments")).into_iter().flatten() {
        let file = file.unwrap();
        std::fs::copy(file.path(), folder.join("attachments").join(file.file_name())).unwrap();
    }
    db
}

/// Runs `args` on copies of `template`: once to the end, then [`KILLS`] times
/// killed at a random moment. Returns the content after the full run and,
/// for each kill, the content as the kill left it and once the store has opened it.
fn kill_at_random(operation: &str, template: &Path, args: &[&str]) -> (Content, Vec<(Content, Content)>) {
    let dir = tempfile::tempdir().unwrap();
    let mut full_runs = Vec::new();
    let mut done = None;
    for n in 0..FULL_RUNS {
        let db = fresh_copy(template, dir.path(), KILLS + 1 + n);
        let started = Instant::now();
        let status = dangjian(&db, args).status().unwrap();
        full_runs.push(started.elapsed());
        assert!(status.success(), "{operation} runs to the end when not killed");
        done = Some(opens_with_whole_backups(&db));
    }
    let done = done.expect("at least one full run");
    // The shortest full run bounds the kills, so a run that was slow once
    // (a cold disk cache) does not send most kills after the end.
    let full_run = *full_runs.iter().min().expect("at least one full run");

    let seed = fastrand::u64(..);
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut cut_short = 0;
    let mut after_kills = Vec::new();
    for n in 1..=KILLS {
        let db = fresh_copy(template, dir.path(), n);
        let mut child = dangjian(&db, args).spawn().unwrap();
        std::thread::sleep(full_run.mul_f64(rng.f64()));
        if child.try_wait().unwrap().is_none() {
            cut_short += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let as_left = check_and_read(&db);
        after_kills.push((as_left, opens_with_whole_backups(&db)));
    }
    println!("{operation}: shortest of {FULL_RUNS} full runs {full_run:?}; {cut_short} of {KILLS} kills landed while it ran (seed {seed})");
    assert!(cut_short >= KILLS / 2, "{operation}: only {cut_short} of {KILLS} kills found it at work (seed {seed})");
    (done, after_kills)
}

/// Each kill left the file as it was `before` or as the full run left it
/// (`done`), and the store's opening it changed nothing; prints how many of each.
fn assert_all_or_none(operation: &str, before: &Content, done: &Content, after_kills: &[(Content, Content)]) {
    for (n, (as_left, reopened)) in after_kills.iter().enumerate() {
        assert!(as_left == before || as_left == done, "{operation}, kill {}: a part of it was kept", n + 1);
        assert_eq!(reopened, as_left, "{operation}, kill {}: opening changes nothing", n + 1);
    }
    let all = after_kills.iter().filter(|(as_left, _)| as_left == done).count();
    println!("{operation}: {all} of {KILLS} kills left all of it, {} none", KILLS - all);
}

/// A roster of [`MEMBERS`] members in the three branches, written by rust_xlsxwriter.
fn write_roster(path: &Path) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, title) in ["姓名", "性别", "身份证号", "人员类别", "所在党支部", "入党日期"].iter().enumerate()
    {
        sheet.write_string(0, c as u16, *title).unwrap();
    }
    for i in 0..MEMBERS {
        let row = i as u32 + 1;
        let birth = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap() + chrono::Days::new(i as u64 / 100);
        let sequence = (i % 100) as u32 * 2 + 1;
        let values = [
            format!("党员{i:04}"),
            "男".to_string(),
            common::id_number(&birth.format("%Y%m%d").to_string(), sequence),
            "正式党员".to_string(),
            BRANCHES[i % BRANCHES.len()].to_string(),
            "2000-07-01".to_string(),
        ];
        for (c, value) in values.iter().enumerate() {
            sheet.write_string(row, c as u16, value).unwrap();
        }
    }
    workbook.save(path).unwrap();
}

/// The content of the attached file called `file_name` (about 100 KB, so
/// that sealing a few dozen takes a while to kill in).
fn attached_content(file_name: &str) -> Vec<u8> {
    format!("{file_name}\n").repeat(8000).into_bytes()
}

/// Attaches `count` files to a meeting of the database at `db`.
fn attach_files(db: &Path, count: usize) {
    let store = Store::open(db).unwrap();
    let branch = store.list::<dangjian::store::Branch>().unwrap().remove(0);
    let kind = dangjian::store::MeetingKind::ThemeDay;
    let meeting = store.create(&common::meeting_on(branch.id, kind, "2026-11-20", vec![])).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for n in 0..count {
        let file = dir.path().join(format!("扫描件{n:03}.jpg"));
        std::fs::write(&file, attached_content(&format!("扫描件{n:03}.jpg"))).unwrap();
        store.attach(AttachmentOwner::Meeting, meeting.id, &file).unwrap();
    }
}

/// A hospital of three branches and one member, closed so that it is one file.
fn small_hospital(path: &Path) {
    let store = Store::open(path).unwrap();
    let branch = common::branch(&store, BRANCHES[0]);
    for name in &BRANCHES[1..] {
        common::branch(&store, name);
    }
    common::member(&store, &branch, "王喆");
}

#[test]
fn a_roster_import_killed_at_random_leaves_all_or_none_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.db");
    small_hospital(&template);
    let roster = dir.path().join("花名册.xlsx");
    write_roster(&roster);
    let before = check_and_read(&template);

    let (done, after_kills) = kill_at_random("import", &template, &["import", "roster", roster.to_str().unwrap()]);
    assert_eq!(done.members.len(), 1 + MEMBERS, "the full import adds every member");
    assert_all_or_none("import", &before, &done, &after_kills);
}

#[test]
fn a_restore_killed_at_random_leaves_the_old_state_or_the_restored_one() {
    let dir = tempfile::tempdir().unwrap();
    // The copy restored: the import's hospital, taken into a folder of its own.
    let source = dir.path().join("source").join("dangjian.db");
    std::fs::create_dir_all(source.parent().unwrap()).unwrap();
    small_hospital(&source);
    let roster = dir.path().join("花名册.xlsx");
    write_roster(&roster);
    assert!(dangjian(&source, &["import", "roster", roster.to_str().unwrap()]).status().unwrap().success());
    let copy = Store::open(&source).unwrap().back_up_to(&dir.path().join("usb"), chrono::Local::now().naive_local());
    let copy = copy.unwrap().path;
    // The database it replaces.
    let template = dir.path().join("template.db");
    small_hospital(&template);
    {
        let store = Store::open(&template).unwrap();
        common::member(&store, &common::branch(&store, "药剂科党支部"), "李堃");
    }
    let before = check_and_read(&template);

    let (done, after_kills) = kill_at_random("restore", &template, &["backup", "restore", &copy, "--yes"]);
    assert_eq!(done, check_and_read(Path::new(&copy)), "the full restore gives the copy's content");
    assert_all_or_none("restore", &before, &done, &after_kills);
}

#[test]
fn a_schema_upgrade_killed_at_random_keeps_every_record_and_finishes_later() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("v1.db");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/versions/v1-empty.db"), &template)
        .unwrap();
    {
        // Version 1's tables, filled as a version-1 app would have.
        let mut conn = Connection::open(&template).unwrap();
        let tx = conn.transaction().unwrap();
        for (id, name) in BRANCHES.iter().enumerate() {
            tx.execute("INSERT INTO branches (id, name, kind) VALUES (?1, ?2, 'branch')", (id as i64 + 1, name))
                .unwrap();
        }
        for i in 0..MEMBERS {
            tx.execute(
                "INSERT INTO members (name, category, branch_id, status, joined_on) VALUES (?1, '正式党员', ?2, '在册', '1999-07')",
                (format!("党员{i:04}"), (i % BRANCHES.len()) as i64 + 1),
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    let before = check_and_read(&template);
    assert_eq!(before.version, 1);

    let (done, after_kills) = kill_at_random("upgrade", &template, &["branch", "list"]);
    assert!(done.version > 1, "the full run upgrades the file");
    let upgraded_by_the_kill_run = after_kills.iter().filter(|(as_left, _)| as_left.version == done.version).count();
    for (n, (as_left, reopened)) in after_kills.iter().enumerate() {
        assert!([1, done.version].contains(&as_left.version), "kill {}: version {}", n + 1, as_left.version);
        assert_eq!(
            (&as_left.branches, &as_left.members),
            (&before.branches, &before.members),
            "kill {}: every record is there",
            n + 1
        );
        assert_eq!(reopened, &done, "kill {}: opening finishes the upgrade", n + 1);
    }
    println!("upgrade: {upgraded_by_the_kill_run} of {KILLS} killed runs had finished the upgrade itself");
    assert_eq!((done.branches, done.members), (before.branches, before.members), "the upgrade keeps every record");
}

#[test]
fn a_passphrase_set_killed_at_random_leaves_the_file_plain_or_encrypted_and_whole() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.db");
    small_hospital(&template);
    let roster = dir.path().join("花名册.xlsx");
    write_roster(&roster);
    assert!(dangjian(&template, &["import", "roster", roster.to_str().unwrap()]).status().unwrap().success());
    attach_files(&template, 40);
    let before = check_and_read(&template);
    assert!(!before.encrypted);

    let (done, after_kills) = kill_at_random("encrypt", &template, &["passphrase", "set", "--yes"]);
    assert!(done.encrypted, "the full run encrypts the file");
    assert_eq!((&done.branches, &done.members), (&before.branches, &before.members), "and keeps every record");
    assert_all_or_none("encrypt", &before, &done, &after_kills);
}
