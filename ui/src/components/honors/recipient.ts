// Whom an honor was awarded to. The record names at most one of a branch, a
// member or a brand; with none it is the committee's (院党委). The form picks
// the kind first, then the one recipient of that kind, and `withRecipient`
// keeps exactly that one id on the record.
import type { Brand } from '@/generated/Brand'
import type { Honor } from '@/generated/Honor'
import type { Member } from '@/generated/Member'

/** The kinds of recipient, as the form's radio offers them. */
export type RecipientKind = 'committee' | 'branch' | 'member' | 'brand'

/** The radio's labels, in its order. */
export const RECIPIENT_KINDS: readonly [RecipientKind, string][] = [
  ['committee', '院党委'],
  ['branch', '支部'],
  ['member', '党员'],
  ['brand', '品牌'],
]

/** The kind of recipient an honor names. */
export function recipientKind(honor: Pick<Honor, 'branch_id' | 'member_id' | 'brand_id'>): RecipientKind {
  if (honor.branch_id !== null) return 'branch'
  if (honor.member_id !== null) return 'member'
  if (honor.brand_id !== null) return 'brand'
  return 'committee'
}

/** The recipient's id, for a kind other than the committee. */
export function recipientId(honor: Pick<Honor, 'branch_id' | 'member_id' | 'brand_id'>): number | null {
  return honor.branch_id ?? honor.member_id ?? honor.brand_id ?? null
}

/** `honor` awarded to one recipient: `id` of `kind`, every other recipient cleared. */
export function withRecipient(honor: Honor, kind: RecipientKind, id: number | null): Honor {
  return {
    ...honor,
    branch_id: kind === 'branch' ? id : null,
    member_id: kind === 'member' ? id : null,
    brand_id: kind === 'brand' ? id : null,
  }
}

/** What the page knows to name and place recipients. */
export interface RecipientNames {
  branchName: (id: number) => string
  members: ReadonlyMap<number, Member>
  brands: ReadonlyMap<number, Brand>
}

/** The recipient as the list shows it: a branch's, member's or brand's name, or 院党委. */
export function recipientName(honor: Honor, names: RecipientNames): string {
  if (honor.branch_id !== null) return names.branchName(honor.branch_id)
  if (honor.member_id !== null) return names.members.get(honor.member_id)?.name ?? `（党员编号 ${honor.member_id}）`
  if (honor.brand_id !== null) return names.brands.get(honor.brand_id)?.name ?? `（品牌编号 ${honor.brand_id}）`
  return '院党委'
}
