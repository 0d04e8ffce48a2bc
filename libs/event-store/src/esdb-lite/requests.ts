import type {
  AppendReq,
  BatchAppendReq,
  DeleteReq,
  ReadReq,
  TombstoneReq,
} from '@eventstore/db-client/generated/streams_pb';
import type { Expected } from './expected-revision';
import { buildFilter, type EventFilter } from './filters';
import { streamNameOf, uuidText } from './messages';
import type { AllFrom, Direction, StreamFrom } from './reads';
import type { NewEvent } from './storage';

/** Turns request messages into plain values; nothing here touches the log. */

type ExpectedOptions =
  | AppendReq.Options
  | DeleteReq.Options
  | TombstoneReq.Options;

/** Append, Delete and Tombstone options share one layout for the expected revision. */
export function expectedOf(options: ExpectedOptions): Expected {
  if (options.hasRevision()) return { kind: 'revision', revision: Number(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

export function batchExpectedOf(options: BatchAppendReq.Options): Expected {
  if (options.hasStreamPosition()) return { kind: 'revision', revision: Number(options.getStreamPosition()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A proposed event, or undefined when `type` or `content-type` is missing. */
export function proposedEvent(
  message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage,
  newId: () => string,
): NewEvent | undefined {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (!type || !contentType) return undefined;
  return {
    id: uuidText(message.getId()) ?? newId(),
    type,
    isJson: contentType === 'application/json',
    data: asBuffer(message.getData_asU8()),
    metadata: asBuffer(message.getCustomMetadata_asU8()),
  };
}

/** What counts against the maximum append size (EventStoreDB counts an event's size on disk). */
export const appendSizeOf = (event: NewEvent): number =>
  event.data.length + event.metadata.length + Buffer.byteLength(event.type);

export type ReadRequest =
  | {
      readonly kind: 'stream';
      readonly stream: string;
      readonly direction: Direction;
      readonly from: StreamFrom;
      readonly count: number;
      readonly subscribe: boolean;
    }
  | {
      readonly kind: 'all';
      readonly direction: Direction;
      readonly from: AllFrom;
      readonly count: number;
      readonly subscribe: boolean;
      readonly filter?: EventFilter;
    };

/** Throws SyntaxError for a filter regex JavaScript cannot compile. */
export function readRequestOf(options: ReadReq.Options): ReadRequest {
  const direction: Direction = options.getReadDirection() === 1 ? 'backwards' : 'forwards';
  const subscribe = options.hasSubscription();
  const count = subscribe ? Number.MAX_SAFE_INTEGER : Math.min(Number(options.getCount() || 0), Number.MAX_SAFE_INTEGER);
  const stream = options.getStream();
  if (stream) {
    const from: StreamFrom = stream.hasRevision()
      ? { revision: Number(stream.getRevision()) }
      : stream.hasEnd()
        ? 'end'
        : 'start';
    return { kind: 'stream', stream: streamNameOf(stream.getStreamIdentifier()), direction, from, count, subscribe };
  }
  const all = options.getAll();
  const position = all?.getPosition();
  const from: AllFrom = position ? { position: Number(position.getCommitPosition()) } : all?.hasEnd() ? 'end' : 'start';
  return { kind: 'all', direction, from, count, subscribe, filter: filterOf(options) };
}

function filterOf(options: ReadReq.Options): EventFilter | undefined {
  const filter = options.getFilter();
  if (!filter) return undefined;
  const onType = filter.hasEventType();
  const expression = onType ? filter.getEventType() : filter.getStreamIdentifier();
  return buildFilter({
    on: onType ? 'event_type' : 'stream_name',
    regex: expression?.getRegex() || undefined,
    prefixes: expression?.getPrefixList() ?? [],
    maxSearchWindow: filter.hasMax() ? filter.getMax() : undefined,
    checkpointIntervalMultiplier: filter.getCheckpointintervalmultiplier(),
  });
}
