import { createHash } from 'node:crypto';
import { GENESIS_HASH } from '@scim/contracts';
import { canonicalJson } from './canonical-json';

export { GENESIS_HASH };

/** The parts of an event that its hash covers, exactly as stored. */
export interface HashableEvent {
  readonly streamName: string;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/**
 * hash(event) = lowercase hex SHA-256 of the UTF-8 bytes of
 *   canonicalJson([streamName, id, type, data, metadata])
 * where type/data are the stored ones (before any upcasting) and metadata includes `prevHash`, so every hash
 * also covers the link before it. Each event's `metadata.prevHash` is the hash of the previous event of its
 * stream, or GENESIS_HASH for the first event (also the first event after a soft delete, since the deleted
 * events are no longer readable from the stream). The revision is not hashed: the chain itself fixes the order,
 * and the revision of the first event after a soft delete is not known when it is written.
 */
export function hashEvent(event: HashableEvent): string {
  const text = canonicalJson([event.streamName, event.id, event.type, event.data, event.metadata]);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** What verifyChain needs of an event: a RecordedEvent, or an event read raw (e.g. by the audit tool). */
export interface ChainEvent extends HashableEvent {
  readonly revision: bigint;
  /** The stored type and data when `type`/`data` were upcast. */
  readonly original?: { readonly type: string; readonly data: unknown };
}

/** The hash of a recorded event, computed over its stored (pre-upcast) form. */
export function hashRecordedEvent(event: ChainEvent): string {
  return hashEvent({
    streamName: event.streamName,
    id: event.id,
    type: event.original?.type ?? event.type,
    data: event.original ? event.original.data : event.data,
    metadata: event.metadata,
  });
}

export type ChainVerification =
  | { readonly ok: true; readonly checked: number; readonly headHash: string }
  | {
      readonly ok: false;
      readonly checked: number;
      /** Index (in the given list) of the first event whose prevHash does not match. */
      readonly index: number;
      readonly revision: bigint;
      readonly eventId: string;
      readonly expectedPrevHash: string;
      readonly actualPrevHash: string;
      readonly reason: string;
    };

/**
 * Checks the links of one stream's events, read forwards from its first (visible) event: the first must point
 * at `startHash` (GENESIS_HASH by default), each next one at the hash of the one before. Reports the first
 * broken link. A changed event shows up as a broken link at the event after it; the stream's head is anchored
 * by `headHash`, which an auditor can keep elsewhere.
 */
export function verifyChain(events: readonly ChainEvent[], startHash: string = GENESIS_HASH): ChainVerification {
  let expectedPrevHash = startHash;
  for (const [index, event] of events.entries()) {
    const actualPrevHash = readPrevHash(event.metadata);
    if (index > 0 && event.streamName !== events[index - 1].streamName) {
      return broken(index, event, expectedPrevHash, actualPrevHash, 'events of more than one stream');
    }
    if (index > 0 && event.revision <= events[index - 1].revision) {
      return broken(index, event, expectedPrevHash, actualPrevHash, 'revisions are not increasing');
    }
    if (actualPrevHash !== expectedPrevHash) {
      const reason =
        index === 0 ? 'first event does not start the chain' : `does not link to the event at revision ${events[index - 1].revision}`;
      return broken(index, event, expectedPrevHash, actualPrevHash, reason);
    }
    expectedPrevHash = hashRecordedEvent(event);
  }
  return { ok: true, checked: events.length, headHash: expectedPrevHash };
}

function broken(
  index: number,
  event: ChainEvent,
  expectedPrevHash: string,
  actualPrevHash: string,
  reason: string,
): ChainVerification {
  return { ok: false, checked: index, index, revision: event.revision, eventId: event.id, expectedPrevHash, actualPrevHash, reason };
}

function readPrevHash(metadata: unknown): string {
  if (metadata !== null && typeof metadata === 'object' && 'prevHash' in metadata) {
    const { prevHash } = metadata as { prevHash: unknown };
    if (typeof prevHash === 'string') return prevHash;
  }
  return '';
}
