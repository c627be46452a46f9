//! Benchmark: importing 10,000- and 100,000-row rosters (preview + apply) next
//! to the time calamine alone takes to read the same file.
//!
//! Run with `cargo bench --bench roster_import`. Each measurement runs in a
//! fresh child process so its peak memory (VmHWM) is its own, five times;
//! prints a table of medians (and the worst ratio and memory).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use calamine::Reader;
use dangjian::import::{apply_roster, plan_roster, RosterField, RosterOptions};
use dangjian::store::{Branch, Store};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const BRANCHES: usize = 40;

fn id_number(index: usize) -> (String, String) {
    let birth = format!("19{:02}{:02}{:02}", 60 + index % 40, 1 + index % 12, 1 + index % 28);
    let first17 = format!("{:06}{birth}{:03}", 110_101 + (index / 1000) % 800, index % 1000);
    (format!("{first17}{}", dangjian::id_number::check_char(&first17)), birth)
}

/// The columns of a benchmark roster.
#[derive(Clone, Copy)]
enum Layout {
    /// Ten columns, every value typed as text.
    Short,
    /// The national member system's 21 columns plus 序号, with real Excel dates.
    National,
}

impl Layout {
    fn name(self) -> &'static str {
        match self {
            Layout::Short => "short (10 columns)",
            Layout::National => "national system (序号 + 21 fields, 22 columns)",
        }
    }

    /// The fields, in the roster's order.
    fn fields(self) -> Vec<RosterField> {
        use RosterField::*;
        let short = [Serial, Name, Gender, IdNumber, BirthDate, Category, Branch, JoinedOn, Department, Phone];
        let in_layout = |field: &RosterField| match self {
            Layout::Short => short.contains(field),
            // Party groups and staff numbers are the hospital's own, not the national system's.
            Layout::National => !matches!(field, Group | StaffNo),
        };
        RosterField::ALL.iter().copied().filter(in_layout).collect()
    }
}

/// A cell of a benchmark roster.
enum Value {
    Text(String),
    Date(u16, u8, u8),
}

/// The cells of member `i`'s row: text dates in the short layout, real Excel
/// dates in the national one.
fn member_row(layout: Layout, i: usize) -> Vec<Value> {
    let (id, birth) = id_number(i);
    let (year, month, day): (u16, u8, u8) =
        (birth[..4].parse().unwrap(), birth[4..6].parse().unwrap(), birth[6..].parse().unwrap());
    let date = |(y, m, d): (u16, u8, u8)| match layout {
        Layout::Short => Value::Text(format!("{y}-{m:02}-{d:02}")),
        Layout::National => Value::Date(y, m, d),
    };
    let value = |field: RosterField| {
        let text = match field {
            RosterField::BirthDate => return date((year, month, day)),
            RosterField::JoinedOn => return date((year + 25, 7, 1)),
            RosterField::FullMemberOn => return date((year + 26, 7, 1)),
            RosterField::Serial => (i + 1).to_string(),
            RosterField::Name => format!("党员{i}"),
            RosterField::Gender => (if (i % 1000) % 2 == 1 { "男" } else { "女" }).into(),
            RosterField::IdNumber => id.clone(),
            RosterField::Ethnicity => "汉族".into(),
            RosterField::Education => "大学本科".into(),
            RosterField::Degree => "医学学士".into(),
            RosterField::Category => "正式党员".into(),
            RosterField::Branch => format!("第{}党支部", i % BRANCHES + 1),
            RosterField::Post => "临床医生".into(),
            RosterField::Department => (match layout {
                Layout::Short => "内科",
                Layout::National => "呼吸与危重症医学科",
            })
            .into(),
            RosterField::Duty => "主任".into(),
            RosterField::ProfessionalTitle => "主治医师".into(),
            RosterField::Phone => format!("138{i:08}"),
            RosterField::Address => format!("滨江市中山路{}号", i % 500 + 1),
            RosterField::Status => "在册".into(),
            RosterField::LostContact | RosterField::Floating => "否".into(),
            RosterField::Group | RosterField::StaffNo | RosterField::Note => String::new(),
        };
        Value::Text(text)
    };
    layout.fields().into_iter().map(value).collect()
}

