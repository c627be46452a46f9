import { describe, expect, it } from 'vitest'
import { isOverdue } from './overdue'

const TODAY = '2026-05-20'

describe('isOverdue', () => {
  it('is overdue when open and due before today', () => {
    expect(isOverdue({ status: '待办理', due_on: '2026-05-19' }, TODAY)).toBe(true)
    expect(isOverdue({ status: '办理中', due_on: '2025-12-31' }, TODAY)).toBe(true)
  })

  it('is not overdue on its due day, after it, or without a due date', () => {
    expect(isOverdue({ status: '待办理', due_on: TODAY }, TODAY)).toBe(false)
    expect(isOverdue({ status: '待办理', due_on: '2026-06-01' }, TODAY)).toBe(false)
    expect(isOverdue({ status: '待办理', due_on: null }, TODAY)).toBe(false)
  })

  it('is never overdue once closed', () => {
    expect(isOverdue({ status: '已办结', due_on: '2026-01-01' }, TODAY)).toBe(false)
  })

  it('is not overdue while today is unknown', () => {
    expect(isOverdue({ status: '待办理', due_on: '2026-01-01' }, '')).toBe(false)
  })
})
