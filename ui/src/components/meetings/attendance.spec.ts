import { describe, expect, it } from 'vitest'
import type { Member } from '@/generated/Member'
import { blankMember } from '@/api/members'
import {
  type AttendanceDraft,
  countAttendance,
  draftsForRoll,
  draftsFromAttendance,
  toAttendance,
  unmarkedNames,
} from './attendance'

const member = (id: number, name: string): Member => ({
  ...blankMember(1),
  probation_extension_months: null,
  id,
  name,
})
const draft = (fields: Partial<AttendanceDraft> & Pick<AttendanceDraft, 'name'>): AttendanceDraft => ({
  member_id: null,
  present: null,
  reason: '',
  picked: false,
  ...fields,
})

describe('attendance drafts', () => {
  it('starts a fresh roll unmarked and keeps the marks of people already marked', () => {
    const previous = [
      draft({ member_id: 1, name: '王芳', present: true }),
      draft({ member_id: 2, name: '李明', present: false, reason: '病假' }),
      draft({ member_id: 9, name: '外支部的人', present: true }),
    ]
    const rows = draftsForRoll([member(1, '王芳'), member(2, '李明'), member(3, '赵刚')], previous, true)
    expect(rows.map((r) => [r.name, r.present, r.reason])).toEqual([
      ['王芳', true, ''],
      ['李明', false, '病假'],
      ['赵刚', null, ''],
    ])
    expect(unmarkedNames(rows)).toEqual(['赵刚'])
  })

  it('keeps hand-picked participants only while the branch is the same', () => {
    const previous = [draft({ member_id: 5, name: '陈静', present: true, picked: true })]
    expect(draftsForRoll([], previous, true).map((r) => r.name)).toEqual(['陈静'])
    expect(draftsForRoll([], previous, false)).toEqual([])
  })

  it('sends everyone away as absent, with the reason if typed, and never a reason for someone present', () => {
    const rows = [
      draft({ member_id: 1, name: '王芳', present: true, reason: '误填' }),
      draft({ member_id: 2, name: '李明', present: false, reason: ' 外出进修 ' }),
      draft({ member_id: 3, name: '赵刚', present: false, reason: '  ' }),
    ]
    // 请假 (excused) is the core's word for absent with a reason (Meeting::tidy); the form does not decide it.
    expect(toAttendance(rows)).toEqual([
      { member_id: 1, name: '王芳', status: 'present', reason: null },
      { member_id: 2, name: '李明', status: 'absent', reason: '外出进修' },
      { member_id: 3, name: '赵刚', status: 'absent', reason: null },
    ])
    expect(countAttendance([...rows, draft({ name: '未标记' })]), '应到, 实到, 未到 and the unmarked').toEqual({
      expected: 4,
      present: 1,
      away: 2,
      unmarked: 1,
    })
  })

  it('reads a stored 请假 and a stored 缺席 alike: not present, with their reason', () => {
    const rows = draftsFromAttendance(
      [
        { member_id: 1, name: '王芳', status: 'present', reason: null },
        { member_id: 2, name: '李明', status: 'excused', reason: '病假' },
        { member_id: 3, name: '赵刚', status: 'absent', reason: null },
      ],
      false,
    )
    expect(rows.map((r) => [r.name, r.present, r.reason])).toEqual([
      ['王芳', true, ''],
      ['李明', false, '病假'],
      ['赵刚', false, ''],
    ])
    expect(toAttendance(rows).map((a) => a.status), 'sent back, both are absent; the core sorts them again').toEqual([
      'present',
      'absent',
      'absent',
    ])
  })
})
