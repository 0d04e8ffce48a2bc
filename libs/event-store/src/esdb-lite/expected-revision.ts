/**
 * The expected-revision rules of an append (and of delete/tombstone), mirroring EventStoreDB's
 * `IndexWriter.CheckCommit` as far as a client can observe it. Pure: the caller passes what it knows
 * about the stream and two lookups into the log.
 */

/** A revision in the wire's int64 encoding of the stream states. */
export const ANY_REVISION = -2;
export const NO_STREAM_REVISION = -1;
export const STREAM_EXISTS_REVISION = -4;

export type Expected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: number };

export interface StreamSnapshot {
  /** Revision of the stream's last event, -1 when it never had one (stays put after a soft delete). */
  readonly lastRevision: number;
  readonly tombstoned: boolean;
  /** Its metadata says `$tb` = DeletedStream. */
  readonly softDeleted: boolean;
  /** Its metastream `$$name` has at least one event. */
  readonly hasMetadata: boolean;
}

export interface IdempotencyLookup {
  /** The id of the stream's event at this revision, if there is one. */
  idAt(revision: number): string | undefined;
  /** Revision of a recently committed event of this stream with this id (best effort, bounded cache). */
  recentRevisionOf(eventId: string): number | undefined;
}

export type AppendDecision =
  | { readonly kind: 'stream_deleted' }
  | { readonly kind: 'wrong_expected_version'; readonly currentRevision: number }
  | { readonly kind: 'write'; readonly firstRevision: number; readonly undelete: boolean }
  | { readonly kind: 'idempotent'; readonly firstRevision: number; readonly lastRevision: number };

export function expectedAsInt64(expected: Expected): number {
  switch (expected.kind) {
    case 'any':
      return ANY_REVISION;
    case 'no_stream':
      return NO_STREAM_REVISION;
    case 'stream_exists':
      return STREAM_EXISTS_REVISION;
    case 'revision':
      return expected.revision;
  }
}

export function decideAppend(
  stream: StreamSnapshot,
  expected: Expected,
  eventIds: readonly string[],
  lookup: IdempotencyLookup,
): AppendDecision {
  if (stream.tombstoned) return { kind: 'stream_deleted' };
  const current = stream.lastRevision;
  const wrong: AppendDecision = { kind: 'wrong_expected_version', currentRevision: current };
  const write: AppendDecision = { kind: 'write', firstRevision: current + 1, undelete: stream.softDeleted };

  if (expected.kind === 'stream_exists') {
    if (stream.softDeleted) return wrong;
    if (current < 0 && !stream.hasMetadata) return wrong;
  }
  if (expected.kind === 'any' || expected.kind === 'stream_exists') {
    return decideByRecentIds(eventIds, lookup, wrong) ?? write;
  }

  const expectedRevision = expected.kind === 'no_stream' ? NO_STREAM_REVISION : expected.revision;
  if (expectedRevision > current) return wrong;
  if (expectedRevision === current) return write;

  // expected < current: a retry of events already written right after `expected`, or a conflict.
  const reCreatesSoftDeleted = expected.kind === 'no_stream' && stream.softDeleted;
  if (eventIds.length === 0) return reCreatesSoftDeleted ? write : wrong;
  for (let i = 0; i < eventIds.length; i++) {
    if (lookup.idAt(expectedRevision + 1 + i) === eventIds[i]) continue;
    if (i === 0 && reCreatesSoftDeleted) return write;
    return wrong;
  }
  return {
    kind: 'idempotent',
    firstRevision: expectedRevision + 1,
    lastRevision: expectedRevision + eventIds.length,
  };
}

function decideByRecentIds(
  eventIds: readonly string[],
  lookup: IdempotencyLookup,
  wrong: AppendDecision,
): AppendDecision | undefined {
  if (eventIds.length === 0) return undefined;
  const first = lookup.recentRevisionOf(eventIds[0]);
  if (first === undefined) return undefined;
  let last = first;
  for (let i = 1; i < eventIds.length; i++) {
    const revision = lookup.recentRevisionOf(eventIds[i]);
    // Part of the batch was written before and part was not: EventStoreDB calls this corrupted idempotency.
    if (revision === undefined) return wrong;
    last = revision;
  }
  return { kind: 'idempotent', firstRevision: first, lastRevision: last };
}
