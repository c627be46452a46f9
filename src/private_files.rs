//! Files only their user can read: the database, its WAL, backups, logs and
//! exports hold members' personal data, on a laptop others may share.
//!
//! Each shell calls [`create_private_from_now_on`] before it touches a file,
//! so everything the process creates is 0600 (directories 0700) on Unix;
//! SQLite gives the WAL and shared-memory files the database's own mode.
//! [`make_private`] tightens a file or folder made before (by an older version).

use std::path::Path;

use crate::error::{Error, Result};

/// From now on, files and directories this process creates are readable and
/// writable by its user alone (umask 077). Does nothing off Unix, where the
/// user's own profile folders are private already.
pub fn create_private_from_now_on() {
    #[cfg(unix)]
    // SAFETY: umask only swaps the process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// Takes group and other permissions off an existing file or directory.
pub fn make_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let metadata =
            std::fs::metadata(path).map_err(|e| Error::io(format!("无法读取 {} 的权限", path.display()), e))?;
        let mode = metadata.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700))
                .map_err(|e| Error::io(format!("无法把 {} 设为仅本人可读写", path.display()), e))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
