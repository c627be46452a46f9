//! The app opens at start the database last opened in it, when nothing pins
//! one (`DANGJIAN_DB`) and the file is still there. One test in this binary:
//! it sets the process's environment.

use dangjian::databases::{default_path, path_at_start, remember};

#[test]
fn the_file_last_opened_is_opened_at_the_next_start_while_it_exists() {
    let home = tempfile::tempdir().unwrap();
    std::env::remove_var("DANGJIAN_DB");
    std::env::set_var("XDG_DATA_HOME", home.path());
    std::env::set_var("HOME", home.path());
    let default = default_path().unwrap();
    assert!(default.starts_with(home.path()), "{}", default.display());
    assert_eq!(path_at_start().unwrap(), default, "nothing remembered yet");

    let elsewhere = home.path().join("分院").join("台账.db");
    std::fs::create_dir_all(elsewhere.parent().unwrap()).unwrap();
    std::fs::write(&elsewhere, b"").unwrap();
    remember(&elsewhere).unwrap();
    assert_eq!(path_at_start().unwrap(), elsewhere);

    std::fs::remove_file(&elsewhere).unwrap();
    assert_eq!(path_at_start().unwrap(), default, "a file since moved or deleted falls back to the default");

    let pinned = home.path().join("固定.db");
    std::env::set_var("DANGJIAN_DB", &pinned);
    let not_noted = home.path().join("不记.db");
    std::fs::write(&not_noted, b"").unwrap();
    remember(&not_noted).unwrap();
    assert_eq!(path_at_start().unwrap(), pinned, "DANGJIAN_DB wins, and nothing is remembered meanwhile");
    std::env::remove_var("DANGJIAN_DB");
    assert_eq!(path_at_start().unwrap(), default);
}
