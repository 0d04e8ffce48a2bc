import type { EventMetadata, RequestContext } from '@scim/contracts';

/** Where an append expects the stream to be: an exact revision, or one of EventStoreDB's stream states. */
export type ExpectedRevision = bigint | 'no_stream' | 'stream_exists' | 'any';

/** A position in the global log ($all). Only ordering and equality are meaningful. */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** An event a command handler wants to append; the port adds metadata (context, time, hash chain). */
export interface ProposedEvent {
  /** UUID. Derive it deterministically from the command id so a retried command does not duplicate events. */
  readonly id: string;
  /** Versioned type, e.g. `DashboardUserProvisioned.v1`; must be registered with the port's event registry. */
  readonly type: string;
  readonly data: unknown;
}

/** An event as read back from the store, upcast to its current type and validated against its schema. */
export interface RecordedEvent<TData = unknown> {
  readonly id: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: LogPosition;
  readonly type: string;
  readonly data: TData;
  readonly metadata: EventMetadata;
  readonly created: Date;
  /** The stored type and data, present only when an upcaster changed them (the hash chain covers these). */
  readonly original?: { readonly type: string; readonly data: unknown };
}

export interface AppendOptions {
  /**
   * `no_stream` also succeeds on a soft-deleted stream (it is re-created). Only an exact revision or `no_stream`
   * makes a retry with the same event ids a guaranteed no-op, and keeps the hash chain linear under concurrent
   * writers; `any`/`stream_exists` are best effort on both counts.
   */
  readonly expectedRevision: ExpectedRevision;
  readonly context: RequestContext;
  /**
   * Hash of the stream's event at `expectedRevision` (see hash-chain.ts), when the caller has just read it.
   * Without it the port reads that event itself (one backwards read of one event).
   */
  readonly prevHash?: string;
}

export interface AppendResult {
  /** Revision of the last event now in the stream (the one appended, or the original on an idempotent retry). */
  readonly nextExpectedRevision: bigint;
  /** Log position of the last appended event: what a query waits for to read its own write. */
  readonly position: LogPosition;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly fromRevision?: bigint | 'start' | 'end';
  readonly direction?: Direction;
  readonly maxCount?: number;
}

export type AllFilter =
  | { readonly kind: 'eventType'; readonly prefixes: readonly string[] }
  | { readonly kind: 'streamName'; readonly prefixes: readonly string[] };

/** Reads of `$all` and subscriptions never return system events (types starting with `$`). */
export interface ReadAllOptions {
  /** Forwards: from this position inclusive. Backwards: strictly before it. */
  readonly fromPosition?: LogPosition | 'start' | 'end';
  readonly direction?: Direction;
  readonly maxCount?: number;
  readonly filter?: AllFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive: delivery starts after this position. */
  readonly fromPosition?: LogPosition | 'start' | 'end';
  readonly filter?: AllFilter;
}

/**
 * Callbacks of a catch-up subscription. Each is awaited before the next message is handled. A handler that
 * throws (or an event that fails validation) stops the subscription, reported through onError.
 */
export interface SubscriptionHandlers {
  readonly onEvent: (event: RecordedEvent) => Promise<void> | void;
  /** The subscription has reached this position (also while nothing matches the filter). */
  readonly onCheckpoint?: (position: LogPosition) => Promise<void> | void;
  /** The subscription has delivered everything written before it started (again after a resubscription). */
  readonly onCaughtUp?: () => Promise<void> | void;
  /**
   * A connection problem (`willResubscribe` true: the subscription resubscribes from its last position by
   * itself, with backoff), or a handler error (false: the subscription has stopped).
   */
  readonly onError?: (error: unknown, willResubscribe: boolean) => void;
}

export interface Subscription {
  /** Stops delivery; resolves once no handler is running. */
  close(): Promise<void>;
}

/**
 * The only way services reach the event log. Errors are the typed ones of errors.ts: WrongExpectedVersion,
 * StreamNotFound, StreamDeleted, EventStoreUnavailable, InvalidEventPayload, UnknownEventType.
 */
export interface EventStorePort {
  /** Appends at least one event atomically; every payload is validated before anything is written. */
  append(stream: string, events: readonly ProposedEvent[], options: AppendOptions): Promise<AppendResult>;
  /** Throws StreamNotFound for a stream that has no events or was soft-deleted. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription;
  /**
   * Soft delete: the stream reads as not found; a later append re-creates it, continuing the numbering.
   * Deleting a stream that never had events is a WrongExpectedVersion, as on EventStoreDB. `stream_exists` is
   * not offered because @eventstore/db-client 6.2.1 cannot send it for deletes.
   */
  deleteStream(stream: string, options?: { expectedRevision?: Exclude<ExpectedRevision, 'stream_exists'> }): Promise<void>;
  close(): Promise<void>;
}
