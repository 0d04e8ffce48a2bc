import type { RpcErrorCode, RpcErrorEnvelope, RpcErrorIssue } from '@scim/contracts';

/** Why a call to another service failed when the failure is about reaching it rather than its answer. */
export type TransportFailure = 'timeout' | 'no-responders' | 'disconnected';

/** A failed request/reply: either the service's own error envelope, or a transport failure (code UNAVAILABLE). */
export class RpcCallError extends Error {
  override readonly name = 'RpcCallError';
  readonly code: RpcErrorCode;
  readonly issues?: RpcErrorIssue[];
  /** With REPLY_TOO_LARGE: the bytes the reply took and the most one message may take. */
  readonly replyBytes?: number;
  readonly maxReplyBytes?: number;

  constructor(
    readonly subject: string,
    envelope: RpcErrorEnvelope,
    readonly transportFailure?: TransportFailure,
  ) {
    super(envelope.message);
    this.code = envelope.code;
    this.issues = envelope.issues;
    this.replyBytes = envelope.replyBytes;
    this.maxReplyBytes = envelope.maxReplyBytes;
  }
}

/**
 * A request its contract refuses, caught by the caller before anything was sent: VALIDATION_FAILED with one
 * issue per bad field, which is what the service would answer, since it checks the same contract.
 */
export class RequestRefusedError extends RpcCallError {
  constructor(subject: string, issues: RpcErrorIssue[]) {
    super(subject, { code: 'VALIDATION_FAILED', message: `Invalid request on ${subject}`, issues });
  }
}
