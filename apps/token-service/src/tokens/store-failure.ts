import { DomainError } from '@scim/contracts';
import { ConcurrencyConflict, EventStoreUnavailable } from '@scim/event-store';

/**
 * Event store failures a caller can act on, as the shared error codes: a conflict that survived the retries
 * (try again), or a store that cannot be reached (503). Everything else is passed on unchanged.
 */
export function asCallerFailure(error: unknown): unknown {
  if (error instanceof ConcurrencyConflict) {
    return new DomainError(
      error.pinned ? 'PRECONDITION_FAILED' : 'CONFLICT',
      error.pinned ? 'The resource changed since it was read' : 'Too many concurrent changes; try again',
    );
  }
  if (error instanceof EventStoreUnavailable) return new DomainError('UNAVAILABLE', 'The event store is unavailable; try again');
  return error;
}
