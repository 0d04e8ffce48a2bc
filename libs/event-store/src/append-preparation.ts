import { EventMetadata, type RequestContext } from '@scim/contracts';
import { GENESIS_HASH, hashEvent, hashRecordedEvent, type ChainEvent } from './hash-chain';
import type { EventRegistry } from './event-registry';
import type { AppendOptions, ProposedEvent } from './port';

/** An event ready to be written: validated data and full metadata, linked into the stream's hash chain. */
export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export type Clock = () => Date;

export function metadataFromContext(context: RequestContext, occurredAt: Date, prevHash: string): EventMetadata {
  return {
    $correlationId: context.correlationId,
    $causationId: context.causationId ?? context.correlationId,
    actor: context.actor,
    ...(context.sourceIp === undefined ? {} : { sourceIp: context.sourceIp }),
    ...(context.requestOrigin === undefined ? {} : { requestOrigin: context.requestOrigin }),
    occurredAt: occurredAt.toISOString(),
    prevHash,
    metadataVersion: 1,
  };
}

/** Validates every payload first (one invalid event rejects the batch), then builds metadata and chains hashes. */
export function prepareEvents(
  registry: EventRegistry,
  stream: string,
  events: readonly ProposedEvent[],
  context: RequestContext,
  prevHash: string,
  now: Date,
): PreparedEvent[] {
  const validated = validateEvents(registry, events);
  const prepared: PreparedEvent[] = [];
  let link = prevHash;
  for (const [index, event] of validated.entries()) {
    const metadata = metadataFromContext(context, now, link);
    const checked = EventMetadata.safeParse(metadata);
    if (!checked.success) throw new TypeError(`Invalid request context: ${checked.error.message}`);
    const preparedEvent = { id: event.id, type: event.type, data: event.data, metadata };
    prepared.push(preparedEvent);
    // Only a following event links to this one: the last event's hash is not needed to write the batch.
    if (index < validated.length - 1) link = hashEvent({ streamName: stream, ...preparedEvent });
  }
  return prepared;
}

export function validateEvents(registry: EventRegistry, events: readonly ProposedEvent[]): ProposedEvent[] {
  if (events.length === 0) throw new TypeError('append needs at least one event');
  const ids = new Set<string>();
  return events.map((event) => {
    if (!UUID.test(event.id)) throw new TypeError(`Event id '${event.id}' is not a UUID`);
    if (ids.has(event.id.toLowerCase())) throw new TypeError(`Event id '${event.id}' appears twice in one append`);
    ids.add(event.id.toLowerCase());
    // Round-trip through JSON so what is validated and hashed is exactly what will be stored.
    const data = registry.validateForWrite(event.type, jsonRoundTrip(event.data));
    return { id: event.id.toLowerCase(), type: event.type, data: jsonRoundTrip(data) };
  });
}

/** Reads one event of a stream as stored (no decoding): at `revision`, or the last one for 'end'. */
export type ReadStoredEvent = (stream: string, revision: bigint | 'end') => Promise<ChainEvent | undefined>;

/**
 * The hash the first appended event links to: the one the caller passed, else the hash of the event at the
 * expected revision (or of the last event, for `any`/`stream_exists`), GENESIS_HASH when there is none.
 */
export async function resolvePrevHash(
  readStored: ReadStoredEvent,
  stream: string,
  options: Pick<AppendOptions, 'expectedRevision' | 'prevHash'>,
): Promise<string> {
  if (options.prevHash !== undefined) return options.prevHash;
  if (options.expectedRevision === 'no_stream') return GENESIS_HASH;
  const previous = await readStored(stream, typeof options.expectedRevision === 'bigint' ? options.expectedRevision : 'end');
  return previous ? hashRecordedEvent(previous) : GENESIS_HASH;
}

export function isSystemEventType(type: string): boolean {
  return type.startsWith('$');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function jsonRoundTrip(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}
