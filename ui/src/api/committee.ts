// The hospital Party committee's names.
import type { Committee } from '@/generated/Committee'
import { call } from './call'

/** The committee's names. */
export const getCommittee = () => call<Committee>('committee_get')

/** Saves the committee's names; returns them as stored (trimmed). */
export const setCommittee = (committee: Committee) => call<Committee>('committee_set', { committee })
