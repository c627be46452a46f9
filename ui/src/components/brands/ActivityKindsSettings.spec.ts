import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import { byTestId, click, el, mountPage, texts, toasts, type } from '@/components/specHelpers'
import ActivityKindsSettings from './ActivityKindsSettings.vue'

type Call = { cmd: string; args: Record<string, unknown> }

/** The core's kind list; 义诊 is used by activities and cannot be removed. */
function fakeBackend() {
  let kinds = ['义诊', '健康讲座', '走访慰问']
  const calls: Call[] = []
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    switch (cmd) {
      case 'activity_kind_list':
        return [...kinds]
      case 'activity_kind_add':
        kinds = [...kinds, args.name as string]
        return [...kinds]
      case 'activity_kind_rename':
        kinds = kinds.map((k) => (k === args.from ? (args.to as string) : k))
        return [...kinds]
      case 'activity_kind_remove':
        if (args.name === '义诊') throw { code: 'invalid', message: '活动类型「义诊」已被 3 项活动使用，不能删除；可改名' }
        kinds = kinds.filter((k) => k !== args.name)
        return [...kinds]
      case 'activity_kind_reorder':
        kinds = [...(args.order as string[])]
        return [...kinds]
      default:
        throw { code: 'internal', message: `unexpected command ${cmd}` }
    }
  })
  return { calls }
}

const callsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
const names = () => texts('[data-testid="activity-kind-name"]')
const rowOf = (name: string) => {
  const row = [...document.querySelectorAll('[data-testid="activity-kind-row"]')].find((r) => r.textContent?.includes(name))
  if (!row) throw new Error(`expected a row for ${name}; the list shows ${names().join(', ')}`)
  return row
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('ActivityKindsSettings', () => {
  it('lists the kinds in order and adds a new one', async () => {
    const backend = fakeBackend()
    await mountPage(ActivityKindsSettings)
    expect(names()).toEqual(['义诊', '健康讲座', '走访慰问'])

    await type(byTestId<HTMLInputElement>('activity-kind-new'), ' 急救培训 ')
    await click(byTestId('activity-kind-add'))

    expect(callsOf(backend.calls, 'activity_kind_add')).toEqual([{ name: '急救培训' }])
    expect(names()).toEqual(['义诊', '健康讲座', '走访慰问', '急救培训'])
    expect(byTestId<HTMLInputElement>('activity-kind-new').value, 'the box is emptied for the next one').toBe('')
  })

  it('renames a kind in place', async () => {
    const backend = fakeBackend()
    await mountPage(ActivityKindsSettings)

    await click(byTestId('activity-kind-rename', rowOf('健康讲座')))
    await type(byTestId<HTMLInputElement>('activity-kind-rename-input'), '健康宣教')
    await click(byTestId('activity-kind-rename-save'))

    expect(callsOf(backend.calls, 'activity_kind_rename')).toEqual([{ from: '健康讲座', to: '健康宣教' }])
    expect(names()).toEqual(['义诊', '健康宣教', '走访慰问'])
  })

  it('moves a kind up and down', async () => {
    const backend = fakeBackend()
    await mountPage(ActivityKindsSettings)

    expect(el<HTMLButtonElement>('[data-testid="activity-kind-up"]', rowOf('义诊')).disabled, 'the first cannot go up').toBe(true)
    await click(byTestId('activity-kind-down', rowOf('义诊')))
    expect(callsOf(backend.calls, 'activity_kind_reorder').at(-1)).toEqual({ order: ['健康讲座', '义诊', '走访慰问'] })
    await click(byTestId('activity-kind-up', rowOf('走访慰问')))
    expect(callsOf(backend.calls, 'activity_kind_reorder').at(-1)).toEqual({ order: ['健康讲座', '走访慰问', '义诊'] })
    expect(names()).toEqual(['健康讲座', '走访慰问', '义诊'])
  })

  it('removes an unused kind and says why a used one stays', async () => {
    const backend = fakeBackend()
    await mountPage(ActivityKindsSettings)

    await click(byTestId('activity-kind-remove', rowOf('走访慰问')))
    expect(names()).toEqual(['义诊', '健康讲座'])

    await click(byTestId('activity-kind-remove', rowOf('义诊')))
    expect(callsOf(backend.calls, 'activity_kind_remove')).toEqual([{ name: '走访慰问' }, { name: '义诊' }])
    await vi.waitFor(() => expect(toasts().join()).toContain('活动类型「义诊」已被 3 项活动使用，不能删除'))
    expect(names(), 'a refused kind stays in the list').toEqual(['义诊', '健康讲座'])
  })
})
