import { z } from 'zod';

/** Error codes shared by every service; the gateway maps them onto SCIM and problem+json errors. */
export const RpcErrorCode = z.enum([
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'UNIQUENESS',
  'PRECONDITION_FAILED',
  'MUTABILITY',
  'INVALID_VALUE',
  'SETTINGS_INCOMPLETE',
  'UNAUTHORIZED',
  'UNAVAILABLE',
  'INTERNAL',
  /** The reply was larger than the message bus takes in one message (NATS max_payload): ask for less. */
  'REPLY_TOO_LARGE',
  /** The request itself was larger than one message may be: nothing was sent. */
  'REQUEST_TOO_LARGE',
]);
export type RpcErrorCode = z.infer<typeof RpcErrorCode>;

export const RpcErrorIssue = z.object({
  path: z.string(),
  message: z.string(),
});
export type RpcErrorIssue = z.infer<typeof RpcErrorIssue>;

/** The body of every RpcException a service throws, and of every error a client receives. */
export const RpcErrorEnvelope = z.object({
  code: RpcErrorCode,
  message: z.string(),
  issues: z.array(RpcErrorIssue).optional(),
  /** With REPLY_TOO_LARGE: the bytes the reply took and the most one message may take. */
  replyBytes: z.number().int().nonnegative().optional(),
  maxReplyBytes: z.number().int().positive().optional(),
});
export type RpcErrorEnvelope = z.infer<typeof RpcErrorEnvelope>;

/**
 * What zod found wrong, one issue each, with paths written as the services write their own issues
 * (`emails[3].value`): clients such as the settings page read the index of a list entry from the brackets.
 */
export function issuesOf(error: z.ZodError): RpcErrorIssue[] {
  return error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
}

export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}
