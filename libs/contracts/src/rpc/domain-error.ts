import type { RpcErrorCode, RpcErrorEnvelope, RpcErrorIssue } from './rpc-error';

/**
 * An expected failure raised by pure domain code (deciders, validators): a shared error code, a message
 * safe to show to the caller, and issues naming the bad field or entry. Carries no Nest or transport types,
 * so deciders stay pure; services turn it into an RpcErrorEnvelope with {@link toEnvelope}.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: RpcErrorCode,
    message: string,
    readonly issues: readonly RpcErrorIssue[] = [],
  ) {
    super(message);
  }

  toEnvelope(): RpcErrorEnvelope {
    return { code: this.code, message: this.message, ...(this.issues.length > 0 ? { issues: [...this.issues] } : {}) };
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
