// What the attachment lists need to know about a stored file: its size in
// words, whether the webview can show it as a picture, and (for pictures) an
// object URL of its bytes, fetched with attachment_content and revoked when
// the picture is no longer shown.
import { onBeforeUnmount, shallowRef } from 'vue'
import type { Attachment } from '@/generated/Attachment'
import { attachmentContent } from '@/api/brandWork'

/** The picture formats a webview shows, by extension, with their MIME types. */
const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  webp: 'image/webp',
}

/** Extensions the system dialog offers when pictures are wanted. */
export const IMAGE_EXTENSIONS = Object.keys(IMAGE_TYPES)

const extensionOf = (fileName: string) => /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? ''

/** The MIME type of a picture the webview can show, or null for any other file. */
export const imageType = (fileName: string): string | null => IMAGE_TYPES[extensionOf(fileName)] ?? null

/** A file size as people read it: 512 B, 200 KB, 1.5 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/**
 * Object URLs for the pictures among some attachments, keyed by attachment id.
 * `show(list)` fetches what is new and revokes what left the list; every URL
 * is revoked when the component using this is unmounted.
 */
export function useAttachmentImages() {
  const urls = shallowRef<Record<number, string>>({})
  let disposed = false
  let wanted = new Set<number>()

  function revoke(ids: number[]) {
    if (!ids.length) return
    const next = { ...urls.value }
    for (const id of ids) {
      const url = next[id]
      if (url) URL.revokeObjectURL(url)
      delete next[id]
    }
    urls.value = next
  }

  async function show(list: Attachment[]) {
    const images = list.filter((a) => imageType(a.file_name) !== null)
    wanted = new Set(images.map((a) => a.id))
    revoke(Object.keys(urls.value).map(Number).filter((id) => !wanted.has(id)))
    await Promise.all(
      images
        .filter((a) => !urls.value[a.id])
        .map(async (a) => {
          // A picture that cannot be read is listed without its thumbnail.
          const bytes = await attachmentContent(a.id).catch(() => null)
          if (!bytes || disposed || !wanted.has(a.id) || urls.value[a.id]) return
          const blob = new Blob([new Uint8Array(bytes as ArrayBuffer)], { type: imageType(a.file_name)! })
          urls.value = { ...urls.value, [a.id]: URL.createObjectURL(blob) }
        }),
    )
  }

  onBeforeUnmount(() => {
    disposed = true
    revoke(Object.keys(urls.value).map(Number))
  })

  return { urls, show }
}
