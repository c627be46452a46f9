import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks'
import type { Obligation } from '@/generated/Obligation'
import {
  button,
  byTestId,
  choose,
  click,
  confirmMessageBox,
  el,
  mountPage,
  texts,
  toasts,
  type,
} from '@/components/specHelpers'
import { useAppStore } from '@/stores/app'
import SettingsPage from './SettingsPage.vue'

const rule = (o: Partial<Obligation> & Pick<Obligation, 'id' | 'code' | 'name' | 'kind'>): Obligation => ({
  frequency: 'month',
  per_period: 1,
  scope: 'branch',
  binds_branch: true,
  binds_general_branch: false,
  active: true,
  ...o,
})

const BACKUP = {
  path: 'D:/党办/backups/dangjian-20261130-080000-daily.db',
  taken_at: '2026-11-30 08:00:00',
  reason: 'daily',
  size: 3_500_000,
  counts: { branches: 8, members: 140, meetings: 300 },
}

function fakeBackend(refuseUpdate = false) {
  const obligations: Obligation[] = [
    rule({ id: 1, code: 'general_meeting', name: '支部党员大会（每季度至少一次）', kind: 'general_meeting', frequency: 'quarter' }),
    rule({ id: 2, code: 'party_lesson', name: '党课（每季度至少一次）', kind: 'party_lesson', frequency: 'quarter' }),
    rule({ id: 3, code: 'talk', name: '谈心谈话（每名支委每年至少一次）', kind: 'talk', frequency: 'year', scope: 'committee_member' }),
  ]
  const calls: { cmd: string; args: Record<string, unknown> }[] = []
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args })
    switch (cmd) {
      case 'app_status':
        return {
          path: 'D:\\党办\\dangjian.db',
          log_dir: 'D:\\党办\\logs',
          empty: false,
          counts: { branches: 9, members: 148, meetings: 320 },
          committee: { hospital_name: '滨江市第一人民医院', committee_name: '' },
        }
      case 'database_places':
        return { default: 'D:\\党办\\dangjian.db', demo: 'D:\\党办\\演示数据.db' }
      case 'committee_set':
        return args.committee
      case 'plugin:opener|reveal_item_in_dir':
        return null
      case 'backup_list':
        return { folder: 'D:/党办/backups', total_size: 3_500_000, backups: [BACKUP] }
      case 'backup_now':
        return { ...BACKUP, reason: 'manual', path: `${(args.folder as string | null) ?? 'D:/党办/backups'}/copy.db` }
      case 'backup_counts':
        return { branches: 8, members: 140, meetings: 300 }
      case 'backup_clear_personal':
        return '已检查 1 份备份，从其中 1 份删去了 2 名已删除党员的个人信息'
      case 'backup_restore':
        return { ...BACKUP, reason: 'before_restore', path: 'D:/党办/backups/before.db' }
      case 'plugin:dialog|open':
        return 'E:/U盘'
      case 'activity_kind_list':
        return ['义诊', '健康讲座']
      case 'obligation_list':
        return obligations.map((o) => ({ ...o }))
      case 'obligation_update': {
        if (refuseUpdate) throw { code: 'invalid', message: '启用的规则至少要适用于党支部或党总支之一' }
        const o = args.obligation as Obligation
        obligations.splice(obligations.findIndex((x) => x.id === o.id), 1, o)
        return o
      }
      case 'obligation_create': {
        const o = { ...(args.obligation as Obligation), id: 10 }
        obligations.push(o)
        return o
      }
      default:
        throw { code: 'internal', message: `unexpected command ${cmd}` }
    }
  })
  return { calls, obligations }
}

const sent = (calls: { cmd: string; args: Record<string, unknown> }[], cmd: string) =>
  calls.filter((c) => c.cmd === cmd).map((c) => c.args.obligation)
