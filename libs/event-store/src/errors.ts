import type { z } from 'zod';
import type { ExpectedRevision } from './port';

/** The revision a stream actually had when an expectation failed; `no_stream` when it has no (visible) events. */
export type ActualRevision = bigint | 'no_stream';

/** Base class, so callers can tell event store failures from everything else with one `instanceof`. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;

  protected constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class WrongExpectedVersion extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_VERSION';

  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
    options?: { cause?: unknown },
  ) {
    super(`Stream '${stream}': expected revision ${String(expected)}, actual ${String(actual)}`, options);
  }
}

/** The stream has no events, or was soft-deleted. */
export class StreamNotFound extends EventStoreError {
  readonly code = 'STREAM_NOT_FOUND';

  constructor(readonly stream: string, options?: { cause?: unknown }) {
    super(`Stream '${stream}' not found`, options);
  }
}

/** The stream was tombstoned (hard-deleted): it can never be read or written again. */
export class StreamDeleted extends EventStoreError {
  readonly code = 'STREAM_DELETED';

  constructor(readonly stream: string, options?: { cause?: unknown }) {
    super(`Stream '${stream}' is deleted`, options);
  }
}

/** The event store could not be reached (or went away during the call). Safe to retry later. */
export class EventStoreUnavailable extends EventStoreError {
  readonly code = 'EVENT_STORE_UNAVAILABLE';

  constructor(message = 'Event store unavailable', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Data (or metadata) that does not match the registered schema of its event type. */
export class InvalidEventPayload extends EventStoreError {
  readonly code = 'INVALID_EVENT_PAYLOAD';

  constructor(
    readonly type: string,
    readonly issues: readonly z.core.$ZodIssue[],
    readonly part: 'data' | 'metadata' = 'data',
  ) {
    super(`Invalid ${part} for event type '${type}': ${describeIssues(issues)}`);
  }
}

/** An event type that is neither registered nor upcastable to a registered one. */
export class UnknownEventType extends EventStoreError {
  readonly code = 'UNKNOWN_EVENT_TYPE';

  constructor(readonly type: string) {
    super(`Unknown event type '${type}'`);
  }
}

/**
 * A command could not be applied because the stream moved on: either the caller pinned a revision (If-Match)
 * that is no longer current, or the retries ran out while other writers kept winning.
 */
export class ConcurrencyConflict extends EventStoreError {
  readonly code = 'CONCURRENCY_CONFLICT';

  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
    /** True when the caller pinned the expected revision (maps to 412), false when retries ran out (409). */
    readonly pinned: boolean,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Concurrency conflict on '${stream}' after ${attempts} attempt(s): expected ${String(expected)}, actual ${String(actual)}`,
      options,
    );
  }
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
