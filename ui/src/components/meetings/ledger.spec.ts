import { describe, expect, it } from 'vitest'
import { blankMeeting } from '@/api/meetings'
import { countsFor, matchesSearch } from './ledger'

describe('the ledger’s filters', () => {
  const meeting = {
    ...blankMeeting(1, '2026-03-10'),
    kind: 'general_meeting' as const,
    also_counts: ['org_life_meeting' as const],
    topic: '学习全会精神',
    place: '门诊楼会议室',
    chair: '张伟',
  }

  it('counts a meeting for its own kind and for the kinds it also counts as (兼)', () => {
    expect(countsFor(meeting, 'general_meeting')).toBe(true)
    expect(countsFor(meeting, 'org_life_meeting')).toBe(true)
    expect(countsFor(meeting, 'party_lesson')).toBe(false)
  })

  it('searches topic, place and chair; blank matches all', () => {
    expect(['全会', '门诊', '张伟', '  ', '外科'].map((t) => matchesSearch(meeting, t))).toEqual([
      true,
      true,
      true,
      true,
      false,
    ])
  })
})
