//! The open database as the commands share it, built so that the window never
//! waits: every command's work runs on a worker thread, never on the main one;
//! writes take the one writing connection in turn; reads each take a
//! connection of their own from a small pool, which under WAL read beside the
//! writer. A long import holds only the writer, and a long report or preview
//! only its own reader, so listing members still answers while either runs.
//! Long work also runs at a lower priority (see [`in_background`]), so on a
//! machine with few cores the reads the window waits on get the processor first.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use chrono::NaiveDate;
use dangjian::databases::Opening;
use dangjian::encryption::{Passphrase, PassphraseChanged};
use dangjian::import::{HoursPlan, RosterPlan};
use dangjian::store::StoreStatus;
use dangjian::Store;

use crate::error::{ApiError, ApiResult};

/// How many idle read connections are kept for the next reads; more are
/// opened while more reads run at once, and closed after.
const IDLE_READERS: usize = 4;

/// What the commands share: the open database, and the last import previews.
pub struct AppState {
    /// The database in use, or why it could not be opened. Another file the
    /// user opens replaces it; commands already running finish on the old one.
    database: RwLock<Result<Arc<Database>, Unopened>>,
    /// The day taken as today (`DANGJIAN_TODAY`), for every file opened.
    today: Option<NaiveDate>,
    /// The plans behind the last previews (a roster, volunteer hours);
    /// importing the same file with the same options applies one without
    /// reading the file again.
    pub(crate) previewed_roster: Mutex<Option<RosterPlan>>,
    pub(crate) previewed_hours: Mutex<Option<HoursPlan>>,
}

/// A database the app has no connection to, and why.
#[derive(Clone)]
struct Unopened {
    /// The file, when known: an encrypted one waits for its passphrase.
    path: Option<PathBuf>,
    error: ApiError,
}

/// The database file's connections.
struct Database {
    /// Held while the app has the file open: a second window on the same
    /// file is refused (see [`lock_for_this_window`]).
    window_lock: std::fs::File,
    path: PathBuf,
    today: Option<NaiveDate>,
    /// The passphrase the readers open the file with, if it is encrypted.
    passphrase: Option<Passphrase>,
    writer: Mutex<Store>,
    idle_readers: Mutex<Vec<Store>>,
}

/// How long a change of passphrase waits for the commands running on the
/// database to end.
const CLOSE_PATIENCE: std::time::Duration = std::time::Duration::from_secs(30);

/// How long a starting window waits for another to let go of the database.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(3);

