import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  MaxAppendSizeExceededError,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  binaryEvent,
} from '@eventstore/db-client';
import {
  APPEND_PATHS,
  collect,
  commitOf,
  event,
  positionOf,
  recordedOf,
  startHarness,
  streamName,
  type Harness,
} from './testing/harness';

describe.each(APPEND_PATHS)('esdb-lite append over the $path RPC', ({ batchAppend, rpc }) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ batchAppend, maxAppendSize: 64 * 1024 });
  });
  afterAll(() => harness.stop());

  const client = () => harness.client;
  const revisionsOf = async (stream: string) =>
    (await collect(client().readStream(stream))).map((resolved) => resolved.event?.revision);

  it(`is served by ${rpc} (the client chose its path from ServerFeatures)`, async () => {
    await client().appendToStream(streamName('path'), event('Probed'));
    const appends = harness.rpcs().filter((name) => name === 'append' || name === 'batchAppend');
    expect(appends.length).toBeGreaterThan(0);
    expect(new Set(appends)).toEqual(new Set([rpc]));
  });

  describe('expected revision', () => {
    it('creates a stream with no_stream, then continues it at its exact revision', async () => {
      const stream = streamName('user');
      const first = await client().appendToStream(stream, [event('Created'), event('Renamed')], {
        expectedRevision: NO_STREAM,
      });
      expect(first.success).toBe(true);
      expect(first.nextExpectedRevision).toBe(1n);
      const second = await client().appendToStream(stream, event('Renamed'), { expectedRevision: 1n });
      expect(second.nextExpectedRevision).toBe(2n);
      expect(commitOf(second)).toBeGreaterThan(commitOf(first));
      expect(await revisionsOf(stream)).toEqual([0n, 1n, 2n]);
    });

    it('refuses no_stream on an existing stream: expected no_stream, actual its revision', async () => {
      const stream = streamName('user');
      await client().appendToStream(stream, [event('A'), event('B'), event('C')]);
      const error = await client()
        .appendToStream(stream, event('X'), { expectedRevision: NO_STREAM })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: stream, expectedVersion: 'no_stream', actualVersion: 2n });
    });

    it('refuses a stale exact revision', async () => {
      const stream = streamName('user');
      await client().appendToStream(stream, [event('A'), event('B'), event('C')]);
      await expect(client().appendToStream(stream, event('X'), { expectedRevision: 0n })).rejects.toMatchObject({
        constructor: WrongExpectedVersionError,
        streamName: stream,
        expectedVersion: 0n,
        actualVersion: 2n,
      });
    });

    it('refuses an exact revision ahead of the stream, and any revision on a missing stream', async () => {
      const stream = streamName('user');
      await client().appendToStream(stream, event('A'));
      await expect(client().appendToStream(stream, event('X'), { expectedRevision: 5n })).rejects.toMatchObject({
        constructor: WrongExpectedVersionError,
        expectedVersion: 5n,
        actualVersion: 0n,
      });
      const missing = streamName('missing');
      await expect(client().appendToStream(missing, event('X'), { expectedRevision: 0n })).rejects.toMatchObject({
        constructor: WrongExpectedVersionError,
        streamName: missing,
        expectedVersion: 0n,
        actualVersion: 'no_stream',
      });
    });

    it('refuses stream_exists on a missing stream and accepts it on an existing one', async () => {
      const missing = streamName('missing');
      await expect(
        client().appendToStream(missing, event('X'), { expectedRevision: STREAM_EXISTS }),
      ).rejects.toMatchObject({
        constructor: WrongExpectedVersionError,
        streamName: missing,
        expectedVersion: 'stream_exists',
        actualVersion: 'no_stream',
      });
      const stream = streamName('user');
      await client().appendToStream(stream, event('A'));
      const result = await client().appendToStream(stream, event('B'), { expectedRevision: STREAM_EXISTS });
      expect(result.nextExpectedRevision).toBe(1n);
    });

    it('accepts stream_exists on a stream that only has metadata', async () => {
      const stream = streamName('meta-only');
      await client().setStreamMetadata(stream, { maxCount: 10 });
      const result = await client().appendToStream(stream, event('A'), { expectedRevision: STREAM_EXISTS });
      expect(result.nextExpectedRevision).toBe(0n);
    });

    it('refuses stream_exists on a soft-deleted stream', async () => {
      const stream = streamName('deleted');
      await client().appendToStream(stream, event('A'));
      await client().deleteStream(stream);
      await expect(
        client().appendToStream(stream, event('B'), { expectedRevision: STREAM_EXISTS }),
      ).rejects.toMatchObject({ constructor: WrongExpectedVersionError, expectedVersion: 'stream_exists', actualVersion: 0n });
    });

    it('appends with any whatever the stream state', async () => {
      const stream = streamName('any');
      expect((await client().appendToStream(stream, event('A'), { expectedRevision: ANY })).nextExpectedRevision).toBe(0n);
      expect((await client().appendToStream(stream, event('B'), { expectedRevision: ANY })).nextExpectedRevision).toBe(1n);
    });

    it('refuses every append to a tombstoned stream with StreamDeletedError', async () => {
      const stream = streamName('tomb');
      await client().appendToStream(stream, event('A'));
      await client().tombstoneStream(stream);
      for (const expectedRevision of [ANY, NO_STREAM, STREAM_EXISTS, 0n] as const) {
        const error = await client()
          .appendToStream(stream, event('B'), { expectedRevision })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StreamDeletedError);
        expect(error).toMatchObject({ streamName: stream });
      }
    });

    it('answers an empty append by the same version check, without a position', async () => {
      const stream = streamName('empty');
      await client().appendToStream(stream, event('A'));
      const result = await client().appendToStream(stream, [], { expectedRevision: 0n });
      expect(result).toMatchObject({ success: true, nextExpectedRevision: 0n, position: undefined });
      await expect(client().appendToStream(stream, [], { expectedRevision: 3n })).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
    });
  });

  describe('concurrent appends', () => {
    it('lets exactly one of many concurrent appends at the same revision win; the rest see the winner', async () => {
      const stream = streamName('race');
      await client().appendToStream(stream, event('Created'), { expectedRevision: NO_STREAM });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 12 }, (_, n) => client().appendToStream(stream, event('Raced', { n }), { expectedRevision: 0n })),
      );
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(11);
      for (const reason of lost) {
        expect(reason).toBeInstanceOf(WrongExpectedVersionError);
        expect(reason).toMatchObject({ expectedVersion: 0n, actualVersion: 1n });
      }
      expect(await revisionsOf(stream)).toEqual([0n, 1n]);
    });

    it('commits concurrent appends to different streams independently of a failing one', async () => {
      const streams = Array.from({ length: 6 }, () => streamName('group'));
      const results = await Promise.allSettled(
        streams.map((stream, i) =>
          client().appendToStream(stream, [event('A'), event('B')], { expectedRevision: i === 2 ? 5n : NO_STREAM }),
        ),
      );
      expect(results.map((result) => result.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      for (const [i, stream] of streams.entries()) {
        if (i === 2) await expect(revisionsOf(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
        else expect(await revisionsOf(stream)).toEqual([0n, 1n]);
      }
    });
  });

  describe('idempotent retries', () => {
    it('answers a retried no_stream append with the same ids with the original result and writes nothing', async () => {
      const stream = streamName('username');
      const ids = [randomUUID(), randomUUID()];
      const original = await client().appendToStream(
        stream,
        [event('Reserved', { n: 1 }, ids[0]), event('Confirmed', { n: 2 }, ids[1])],
        { expectedRevision: NO_STREAM },
      );
      const retry = await client().appendToStream(
        stream,
        [event('Reserved', { n: 1 }, ids[0]), event('Confirmed', { n: 2 }, ids[1])],
        { expectedRevision: NO_STREAM },
      );
      expect(retry).toEqual(original);
      expect(await revisionsOf(stream)).toEqual([0n, 1n]);
      const inAll = (await collect(client().readAll())).filter((resolved) => resolved.event?.streamId === stream);
      expect(inAll).toHaveLength(2);
    });

    it('answers a retried exact-revision append as idempotent and refuses a different one', async () => {
      const stream = streamName('user');
      await client().appendToStream(stream, event('A'));
      const id = randomUUID();
      const original = await client().appendToStream(stream, event('B', {}, id), { expectedRevision: 0n });
      await client().appendToStream(stream, event('C'), { expectedRevision: 1n });
      const retry = await client().appendToStream(stream, event('B', {}, id), { expectedRevision: 0n });
      expect(retry).toEqual(original);
      await expect(client().appendToStream(stream, event('B'), { expectedRevision: 0n })).rejects.toMatchObject({
        constructor: WrongExpectedVersionError,
        expectedVersion: 0n,
        actualVersion: 2n,
      });
      expect(await revisionsOf(stream)).toEqual([0n, 1n, 2n]);
    });

    it('answers a retried any append of recent ids as idempotent', async () => {
      const stream = streamName('any');
      const ids = [randomUUID(), randomUUID()];
      const original = await client().appendToStream(stream, [event('A', {}, ids[0]), event('B', {}, ids[1])]);
      await client().appendToStream(stream, event('C'));
      const retry = await client().appendToStream(stream, [event('A', {}, ids[0]), event('B', {}, ids[1])]);
      expect(retry).toEqual(original);
      expect(await revisionsOf(stream)).toEqual([0n, 1n, 2n]);
    });

    it('refuses an any append that repeats a written id followed by a new one (corrupted idempotency)', async () => {
      const stream = streamName('any');
      const id = randomUUID();
      await client().appendToStream(stream, event('A', {}, id));
      await expect(
        client().appendToStream(stream, [event('A', {}, id), event('B')], { expectedRevision: ANY }),
      ).rejects.toMatchObject({ constructor: WrongExpectedVersionError, expectedVersion: 'any', actualVersion: 0n });
    });
  });

  describe('positions', () => {
    it('reports commit = the last event and prepare = the first event of a multi-event append', async () => {
      const stream = streamName('pos');
      const result = await client().appendToStream(stream, [event('A'), event('B'), event('C')]);
      const read = await collect(client().readStream(stream));
      const positions = read.map((resolved) => positionOf(recordedOf(resolved)));
      expect(result.position).toEqual({ commit: positions[2].commit, prepare: positions[0].commit });
      for (const position of positions) expect(position.prepare).toBe(position.commit);
      expect(positions[0].commit < positions[1].commit && positions[1].commit < positions[2].commit).toBe(true);
    });

    it('gives every append a position after all earlier ones', async () => {
      const positions: bigint[] = [];
      for (let i = 0; i < 5; i++) {
        positions.push(commitOf(await client().appendToStream(streamName('seq'), event('A'))));
      }
      expect([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(positions);
      expect(new Set(positions).size).toBe(5);
    });
  });

  describe('event content', () => {
    it('stores JSON and binary data, custom metadata, type, id and creation time', async () => {
      const stream = streamName('content');
      const id = randomUUID();
      const before = Date.now();
      await client().appendToStream(stream, [
        event('Json', { nested: { a: [1, 2] }, text: 'é' }, id, { correlationId: 'c-1' }),
        binaryEvent({ type: 'Binary', data: Uint8Array.from([0, 1, 254, 255]) }),
      ]);
      const [json, binary] = await collect(client().readStream(stream));
      expect(json.event).toMatchObject({
        id,
        type: 'Json',
        streamId: stream,
        isJson: true,
        data: { nested: { a: [1, 2] }, text: 'é' },
        metadata: { correlationId: 'c-1' },
      });
      expect(recordedOf(json).created.getTime()).toBeGreaterThanOrEqual(before - 1);
      expect(recordedOf(json).created.getTime()).toBeLessThanOrEqual(Date.now() + 1);
      expect(binary.event).toMatchObject({ type: 'Binary', isJson: false });
      expect(Array.from(recordedOf(binary).data as Uint8Array)).toEqual([0, 1, 254, 255]);
    });

    it('refuses an append larger than the maximum append size and writes none of it', async () => {
      const stream = streamName('big');
      const big = 'x'.repeat(40 * 1024);
      await expect(
        client().appendToStream(stream, [event('Big', { big }), event('Big', { big })]),
      ).rejects.toBeInstanceOf(MaxAppendSizeExceededError);
      await expect(collect(client().readStream(stream, { direction: BACKWARDS, fromRevision: END }))).rejects.toBeInstanceOf(
        StreamNotFoundError,
      );
    });
  });
});
