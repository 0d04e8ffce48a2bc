import { hashRecordedEvent, type ChainVerification } from '@scim/event-store';
import type { AuditEvent } from './raw-stream';

/** One JSON object per event; bigints as decimal strings; includes the event's own hash. */
export function toJsonLine(event: AuditEvent): string {
  return JSON.stringify({
    stream: event.streamName,
    revision: event.revision.toString(),
    id: event.id,
    type: event.type,
    created: event.created.toISOString(),
    position: event.position ? { commit: event.position.commit.toString(), prepare: event.position.prepare.toString() } : null,
    data: event.data,
    metadata: event.metadata,
    hash: hashRecordedEvent(event),
  });
}

/** A block of a few aligned lines per event, for reading in a terminal. */
export function toTableBlock(event: AuditEvent): string {
  const metadata = isRecord(event.metadata) ? event.metadata : {};
  const actor = isRecord(metadata['actor']) ? `${String(metadata['actor']['type'])}:${String(metadata['actor']['id'])}` : '-';
  const field = (key: string) => (metadata[key] === undefined ? '-' : String(metadata[key]));
  return [
    `#${event.revision}  ${field('occurredAt')}  ${event.type}  id=${event.id}`,
    `    actor=${actor}  correlation=${field('$correlationId')}  causation=${field('$causationId')}`,
    `    sourceIp=${field('sourceIp')}  origin=${field('requestOrigin')}  created=${event.created.toISOString()}  position=${event.position?.commit ?? '-'}`,
    `    prevHash=${field('prevHash')}`,
    `    hash=${hashRecordedEvent(event)}`,
    `    data=${JSON.stringify(event.data)}`,
  ].join('\n');
}

export function describeVerification(stream: string, result: ChainVerification): string {
  if (result.ok) {
    return `OK ${stream}: ${result.checked} event(s), hash chain intact, head hash ${result.headHash}`;
  }
  return [
    `BROKEN ${stream}: event #${result.revision} (id ${result.eventId}) ${result.reason}`,
    `  expected prevHash ${result.expectedPrevHash}`,
    `  found    prevHash ${result.actualPrevHash || '(none)'}`,
    `  ${result.checked} event(s) before it verified`,
  ].join('\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
