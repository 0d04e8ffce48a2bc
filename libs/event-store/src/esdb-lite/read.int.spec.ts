import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  type ResolvedEvent,
  type Position,
} from '@eventstore/db-client';
import {
  collect,
  commitOf,
  event,
  positionOf,
  recordedOf,
  startHarness,
  streamName,
  type Harness,
} from './testing/harness';

const revisions = (events: ResolvedEvent[]) => events.map((resolved) => recordedOf(resolved).revision);
const types = (events: ResolvedEvent[]) => events.map((resolved) => recordedOf(resolved).type);
const commits = (events: ResolvedEvent[]) => events.map((resolved) => commitOf(recordedOf(resolved)));
const ascending = (values: bigint[]) => values.every((value, i) => i === 0 || values[i - 1] < value);

describe('esdb-lite reads', () => {
  let harness: Harness;
  const client = () => harness.client;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.stop());

  describe('a stream of five events', () => {
    const stream = streamName('read');
    beforeAll(async () => {
      await client().appendToStream(stream, ['E0', 'E1', 'E2', 'E3', 'E4'].map((type) => event(type, { type })));
    });

    it('reads forwards from the start', async () => {
      const read = await collect(client().readStream(stream));
      expect(revisions(read)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(types(read)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']);
      expect(recordedOf(read[2]).data).toEqual({ type: 'E2' });
    });

    it('reads forwards from the middle, inclusive, up to maxCount', async () => {
      expect(revisions(await collect(client().readStream(stream, { fromRevision: 2n })))).toEqual([2n, 3n, 4n]);
      expect(revisions(await collect(client().readStream(stream, { fromRevision: 1n, maxCount: 2 })))).toEqual([
        1n,
        2n,
      ]);
    });

    it('reads backwards from the end and from the middle, inclusive', async () => {
      expect(revisions(await collect(client().readStream(stream, { direction: BACKWARDS, fromRevision: END })))).toEqual(
        [4n, 3n, 2n, 1n, 0n],
      );
      expect(
        revisions(await collect(client().readStream(stream, { direction: BACKWARDS, fromRevision: 2n, maxCount: 2 }))),
      ).toEqual([2n, 1n]);
      expect(
        revisions(await collect(client().readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }))),
      ).toEqual([4n]);
    });

    it('reads nothing (not "not found") from beyond the end, or forwards from END', async () => {
      expect(await collect(client().readStream(stream, { fromRevision: 9n }))).toEqual([]);
      expect(await collect(client().readStream(stream, { fromRevision: END, direction: FORWARDS }))).toEqual([]);
    });

    it('reads backwards from beyond the end starting at the last event', async () => {
      expect(revisions(await collect(client().readStream(stream, { direction: BACKWARDS, fromRevision: 99n })))).toEqual(
        [4n, 3n, 2n, 1n, 0n],
      );
    });

    it('reports the same position for an event in the stream and in $all', async () => {
      const inStream = await collect(client().readStream(stream));
      const inAll = (await collect(client().readAll())).filter((resolved) => recordedOf(resolved).streamId === stream);
      expect(commits(inAll)).toEqual(commits(inStream));
    });
  });

  describe('a stream that is not there', () => {
    it('reports StreamNotFoundError for a stream that never existed', async () => {
      const stream = streamName('missing');
      const error = await collect(client().readStream(stream)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect(error).toMatchObject({ streamName: stream });
    });

    it('reports StreamNotFoundError for a stream with metadata only', async () => {
      const stream = streamName('meta-only');
      await client().setStreamMetadata(stream, { maxCount: 3 });
      await expect(collect(client().readStream(stream))).rejects.toBeInstanceOf(StreamNotFoundError);
    });
  });

  describe('stream metadata', () => {
    it('round-trips system and custom metadata, latest write wins', async () => {
      const stream = streamName('meta');
      await client().setStreamMetadata(stream, { maxCount: 5, custom: { owner: 'x' } });
      await client().setStreamMetadata(stream, { maxAge: 3600, custom: { owner: 'y' } });
      const { metadata } = await client().getStreamMetadata(stream);
      expect(metadata).toEqual({ maxAge: 3600, custom: { owner: 'y' } });
    });

    it('returns no metadata for a stream without any', async () => {
      const result = await client().getStreamMetadata(streamName('plain'));
      expect(result.metadata).toBeUndefined();
    });

    it('applies expected revisions to the metastream', async () => {
      const stream = streamName('meta');
      await client().setStreamMetadata(stream, { maxCount: 1 }, { expectedRevision: 'no_stream' });
      await expect(
        client().setStreamMetadata(stream, { maxCount: 2 }, { expectedRevision: 'no_stream' }),
      ).rejects.toMatchObject({ streamName: `$$${stream}`, expectedVersion: 'no_stream', actualVersion: 0n });
      await client().setStreamMetadata(stream, { maxCount: 2 }, { expectedRevision: 0n });
      expect((await client().getStreamMetadata(stream)).metadata).toEqual({ maxCount: 2 });
    });

    it('hides all but the last $maxCount events from stream reads but not from $all', async () => {
      const stream = streamName('capped');
      await client().appendToStream(stream, [event('A'), event('B'), event('C'), event('D')]);
      await client().setStreamMetadata(stream, { maxCount: 2 });
      expect(revisions(await collect(client().readStream(stream)))).toEqual([2n, 3n]);
      expect(revisions(await collect(client().readStream(stream, { direction: BACKWARDS, fromRevision: END })))).toEqual(
        [3n, 2n],
      );
      const inAll = (await collect(client().readAll())).filter((resolved) => recordedOf(resolved).streamId === stream);
      expect(revisions(inAll)).toEqual([0n, 1n, 2n, 3n]);
    });

    it('hides events below $tb (truncate before)', async () => {
      const stream = streamName('truncated');
      await client().appendToStream(stream, [event('A'), event('B'), event('C')]);
      await client().setStreamMetadata(stream, { truncateBefore: 1 });
      expect(revisions(await collect(client().readStream(stream)))).toEqual([1n, 2n]);
      expect(revisions(await collect(client().readStream(stream, { fromRevision: 0n, maxCount: 1 })))).toEqual([1n]);
    });
  });

  describe('$all', () => {
    let all: ResolvedEvent[];
    beforeAll(async () => {
      for (let i = 0; i < 3; i++) await client().appendToStream(streamName('all'), [event(`All${i}`), event(`All${i}`)]);
      all = await collect(client().readAll());
    });

    it('reads every event forwards in strictly increasing position order, commit == prepare', () => {
      expect(all.length).toBeGreaterThanOrEqual(6);
      expect(ascending(commits(all))).toBe(true);
      for (const resolved of all) expect(positionOf(recordedOf(resolved)).prepare).toBe(commitOf(recordedOf(resolved)));
    });

    it('includes system events such as $metadata', async () => {
      const stream = streamName('sys');
      await client().setStreamMetadata(stream, { maxCount: 1 });
      const read = await collect(client().readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
      expect(read[0].event).toMatchObject({ streamId: `$$${stream}`, type: '$metadata' });
    });

    it('reads backwards from the end in exactly reverse order', async () => {
      const backwards = await collect(client().readAll({ direction: BACKWARDS, fromPosition: END }));
      expect(commits(backwards)).toEqual(commits(await collect(client().readAll())).reverse());
    });

    it('reads forwards from a position inclusively', async () => {
      const middle = positionOf(recordedOf(all[3]));
      const read = await collect(client().readAll({ fromPosition: middle, maxCount: 2 }));
      expect(commits(read)).toEqual([commitOf(recordedOf(all[3])), commitOf(recordedOf(all[4]))]);
    });

    it('reads backwards from a position strictly before it', async () => {
      const middle: Position = positionOf(recordedOf(all[3]));
      const read = await collect(client().readAll({ direction: BACKWARDS, fromPosition: middle, maxCount: 2 }));
      expect(commits(read)).toEqual([commitOf(recordedOf(all[2])), commitOf(recordedOf(all[1]))]);
    });

    it('reads nothing forwards from END or backwards from START', async () => {
      expect(await collect(client().readAll({ fromPosition: END }))).toEqual([]);
      expect(await collect(client().readAll({ direction: BACKWARDS, fromPosition: START }))).toEqual([]);
    });

    it('honours maxCount', async () => {
      expect(await collect(client().readAll({ maxCount: 2 }))).toHaveLength(2);
    });

    it('pages through more events than one storage page', async () => {
      const stream = streamName('many');
      const batch = Array.from({ length: 1_200 }, (_, i) => event('Many', { i }));
      await client().appendToStream(stream, batch);
      const read = await collect(client().readStream(stream));
      expect(read).toHaveLength(1_200);
      expect(read.map((resolved) => (recordedOf(resolved).data as { i: number }).i)).toEqual(batch.map((_, i) => i));
      const backwards = await collect(client().readStream(stream, { direction: BACKWARDS, fromRevision: END }));
      expect(revisions(backwards)).toEqual(revisions(read).reverse());
      const everything = await collect(client().readAll());
      expect(ascending(commits(everything))).toBe(true);
      expect(everything.filter((resolved) => recordedOf(resolved).streamId === stream)).toHaveLength(1_200);
    });
  });
});
