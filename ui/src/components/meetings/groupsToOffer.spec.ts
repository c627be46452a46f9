import { describe, expect, it } from 'vitest'
import type { PartyGroup } from '@/generated/PartyGroup'
import { groupsToOffer } from './groupsToOffer'

const group = (id: number, founded_on: string | null, dissolved_on: string | null): PartyGroup => ({
  id,
  branch_id: 1,
  name: `第${id}党小组`,
  leader: null,
  founded_on,
  dissolved_on,
})

describe('the party groups the meeting form offers (a display filter)', () => {
  it.each([
    [null, null, '2026-05-01', true],
    ['2026-05', null, '2026-05-01', true],
    ['2026-05-10', null, '2026-05-09', false],
    [null, '2026-05', '2026-05-31', true],
    [null, '2026-05-10', '2026-05-11', false],
    ['2020', '2024', '2024-12-31', true],
    ['2020', '2024', '2025-01-01', false],
    [null, '2024', '', false],
  ])('founded %s, dissolved %s: offered on %s = %s', (founded, dissolved, day, offered) => {
    expect(groupsToOffer([group(1, founded, dissolved)], day, null)).toHaveLength(offered ? 1 : 0)
  })

  it('keeps the group already chosen even when it did not exist that day', () => {
    const groups = [group(1, null, '2024'), group(2, null, null)]
    expect(groupsToOffer(groups, '2026-05-01', 1).map((g) => g.id)).toEqual([1, 2])
    expect(groupsToOffer(groups, '2026-05-01', null).map((g) => g.id)).toEqual([2])
  })
})
