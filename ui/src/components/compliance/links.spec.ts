import { describe, expect, it } from 'vitest'
import type { Reminder } from '@/generated/Reminder'
import { reminderLink, suggestionLink } from './links'

const reminder = (r: Partial<Reminder> & Pick<Reminder, 'kind'>): Reminder => ({
  branch: '内科第一党支部',
  branch_id: 2,
  member: null,
  member_id: null,
  meeting_id: null,
  suggestion_id: null,
  obligation: null,
  period: null,
  date: '2026-05-01',
  message: '',
  ...r,
})

describe('reminderLink', () => {
  it('opens the suggestions page at a suggestion past its due date', () => {
    expect(reminderLink(reminder({ kind: 'suggestion_overdue', suggestion_id: 31 }), [], '2026-05-20')).toEqual({
      path: '/suggestions',
      query: { id: '31' },
    })
    expect(suggestionLink(7)).toEqual({ path: '/suggestions', query: { id: '7' } })
  })

  it('links nowhere for an overdue suggestion that names none', () => {
    expect(reminderLink(reminder({ kind: 'suggestion_overdue' }), [], '2026-05-20')).toBeNull()
  })

  it('still opens a member for a member’s item', () => {
    expect(reminderLink(reminder({ kind: 'anniversary', member_id: 11 }), [], '2026-05-20')).toEqual({
      path: '/members',
      query: { member: '11' },
    })
  })
})
