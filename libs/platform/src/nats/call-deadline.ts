import { ContextHeader, DomainError } from '@scim/contracts';
import type { MsgHdrs } from 'nats';

/**
 * The share of its remaining wait a caller gives the service: the rest covers the reply's way back and clock
 * skew between hosts, so a service that starts nothing after its deadline never starts what the caller has
 * already answered 503 for.
 */
export const SERVICE_SHARE_OF_TIMEOUT = 0.9;

/** The deadline header a caller sends with a request it will wait `timeoutMs` for. */
export function deadlineHeaderValue(timeoutMs: number, now = Date.now()): string {
  return String(now + Math.floor(timeoutMs * SERVICE_SHARE_OF_TIMEOUT));
}

/**
 * When the caller of a NATS request stops waiting. The deadline is absolute (the caller's clock), not a
 * duration counted from when the message was read: a message that waited in a busy service's socket would
 * otherwise get its whole budget again. Work a caller no longer waits for must not start, above all writes:
 * the caller has already told its client 503, and a write landing after that turns the client's retry into
 * a 409 for a user it was told was not created.
 */
export class CallDeadline {
  /** A request without a deadline (a script, an older caller): never expires. */
  static readonly none = new CallDeadline(undefined);

  constructor(
    readonly at: number | undefined,
    private readonly clock: () => number = Date.now,
  ) {}

  static fromHeaders(headers: MsgHdrs | undefined, clock: () => number = Date.now): CallDeadline {
    const text = headers?.has(ContextHeader.deadline) ? headers.get(ContextHeader.deadline) : '';
    const at = /^\d{1,15}$/.test(text) ? Number(text) : undefined;
    return at === undefined ? CallDeadline.none : new CallDeadline(at, clock);
  }

  get expired(): boolean {
    return this.at !== undefined && this.clock() > this.at;
  }

  /** Call before starting work the caller must not be left unaware of (an append). */
  throwIfExpired(): void {
    if (this.expired) throw new CallerStoppedWaiting();
  }
}

/** UNAVAILABLE, as the caller's own timeout was: it has already answered its client. */
export class CallerStoppedWaiting extends DomainError {
  constructor() {
    super('UNAVAILABLE', 'The caller stopped waiting before this request was handled; nothing was changed');
  }
}
