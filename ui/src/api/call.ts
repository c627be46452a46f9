// The one door to the Rust side: every command goes through `call`, so every
// failure reaches the UI in the same `{code, message}` shape.
import { invoke, type InvokeArgs } from '@tauri-apps/api/core'
import type { ApiError } from '@/generated/ApiError'
import type { ErrorCode } from '@/generated/ErrorCode'
import { ERROR_CODES } from '@/generated/labels'

/** True when `value` already has the shape the commands reject with. */
export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false
  const { code, message } = value as Record<string, unknown>
  return typeof message === 'string' && ERROR_CODES.includes(code as ErrorCode)
}

/**
 * Turns whatever a rejected call produced into an `ApiError`. Commands reject
 * with `{code, message}`; anything else (a missing command, a JS exception, a
 * plain string from Tauri itself) is an internal error whose text is kept so it
 * can still be reported.
 */
export function toApiError(reason: unknown): ApiError {
  if (isApiError(reason)) return reason
  const detail =
    typeof reason === 'string' ? reason : reason instanceof Error ? reason.message : JSON.stringify(reason) ?? ''
  return { code: 'internal', message: detail ? `程序内部错误：${detail}` : '程序内部错误，请重试' }
}

/** Invokes a command; a rejection is always an `ApiError`. */
export async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args)
  } catch (reason) {
    throw toApiError(reason)
  }
}
