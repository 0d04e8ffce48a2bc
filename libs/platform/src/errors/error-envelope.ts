import { isDomainError, RpcErrorCode, type RpcErrorEnvelope, type RpcErrorIssue } from '@scim/contracts';

/**
 * An expected failure (a DomainError, or anything shaped like one with a shared code) as the envelope that
 * travels back over NATS; undefined for unexpected failures, which stay internal.
 */
export function asErrorEnvelope(error: unknown): RpcErrorEnvelope | undefined {
  if (isDomainError(error)) return error.toEnvelope();
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { code?: unknown; message?: unknown; issues?: unknown };
  if (!RpcErrorCode.safeParse(candidate.code).success || typeof candidate.message !== 'string') return undefined;
  const issues = Array.isArray(candidate.issues) ? (candidate.issues as RpcErrorIssue[]) : undefined;
  return { code: candidate.code as RpcErrorCode, message: candidate.message, ...(issues?.length ? { issues } : {}) };
}
