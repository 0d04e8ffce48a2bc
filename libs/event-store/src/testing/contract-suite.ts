import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { handleCommand, type Decider } from '../command-handler';
import { eventIdFor } from '../deterministic-id';
import {
  InvalidEventPayload,
  StreamNotFound,
  UnknownEventType,
  WrongExpectedVersion,
  type ActualRevision,
} from '../errors';
import type { EventRegistry } from '../event-registry';
import { GENESIS_HASH, hashRecordedEvent, verifyChain } from '../hash-chain';
import type {
  AllFilter,
  AppendResult,
  EventStorePort,
  ExpectedRevision,
  LogPosition,
  ProposedEvent,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../port';
import { ContractItemAdded, ContractNoteTaken, contractContext, contractEventRegistry } from './contract-events';

export interface ContractTarget {
  readonly store: EventStorePort;
  /** Stops the server and starts it again on the same address with the same data. */
  readonly restartServer?: () => Promise<void>;
  /** Called after the store is closed (stop the server here). */
  readonly teardown?: () => Promise<void>;
}

export interface ContractOptions {
  /** The target provides `restartServer`: run the restart-under-a-live-subscription test. */
  readonly serverRestarts?: boolean;
}

/** How long a test waits for a subscription to see something before it fails (not a speed assertion). */
const WAIT_MS = 20_000;

/**
 * One behavioural suite for every EventStorePort implementation. `setup` receives the registry of the
 * suite's event types and must build its store with it. Stream names are unique per run, so the suite can
 * run against a long-lived server.
 */
export function describeEventStoreContract(
  name: string,
  setup: (registry: EventRegistry) => Promise<ContractTarget>,
  options: ContractOptions = {},
): void {
  describe(`EventStorePort contract: ${name}`, () => {
    let target: ContractTarget;
    let store: EventStorePort;
    const run = randomUUID().slice(0, 8);
    let streamCounter = 0;
    const uniqueStream = (prefix: string) => `${prefix}_${run}-${++streamCounter}`;
    /** A stream-name prefix no other test (or run) uses. */
    const uniquePrefix = (label: string) => `${label}_${run}_${++streamCounter}-`;

    const item = (n: number, label = `item ${n}`): ProposedEvent => ({
      id: randomUUID(),
      type: ContractItemAdded.type,
      data: { n, label },
    });
    const note = (text: string): ProposedEvent => ({ id: randomUUID(), type: ContractNoteTaken.type, data: { note: text } });
    const append = (stream: string, events: readonly ProposedEvent[], expectedRevision: ExpectedRevision) =>
      store.append(stream, events, { expectedRevision, context: contractContext });
    /** A position just before the events a test writes, so `$all` reads and subscriptions can start there. */
    const mark = async (): Promise<LogPosition> =>
      (await append(uniqueStream('marker'), [item(0, 'marker')], 'no_stream')).position;

    beforeAll(async () => {
      target = await setup(contractEventRegistry());
      store = target.store;
    });

    afterAll(async () => {
      await store?.close();
      await target?.teardown?.();
    });

    describe('append with an expected revision', () => {
      it('no_stream creates the stream once; a second no_stream is a WrongExpectedVersion', async () => {
        const stream = uniqueStream('no-stream');
        const result = await append(stream, [item(1), item(2)], 'no_stream');
        expect(result.nextExpectedRevision).toBe(1n);
        expect(typeof result.position.commit).toBe('bigint');
        await expectWrongExpectedVersion(append(stream, [item(3)], 'no_stream'), stream, 'no_stream', 1n);
      });

      it('an exact revision succeeds only when it is the current one', async () => {
        const stream = uniqueStream('exact');
        await append(stream, [item(1), item(2)], 'no_stream');
        const next = await append(stream, [item(3)], 1n);
        expect(next.nextExpectedRevision).toBe(2n);
        await expectWrongExpectedVersion(append(stream, [item(4)], 1n), stream, 1n, 2n);
        await expectWrongExpectedVersion(append(stream, [item(4)], 5n), stream, 5n, 2n);
        await expectWrongExpectedVersion(append(uniqueStream('exact-missing'), [item(1)], 0n), undefined, 0n, 'no_stream');
        expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      });

      it('stream_exists fails on a missing stream and succeeds on an existing one', async () => {
        const stream = uniqueStream('exists');
        await expectWrongExpectedVersion(append(stream, [item(1)], 'stream_exists'), stream, 'stream_exists', 'no_stream');
        await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFound);
        await append(stream, [item(1)], 'no_stream');
        const result = await append(stream, [item(2)], 'stream_exists');
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('any succeeds whether or not the stream exists', async () => {
        const stream = uniqueStream('any');
        expect((await append(stream, [item(1)], 'any')).nextExpectedRevision).toBe(0n);
        expect((await append(stream, [item(2), item(3)], 'any')).nextExpectedRevision).toBe(2n);
      });

      it('of 20 concurrent appends at the same revision exactly one wins', async () => {
        const stream = uniqueStream('race');
        await append(stream, [item(0)], 'no_stream');
        const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, n) => append(stream, [item(n + 1)], 0n)));
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        for (const reason of lost) expect(reason).toBeInstanceOf(WrongExpectedVersion);
        const events = await store.readStream(stream);
        expect(events).toHaveLength(2);
        expect(verifyChain(events).ok).toBe(true);
      });

      it('a retry with the same event ids writes nothing twice (no_stream and exact revision)', async () => {
        const stream = uniqueStream('retry');
        const first = [item(1), item(2)];
        const original = await append(stream, first, 'no_stream');
        const retried = await append(stream, first, 'no_stream');
        expect(retried.nextExpectedRevision).toBe(original.nextExpectedRevision);

        const second = [item(3)];
        const appended = await append(stream, second, 1n);
        const again = await append(stream, second, 1n);
        expect(again.nextExpectedRevision).toBe(appended.nextExpectedRevision);
        expect(again.position.commit).toBe(appended.position.commit);

        await expectWrongExpectedVersion(append(stream, [item(4)], 1n), stream, 1n, 2n);
        const events = await store.readStream(stream);
        expect(events.map((event) => event.id)).toEqual([...first, ...second].map((event) => event.id));
      });

      it('rejects an empty append', async () => {
        await expect(append(uniqueStream('empty'), [], 'any')).rejects.toThrow(/at least one event/);
      });
    });

    describe('payload validation', () => {
      it('rejects a batch with one invalid payload before anything is written', async () => {
        const stream = uniqueStream('invalid');
        const invalid: ProposedEvent = { id: randomUUID(), type: ContractItemAdded.type, data: { n: 'one', label: 7 } };
        const error = await append(stream, [item(1), invalid], 'no_stream').catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(InvalidEventPayload);
        expect((error as InvalidEventPayload).type).toBe(ContractItemAdded.type);
        expect((error as InvalidEventPayload).issues.map((issue) => issue.path.join('.')).sort()).toEqual(['label', 'n']);
        await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFound);
      });

      it('rejects an unregistered event type before anything is written', async () => {
        const stream = uniqueStream('unknown');
        const unknown: ProposedEvent = { id: randomUUID(), type: 'NotRegistered.v1', data: {} };
        await expect(append(stream, [item(1), unknown], 'any')).rejects.toBeInstanceOf(UnknownEventType);
        await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFound);
      });
    });

    describe('reading a stream', () => {
      it('reads forwards, backwards and from the middle', async () => {
        const stream = uniqueStream('read');
        const written = [item(0), item(1), item(2), item(3), item(4)];
        await append(stream, written, 'no_stream');

        const forwards = await store.readStream(stream);
        expect(forwards.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(forwards.map((event) => event.id)).toEqual(written.map((event) => event.id));
        expect(forwards.map((event) => event.data)).toEqual(written.map((event) => event.data));
        expect(forwards.every((event) => event.streamName === stream && event.type === ContractItemAdded.type)).toBe(true);

        const fromMiddle = await store.readStream(stream, { fromRevision: 2n, maxCount: 2 });
        expect(fromMiddle.map((event) => event.revision)).toEqual([2n, 3n]);
        const backwards = await store.readStream(stream, { direction: 'backwards' });
        expect(backwards.map((event) => event.revision)).toEqual([4n, 3n, 2n, 1n, 0n]);
        const backwardsFromMiddle = await store.readStream(stream, { direction: 'backwards', fromRevision: 2n, maxCount: 2 });
        expect(backwardsFromMiddle.map((event) => event.revision)).toEqual([2n, 1n]);
        const lastOne = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
        expect(lastOne.map((event) => event.revision)).toEqual([4n]);
        expect(await store.readStream(stream, { fromRevision: 10n })).toEqual([]);
      });

      it('returns metadata built from the request context, and the creation time', async () => {
        const stream = uniqueStream('metadata');
        const before = Date.now();
        await append(stream, [item(1)], 'no_stream');
        const [event] = await store.readStream(stream);
        expect(event.metadata).toMatchObject({
          $correlationId: contractContext.correlationId,
          $causationId: contractContext.causationId,
          actor: contractContext.actor,
          sourceIp: contractContext.sourceIp,
          requestOrigin: contractContext.requestOrigin,
          prevHash: GENESIS_HASH,
          metadataVersion: 1,
        });
        expect(Date.parse(event.metadata.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
        expect(event.created).toBeInstanceOf(Date);
        expect(Number.isNaN(event.created.getTime())).toBe(false);
      });

      it('a missing stream is StreamNotFound', async () => {
        const stream = uniqueStream('missing');
        const error = await store.readStream(stream).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(StreamNotFound);
        expect((error as StreamNotFound).stream).toBe(stream);
      });
    });

    describe('soft delete', () => {
      it('hides the stream; appending again re-creates it and continues the numbering', async () => {
        const stream = uniqueStream('deleted');
        await append(stream, [item(0), item(1), item(2)], 'no_stream');
        await store.deleteStream(stream, { expectedRevision: 2n });
        await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFound);
        await expectWrongExpectedVersion(append(stream, [item(3)], 'stream_exists'), stream, 'stream_exists', undefined);

        const recreated = await append(stream, [item(3)], 'no_stream');
        expect(recreated.nextExpectedRevision).toBe(3n);
        const events = await store.readStream(stream);
        expect(events.map((event) => event.revision)).toEqual([3n]);
        expect(events[0].metadata.prevHash).toBe(GENESIS_HASH);
        expect(verifyChain(events).ok).toBe(true);
      });

      it('checks the expected revision, and a stream that never existed cannot be deleted', async () => {
        const stream = uniqueStream('delete-check');
        await append(stream, [item(0), item(1)], 'no_stream');
        await expectWrongExpectedVersion(store.deleteStream(stream, { expectedRevision: 0n }), stream, 0n, 1n);
        expect(await store.readStream(stream)).toHaveLength(2);
        await expect(store.deleteStream(uniqueStream('never-existed'))).rejects.toBeInstanceOf(WrongExpectedVersion);
      });
    });

    describe('$all', () => {
      it('reads events of all streams in log order, forwards and backwards', async () => {
        const prefix = uniquePrefix('all');
        const from = await mark();
        const a = `${prefix}a`;
        const b = `${prefix}b`;
        const results: [string, AppendResult][] = [];
        results.push([a, await append(a, [item(1)], 'no_stream')]);
        results.push([b, await append(b, [item(2)], 'no_stream')]);
        results.push([a, await append(a, [item(3)], 0n)]);
        const filter: AllFilter = { kind: 'streamName', prefixes: [prefix] };

        const forwards = await store.readAll({ fromPosition: from, filter });
        expect(forwards.map((event) => event.streamName)).toEqual([a, b, a]);
        expect(forwards.map((event) => event.position.commit)).toEqual(results.map(([, result]) => result.position.commit));
        expect(isStrictlyIncreasing(forwards.map((event) => event.position.commit))).toBe(true);

        const backwards = await store.readAll({ direction: 'backwards', filter, maxCount: 3 });
        expect(backwards.map((event) => event.id)).toEqual([...forwards].reverse().map((event) => event.id));
        expect(await store.readAll({ fromPosition: 'end', filter })).toEqual([]);
        expect(await store.readAll({ fromPosition: 'start', direction: 'backwards', filter })).toEqual([]);
        const limited = await store.readAll({ fromPosition: from, filter, maxCount: 2 });
        expect(limited.map((event) => event.id)).toEqual(forwards.slice(0, 2).map((event) => event.id));
        const byType = await store.readAll({ fromPosition: from, filter: { kind: 'eventType', prefixes: ['ContractNote'] } });
        expect(byType.every((event) => event.type === ContractNoteTaken.type)).toBe(true);
      });
    });

    describe('subscriptions to $all', () => {
      it('hands over from catch-up to live while appends keep coming: no gap, no duplicate', async () => {
        const prefix = uniquePrefix('handover');
        const from = await mark();
        const expected: string[] = [];
        for (let n = 0; n < 10; n += 1) {
          const event = item(n);
          expected.push(event.id);
          await append(`${prefix}${n % 3}`, [event], 'any');
        }
        const subscriber = subscribe(store, { fromPosition: from, filter: { kind: 'streamName', prefixes: [prefix] } });
        for (let n = 10; n < 40; n += 1) {
          const event = item(n);
          expected.push(event.id);
          await append(`${prefix}${n % 3}`, [event], 'any');
        }
        await subscriber.waitFor(() => subscriber.events.length >= 40 && subscriber.caughtUp > 0, 'all 40 events');
        const more = item(40);
        expected.push(more.id);
        await append(`${prefix}0`, [more], 'any');
        await subscriber.waitFor(() => subscriber.events.length >= 41, 'the live event');
        await subscriber.close();
        expect(subscriber.events.map((event) => event.id)).toEqual(expected);
        expect(isStrictlyIncreasing(subscriber.events.map((event) => event.position.commit))).toBe(true);
        expect(subscriber.errors).toEqual([]);
      });

      it('resumes after a stored position without repeating or skipping events', async () => {
        const prefix = uniquePrefix('resume');
        const from = await mark();
        const filter: AllFilter = { kind: 'streamName', prefixes: [prefix] };
        const firstHalf = [item(0), item(1), item(2)];
        for (const event of firstHalf) await append(`${prefix}s`, [event], 'any');
        const first = subscribe(store, { fromPosition: from, filter });
        await first.waitFor(() => first.events.length >= 3 && first.caughtUp > 0, 'the first three events');
        await first.close();
        const checkpoint = first.lastPosition();

        const secondHalf = [item(3), item(4)];
        for (const event of secondHalf) await append(`${prefix}s`, [event], 'any');
        const second = subscribe(store, { fromPosition: checkpoint, filter });
        await second.waitFor(() => second.events.length >= 2 && second.caughtUp > 0, 'the last two events');
        await second.close();
        expect(second.events.map((event) => event.id)).toEqual(secondHalf.map((event) => event.id));
      });

      it("from 'end' delivers only what is written after the subscription started", async () => {
        const prefix = uniquePrefix('from-end');
        await append(`${prefix}s`, [item(0)], 'no_stream');
        const subscriber = subscribe(store, { fromPosition: 'end', filter: { kind: 'streamName', prefixes: [prefix] } });
        await subscriber.waitFor(() => subscriber.caughtUp > 0, 'caught up');
        const later = item(1);
        await append(`${prefix}s`, [later], 0n);
        await subscriber.waitFor(() => subscriber.events.length >= 1, 'the later event');
        await subscriber.close();
        expect(subscriber.events.map((event) => event.id)).toEqual([later.id]);
      });

      it('stops, and says so, when a handler throws', async () => {
        const prefix = uniquePrefix('handler-error');
        const from = await mark();
        await append(`${prefix}s`, [item(0), item(1), item(2)], 'no_stream');
        const seen: string[] = [];
        const failures: { error: unknown; willResubscribe: boolean }[] = [];
        const subscription = store.subscribeToAll(
          { fromPosition: from, filter: { kind: 'streamName', prefixes: [prefix] } },
          {
            onEvent: (event) => {
              seen.push(event.id);
              if (seen.length === 2) throw new Error('projection bug');
            },
            onError: (error, willResubscribe) => failures.push({ error, willResubscribe }),
          },
        );
        const deadline = Date.now() + WAIT_MS;
        while (failures.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
        await append(`${prefix}s`, [item(3)], 2n);
        await subscription.close();
        expect(failures).toHaveLength(1);
        expect(failures[0]).toMatchObject({ willResubscribe: false, error: new Error('projection bug') });
        expect(seen).toHaveLength(2);
      });

      it('filters by event type prefix and by stream name prefix', async () => {
        const prefix = uniquePrefix('filters');
        const from = await mark();
        const notes = [note('one'), note('two')];
        await append(`${prefix}x`, [item(1), notes[0]], 'no_stream');
        await append(`other-${prefix}y`, [item(2)], 'no_stream');
        await append(`${prefix}z`, [notes[1], item(3)], 'no_stream');

        const byType = subscribe(store, { fromPosition: from, filter: { kind: 'eventType', prefixes: ['ContractNote'] } });
        const byStream = subscribe(store, { fromPosition: from, filter: { kind: 'streamName', prefixes: [prefix] } });
        await byType.waitFor(() => byType.caughtUp > 0, 'caught up (type filter)');
        await byStream.waitFor(() => byStream.caughtUp > 0, 'caught up (stream filter)');
        await byType.close();
        await byStream.close();
        expect(byType.events.every((event) => event.type === ContractNoteTaken.type)).toBe(true);
        expect(byType.events.filter((event) => event.streamName.startsWith(prefix)).map((event) => event.id)).toEqual(
          notes.map((event) => event.id),
        );
        expect(byStream.events.map((event) => event.streamName)).toEqual([`${prefix}x`, `${prefix}x`, `${prefix}z`, `${prefix}z`]);
      });

      it('sends checkpoints past events that do not match the filter, during catch-up and live', async () => {
        const prefix = uniquePrefix('quiet');
        const noise = uniquePrefix('noise');
        const from = await mark();
        for (let n = 0; n < 70; n += 1) await append(`${noise}${n % 5}`, [item(n)], 'any');
        const subscriber = subscribe(store, { fromPosition: from, filter: { kind: 'streamName', prefixes: [prefix] } });
        // EventStoreDB checkpoints every 32 events read; whether it also checkpoints at the end of catch-up
        // differs between versions, so only a checkpoint past the start is required here.
        await subscriber.waitFor(
          () => subscriber.caughtUp > 0 && subscriber.checkpoints.some((position) => position.commit > from.commit),
          'a checkpoint during catch-up',
        );
        const catchUpCheckpoints = subscriber.checkpoints.length;

        const live: LogPosition[] = [];
        for (let n = 0; n < 100; n += 1) live.push((await append(`${noise}${n % 5}`, [item(n)], 'any')).position);
        await subscriber.waitFor(
          () => subscriber.checkpoints.some((position) => position.commit >= live[40].commit),
          'a checkpoint while live',
        );
        await subscriber.close();
        expect(subscriber.events).toEqual([]);
        expect(catchUpCheckpoints).toBeGreaterThanOrEqual(1);
        expect(isStrictlyIncreasing(subscriber.checkpoints.map((position) => position.commit))).toBe(true);
        expect(subscriber.checkpoints.every((position) => position.commit > from.commit)).toBe(true);
      });

      (options.serverRestarts ? it : it.skip)('keeps delivering after the server restarts under a live subscription', async () => {
        const restartServer = target.restartServer;
        if (!restartServer) throw new Error('serverRestarts is set but setup returned no restartServer');
        const prefix = uniquePrefix('restart');
        const from = await mark();
        const before = item(1);
        await append(`${prefix}s`, [before], 'no_stream');
        const subscriber = subscribe(store, { fromPosition: from, filter: { kind: 'streamName', prefixes: [prefix] } });
        await subscriber.waitFor(() => subscriber.events.length >= 1 && subscriber.caughtUp > 0, 'the event before the restart');

        await restartServer();
        const after = [item(2), item(3)];
        await append(`${prefix}s`, [after[0]], 0n);
        await append(`${prefix}s`, [after[1]], 1n);
        await subscriber.waitFor(() => subscriber.events.length >= 3, 'the events after the restart');
        await subscriber.close();
        expect(subscriber.events.map((event) => event.id)).toEqual([before, ...after].map((event) => event.id));
        expect(subscriber.connectionErrors).toBeGreaterThanOrEqual(1);
      });
    });

    describe('hash chain', () => {
      it('links every event to the previous one of its stream, across appends and within a batch', async () => {
        const stream = uniqueStream('chain');
        await append(stream, [item(0)], 'no_stream');
        await append(stream, [item(1), item(2)], 0n);
        await append(stream, [item(3)], 'any');
        await append(stream, [item(4)], 'stream_exists');
        const events = await store.readStream(stream);
        expect(events[0].metadata.prevHash).toBe(GENESIS_HASH);
        for (let index = 1; index < events.length; index += 1) {
          expect(events[index].metadata.prevHash).toBe(hashRecordedEvent(events[index - 1]));
        }
        const verification = verifyChain(events);
        expect(verification).toEqual({ ok: true, checked: 5, headHash: hashRecordedEvent(events[4]) });
      });

      it('detects a changed event and a missing event', async () => {
        const stream = uniqueStream('tamper');
        await append(stream, [item(0), item(1), item(2), item(3)], 'no_stream');
        const events = await store.readStream(stream);

        const changed = events.map((event, index) => (index === 1 ? { ...event, data: { n: 1, label: 'forged' } } : event));
        const changedResult = verifyChain(changed);
        expect(changedResult.ok).toBe(false);
        expect(changedResult).toMatchObject({ index: 2, revision: 2n, eventId: events[2].id });

        const missing = events.filter((_, index) => index !== 2);
        expect(verifyChain(missing)).toMatchObject({ ok: false, index: 2, revision: 3n });
      });
    });

    describe('handleCommand over this store', () => {
      it('retries concurrent commands until each lands, and a repeated command id appends nothing', async () => {
        const stream = uniqueStream('counter');
        const commands = Array.from({ length: 8 }, (_, n) => `command-${run}-${stream}-${n}`);
        const results = await Promise.all(
          commands.map((commandId) =>
            handleCommand({ store, stream, decider: counter, command: { by: 1 }, commandId, context: contractContext, maxRetries: 50 }),
          ),
        );
        expect(results.map((result) => result.state.total).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        const repeated = await handleCommand({
          store,
          stream,
          decider: counter,
          command: { by: 1 },
          commandId: commands[3],
          context: contractContext,
        });
        expect(repeated.events.map((event) => event.id)).toEqual([eventIdFor(commands[3], 0)]);
        const events = await store.readStream(stream);
        expect(events).toHaveLength(8);
        expect(verifyChain(events).ok).toBe(true);
      });
    });
  });
}

type CounterEvent = { readonly type: typeof ContractItemAdded.type; readonly data: { n: number; label: string } };
const counter: Decider<{ total: number }, { by: number }, CounterEvent> = {
  initialState: () => ({ total: 0 }),
  decide: (command, state) => [{ type: ContractItemAdded.type, data: { n: state.total + command.by, label: 'count' } }],
  evolve: (_state, event) => ({ total: event.data.n }),
};

async function expectWrongExpectedVersion(
  attempt: Promise<unknown>,
  stream: string | undefined,
  expected: ExpectedRevision,
  actual: ActualRevision | undefined,
): Promise<void> {
  const error = await attempt.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersion);
  const wrong = error as WrongExpectedVersion;
  if (stream !== undefined) expect(wrong.stream).toBe(stream);
  expect(wrong.expected).toBe(expected);
  if (actual !== undefined) expect(wrong.actual).toBe(actual);
}

