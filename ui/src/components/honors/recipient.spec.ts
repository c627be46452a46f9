import { describe, expect, it } from 'vitest'
import type { Brand } from '@/generated/Brand'
import type { Honor } from '@/generated/Honor'
import type { Member } from '@/generated/Member'
import { blankBrand } from '@/api/brandWork'
import { blankMember } from '@/api/members'
import { recipientKind, recipientName, withRecipient } from './recipient'

const honor = (fields: Partial<Honor>): Honor => ({
  id: 1,
  title: '先进基层党组织',
  level: '市级',
  awarded_on: '2026-03',
  issuer: null,
  branch_id: null,
  member_id: null,
  brand_id: null,
  note: null,
  ...fields,
})

const members = new Map<number, Member>([[11, { ...blankMember(3), id: 11, name: '王芳' }]])
const brands = new Map<number, Brand>([[5, { ...blankBrand(4), id: 5, name: '精准百分百' }]])
const names = { branchName: (id: number) => `支部${id}`, members, brands }

describe('honor recipients', () => {
  it('keeps exactly one recipient when one is chosen', () => {
    const start = honor({ branch_id: 2 })
    expect(withRecipient(start, 'member', 11)).toMatchObject({ branch_id: null, member_id: 11, brand_id: null })
    expect(withRecipient(start, 'brand', 5)).toMatchObject({ branch_id: null, member_id: null, brand_id: 5 })
    expect(withRecipient(start, 'committee', 2)).toMatchObject({ branch_id: null, member_id: null, brand_id: null })
  })

  it('names the recipient, the committee when none', () => {
    expect(recipientName(honor({}), names)).toBe('院党委')
    expect(recipientName(honor({ branch_id: 2 }), names)).toBe('支部2')
    expect(recipientName(honor({ member_id: 11 }), names)).toBe('王芳')
    expect(recipientName(honor({ brand_id: 5 }), names)).toBe('精准百分百')
    expect(recipientKind(honor({ brand_id: 5 }))).toBe('brand')
  })
})
