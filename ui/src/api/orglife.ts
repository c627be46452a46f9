// Organisational life (组织生活) as the rules judge it: the compliance grid
// and the obligations (rules) themselves (the to-do list is the overview's). The app's today,
// which they are judged as of, is `appToday` in ./app.
import type { Compliance } from '@/generated/Compliance'
import type { Obligation } from '@/generated/Obligation'
import { call } from './call'

/** Every branch's standing on every active obligation in `year`, judged as of `asOf` (YYYY-MM-DD). */
export const complianceGrid = (year: number, asOf: string) => call<Compliance>('compliance_grid', { year, asOf })

/** Every obligation, active or not, in the order the rules list them. */
export const listObligations = () => call<Obligation[]>('obligation_list')

/** Saves changes to an obligation; returns it as stored. */
export const updateObligation = (obligation: Obligation) => call<Obligation>('obligation_update', { obligation })

/** Adds a local obligation (its `id` is ignored; send 0). */
export const createObligation = (obligation: Obligation) =>
  call<Obligation>('obligation_create', { obligation: { ...obligation, id: 0 } })

/** A new active monthly rule binding every 党支部, for the create form. */
export function blankObligation(): Obligation {
  return {
    id: 0,
    code: '',
    name: '',
    kind: 'theme_day',
    frequency: 'month',
    per_period: 1,
    scope: 'branch',
    binds_branch: true,
    binds_general_branch: false,
    active: true,
  }
}

/** What an obligation code may be made of (the core checks it again). */
export const OBLIGATION_CODE = /^[a-z0-9_]+$/
