// Party members.
import type { Category } from '@/generated/Category'
import type { Member } from '@/generated/Member'
import type { MemberDetail } from '@/generated/MemberDetail'
import type { MemberFilter } from '@/generated/MemberFilter'
import type { MemberStatus } from '@/generated/MemberStatus'
import type { PersonalNumbers } from '@/generated/PersonalNumbers'
import type { Gender } from '@/generated/Gender'
import { CATEGORY_LABELS, GENDER_LABELS, MEMBER_STATUS_LABELS } from '@/generated/labels'
import { call } from './call'

/** 性别, in the order forms offer them (from the Rust enum). */
export const GENDERS = Object.keys(GENDER_LABELS) as Gender[]

/** 人员类别, in the order forms offer them (from the Rust enum). */
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as Category[]

/** 党籍状态, in the order forms offer them (from the Rust enum). */
export const MEMBER_STATUSES = Object.keys(MEMBER_STATUS_LABELS) as MemberStatus[]

/** Members matching `filter`; ID and phone numbers come back masked. */
export const listMembers = (filter: MemberFilter) => call<Member[]>('member_list', { filter })

/** One member, ID and phone masked, with their history. */
export const getMember = (id: number) => call<MemberDetail>('member_get', { id })

/** One member's full ID and phone numbers (显示); the core writes the reveal to the audit log. */
export const revealMember = (id: number) => call<PersonalNumbers>('member_reveal', { id })

/** Creates a member (its `id` is ignored; send 0). */
export const createMember = (member: Member) => call<Member>('member_create', { member: { ...member, id: 0 } })

/**
 * Saves changes to a member. An ID or phone number sent back exactly as it
 * was shown masked keeps the stored one. A change of status, branch or group saved this way is dated today; changes
 * that happened earlier go through the dated calls below.
 */
export const updateMember = (member: Member) => call<Member>('member_update', { member })

/**
 * Changes a member's 党籍状态 as of `date` (YYYY-MM-DD or YYYY-MM): 转出 when
 * they leave the hospital, 去世, 停止党籍, or back to 在册. Returns the member
 * in full with the change in their history.
 */
export const changeMemberStatus = (id: number, status: MemberStatus, date: string, note: string | null) =>
  call<MemberDetail>('member_change_status', { id, status, date, note })

/** Moves a member to another party group of their branch, or (`null`) out of any, as of `date`. */
export const changeMemberGroup = (id: number, groupId: number | null, date: string) =>
  call<MemberDetail>('member_change_group', { id, groupId, date })

/** Transfers a member to another branch of the hospital as of `date` (组织关系转接). */
export const transferMember = (id: number, toBranchId: number, date: string, note: string | null) =>
  call<MemberDetail>('member_transfer', { id, toBranchId, date, note })

/** Deletes a member; refused (code `conflict`) when records mention them. */
export const deleteMember = (id: number) => call<null>('member_delete', { id })

/** A new full member on the rolls, for the create form. */
export function blankMember(branchId: number | null): Member {
  return {
    id: 0,
    name: '',
    gender: null,
    ethnicity: null,
    id_number: null,
    staff_no: null,
    birth_date: null,
    education: null,
    degree: null,
    category: '正式党员',
    // 0 is no branch: the form's rule asks for one before anything is sent.
    branch_id: branchId ?? 0,
    group_id: null,
    joined_on: null,
    full_member_on: null,
    probation_extension_months: null,
    post: null,
    department: null,
    duty: null,
    professional_title: null,
    phone: null,
    address: null,
    status: '在册',
    lost_contact: false,
    floating: false,
    note: null,
    extra: {},
  }
}
