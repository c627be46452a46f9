import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { Attachment } from '@/generated/Attachment'
import type { AttachmentOwner } from '@/generated/AttachmentOwner'
import { answerNewestMessageBox, button, byTestId, click, mountPage, settle, texts } from '@/components/specHelpers'
import AttachmentList from './AttachmentList.vue'

const file = (id: number, owner_id: number, file_name: string, size = 2048): Attachment => ({
  id,
  owner_kind: 'activity',
  owner_id,
  file_name,
  sha256: String(id).repeat(64).slice(0, 64),
  size,
  added_at: '2026-05-01 09:30:00',
})

type Call = { cmd: string; args: Record<string, unknown> }

/** Activity 5 has a photo and a PDF; the dialog picks `picked`; new files get ids from 100. */
function fakeBackend(picked: string | string[] | null = '/home/dangban/义诊合影.png') {
  let stored: Attachment[] = [file(1, 5, '现场.jpg'), file(2, 5, '活动方案.pdf', 3 * 1024 * 1024)]
  let next = 100
  const calls: Call[] = []
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    switch (cmd) {
      case 'attachment_list':
        return stored.filter((a) => a.owner_id === args.id)
      case 'attachment_content':
        return new Uint8Array([0x89, 0x50, 0x4e, 0x47]).buffer
      case 'plugin:dialog|open':
        return picked
      case 'attachment_add': {
        const name = String(args.file).split('/').at(-1)!
        const added = { ...file(next++, args.id as number, name), owner_kind: args.owner as AttachmentOwner }
        stored = [...stored, added]
        return added
      }
      case 'attachment_remove':
        stored = stored.filter((a) => a.id !== args.id)
        return null
      default:
        throw { code: 'internal', message: `unexpected command ${cmd}` }
    }
  })
  return { calls, stored: () => stored }
}

const callsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)

async function mountList(props: { ownerId: number; images?: boolean; limit?: number }) {
  const changes: Attachment[][] = []
  const Host = defineComponent({
    setup: () => () => h(AttachmentList, { owner: 'activity', ...props, onChanged: (list: Attachment[]) => changes.push(list) }),
  })
  const wrapper = await mountPage(Host)
  await settle()
  return { wrapper, changes }
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('AttachmentList', () => {
  it('asks for the record to be saved first, and reads nothing, while it has no id', async () => {
    const backend = fakeBackend()
    await mountList({ ownerId: 0, images: true })

    expect(byTestId('attachment-unsaved').textContent).toContain('保存后才能添加附件')
    expect(document.querySelector('[data-testid="attachment-add"]'), 'nothing can be added yet').toBeNull()
    expect(backend.calls.map((c) => c.cmd)).toEqual([])
  })

  it('shows pictures as thumbnails from their bytes and other files by name and size', async () => {
    const backend = fakeBackend()
    const { changes } = await mountList({ ownerId: 5, images: true })

    expect(callsOf(backend.calls, 'attachment_list')).toEqual([{ owner: 'activity', id: 5 }])
    expect(callsOf(backend.calls, 'attachment_content'), 'only the picture’s bytes are read').toEqual([{ id: 1 }])
    const thumb = byTestId<HTMLImageElement>('attachment-thumb')
    expect(thumb.getAttribute('src'), 'the thumbnail shows the bytes through an object URL').toMatch(/^blob:/)
    expect(thumb.getAttribute('alt')).toBe('现场.jpg')
    const items = texts('[data-testid="attachment-item"]')
    expect(items).toHaveLength(2)
    expect(items[1]).toContain('活动方案.pdf')
    expect(items[1], 'a file is listed with its size').toContain('3.0 MB')
    expect(changes.at(-1)?.map((a) => a.id), 'the parent hears of the list').toEqual([1, 2])
  })

  it('lists every file by name when pictures are not wanted', async () => {
    const backend = fakeBackend()
    await mountList({ ownerId: 5 })

    expect(document.querySelector('[data-testid="attachment-thumb"]')).toBeNull()
    expect(callsOf(backend.calls, 'attachment_content')).toEqual([])
    expect(texts('[data-testid="attachment-item"]').join()).toContain('现场.jpg')
  })

  it('adds the files chosen in the system dialog to the record', async () => {
    const backend = fakeBackend(['/home/dangban/义诊合影.png', '/home/dangban/签到表.jpg'])
    const { changes } = await mountList({ ownerId: 5, images: true })

    await click(byTestId('attachment-add'))
    await settle()

    expect(callsOf(backend.calls, 'attachment_add')).toEqual([
      { owner: 'activity', id: 5, file: '/home/dangban/义诊合影.png' },
      { owner: 'activity', id: 5, file: '/home/dangban/签到表.jpg' },
    ])
    expect(document.querySelectorAll('[data-testid="attachment-thumb"]').length).toBe(3)
    expect(changes.at(-1)?.map((a) => a.file_name)).toEqual(['现场.jpg', '活动方案.pdf', '义诊合影.png', '签到表.jpg'])
  })

  it('replaces the file when the list is full (a logo)', async () => {
    const backend = fakeBackend('/home/dangban/新标志.png')
    await mountList({ ownerId: 5, images: true, limit: 1 })
    // The fake holds two files for 5; a logo list holds at most one, so adding keeps only the new one.
    await click(button('更换'))
    await settle()

    expect(callsOf(backend.calls, 'attachment_add')).toHaveLength(1)
    expect(callsOf(backend.calls, 'attachment_remove'), 'the older files give way, after the new one is stored').toEqual([
      { id: 1 },
      { id: 2 },
    ])
    expect(backend.stored().map((a) => a.file_name)).toEqual(['新标志.png'])
    expect(texts('[data-testid="attachment-item"]')).toHaveLength(1)
  })

  it('removes a file only after the user confirms', async () => {
    const backend = fakeBackend()
    await mountList({ ownerId: 5, images: true })

    await click(byTestId('attachment-remove'))
    await answerNewestMessageBox('取消')
    expect(callsOf(backend.calls, 'attachment_remove'), 'cancelling removes nothing').toEqual([])

    await click(byTestId('attachment-remove'))
    expect([...document.querySelectorAll('.el-message-box')].at(-1)?.textContent, 'the question names the file').toContain('现场.jpg')
    await answerNewestMessageBox('删除')
    expect(callsOf(backend.calls, 'attachment_remove')).toEqual([{ id: 1 }])
    expect(document.querySelector('[data-testid="attachment-thumb"]')).toBeNull()
  })

  it('revokes the thumbnails’ object URLs when it goes away', async () => {
    fakeBackend()
    const revoke = vi.spyOn(URL, 'revokeObjectURL')
    const { wrapper } = await mountList({ ownerId: 5, images: true })
    const url = byTestId('attachment-thumb').getAttribute('src')

    wrapper.unmount()
    expect(revoke).toHaveBeenCalledWith(url)
  })
})
