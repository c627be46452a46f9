// Brand work (一支部一品牌): brands and their pages, activities and their
// kinds, volunteer records, partners and pairings, honors, suggestions, and
// the attachments (logos, photos, certificate scans) of these records. Every
// total comes from the core's counting rules (rules/counting.rs); nothing
// here adds anything up.
import type { Activity } from '@/generated/Activity'
import type { Attachment } from '@/generated/Attachment'
import type { AttachmentOwner } from '@/generated/AttachmentOwner'
import type { Brand } from '@/generated/Brand'
import type { BrandStory } from '@/generated/BrandStory'
import type { Honor } from '@/generated/Honor'
import type { HonorView } from '@/generated/HonorView'
import type { Pairing } from '@/generated/Pairing'
import type { PairingView } from '@/generated/PairingView'
import type { Participant } from '@/generated/Participant'
import type { ParticipantKind } from '@/generated/ParticipantKind'
import type { Partner } from '@/generated/Partner'
import type { PersonService } from '@/generated/PersonService'
import type { Suggestion } from '@/generated/Suggestion'
import type { TargetProgress } from '@/generated/TargetProgress'
import { call } from './call'

// ---- activity kinds (设置); each call returns the new list ----

export const listActivityKinds = () => call<string[]>('activity_kind_list')
export const addActivityKind = (name: string) => call<string[]>('activity_kind_add', { name })
export const renameActivityKind = (from: string, to: string) => call<string[]>('activity_kind_rename', { from, to })
/** Refused (code `invalid`) while activities or targets use the kind. */
export const removeActivityKind = (name: string) => call<string[]>('activity_kind_remove', { name })
export const reorderActivityKinds = (order: string[]) => call<string[]>('activity_kind_reorder', { order })

// ---- brands ----

export const listBrands = () => call<Brand[]>('brand_list')
/** A brand's page for `year`: story, figures, target progress, activities, pairings, honors. */
export const brandStory = (id: number, year: number) => call<BrandStory>('brand_story', { id, year })
export const createBrand = (brand: Brand) => call<Brand>('brand_create', { brand: { ...brand, id: 0 } })
export const updateBrand = (brand: Brand) => call<Brand>('brand_update', { brand })
/** Refused (code `invalid`) while the brand has activities. */
export const deleteBrand = (id: number) => call<null>('brand_delete', { id })
/** Progress on every brand's targets for `year`. */
export const targetProgress = (year: number) => call<TargetProgress[]>('target_progress', { year })

/** A new brand of `branchId`, for the create form. */
export function blankBrand(branchId: number): Brand {
  return {
    id: 0,
    branch_id: branchId,
    name: '',
    slogan: null,
    meaning: null,
    methods: null,
    goal: null,
    started_on: null,
    versions: [],
    targets: [],
  }
}

// ---- activities ----

/** The activities of `year` (all years when `null`), of one organising branch or all, by date. */
export const listActivities = (year: number | null, branchId: number | null) =>
  call<Activity[]>('activity_list', { year, branchId })
export const getActivity = (id: number) => call<Activity>('activity_get', { id })
export const createActivity = (activity: Activity) =>
  call<Activity>('activity_create', { activity: { ...activity, id: 0 } })
export const updateActivity = (activity: Activity) => call<Activity>('activity_update', { activity })
export const deleteActivity = (id: number) => call<null>('activity_delete', { id })

/**
 * Who a typed name is. Without `kind`, the name must belong to exactly one
 * member; a name that matches no member rejects with code `not_found` (the
 * form then asks whether the person is an outside volunteer and calls again
 * with the kind chosen); several members of that name reject with `invalid`,
 * naming each.
 */
export const resolveParticipant = (name: string, kind: ParticipantKind | null, hours: number) =>
  call<Participant>('participant_resolve', { name, kind, hours })

/** Each person's service in `year` (all years when `null`), most hours first. */
export const volunteerPeople = (year: number | null) => call<PersonService[]>('volunteer_people', { year })

/** A new activity led by `branchId` on `date`, for the create form. */
export function blankActivity(branchId: number, date: string, kind: string): Activity {
  return {
    id: 0,
    title: '',
    kind,
    date,
    end_date: null,
    place: null,
    branch_id: branchId,
    co_branch_ids: [],
    brand_id: null,
    partner_id: null,
    people_served: 0,
    description: null,
    participants: [],
  }
}

// ---- partners and pairings ----

export const listPartners = () => call<Partner[]>('partner_list')
export const createPartner = (partner: Partner) => call<Partner>('partner_create', { partner: { ...partner, id: 0 } })
export const updatePartner = (partner: Partner) => call<Partner>('partner_update', { partner })
/** Refused (code `invalid`) while pairings or activities name the partner. */
export const deletePartner = (id: number) => call<null>('partner_delete', { id })
/** The pairings of one branch, or (`null`) all, with names and joint activities. */
export const listPairings = (branchId: number | null) => call<PairingView[]>('pairing_list', { branchId })
export const createPairing = (pairing: Pairing) => call<Pairing>('pairing_create', { pairing: { ...pairing, id: 0 } })
export const updatePairing = (pairing: Pairing) => call<Pairing>('pairing_update', { pairing })
export const deletePairing = (id: number) => call<null>('pairing_delete', { id })

// ---- honors ----

/** Every honor, by date, with the branch it counts for (the core's rule: the member's branch on the day). */
export const listHonors = () => call<HonorView[]>('honor_list')
export const createHonor = (honor: Honor) => call<Honor>('honor_create', { honor: { ...honor, id: 0 } })
export const updateHonor = (honor: Honor) => call<Honor>('honor_update', { honor })
export const deleteHonor = (id: number) => call<null>('honor_delete', { id })

// ---- suggestions ----

export const listSuggestions = () => call<Suggestion[]>('suggestion_list')
export const createSuggestion = (suggestion: Suggestion) =>
  call<Suggestion>('suggestion_create', { suggestion: { ...suggestion, id: 0 } })
export const updateSuggestion = (suggestion: Suggestion) => call<Suggestion>('suggestion_update', { suggestion })
export const deleteSuggestion = (id: number) => call<null>('suggestion_delete', { id })

// ---- attachments ----

export const listAttachments = (owner: AttachmentOwner, id: number) =>
  call<Attachment[]>('attachment_list', { owner, id })
/** Copies the file at `file` (an absolute path) into the store and links it to the record. */
export const addAttachment = (owner: AttachmentOwner, id: number, file: string) =>
  call<Attachment>('attachment_add', { owner, id, file })
/** The attachment's bytes (for an image's object URL). */
export const attachmentContent = (id: number) => call<ArrayBuffer>('attachment_content', { id })
export const removeAttachment = (id: number) => call<null>('attachment_remove', { id })
