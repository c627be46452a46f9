//! Attachments: files (scanned minutes, photos, certificates) copied into the
//! data directory beside the database (see `attachment_files.rs`) and linked
//! to a meeting, an activity, an honor or a brand.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{insert, row_id, select, value, Columns, Record};
use super::{audit, Action, AttachmentOwner, Store};
use crate::error::{ensure, Error, Result};

/// A stored file linked to a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Attachment {
    /// Row id; 0 when new.
    pub id: i64,
    /// The kind of record it documents.
    pub owner_kind: AttachmentOwner,
    /// That record's id.
    pub owner_id: i64,
    /// The file's original name.
    pub file_name: String,
    /// SHA-256 of the content, lower-case hex: the file it is kept in (see
    /// [`Store::attachment_file`]).
    pub sha256: String,
    /// Size in bytes.
    pub size: i64,
    /// When it was added, `YYYY-MM-DD HH:MM:SS`.
    pub added_at: String,
}

impl AttachmentOwner {
    fn table(self) -> &'static str {
        match self {
            AttachmentOwner::Meeting => "meetings",
            AttachmentOwner::Activity => "activities",
            AttachmentOwner::Honor => "honors",
            AttachmentOwner::Brand => "brands",
        }
    }
}

impl Record for Attachment {
    const TABLE: &'static str = "attachments";
    const LABEL: &'static str = "附件";
    const COLUMNS: &'static [&'static str] = &["owner_kind", "owner_id", "file_name", "sha256", "size", "added_at"];

    row_id!();
    fn values(&self) -> Vec<ToSqlOutput<'_>> {
        vec![
            value(&self.owner_kind),
            value(&self.owner_id),
            value(&self.file_name),
            value(&self.sha256),
            value(&self.size),
            value(&self.added_at),
        ]
    }
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        let mut c = Columns::new(row);
        Ok(Attachment {
            id: c.get("id")?,
            owner_kind: c.get("owner_kind")?,
            owner_id: c.get("owner_id")?,
            file_name: c.get("file_name")?,
            sha256: c.get("sha256")?,
            size: c.get("size")?,
            added_at: c.get("added_at")?,
        })
    }
    fn check(&self, conn: &Connection, _today: NaiveDate) -> Result<()> {
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1)", self.owner_kind.table());
        let exists: bool = conn.query_row(&sql, [self.owner_id], |r| r.get(0))?;
        ensure(exists, || format!("附件要关联的{}（编号 {}）不存在", self.owner_kind.label(), self.owner_id))
    }
}

/// Deletes the attachment rows of a record being deleted, inside the delete's
/// transaction, logging each; without this they would point at nothing and a
/// backup of the database would not import. The files stay in the data
/// directory (another record may share one: they are named by content).
pub(crate) fn delete_attachments_of(conn: &Connection, table: &str, owner_id: i64) -> Result<()> {
    let Some(owner) = AttachmentOwner::ALL.iter().copied().find(|o| o.table() == table) else { return Ok(()) };
    let attached: Vec<Attachment> = select(conn, "owner_kind = ?1 AND owner_id = ?2", (owner, owner_id))?;
    for attachment in attached {
        conn.execute("DELETE FROM attachments WHERE id = ?1", [attachment.id])?;
        audit::record(conn, Attachment::TABLE, attachment.id, Action::Delete, Some(&attachment), None::<&Attachment>)?;
    }
    Ok(())
}

/// A file read for attaching: read before anything is written, so a file
/// that cannot be read stops the whole write.
pub(crate) struct IncomingFile {
    file_name: String,
    content: Vec<u8>,
    sha256: String,
}

impl IncomingFile {
    /// Reads `file`; the error names it.
    pub(crate) fn read(file: &Path) -> Result<IncomingFile> {
        let content = std::fs::read(file).map_err(|e| Error::io(format!("无法读取附件文件 {}", file.display()), e))?;
        Ok(IncomingFile {
            file_name: file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            sha256: super::attachment_files::sha256_of(&content),
            content,
        })
    }
}

impl Store {
    /// Copies `file` into the data directory and links it to a record.
    pub fn attach(&self, owner_kind: AttachmentOwner, owner_id: i64, file: &Path) -> Result<Attachment> {
        let incoming = IncomingFile::read(file)?;
        self.write(|conn| self.attach_in(conn, owner_kind, owner_id, &incoming))
    }

    /// Links a file already read to a record inside the caller's transaction,
    /// keeping its content in the data directory (once per content).
    pub(crate) fn attach_in(
        &self,
        conn: &Connection,
        owner_kind: AttachmentOwner,
        owner_id: i64,
        incoming: &IncomingFile,
    ) -> Result<Attachment> {
        let attachment = Attachment {
            id: 0,
            owner_kind,
            owner_id,
            file_name: incoming.file_name.clone(),
            sha256: incoming.sha256.clone(),
            size: incoming.content.len() as i64,
            added_at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        };
        attachment.check(conn, self.today())?;
        let stored = insert(conn, &attachment, false)?;
        self.keep_file(&attachment.sha256, &incoming.content)?;
        audit::record(conn, Attachment::TABLE, stored.id, Action::Create, None, Some(&stored))?;
        Ok(stored)
    }

    /// An attachment's content (to show a logo, photo or scan).
    pub fn attachment_content(&self, id: i64) -> Result<Vec<u8>> {
        let attachment: Attachment = self.get(id)?;
        self.read_file(&attachment.sha256, &attachment.file_name)
    }

    /// The attachments of one record.
    pub fn attachments_of(&self, owner_kind: AttachmentOwner, owner_id: i64) -> Result<Vec<Attachment>> {
        select(self.conn(), "owner_kind = ?1 AND owner_id = ?2", (owner_kind, owner_id))
    }

    /// The files of every record of one kind (a whole ledger's, in one read).
    pub fn attachments_of_all(&self, owner_kind: AttachmentOwner) -> Result<Vec<Attachment>> {
        select(self.conn(), "owner_kind = ?1", [owner_kind])
    }
}
