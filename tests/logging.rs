//! The log file (`dangjian::logging`), in a process of its own: it installs a
//! global subscriber and a panic hook.

#[test]
fn a_panic_is_written_to_the_log_with_its_message_and_place_without_personal_numbers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let logs = dir.path().join("logs");
    dangjian::logging::start(&logs).expect("the log starts");
    assert_eq!(dangjian::logging::log_dir(), Some(logs.as_path()));

    let outcome = std::panic::catch_unwind(|| panic!("测试用的崩溃：电话 13812345678"));
    assert!(outcome.is_err());

    let mut text = String::new();
    for entry in std::fs::read_dir(&logs).expect("the log folder") {
        text += &std::fs::read_to_string(entry.expect("an entry").path()).expect("a log file");
    }
    assert!(text.contains("panic") && text.contains("测试用的崩溃"), "{text}");
    assert!(text.contains("tests/logging.rs:"), "the place: {text}");
    assert!(!text.contains("13812345678"), "no phone number: {text}");
}
