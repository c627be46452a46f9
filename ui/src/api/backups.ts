// Backups of the database file: the rotated list, a backup now, the preview
// and the restore. The core checks every copy (integrity_check) and copies the
// current state before a restore.
import type { BackupCounts } from '@/generated/BackupCounts'
import type { BackupInfo } from '@/generated/BackupInfo'
import type { BackupList } from '@/generated/BackupList'
import { call } from './call'

/** The backups in the backups folder, newest first, with their total size. */
export const listBackups = () => call<BackupList>('backup_list')

/** Takes a checked backup now: into the backups folder, or into `folder` (a USB drive). */
export const backupNow = (folder: string | null) => call<BackupInfo>('backup_now', { folder })

/** What restoring `file` would bring back, after the core checks it. */
export const backupCounts = (file: string) => call<BackupCounts>('backup_counts', { file })

/**
 * 清除历史个人信息: erases deleted members' personal data from the backups taken
 * before `before` (YYYY-MM-DD); returns what was done, in a sentence.
 */
export const clearPersonalData = (before: string) => call<string>('backup_clear_personal', { before })

/** Replaces the whole database with `file`; returns the backup of the state it replaced. */
export const restoreBackup = (file: string) => call<BackupInfo | null>('backup_restore', { file })
