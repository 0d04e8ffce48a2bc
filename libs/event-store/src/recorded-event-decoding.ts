import { EventMetadata } from '@scim/contracts';
import { InvalidEventPayload } from './errors';
import type { EventRegistry } from './event-registry';
import type { LogPosition, RecordedEvent } from './port';

/** An event as the store holds it: JSON data and metadata, not yet checked. */
export interface StoredEvent {
  readonly id: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: LogPosition;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly created: Date;
}

/** Upcasts and validates a stored event. Data and metadata stay as stored, so their hash can be checked. */
export function decodeStoredEvent(registry: EventRegistry, stored: StoredEvent): RecordedEvent {
  const decoded = registry.decode(stored.type, stored.data);
  const metadata = EventMetadata.safeParse(stored.metadata);
  if (!metadata.success) throw new InvalidEventPayload(stored.type, metadata.error.issues, 'metadata');
  return {
    id: stored.id,
    streamName: stored.streamName,
    revision: stored.revision,
    position: stored.position,
    type: decoded.type,
    data: decoded.data,
    metadata: stored.metadata as EventMetadata,
    created: stored.created,
    ...(decoded.original ? { original: decoded.original } : {}),
  };
}
