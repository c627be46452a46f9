//! `dangjian passphrase`: encrypt the database, change its passphrase, or
//! store it plain again; and the passphrase of an encrypted database for
//! every other command. A passphrase comes from an environment variable or
//! is typed at a prompt that does not echo it, never from an argument (which
//! other users and the shell's history would see).

use std::io::IsTerminal;
use std::path::Path;

use clap::Subcommand;
use dangjian::encryption::{self, Passphrase};
use dangjian::{Error, Result};

/// The variable that holds the passphrase of an encrypted database.
const PASSPHRASE_VAR: &str = "DANGJIAN_PASSPHRASE";
/// The variable that holds the new passphrase for `passphrase set`.
const NEW_PASSPHRASE_VAR: &str = "DANGJIAN_NEW_PASSPHRASE";

#[derive(Subcommand)]
pub enum PassphraseCommand {
    /// 设置或更改数据库密码（加密数据库及备份文件夹中的备份）。当前密码取环境变量 DANGJIAN_PASSPHRASE，新密码取 DANGJIAN_NEW_PASSPHRASE，未设置时在终端中输入
    Set {
        /// 确认已知晓：忘记密码后数据库和备份都无法打开，任何人都无法找回
        #[arg(long)]
        yes: bool,
    },
    /// 移除数据库密码（数据库及备份恢复为不加密）
    Remove {
        /// 确认移除：之后任何拿到文件的人都能读取其中的个人信息
        #[arg(long)]
        yes: bool,
    },
}

/// The passphrase of the database at `path` if it is encrypted:
/// `DANGJIAN_PASSPHRASE`, else typed at the terminal.
pub fn of_database(path: &Path) -> Result<Option<Passphrase>> {
    if !encryption::is_encrypted(path)? {
        return Ok(None);
    }
    let asking = format!("数据库 {} 已加密，请输入密码", path.display());
    from_variable_or_prompt(PASSPHRASE_VAR, &asking).map(Some)
}

/// The passphrase in `variable`, else typed at the terminal after `asking`.
fn from_variable_or_prompt(variable: &str, asking: &str) -> Result<Passphrase> {
    if let Ok(text) = std::env::var(variable) {
        return Ok(Passphrase::new(text));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Passphrase(format!("{asking}：请设置环境变量 {variable}，或在终端中运行本命令以输入密码")));
    }
    rpassword::prompt_password(format!("{asking}："))
        .map(Passphrase::new)
        .map_err(|e| Error::io("无法读取输入的密码", e))
}

/// The new passphrase: `DANGJIAN_NEW_PASSPHRASE`, else typed twice.
fn new_passphrase() -> Result<Passphrase> {
    if let Ok(text) = std::env::var(NEW_PASSPHRASE_VAR) {
        return Ok(Passphrase::new(text));
    }
    let first = from_variable_or_prompt(NEW_PASSPHRASE_VAR, "请输入新密码")?;
    let again = from_variable_or_prompt(NEW_PASSPHRASE_VAR, "请再次输入新密码")?;
    if first != again {
        return Err(Error::Invalid("两次输入的新密码不一致，密码未改动".into()));
    }
    Ok(first)
}

/// Runs `command` on the database at `path`, which must not be open.
pub fn run(path: &Path, command: PassphraseCommand) -> Result<()> {
    let current = of_database(path)?;
    let (_store, changed) = match command {
        PassphraseCommand::Set { yes: false } => {
            return Err(Error::Invalid(
                "设置密码后，忘记密码将无法打开数据库和备份，任何人（包括开发者）都无法找回；确认请加 --yes".into(),
            ))
        }
        PassphraseCommand::Remove { yes: false } => {
            return Err(Error::Invalid(
                "移除密码后，任何拿到数据库或备份文件的人都能读取党员的个人信息；确认请加 --yes".into(),
            ))
        }
        PassphraseCommand::Set { yes: true } => {
            encryption::change_passphrase(path, current.as_ref(), Some(&new_passphrase()?))?
        }
        PassphraseCommand::Remove { yes: true } => encryption::change_passphrase(path, current.as_ref(), None)?,
    };
    println!("{}", changed.summary);
    Ok(())
}