/// Takes the lock file beside the database (`<file>.window-lock`), so that
/// two windows never write the same file at once. The operating system lets
/// go of it when the app ends, however it ends. The CLI does not take it: a
/// script may read and write beside the open window, one transaction at a time.
fn lock_for_this_window(db: &std::path::Path) -> dangjian::Result<std::fs::File> {
    let mut name = db.as_os_str().to_owned();
    name.push(".window-lock");
    let path = PathBuf::from(name);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| dangjian::Error::io(format!("无法创建数据目录 {}", dir.display()), e))?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| dangjian::Error::io(format!("无法创建 {}", path.display()), e))?;
    // A window closing as this one starts (a quick restart) lets go within moments.
    let mut waited = std::time::Duration::ZERO;
    let mut locked = file.try_lock();
    while matches!(locked, Err(std::fs::TryLockError::WouldBlock)) && waited < LOCK_PATIENCE {
        std::thread::sleep(std::time::Duration::from_millis(100));
        waited += std::time::Duration::from_millis(100);
        locked = file.try_lock();
    }
    match locked {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(dangjian::Error::Conflict(format!(
            "数据库 {} 已在另一个党建台账窗口中打开。为免两个窗口同时改写同一份台账，本窗口不再打开它；请切换到已打开的窗口，或关闭它后再启动",
            db.display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(dangjian::Error::io(format!("无法锁定 {}", path.display()), e)),
    }
}

/// The lock's content even if a thread panicked while holding it: every
/// write is one transaction, so a panic leaves nothing half-done to guard.
pub(crate) fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// Opens the database the app is started on (see
    /// [`dangjian::databases::path_at_start`]); "today" is `DANGJIAN_TODAY` if
    /// set. A failure is kept, and every command then returns it for the UI to
    /// show. The log goes to `logs/` beside it (see [`dangjian::logging`]).
    pub fn open() -> AppState {
        let opened = dangjian::databases::path_at_start().and_then(|path| {
            if let Err(e) = dangjian::logging::start(&dangjian::logging::log_dir_of(&path)) {
                eprintln!("{e}");
            }
            Ok((path, fixed_today()?))
        });
        match opened {
            Ok((path, today)) => AppState::at(path, today),
            Err(error) => AppState::with(Err(Unopened { path: None, error: error.into() }), None),
        }
    }

    /// Opens (creating and upgrading as needed) the database at `path`, taking
    /// `today` as today when given, unless another window has it open. An
    /// encrypted file waits for [`AppState::unlock`].
    pub fn at(path: PathBuf, today: Option<NaiveDate>) -> AppState {
        let opened = Database::open(path.clone(), today, Store::open);
        AppState::with(opened.map_err(|e| Unopened { path: Some(path), error: e.into() }), today)
    }

    fn with(database: Result<Arc<Database>, Unopened>, today: Option<NaiveDate>) -> AppState {
        AppState {
            database: RwLock::new(database),
            today,
            previewed_roster: Mutex::default(),
            previewed_hours: Mutex::default(),
        }
    }

    fn database(&self) -> ApiResult<Arc<Database>> {
        self.database.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone().map_err(|u| u.error)
    }

    /// Puts `database` in use.
    fn put(&self, database: Result<Arc<Database>, Unopened>) {
        *self.database.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = database;
    }

    /// Opens, with `passphrase`, the encrypted database the app could not
    /// open without it (the one it started on).
    pub async fn unlock(&self, passphrase: Passphrase) -> ApiResult<StoreStatus> {
        let unopened = self.database.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
        match unopened {
            Ok(database) => database.read(Store::status),
            Err(Unopened { path: Some(path), .. }) => self.switch_to(path, Opening::Existing, Some(passphrase)).await,
            Err(Unopened { path: None, error }) => Err(error),
        }
    }

    /// Locks the encrypted database in use (the user steps away from the
    /// laptop): the passphrase is forgotten and every command is refused
    /// until [`AppState::unlock`]. Commands already running finish first; the
    /// connections close with the last of them.
    pub fn lock(&self) -> ApiResult<()> {
        let in_use = self.database()?;
        let locked = dangjian::encryption::lock(&in_use.path, in_use.passphrase.as_ref())?;
        self.put(Err(Unopened { path: Some(in_use.path.clone()), error: locked.into() }));
        Ok(())
    }

    /// Sets, changes or removes the passphrase of the database in use (see
    /// [`dangjian::encryption::change_passphrase`]). Commands that come
    /// meanwhile are told to wait; those running are let finish, then every
    /// connection is closed, the file rewritten and opened again. On a
    /// failure the file is opened again as it was.
    pub async fn change_passphrase(
        &self,
        current: Option<Passphrase>,
        new: Option<Passphrase>,
    ) -> ApiResult<PassphraseChanged> {
        let in_use = self.database()?;
        let path = in_use.path.clone();
        let busy = ApiError::from(dangjian::Error::Conflict("正在更改数据库密码，请稍候再试".into()));
        self.put(Err(Unopened { path: Some(path.clone()), error: busy }));
        match in_background(move || Ok(in_use.change_passphrase(current, new))).await {
            Ok((database, outcome)) => {
                self.put(database);
                outcome
            }
            Err(error) => {
                self.put(Err(Unopened { path: Some(path), error: error.clone() }));
                Err(error)
            }
        }
    }

    /// The database file in use, if one is open.
    pub fn path(&self) -> Option<PathBuf> {
        self.database().ok().map(|d| d.path.clone())
    }

    /// Opens `path` as `opening` asks and works on it from now on, on a
    /// thread of its own at a lower priority (the demo takes a while to
    /// fill); the file is remembered for the next start. The file in use is
    /// let go once the commands running on it end. On a failure the file in
    /// use stays, and nothing is left of a new one.
    /// `passphrase` opens an encrypted file.
    pub async fn switch_to(
        &self,
        path: PathBuf,
        opening: Opening,
        passphrase: Option<Passphrase>,
    ) -> ApiResult<StoreStatus> {
        if let Ok(current) = self.database() {
            let same =
                |a: &Path, b: &Path| a == b || a.canonicalize().ok().is_some_and(|a| b.canonicalize().ok() == Some(a));
            if same(&current.path, &path) {
                dangjian::databases::check(&path, &opening)?;
                return current.read(Store::status);
            }
        }
        let today = self.today;
        let database = in_background(move || {
            // Refused before the lock is taken, which would leave a lock file beside it.
            dangjian::databases::check(&path, &opening)?;
            let open = |p: &Path| dangjian::databases::open_as(p, &opening, today, passphrase.as_ref());
            Ok(Database::open(path, today, open)?)
        })
        .await?;
        let status = database.read(Store::status)?;
        if let Err(e) = dangjian::databases::remember(&database.path) {
            // The file is open all the same; the next start opens the default one.
            dangjian::logging::failed("remember the database opened", &e);
        }
        self.put(Ok(database));
        *locked(&self.previewed_roster) = None;
        *locked(&self.previewed_hours) = None;
        Ok(status)
    }

    /// Runs `work` on a worker thread with a read connection of its own, in
    /// one snapshot of the database (see [`Store::in_one_snapshot`]).
    pub async fn read<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> dangjian::Result<T> + Send + 'static,
    {
        let database = self.database()?;
        off_main_thread(move || database.read(work)).await
    }

    /// Runs `work` on a worker thread with the writing connection, once the
    /// writes before it are done.
    pub async fn write<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> dangjian::Result<T> + Send + 'static,
    {
        let database = self.database()?;
        off_main_thread(move || database.write(work)).await
    }

    /// [`AppState::read`] for long work (a preview, an export): on a thread of
    /// its own at a lower priority.
    pub async fn read_in_background<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> dangjian::Result<T> + Send + 'static,
    {
        let database = self.database()?;
        in_background(move || database.read(work)).await
    }

    /// [`AppState::write`] for long work (an import, the demo): on a thread of
    /// its own at a lower priority.
    pub async fn write_in_background<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> dangjian::Result<T> + Send + 'static,
    {
        let database = self.database()?;
        in_background(move || database.write(work)).await
    }

    /// [`AppState::read`] on the calling thread, for work already off the main thread.
    pub fn read_here<T>(&self, work: impl FnOnce(&Store) -> dangjian::Result<T>) -> ApiResult<T> {
        self.database()?.read(work)
    }
}

impl Database {
    /// Takes the window lock of `path`, then opens it with `open`.
    fn open(
        path: PathBuf,
        today: Option<NaiveDate>,
        open: impl FnOnce(&Path) -> dangjian::Result<Store>,
    ) -> dangjian::Result<Arc<Database>> {
        let lock = lock_for_this_window(&path)?;
        let writer = open(&path)?;
        Ok(Database::with(lock, path, today, writer))
    }

    fn with(window_lock: std::fs::File, path: PathBuf, today: Option<NaiveDate>, mut writer: Store) -> Arc<Database> {
        writer.set_today(today);
        Arc::new(Database {
            window_lock,
            path,
            today,
            passphrase: writer.passphrase().cloned(),
            writer: Mutex::new(writer),
            idle_readers: Mutex::new(Vec::new()),
        })
    }

    /// Waits for every other user of the database to let go of it, closes
    /// its connections (keeping the window lock), changes the passphrase,
    /// and opens it again: with the new passphrase, or as it was on a
    /// failure. Returns what is then in use, and the outcome.
    fn change_passphrase(
        self: Arc<Database>,
        current: Option<Passphrase>,
        new: Option<Passphrase>,
    ) -> (Result<Arc<Database>, Unopened>, ApiResult<PassphraseChanged>) {
        let mut shared = self;
        let mut waited = std::time::Duration::ZERO;
        let database = loop {
            match Arc::try_unwrap(shared) {
                Ok(database) => break database,
                Err(still_shared) if waited < CLOSE_PATIENCE => {
                    shared = still_shared;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                    waited += std::time::Duration::from_millis(50);
                }
                Err(still_shared) => {
                    let busy = dangjian::Error::Conflict("数据库仍有操作在进行，密码未改动；请稍候再试".into());
                    return (Ok(still_shared), Err(busy.into()));
                }
            }
        };
        let Database { window_lock, path, today, passphrase, writer, idle_readers } = database;
        drop((writer, idle_readers));
        let changed = dangjian::encryption::change_passphrase(&path, current.as_ref(), new.as_ref());
        let (store, outcome) = match changed {
            Ok((store, changed)) => (Ok(store), Ok(changed)),
            Err(e) => (Store::open_with_passphrase(&path, passphrase.as_ref()), Err(ApiError::from(e))),
        };
        let database = match store {
            Ok(store) => Ok(Database::with(window_lock, path, today, store)),
            Err(e) => Err(Unopened { path: Some(path), error: e.into() }),
        };
        (database, outcome)
    }

    fn read<T>(&self, work: impl FnOnce(&Store) -> dangjian::Result<T>) -> ApiResult<T> {
        let idle = locked(&self.idle_readers).pop();
        let reader = match idle {
            Some(reader) => reader,
            None => Store::open_reader(&self.path, self.today, self.passphrase.as_ref())?,
        };
        let result = reader.in_one_snapshot(work);
        let mut idle = locked(&self.idle_readers);
        if idle.len() < IDLE_READERS {
            idle.push(reader);
        }
        Ok(result?)
    }

    fn write<T>(&self, work: impl FnOnce(&mut Store) -> dangjian::Result<T>) -> ApiResult<T> {
        Ok(work(&mut locked(&self.writer))?)
    }
}

/// Runs `work` on the blocking-task pool and waits for it there, so neither the
/// main thread (which draws the window) nor the async runtime's few threads
/// (which answer the other commands) are held.
pub(crate) async fn off_main_thread<T: Send + 'static>(
    work: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    tauri::async_runtime::spawn_blocking(work).await.map_err(|failure| internal(&failure))?
}

