import { ContextHeader, DomainError } from '@scim/contracts';
import type { MsgHdrs } from 'nats';

/** The share of its remaining wait a caller gives the service: the rest is for the reply's way back. */
export const SERVICE_SHARE_OF_TIMEOUT = 0.9;

/** The timeout header a caller sends with a request it will wait `timeoutMs` for. */
export function timeoutHeaderValue(timeoutMs: number): string {
  return String(Math.floor(timeoutMs * SERVICE_SHARE_OF_TIMEOUT));
}

/**
 * When the caller of a NATS request stops waiting: its timeout, counted from when the service read the
 * request (as gRPC's `grpc-timeout`). A duration rather than a time of the caller's clock, so that hosts whose
 * clocks disagree never refuse work they have time for; the time a request waited unread in a busy service's
 * socket is not counted. Work a caller no longer waits for must not start, above all writes: the caller has
 * already told its client 503, and a write landing after that turns the client's retry into a 409 for a
 * user it was told was not created.
 */
/** Monotonic milliseconds: one function for every deadline, not a bound copy per message. */
const monotonicNow = (): number => performance.now();

export class CallDeadline {
  /** A request without a timeout (a script, an older caller): never expires. */
  static readonly none = new CallDeadline(undefined);

  constructor(
    /** On `clock`'s scale. */
    readonly at: number | undefined,
    private readonly clock: () => number = monotonicNow,
  ) {}

  static fromHeaders(headers: MsgHdrs | undefined, clock: () => number = monotonicNow): CallDeadline {
    // nats.js answers '' for a header that is not there.
    const text = headers?.get(ContextHeader.timeoutMs) ?? '';
    return /^\d{1,9}$/.test(text) ? new CallDeadline(clock() + Number(text), clock) : CallDeadline.none;
  }

  /** Once the caller's time is used up (at once for a caller that had none left). */
  get expired(): boolean {
    return this.at !== undefined && this.clock() >= this.at;
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
