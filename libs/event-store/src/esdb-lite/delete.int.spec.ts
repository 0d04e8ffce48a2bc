import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  APPEND_PATHS,
  collect,
  commitOf,
  event,
  recordedOf,
  startHarness,
  streamName,
  type Harness,
} from './testing/harness';

const revisions = (events: ResolvedEvent[]) => events.map((resolved) => recordedOf(resolved).revision);

describe.each(APPEND_PATHS)('esdb-lite delete and tombstone (appends over $path)', ({ batchAppend }) => {
  let harness: Harness;
  const client = () => harness.client;
  beforeAll(async () => {
    harness = await startHarness({ batchAppend });
  });
  afterAll(() => harness.stop());

  const inAll = async (stream: string) =>
    (await collect(client().readAll())).filter((resolved) => recordedOf(resolved).streamId === stream);

  describe('soft delete', () => {
    it('makes the stream read as not found while its events stay in $all', async () => {
      const stream = streamName('cart');
      await client().appendToStream(stream, [event('A'), event('B')]);
      const result = await client().deleteStream(stream);
      expect(commitOf(result)).toBeGreaterThan(0n);
      await expect(collect(client().readStream(stream))).rejects.toBeInstanceOf(StreamNotFoundError);
      expect(revisions(await inAll(stream))).toEqual([0n, 1n]);
    });

    it('re-creates the stream on a no_stream append, continuing the numbering and hiding the old events', async () => {
      const stream = streamName('username');
      await client().appendToStream(stream, [event('A'), event('B')]);
      await client().deleteStream(stream, { expectedRevision: 1n });
      const result = await client().appendToStream(stream, event('C'), { expectedRevision: NO_STREAM });
      expect(result.nextExpectedRevision).toBe(2n);
      const read = await collect(client().readStream(stream));
      expect(read.map((resolved) => [recordedOf(resolved).revision, recordedOf(resolved).type])).toEqual([[2n, 'C']]);
      expect((await client().getStreamMetadata(stream)).metadata).toMatchObject({ truncateBefore: 2 });
    });

    it('re-creates the stream on an any append too', async () => {
      const stream = streamName('cart');
      await client().appendToStream(stream, event('A'));
      await client().deleteStream(stream);
      expect((await client().appendToStream(stream, event('B'))).nextExpectedRevision).toBe(1n);
      expect(revisions(await collect(client().readStream(stream)))).toEqual([1n]);
    });

    it('keeps other metadata when deleting', async () => {
      const stream = streamName('meta');
      await client().appendToStream(stream, event('A'));
      await client().setStreamMetadata(stream, { maxCount: 7, custom: { owner: 'x' } });
      await client().deleteStream(stream);
      const { metadata } = await client().getStreamMetadata(stream);
      expect(metadata).toMatchObject({ maxCount: 7, custom: { owner: 'x' } });
      expect(Number(metadata?.truncateBefore)).toBeGreaterThan(9e18);
    });

    it('refuses to delete a stream that never existed: wrong expected version, whatever was expected', async () => {
      for (const expectedRevision of [ANY, NO_STREAM] as const) {
        const stream = streamName('never');
        const error = await client()
          .deleteStream(stream, { expectedRevision })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({
          streamName: stream,
          expectedVersion: expectedRevision === ANY ? -2n : -1n,
          actualVersion: 'no_stream',
        });
      }
    });

    it('deletes a stream that only has metadata with no_stream', async () => {
      const stream = streamName('meta-only');
      await client().setStreamMetadata(stream, { maxCount: 3 });
      await client().deleteStream(stream, { expectedRevision: NO_STREAM });
      await expect(
        client().appendToStream(stream, event('A'), { expectedRevision: STREAM_EXISTS }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    });

    it('refuses a delete with a wrong expected revision, reporting both versions', async () => {
      const stream = streamName('cart');
      await client().appendToStream(stream, [event('A'), event('B'), event('C')]);
      await expect(client().deleteStream(stream, { expectedRevision: 0n })).rejects.toMatchObject({
        constructor: WrongExpectedVersionError,
        streamName: stream,
        expectedVersion: 0n,
        actualVersion: 2n,
      });
      expect(revisions(await collect(client().readStream(stream)))).toEqual([0n, 1n, 2n]);
    });
  });

  describe('tombstone', () => {
    it('makes reads, appends, deletes and tombstones fail with StreamDeletedError, for ever', async () => {
      const stream = streamName('tomb');
      await client().appendToStream(stream, event('A'));
      const result = await client().tombstoneStream(stream, { expectedRevision: 0n });
      expect(commitOf(result)).toBeGreaterThan(0n);
      const failures = [
        await collect(client().readStream(stream)).catch((e: unknown) => e),
        await client()
          .appendToStream(stream, event('B'), { expectedRevision: NO_STREAM })
          .catch((e: unknown) => e),
        await client()
          .deleteStream(stream)
          .catch((e: unknown) => e),
        await client()
          .tombstoneStream(stream)
          .catch((e: unknown) => e),
      ];
      for (const failure of failures) {
        expect(failure).toBeInstanceOf(StreamDeletedError);
        expect(failure).toMatchObject({ streamName: stream });
      }
    });

    it('writes a $streamDeleted event into $all at revision long.MaxValue', async () => {
      const stream = streamName('tomb');
      await client().appendToStream(stream, event('A'));
      await client().tombstoneStream(stream);
      const events = await inAll(stream);
      expect(events.map((resolved) => [recordedOf(resolved).type, recordedOf(resolved).revision])).toEqual([
        ['A', 0n],
        ['$streamDeleted', 9223372036854775807n],
      ]);
    });

    it('tombstones a soft-deleted stream', async () => {
      const stream = streamName('tomb');
      await client().appendToStream(stream, event('A'));
      await client().deleteStream(stream);
      await client().tombstoneStream(stream);
      await expect(collect(client().readStream(stream))).rejects.toBeInstanceOf(StreamDeletedError);
    });

    it('refuses to tombstone with a wrong expected revision, or a stream that never existed', async () => {
      const stream = streamName('tomb');
      await client().appendToStream(stream, event('A'));
      await expect(client().tombstoneStream(stream, { expectedRevision: 5n })).rejects.toMatchObject({
        constructor: WrongExpectedVersionError,
        expectedVersion: 5n,
        actualVersion: 0n,
      });
      await expect(client().tombstoneStream(stream, { expectedRevision: 0n })).resolves.toBeDefined();
      await expect(client().tombstoneStream(streamName('never'))).rejects.toMatchObject({
        constructor: WrongExpectedVersionError,
        expectedVersion: -2n,
        actualVersion: 'no_stream',
      });
    });
  });
});
