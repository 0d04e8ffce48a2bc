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

/** An event as read back from the store, with its data validated against its registered schema. */
export interface RecordedEvent<TData = unknown> {
  readonly id: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: LogPosition;
  readonly type: string;
  readonly data: TData;
  readonly metadata: EventMetadata;
  readonly created: Date;
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
  readonly context: RequestContext;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextExpectedRevision: bigint;
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

export interface ReadAllOptions {
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

/** Callbacks of a catch-up subscription. Each is awaited before the next message is handled. */
export interface SubscriptionHandlers {
  readonly onEvent: (event: RecordedEvent) => Promise<void> | void;
  /** The subscription has reached this position (also while nothing matches the filter). */
  readonly onCheckpoint?: (position: LogPosition) => Promise<void> | void;
  readonly onCaughtUp?: () => Promise<void> | void;
  /** A connection problem; the subscription resubscribes from its last position by itself. */
  readonly onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Stops delivery; resolves once no handler is running. */
  close(): Promise<void>;
}

/** The only way services reach the event log. */
export interface EventStorePort {
  append(stream: string, events: readonly ProposedEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription;
  /** Soft delete: the stream reads as not found; a later append re-creates it, continuing the numbering. */
  deleteStream(stream: string, options?: { expectedRevision?: ExpectedRevision }): Promise<void>;
  close(): Promise<void>;
}