function isStrictlyIncreasing(values: readonly bigint[]): boolean {
  return values.every((value, index) => index === 0 || value > values[index - 1]);
}

interface TestSubscriber {
  readonly events: RecordedEvent[];
  readonly checkpoints: LogPosition[];
  readonly errors: unknown[];
  readonly caughtUp: number;
  /** Connection problems the subscription reported and resubscribed after. */
  readonly connectionErrors: number;
  lastPosition(): LogPosition;
  waitFor(condition: () => boolean, what: string): Promise<void>;
  close(): Promise<void>;
}

function subscribe(store: EventStorePort, options: SubscribeToAllOptions): TestSubscriber {
  const events: RecordedEvent[] = [];
  const checkpoints: LogPosition[] = [];
  const errors: unknown[] = [];
  let caughtUp = 0;
  let connectionErrors = 0;
  let last: LogPosition | undefined;
  const subscription = store.subscribeToAll(options, {
    onEvent: (event) => {
      events.push(event);
      last = event.position;
    },
    onCheckpoint: (position) => {
      checkpoints.push(position);
      last = position;
    },
    onCaughtUp: () => {
      caughtUp += 1;
    },
    onError: (error, willResubscribe) => {
      if (willResubscribe) connectionErrors += 1;
      else errors.push(error);
    },
  });
  return {
    events,
    checkpoints,
    errors,
    get caughtUp() {
      return caughtUp;
    },
    get connectionErrors() {
      return connectionErrors;
    },
    lastPosition() {
      if (!last) throw new Error('nothing delivered yet');
      return last;
    },
    async waitFor(condition, what) {
      const deadline = Date.now() + WAIT_MS;
      while (!condition()) {
        if (errors.length > 0) throw new Error(`subscription failed while waiting for ${what}: ${String(errors[0])}`);
        if (Date.now() > deadline) {
          throw new Error(
            `gave up waiting for ${what}: ${events.length} events, ${checkpoints.length} checkpoints, caught up ${caughtUp}x`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => subscription.close(),
  };
}
