import { decideAppend, type Expected, type IdempotencyLookup, type StreamSnapshot } from './expected-revision';

const stream = (overrides: Partial<StreamSnapshot> = {}): StreamSnapshot => ({
  lastRevision: -1,
  tombstoned: false,
  softDeleted: false,
  hasMetadata: false,
  ...overrides,
});

/** A stream whose events 0..n-1 carry these ids; `recent` ids are those the idempotency cache remembers. */
const log = (ids: string[], recent: string[] = ids): IdempotencyLookup => ({
  idAt: (revision) => ids[revision],
  recentRevisionOf: (id) => (recent.includes(id) ? ids.indexOf(id) : undefined),
});

const any: Expected = { kind: 'any' };
const noStream: Expected = { kind: 'no_stream' };
const streamExists: Expected = { kind: 'stream_exists' };
const at = (revision: number): Expected => ({ kind: 'revision', revision });

describe('decideAppend (EventStoreDB CheckCommit rules)', () => {
  describe('given a tombstoned stream', () => {
    it.each([any, noStream, streamExists, at(3)])('refuses every append (%o) with stream_deleted', (expected) => {
      expect(decideAppend(stream({ lastRevision: 3, tombstoned: true }), expected, ['x'], log([]))).toEqual({
        kind: 'stream_deleted',
      });
    });
  });

  describe('given a stream with events a, b, c (revision 2)', () => {
    const existing = stream({ lastRevision: 2 });
    const events = log(['a', 'b', 'c']);

    it('writes after the current revision when it is expected exactly', () => {
      expect(decideAppend(existing, at(2), ['d'], events)).toEqual({ kind: 'write', firstRevision: 3, undelete: false });
    });
    it('refuses an expected revision ahead of the stream', () => {
      expect(decideAppend(existing, at(5), ['d'], events)).toEqual({ kind: 'wrong_expected_version', currentRevision: 2 });
    });
    it('refuses a stale expected revision with new ids', () => {
      expect(decideAppend(existing, at(0), ['x'], events)).toEqual({ kind: 'wrong_expected_version', currentRevision: 2 });
    });
    it('answers a retry of events already written after the expected revision as idempotent', () => {
      expect(decideAppend(existing, at(0), ['b', 'c'], events)).toEqual({
        kind: 'idempotent',
        firstRevision: 1,
        lastRevision: 2,
      });
    });
    it('refuses a retry whose later ids differ', () => {
      expect(decideAppend(existing, at(0), ['b', 'x'], events)).toEqual({
        kind: 'wrong_expected_version',
        currentRevision: 2,
      });
    });
    it('refuses a retry reaching past the end of the stream', () => {
      expect(decideAppend(existing, at(1), ['c', 'd'], events)).toEqual({
        kind: 'wrong_expected_version',
        currentRevision: 2,
      });
    });
    it('treats no_stream like revision -1: a retry of the first events is idempotent', () => {
      expect(decideAppend(existing, noStream, ['a'], events)).toEqual({
        kind: 'idempotent',
        firstRevision: 0,
        lastRevision: 0,
      });
      expect(decideAppend(existing, noStream, ['x'], events)).toEqual({
        kind: 'wrong_expected_version',
        currentRevision: 2,
      });
    });
    it('writes with any or stream_exists when the first id is unknown', () => {
      expect(decideAppend(existing, any, ['x'], events)).toEqual({ kind: 'write', firstRevision: 3, undelete: false });
      expect(decideAppend(existing, streamExists, ['x'], events)).toEqual({
        kind: 'write',
        firstRevision: 3,
        undelete: false,
      });
    });
    it('answers any/stream_exists with recently seen ids as idempotent', () => {
      expect(decideAppend(existing, any, ['b', 'c'], events)).toEqual({
        kind: 'idempotent',
        firstRevision: 1,
        lastRevision: 2,
      });
      expect(decideAppend(existing, streamExists, ['a'], events)).toEqual({
        kind: 'idempotent',
        firstRevision: 0,
        lastRevision: 0,
      });
    });
    it('refuses any with a known first id and an unknown later one (corrupted idempotency)', () => {
      expect(decideAppend(existing, any, ['b', 'x'], events)).toEqual({
        kind: 'wrong_expected_version',
        currentRevision: 2,
      });
    });
    it('writes with any when the cache forgot the ids (best effort)', () => {
      expect(decideAppend(existing, any, ['a'], log(['a', 'b', 'c'], []))).toEqual({
        kind: 'write',
        firstRevision: 3,
        undelete: false,
      });
    });
    it('accepts an empty append at the current revision and refuses a stale one', () => {
      expect(decideAppend(existing, at(2), [], events)).toEqual({ kind: 'write', firstRevision: 3, undelete: false });
      expect(decideAppend(existing, at(1), [], events)).toEqual({ kind: 'wrong_expected_version', currentRevision: 2 });
    });
  });

  describe('given a stream that never existed', () => {
    it('writes with no_stream, any, or revision -1 semantics', () => {
      expect(decideAppend(stream(), noStream, ['a'], log([]))).toEqual({ kind: 'write', firstRevision: 0, undelete: false });
      expect(decideAppend(stream(), any, ['a'], log([]))).toEqual({ kind: 'write', firstRevision: 0, undelete: false });
    });
    it('refuses stream_exists and exact revisions', () => {
      expect(decideAppend(stream(), streamExists, ['a'], log([]))).toEqual({
        kind: 'wrong_expected_version',
        currentRevision: -1,
      });
      expect(decideAppend(stream(), at(0), ['a'], log([]))).toEqual({
        kind: 'wrong_expected_version',
        currentRevision: -1,
      });
    });
    it('accepts stream_exists once the stream has metadata (it implicitly exists)', () => {
      expect(decideAppend(stream({ hasMetadata: true }), streamExists, ['a'], log([]))).toEqual({
        kind: 'write',
        firstRevision: 0,
        undelete: false,
      });
    });
  });

  describe('given a soft-deleted stream whose last event was revision 1', () => {
    const deleted = stream({ lastRevision: 1, softDeleted: true, hasMetadata: true });
    const events = log(['a', 'b']);

    it('re-creates it with no_stream, continuing the numbering and undeleting', () => {
      expect(decideAppend(deleted, noStream, ['c'], events)).toEqual({ kind: 'write', firstRevision: 2, undelete: true });
    });
    it('re-creates it with any', () => {
      expect(decideAppend(deleted, any, ['c'], events)).toEqual({ kind: 'write', firstRevision: 2, undelete: true });
    });
    it('re-creates it when the old last revision is expected exactly', () => {
      expect(decideAppend(deleted, at(1), ['c'], events)).toEqual({ kind: 'write', firstRevision: 2, undelete: true });
    });
    it('refuses stream_exists', () => {
      expect(decideAppend(deleted, streamExists, ['c'], events)).toEqual({
        kind: 'wrong_expected_version',
        currentRevision: 1,
      });
    });
    it('refuses a no_stream retry whose later ids differ', () => {
      expect(decideAppend(deleted, noStream, ['a', 'x'], events)).toEqual({
        kind: 'wrong_expected_version',
        currentRevision: 1,
      });
    });
  });
});
