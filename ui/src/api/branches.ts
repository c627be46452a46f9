// Branches (党支部, 党总支) and their party groups.
import type { Branch } from '@/generated/Branch'
import type { BranchView } from '@/generated/BranchView'
import type { PartyGroup } from '@/generated/PartyGroup'
import { BRANCH_KIND_LABELS } from '@/generated/labels'
import { call } from './call'

// What the UI calls each kind of branch: the generated labels, kept under the
// name pages have always imported from here.
export { BRANCH_KIND_LABELS }

/**
 * Every branch, active first, each with its secretary and the size of its
 * committee on the core's today (`secretary_now`, `committee_now`).
 */
export const listBranches = () => call<BranchView[]>('branch_list')

/** The branch record alone, without a listed branch's figures for today: what create and update take. */
export function branchOf(branch: Branch | BranchView): Branch {
  return {
    id: branch.id,
    name: branch.name,
    kind: branch.kind,
    parent_id: branch.parent_id,
    committee: branch.committee,
    founded_on: branch.founded_on,
    term_ends_on: branch.term_ends_on,
    departments: branch.departments,
    archived: branch.archived,
    note: branch.note,
  }
}

/** Creates a branch (its `id` is ignored; send 0). */
export const createBranch = (branch: Branch) => call<Branch>('branch_create', { branch: { ...branch, id: 0 } })

/** Saves changes to a branch. */
export const updateBranch = (branch: Branch) => call<Branch>('branch_update', { branch })

/** Deletes a branch; refused (code `conflict`) while anything still belongs to it. */
export const deleteBranch = (id: number) => call<null>('branch_delete', { id })

/** The party groups of a branch. */
export const listGroups = (branchId: number) => call<PartyGroup[]>('group_list', { branchId })

/** A branch with nothing filled in but its defaults, for the create form. */
export function blankBranch(): Branch {
  return {
    id: 0,
    name: '',
    kind: 'branch',
    parent_id: null,
    committee: [],
    founded_on: null,
    term_ends_on: null,
    departments: [],
    archived: false,
    note: null,
  }
}