const ruleRow = (name: string) => {
  const row = [...document.querySelectorAll('[data-testid="obligations-table"] tr.obligation-row')].find((r) =>
    r.textContent?.includes(name),
  )
  if (!row) throw new Error(`expected a row for ${name}`)
  return row
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('SettingsPage', () => {
  it('shows the database file and saves the committee’s names', async () => {
    const backend = fakeBackend()
    await mountPage(SettingsPage)

    expect(byTestId('settings-db-path').textContent, 'the database file should be named').toBe('D:\\党办\\dangjian.db')
    expect(byTestId('settings-log-dir').textContent, 'and the log folder').toBe('D:\\党办\\logs')
    await click(byTestId('settings-open-logs'))
    expect(backend.calls.find((c) => c.cmd === 'plugin:opener|reveal_item_in_dir')?.args).toEqual({ paths: ['D:\\党办\\logs'] })
    expect(byTestId<HTMLInputElement>('settings-hospital-name').value).toBe('滨江市第一人民医院')

    await type(byTestId<HTMLInputElement>('settings-committee-name'), '中共滨江市第一人民医院委员会')
    await click(byTestId('settings-save'))

    expect(backend.calls.filter((c) => c.cmd === 'committee_set').map((c) => c.args.committee), 'saving should send both names to committee_set').toEqual([
      { hospital_name: '滨江市第一人民医院', committee_name: '中共滨江市第一人民医院委员会' },
    ])
  })

  it('lists the activity kinds in their own section', async () => {
    fakeBackend()
    await mountPage(SettingsPage)

    expect(texts('[data-testid="activity-kind-name"]')).toEqual(['义诊', '健康讲座'])
  })

  it('lists the rules of organisational life with their kinds, frequencies and scopes in Chinese', async () => {
    fakeBackend()
    await mountPage(SettingsPage)

    expect(texts('[data-testid="obligation-name"]')).toEqual([
      '支部党员大会（每季度至少一次）',
      '党课（每季度至少一次）',
      '谈心谈话（每名支委每年至少一次）',
    ])
    const talk = texts('td', ruleRow('谈心谈话'))
    expect(talk, 'the kind and scope should be named in Chinese').toEqual(expect.arrayContaining(['谈心谈话', '每名支委']))
    expect(
      byTestId('obligation-frequency-talk').textContent,
      'the frequency select should show the stored frequency',
    ).toContain('每年')
  })

  it('saves a rule as soon as its frequency, count or switch is changed in the table', async () => {
    const backend = fakeBackend()
    await mountPage(SettingsPage)

    await choose('obligation-frequency-party_lesson', '每月')
    expect(sent(backend.calls, 'obligation_update'), 'a new frequency should be saved with the rest of the rule').toEqual([
      { id: 2, code: 'party_lesson', name: '党课（每季度至少一次）', kind: 'party_lesson', frequency: 'month', per_period: 1, scope: 'branch', binds_branch: true, binds_general_branch: false, active: true },
    ])

    await type(el<HTMLInputElement>('input', byTestId('obligation-per-period-general_meeting')), '2')
    expect(sent(backend.calls, 'obligation_update').at(-1), 'a new count should be saved').toMatchObject({
      id: 1,
      per_period: 2,
      frequency: 'quarter',
    })

    await click(byTestId('obligation-active-talk'))
    expect(sent(backend.calls, 'obligation_update').at(-1), 'switching a rule off should be saved').toMatchObject({
      id: 3,
      active: false,
    })
    expect(ruleRow('谈心谈话').classList, 'a rule switched off should look switched off').toContain('obligation-row--off')
  })

  it('puts a row back and says why when the core refuses the change', async () => {
    fakeBackend(true)
    await mountPage(SettingsPage)

    await click(el('input', byTestId('obligation-binds-branch-general_meeting')))
    await vi.waitFor(() => expect(toasts().join()).toContain('启用的规则至少要适用于党支部或党总支之一'))
    expect(
      el<HTMLInputElement>('input', byTestId('obligation-binds-branch-general_meeting')).checked,
      'the refused change should be undone on screen',
    ).toBe(true)
  })

  it('adds a local rule through the dialog', async () => {
    const backend = fakeBackend()
    await mountPage(SettingsPage)

    await click(byTestId('obligation-create'))
    await type(byTestId<HTMLInputElement>('obligation-form-code'), 'safety_study')
    await type(byTestId<HTMLInputElement>('obligation-form-name'), ' 安全生产专题学习（每季度一次） ')
    await choose('obligation-form-kind', '主题党日')
    await choose('obligation-form-frequency', '每季度')
    await click(byTestId('obligation-form-submit'))

    expect(sent(backend.calls, 'obligation_create'), 'the new rule should be sent with id 0 and the typed fields').toEqual([
      {
        id: 0,
        code: 'safety_study',
        name: '安全生产专题学习（每季度一次）',
        kind: 'theme_day',
        frequency: 'quarter',
        per_period: 1,
        scope: 'branch',
        binds_branch: true,
        binds_general_branch: false,
        active: true,
      },
    ])
    expect(texts('[data-testid="obligation-name"]'), 'the table should be reloaded with the new rule').toContain(
      '安全生产专题学习（每季度一次）',
    )
  })

  it('refuses a rule code with capitals or spaces before sending it', async () => {
    const backend = fakeBackend()
    await mountPage(SettingsPage)

    await click(byTestId('obligation-create'))
    await type(byTestId<HTMLInputElement>('obligation-form-code'), 'Safety Study')
    await type(byTestId<HTMLInputElement>('obligation-form-name'), '安全学习')
    await click(button('保存', el('.el-dialog')))

    await vi.waitFor(() => expect(document.body.textContent).toContain('规则代码只能由小写英文字母、数字和下划线组成'))
    expect(backend.calls.map((c) => c.cmd)).not.toContain('obligation_create')
  })

  it('lists the backups, takes one now or to a chosen folder, and restores one after showing what it replaces', async () => {
    const backend = fakeBackend()
    await mountPage(SettingsPage)
    const replaced = vi.spyOn(useAppStore(), 'dataReplaced')

    expect(byTestId('backup-total').textContent).toContain('共 1 份，占用 3.5 MB')
    expect(byTestId('backup-table').textContent).toContain('每日自动备份')
    expect(byTestId('backup-table').textContent).toContain('8 个支部、140 名党员、300 条会议记录')

    await click(byTestId('backup-now'))
    expect(backend.calls.find((c) => c.cmd === 'backup_now')?.args).toEqual({ folder: null })
    await click(byTestId('backup-to-folder'))
    expect(backend.calls.filter((c) => c.cmd === 'backup_now').pop()?.args).toEqual({ folder: 'E:/U盘' })

    await click(byTestId('backup-restore'))
    expect(backend.calls.find((c) => c.cmd === 'backup_counts')?.args).toEqual({ file: BACKUP.path })
    expect(byTestId('backup-preview-brings').textContent).toBe('8 个支部、140 名党员、300 条会议记录')
    expect(byTestId('backup-preview-replaces').textContent).toBe('9 个支部、148 名党员、320 条会议记录')
    expect(backend.calls.map((c) => c.cmd), 'nothing replaced before the confirmation').not.toContain('backup_restore')
    await click(byTestId('backup-restore-confirm'))
    expect(backend.calls.find((c) => c.cmd === 'backup_restore')?.args).toEqual({ file: BACKUP.path })
    expect(toasts().join()).toContain('恢复前的数据另存为')
    expect(replaced, 'every page reloads').toHaveBeenCalled()
  })

  it('clears deleted members’ personal data from the backups before a chosen day, once confirmed', async () => {
    const backend = fakeBackend()
    await mountPage(SettingsPage)
    expect(byTestId<HTMLButtonElement>('backup-clear').disabled, 'a day must be chosen first').toBe(true)

    const day = el<HTMLInputElement>('[data-testid="backup-clear-before"] input')
    await type(day, '2026-11-15')
    day.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter' }))
    day.dispatchEvent(new Event('change'))
    await click(byTestId('backup-clear'))
    expect(backend.calls.map((c) => c.cmd), 'nothing before the confirmation').not.toContain('backup_clear_personal')
    await confirmMessageBox('清除')
    expect(backend.calls.find((c) => c.cmd === 'backup_clear_personal')?.args).toEqual({ before: '2026-11-15' })
    expect(toasts().join()).toContain('删去了 2 名已删除党员的个人信息')
  })
})
