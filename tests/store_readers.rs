//! Read connections (`Store::open_reader`): what the app lists through while a
//! long import or report holds the writing connection.

mod common;

use common::{branch, day, member, temp_store};
use dangjian::store::{Branch, MemberFilter};
use dangjian::Store;

#[test]
fn a_reader_sees_committed_data_and_takes_the_given_today() {
    let (dir, store) = temp_store();
    let general = branch(&store, "内科党支部");
    member(&store, &general, "张三");

    let reader = Store::open_reader(&dir.path().join("test.db"), Some(day("2026-03-01")), None).unwrap();

    let names: Vec<String> =
        reader.listed_members(&MemberFilter::default(), false).unwrap().into_iter().map(|m| m.name).collect();
    assert_eq!(names, ["张三"]);
    assert_eq!(reader.today(), day("2026-03-01"));
    assert_eq!(reader.fixed_today(), Some(day("2026-03-01")));
}

#[test]
fn a_reader_refuses_every_write() {
    let (dir, store) = temp_store();
    let reader = Store::open_reader(&dir.path().join("test.db"), None, None).unwrap();

    assert!(reader.create(&Branch::new("外科党支部")).is_err());

    assert!(store.branch_views().unwrap().is_empty(), "the refused write left nothing behind");
}

#[test]
fn a_reader_reads_the_last_committed_state_beside_an_open_write_transaction() {
    let (dir, store) = temp_store();
    branch(&store, "内科党支部");
    let path = dir.path().join("test.db");
    let reader = Store::open_reader(&path, None, None).unwrap();

    // Another connection takes the write lock and keeps its transaction open, as a long import does.
    let mut writer = rusqlite::Connection::open(&path).unwrap();
    let tx = writer.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).unwrap();
    tx.execute("INSERT INTO branches (name, kind) SELECT '外科党支部', kind FROM branches LIMIT 1", []).unwrap();

    let during: Vec<String> = reader.branch_views().unwrap().into_iter().map(|b| b.branch.name).collect();
    assert_eq!(during, ["内科党支部"], "the uncommitted row is not seen");

    tx.commit().unwrap();
    let after: Vec<String> = reader.branch_views().unwrap().into_iter().map(|b| b.branch.name).collect();
    assert_eq!(after.len(), 2, "the committed row is seen: {after:?}");
}

#[test]
fn a_reader_never_creates_or_upgrades_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    assert!(Store::open_reader(&missing, None, None).is_err());
    assert!(!missing.exists(), "no file was created");

    let blank = dir.path().join("blank.db");
    rusqlite::Connection::open(&blank).unwrap().execute_batch("PRAGMA user_version = 0").unwrap();
    let refused = Store::open_reader(&blank, None, None).err().expect("an unmigrated file is refused");
    assert!(refused.to_string().contains("尚未升级"), "{refused}");
}

#[test]
fn one_snapshot_reads_one_moment_while_another_connection_commits() {
    let (dir, store) = temp_store();
    branch(&store, "内科党支部");
    let reader = Store::open_reader(&dir.path().join("test.db"), None, None).unwrap();

    let (before, inside) = reader
        .in_one_snapshot(|reader| {
            let before = reader.branch_views()?.len();
            branch(&store, "外科党支部");
            Ok((before, reader.branch_views()?.len()))
        })
        .unwrap();

    assert_eq!((before, inside), (1, 1), "the branch committed meanwhile is not seen inside the snapshot");
    assert_eq!(reader.branch_views().unwrap().len(), 2, "it is seen after");
}

#[cfg(unix)]
#[test]
fn the_write_ahead_log_takes_the_database_files_private_mode() -> dangjian::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.db");
    std::fs::write(&path, b"").expect("an empty file");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).expect("loosened");
    let store = Store::open(&path)?;
    store.create(&dangjian::store::Branch::new("内科党支部"))?;
    let mode = |p: &std::path::Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&dir.path().join("old.db-wal")), 0o600, "SQLite gives the WAL the database's mode");
    Ok(())
}

/// The app keeps its connections open while the CLI writes beside it: opening
/// another connection must not drop this process's locks on the file (closing
/// any descriptor of it would), or the CLI, closing last as it thinks, deletes
/// the WAL under them and its writes go unseen here.
#[test]
fn a_write_by_another_process_is_seen_while_this_one_keeps_its_connections() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.db");
    let writer = Store::open(&path).unwrap();
    writer.create(&Branch::new("内科党支部")).unwrap();
    let reader = Store::open_reader(&path, None, None).unwrap();
    let wal = dir.path().join("test.db-wal");
    assert!(wal.exists());

    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_dangjian"))
        .env_remove("DANGJIAN_DB")
        .arg("--db")
        .arg(&path)
        .args(["branch", "add", "--name", "外科党支部"])
        .output()
        .unwrap();
    assert!(cli.status.success(), "{}", String::from_utf8_lossy(&cli.stderr));
    assert!(wal.exists(), "the WAL is still there for this process's connections");
    let names = |store: &Store| store.in_one_snapshot(|s| s.list::<Branch>()).unwrap().len();
    assert_eq!(names(&reader), 2, "the reader sees the other process's write");
    writer.create(&Branch::new("医技党支部")).unwrap();
    drop((writer, reader));
    assert_eq!(names(&Store::open(&path).unwrap()), 3, "every write kept");
}
