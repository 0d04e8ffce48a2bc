import type { RpcErrorCode } from '@scim/contracts';

/** HTTP status of each shared error code; the admin API and the SCIM API both use it. */
export const HTTP_STATUS_OF: Record<RpcErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_VALUE: 400,
  MUTABILITY: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNIQUENESS: 409,
  SETTINGS_INCOMPLETE: 409,
  PRECONDITION_FAILED: 412,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  // Callers ask for less when a reply is too large (pages, batches); one that still is, is a fault of ours.
  REPLY_TOO_LARGE: 500,
  // A body within BODY_LIMIT_BYTES that is still too large for one NATS message with its envelope.
  REQUEST_TOO_LARGE: 413,
};

/** Seconds a client should wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 5;
