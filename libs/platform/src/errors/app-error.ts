import { RpcErrorCode, type RpcErrorEnvelope, type RpcErrorIssue } from '@scim/contracts';

/** An expected failure with a code every service and the gateway understand. */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: RpcErrorCode,
    message: string,
    readonly issues?: RpcErrorIssue[],
  ) {
    super(message);
  }

  toEnvelope(): RpcErrorEnvelope {
    return { code: this.code, message: this.message, ...(this.issues?.length ? { issues: this.issues } : {}) };
  }
}

/** Domain errors from deciders carry a code and a message; anything shaped so is an expected failure. */
export function asErrorEnvelope(error: unknown): RpcErrorEnvelope | undefined {
  if (error instanceof AppError) return error.toEnvelope();
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { code?: unknown; message?: unknown; issues?: unknown };
  if (!RpcErrorCode.safeParse(candidate.code).success || typeof candidate.message !== 'string') return undefined;
  const issues = Array.isArray(candidate.issues) ? (candidate.issues as RpcErrorIssue[]) : undefined;
  return { code: candidate.code as RpcErrorCode, message: candidate.message, ...(issues?.length ? { issues } : {}) };
}
