import { EventStoreDBClient, StreamNotFoundError } from '@eventstore/db-client';
import type { ChainEvent, LogPosition } from '@scim/event-store';

/** An event exactly as stored: no registry, no upcasting, so the audit sees what the hash chain covers. */
export interface AuditEvent extends ChainEvent {
  readonly position: LogPosition | undefined;
  readonly created: Date;
  readonly isJson: boolean;
}

export class AuditStreamNotFound extends Error {
  constructor(readonly stream: string) {
    super(`Stream '${stream}' not found (it has no events, or was deleted)`);
  }
}

/** Reads a whole stream forwards, as stored. Binary payloads are shown as base64. */
export async function readRawStream(client: EventStoreDBClient, stream: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  try {
    for await (const resolved of client.readStream(stream)) {
      const event = resolved.event;
      if (!event) continue;
      events.push({
        streamName: event.streamId,
        id: event.id,
        revision: event.revision,
        type: event.type,
        data: event.isJson ? event.data : Buffer.from(event.data).toString('base64'),
        metadata: event.metadata instanceof Uint8Array ? Buffer.from(event.metadata).toString('base64') : event.metadata,
        position: event.position,
        created: event.created,
        isJson: event.isJson,
      });
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) throw new AuditStreamNotFound(stream);
    throw error;
  }
  return events;
}
