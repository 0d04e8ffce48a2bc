import { DomainError } from '@scim/contracts';
import { ConcurrencyConflict, EventStoreUnavailable } from './errors';

export interface CallerFailureMessages {
  /** A pinned revision (If-Match) no longer matches. */
  readonly preconditionFailed?: string;
  /** Concurrent writers kept winning through every retry. */
  readonly conflict?: string;
}

/**
 * Event store failures a caller can act on, as the shared error codes: a stale pinned revision (412), a
 * conflict that survived the retries (try again), or a store that cannot be reached (503). Everything else
 * is passed on unchanged.
 */
export function asCallerFailure(error: unknown, messages: CallerFailureMessages = {}): unknown {
  if (error instanceof ConcurrencyConflict) {
    return error.pinned
      ? new DomainError('PRECONDITION_FAILED', messages.preconditionFailed ?? 'The resource changed since it was read')
      : new DomainError('CONFLICT', messages.conflict ?? 'Too many concurrent changes; try again');
  }
  if (error instanceof EventStoreUnavailable) return new DomainError('UNAVAILABLE', 'The event store is unavailable; try again');
  return error;
}
