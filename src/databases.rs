//! Which database file the app works on: the one it starts with, another the
//! user opens or creates (empty, or from a JSON backup), and the demo
//! hospital's, which lives in a file of its own so that trying the demo never
//! mixes it with real records. The window's title names the file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::Store;

/// The file, in [`app_folder`], that names the database last opened in the app.
const LAST_OPENED: &str = "last-opened.txt";

/// The demo hospital's file name, in [`app_folder`].
pub const DEMO_FILE: &str = "演示数据.db";

/// The database `DANGJIAN_DB` names, if set: it then is the app's and the
/// CLI's database for the whole run, and nothing is remembered.
pub fn pinned() -> Option<PathBuf> {
    std::env::var_os("DANGJIAN_DB").filter(|p| !p.is_empty()).map(PathBuf::from)
}

/// The folder of the app's own files: beside `DANGJIAN_DB` when it is set,
/// else `<the user's local data dir>/dangjian` (`~/.local/share` on Linux;
/// the local, not the roaming, `%LOCALAPPDATA%` on Windows: the data stays on
/// this machine).
pub fn app_folder() -> Result<PathBuf> {
    if let Some(db) = pinned() {
        return Ok(db.parent().map(Path::to_path_buf).unwrap_or_default());
    }
    let base = directories::BaseDirs::new()
        .ok_or_else(|| Error::Invalid("找不到当前用户的数据目录，请用 --db 指定数据库文件".into()))?;
    Ok(base.data_local_dir().join("dangjian"))
}

/// The database used when none is chosen: `DANGJIAN_DB`, else `dangjian.db` in [`app_folder`].
pub fn default_path() -> Result<PathBuf> {
    match pinned() {
        Some(db) => Ok(db),
        None => Ok(app_folder()?.join("dangjian.db")),
    }
}

/// The demo hospital's database.
pub fn demo_path() -> Result<PathBuf> {
    Ok(app_folder()?.join(DEMO_FILE))
}

/// Where the app's own database files are, for the app to offer them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DatabasePlaces {
    /// [`default_path`].
    pub default: String,
    /// [`demo_path`].
    pub demo: String,
}

impl DatabasePlaces {
    /// The places on this computer.
    pub fn here() -> Result<DatabasePlaces> {
        Ok(DatabasePlaces { default: default_path()?.display().to_string(), demo: demo_path()?.display().to_string() })
    }
}

/// The database the app opens at start: `DANGJIAN_DB`, else the one last
/// opened in the app if it is still there, else [`default_path`].
pub fn path_at_start() -> Result<PathBuf> {
    if let Some(db) = pinned() {
        return Ok(db);
    }
    let remembered = std::fs::read_to_string(app_folder()?.join(LAST_OPENED)).ok().map(|t| PathBuf::from(t.trim()));
    match remembered.filter(|p| p.is_file()) {
        Some(path) => Ok(path),
        None => default_path(),
    }
}

/// Notes `path` as the database to open at the next start (unless
/// `DANGJIAN_DB` pins it).
pub fn remember(path: &Path) -> Result<()> {
    if pinned().is_some() {
        return Ok(());
    }
    let folder = app_folder()?;
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(format!("无法创建 {}", folder.display()), e))?;
    let note = folder.join(LAST_OPENED);
    std::fs::write(&note, path.display().to_string()).map_err(|e| Error::io(format!("无法写入 {}", note.display()), e))
}

/// The window's title with the database at `path` open: the file's name, and its folder.
pub fn window_title(path: &Path) -> String {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(folder) => format!("党建台账 — {name}（{}）", folder.display()),
        None => format!("党建台账 — {name}"),
    }
}

/// How the app is to open a database file.
#[derive(Debug, Clone, PartialEq)]
pub enum Opening {
    /// A database that exists.
    Existing,
    /// A new, empty database; the file must not exist.
    New,
    /// A new database holding the JSON backup at this path; the file must not exist.
    FromJson(PathBuf),
    /// The demo hospital's database: opened if it exists, else made and filled.
    Demo,
}

/// Refuses what `opening` cannot do with `path`: open a file that is not
/// there, or make a new database over a file that is.
pub fn check(path: &Path, opening: &Opening) -> Result<()> {
    let exists = path.exists();
    match opening {
        Opening::Existing if !exists => Err(Error::NotFound(format!("找不到数据库文件 {}", path.display()))),
        Opening::New | Opening::FromJson(_) if exists => Err(Error::Conflict(format!(
            "文件 {} 已存在，为免覆盖其中的数据未做任何修改；新建请换一个文件名，要打开它请用「打开数据库」",
            path.display()
        ))),
        _ => Ok(()),
    }
}

/// Opens the database at `path` as `opening` asks, taking `today` as today
/// and `passphrase` to open an encrypted file. A new file that cannot be
/// filled (a bad JSON backup) is deleted again, so a failure leaves nothing behind.
pub fn open_as(
    path: &Path,
    opening: &Opening,
    today: Option<NaiveDate>,
    passphrase: Option<&crate::encryption::Passphrase>,
) -> Result<Store> {
    check(path, opening)?;
    let exists = path.exists();
    let document = match opening {
        Opening::FromJson(json) => Some(crate::backup::read_file(json)?),
        _ => None,
    };
    let mut store = Store::open_with_passphrase(path, passphrase)?;
    store.set_today(today);
    let filled = match (opening, document) {
        (_, Some(document)) => crate::backup::import(&store, &document),
        (Opening::Demo, None) if !exists => crate::demo::load(&store, store.today()).map(drop),
        _ => Ok(()),
    };
    match filled {
        Ok(()) => Ok(store),
        Err(e) => {
            drop(store);
            remove_database_files(path);
            Err(e)
        }
    }
}

/// Deletes a database file this module made, with SQLite's files beside it.
fn remove_database_files(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}