/// Writes a roster of `rows` members with rust_xlsxwriter.
fn write_roster(path: &Path, layout: Layout, rows: usize) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (c, field) in layout.fields().iter().enumerate() {
        sheet.write_string(0, c as u16, field.label()).unwrap();
    }
    for i in 0..rows {
        let r = i as u32 + 1;
        for (c, value) in member_row(layout, i).iter().enumerate() {
            match value {
                Value::Text(t) if t.is_empty() => {}
                Value::Text(t) => {
                    sheet.write_string(r, c as u16, t).unwrap();
                }
                Value::Date(y, m, d) => {
                    let date = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    sheet.write_datetime_with_format(r, c as u16, &date, &date_format).unwrap();
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

fn peak_memory_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Child process: one measurement, printed as `seconds peak_mb` (and, for the import, `preview_seconds`).
fn measure(phase: &str, file: &Path, db: &Path) {
    let started = Instant::now();
    match phase {
        "calamine" => {
            let mut workbook = calamine::open_workbook_auto(file).unwrap();
            let name = workbook.sheet_names()[0].clone();
            let range = workbook.worksheet_range(&name).unwrap();
            assert!(range.height() > 1);
        }
        "import" => {
            let store = Store::open(db).unwrap();
            for b in 1..=BRANCHES {
                store.create(&Branch::new(&format!("第{b}党支部"))).unwrap();
            }
            let started = Instant::now();
            let options = RosterOptions::default();
            let plan = plan_roster(&store, file, &options, &|_| {}).unwrap();
            assert!(
                plan.report().errors.is_empty(),
                "{:?}",
                &plan.report().errors[..3.min(plan.report().errors.len())]
            );
            let preview_s = started.elapsed().as_secs_f64();
            let report = apply_roster(&store, plan, &|_| {}).unwrap();
            assert!(report.applied && report.new > 0);
            println!("{} {} {preview_s}", started.elapsed().as_secs_f64(), peak_memory_mb());
            return;
        }
        "sqlite" => {
            println!("{} {}", bare_inserts(file, db), peak_memory_mb());
            return;
        }
        _ => unreachable!("unknown phase"),
    }
    println!("{} {}", started.elapsed().as_secs_f64(), peak_memory_mb());
}

/// The floor for writing the members: seconds SQLite takes to insert the
/// members imported into `imported` (every column) into a fresh database
/// `fresh` with the same schema, in one transaction through one prepared
/// statement, with no checks and no audit log.
fn bare_inserts(imported: &Path, fresh: &Path) -> f64 {
    const COLUMNS: &str = "name, gender, ethnicity, id_number, birth_date, education, degree, category, branch_id, \
        group_id, joined_on, full_member_on, post, department, duty, professional_title, phone, address, status, \
        lost_contact, floating, note, extra";
    let source = rusqlite::Connection::open(imported).unwrap();
    let mut select = source.prepare(&format!("SELECT {COLUMNS} FROM members")).unwrap();
    let width = select.column_count();
    let members: Vec<Vec<rusqlite::types::Value>> = select
        .query_map([], |row| (0..width).map(|i| row.get(i)).collect())
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let store = Store::open(fresh).unwrap();
    for b in 1..=BRANCHES {
        store.create(&Branch::new(&format!("第{b}党支部"))).unwrap();
    }
    drop(store);
    let mut target = rusqlite::Connection::open(fresh).unwrap();
    target.pragma_update(None, "synchronous", "NORMAL").unwrap();
    target.pragma_update(None, "cache_size", -32768).unwrap();
    let started = Instant::now();
    let tx = target.transaction().unwrap();
    {
        let placeholders = vec!["?"; width].join(", ");
        let mut insert = tx.prepare(&format!("INSERT INTO members ({COLUMNS}) VALUES ({placeholders})")).unwrap();
        for member in &members {
            insert.execute(rusqlite::params_from_iter(member)).unwrap();
        }
    }
    tx.commit().unwrap();
    started.elapsed().as_secs_f64()
}

/// Runs one measurement in a child process; returns its printed figures. The
/// writes of earlier measurements are flushed first, so the kernel's
/// write-back does not run during this one.
fn child(phase: &str, file: &Path, db: &Path) -> Vec<f64> {
    Command::new("sync").status().expect("sync runs");
    let output =
        Command::new(std::env::current_exe().unwrap()).args(["--phase", phase]).arg(file).arg(db).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    text.split_whitespace().map(|p| p.parse::<f64>().unwrap()).collect()
}

/// Removes a database, its WAL files and the backups beside it, so the next
/// measurement starts from nothing.
fn remove_database(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let _ = std::fs::remove_dir_all(db.with_file_name("backups"));
}

/// How many times each measurement is taken; the table shows medians.
const RUNS: usize = 5;

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--phase") {
        measure(&args[i + 1], Path::new(&args[i + 2]), Path::new(&args[i + 3]));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    println!("roster import benchmark (release build; each measurement in a fresh process; median of {RUNS} runs)");
    println!(
        "  calamine: calamine alone reads the sheet; import: preview (read, check, plan) + apply (backup, write);"
    );
    println!("  ratio: import / calamine, per run (median and worst); MB: peak memory (worst run)");
    println!("  bare SQLite: the imported members inserted by one prepared statement, no checks, no audit log");
    println!(
        "{:>8} {:>11} {:>10} {:>9} {:>9} {:>7} {:>7} {:>12} {:>10} {:>14}",
        "rows",
        "calamine s",
        "preview s",
        "apply s",
        "import s",
        "ratio",
        "worst",
        "calamine MB",
        "import MB",
        "bare SQLite s"
    );
    for layout in [Layout::Short, Layout::National] {
        println!("{}", layout.name());
        for rows in [10_000, 100_000] {
            let file: PathBuf = dir.path().join(format!("roster-{rows}.xlsx"));
            write_roster(&file, layout, rows);
            let db = dir.path().join("import.db");
            let bare_db = dir.path().join("bare.db");
            let mut figures: [Vec<f64>; 8] = Default::default();
            for _ in 0..RUNS {
                let [read_s, read_mb] = child("calamine", &file, &db)[..] else { unreachable!() };
                remove_database(&db);
                let [import_s, import_mb, preview_s] = child("import", &file, &db)[..] else { unreachable!() };
                remove_database(&bare_db);
                let bare_s = child("sqlite", &db, &bare_db)[0];
                let run =
                    [read_s, preview_s, import_s - preview_s, import_s, import_s / read_s, read_mb, import_mb, bare_s];
                for (all, figure) in figures.iter_mut().zip(run) {
                    all.push(figure);
                }
            }
            let worst = |values: &[f64]| values.iter().copied().fold(f64::MIN, f64::max);
            let [read_s, preview_s, apply_s, import_s, ratio, read_mb, import_mb, bare_s] = &mut figures;
            println!(
                "{rows:>8} {:>11.3} {:>10.3} {:>9.3} {:>9.3} {:>7.2} {:>7.2} {:>12.1} {:>10.1} {:>14.3}",
                median(read_s),
                median(preview_s),
                median(apply_s),
                median(import_s),
                median(ratio),
                worst(ratio),
                worst(read_mb),
                worst(import_mb),
                median(bare_s),
            );
        }
    }
}