/// Runs long `work` on a thread of its own whose priority is lowered (nice 10
/// on Unix; threads it starts inherit it), and waits for it off the main
/// thread. A thread of its own, because a lowered priority cannot be raised
/// again without privileges, so a pooled thread must never take it.
pub(crate) async fn in_background<T: Send + 'static>(
    work: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    off_main_thread(move || {
        let worker = std::thread::Builder::new().name("dangjian-background".into()).spawn(move || {
            lower_this_threads_priority();
            work()
        });
        let outcome = worker.map_err(|e| internal(&e))?.join();
        outcome.map_err(|_| internal(&"后台任务意外中止"))?
    })
    .await
}

#[cfg(unix)]
fn lower_this_threads_priority() {
    // On Linux the nice value is per thread: this lowers the calling thread's
    // alone. Failing changes nothing but the priority, so it is not an error.
    // SAFETY: setpriority only reads its integer arguments.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(not(unix))]
fn lower_this_threads_priority() {}

fn internal(failure: &dyn std::fmt::Display) -> ApiError {
    tracing::error!(detail = dangjian::logging::redact(&failure.to_string()), "worker failed");
    ApiError::internal(failure)
}

/// The day named by `DANGJIAN_TODAY` (YYYY-MM-DD), if set: the app then takes
/// it as today, as the CLI's `--today` does (scenarios, end-to-end tests).
fn fixed_today() -> dangjian::Result<Option<NaiveDate>> {
    match std::env::var("DANGJIAN_TODAY") {
        Ok(text) if !text.trim().is_empty() => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map(Some)
            .map_err(|_| dangjian::Error::Invalid(format!("环境变量 DANGJIAN_TODAY「{text}」应写成 YYYY-MM-DD"))),
        _ => Ok(None),
    }
}
