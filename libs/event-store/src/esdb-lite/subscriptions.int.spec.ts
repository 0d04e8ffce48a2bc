import {
  END,
  START,
  StreamDeletedError,
  UnavailableError,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  collect,
  commitOf,
  event,
  eventually,
  recordedOf,
  startHarness,
  streamName,
  SubscriptionRecorder,
  type Harness,
} from './testing/harness';

const commits = (events: ResolvedEvent[]) => events.map((resolved) => commitOf(recordedOf(resolved)));

describe('esdb-lite subscriptions', () => {
  let harness: Harness;
  const client = () => harness.client;
  const open: Array<{ unsubscribe(): Promise<void> }> = [];
  const track = <S extends { unsubscribe(): Promise<void> }>(subscription: S): S => {
    open.push(subscription);
    return subscription;
  };

  beforeAll(async () => {
    harness = await startHarness({ subscriptions: { liveCheckpointMs: 50 } });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((subscription) => subscription.unsubscribe()));
  });
  afterAll(() => harness.stop());

  const allPositions = async () => commits(await collect(client().readAll()));

  describe('to $all', () => {
    it('sends confirmation, every stored event, caught-up, then live events, in log order', async () => {
      await client().appendToStream(streamName('before'), [event('A'), event('B'), event('C')]);
      const stored = await allPositions();
      const recorder = new SubscriptionRecorder();
      track(recorder.record(client().subscribeToAll({ fromPosition: START })));
      await eventually(() => recorder.caughtUp(), 10_000, 'caught up');
      await client().appendToStream(streamName('after'), [event('D'), event('E')]);
      await eventually(() => recorder.events().length === stored.length + 2, 10_000, 'live events');

      expect(recorder.indexOf('confirmation')).toBe(0);
      expect(recorder.indexOf('caughtUp')).toBe(stored.length + 1);
      expect(recorder.events().map((entry) => entry.commit)).toEqual(await allPositions());
      expect(recorder.events().slice(-2).map((entry) => entry.type)).toEqual(['D', 'E']);
      expect(recorder.checkpoints()).toEqual([]);
    });

    it('starts after the given position (exclusive) and from END with new events only', async () => {
      await client().appendToStream(streamName('resume'), [event('A'), event('B'), event('C')]);
      const all = await allPositions();
      const middle = all[all.length - 2];
      const fromMiddle = new SubscriptionRecorder();
      track(fromMiddle.record(client().subscribeToAll({ fromPosition: { commit: middle, prepare: middle } })));
      const fromEnd = new SubscriptionRecorder();
      track(fromEnd.record(client().subscribeToAll({ fromPosition: END })));
      await eventually(() => fromMiddle.caughtUp() && fromEnd.caughtUp(), 10_000, 'caught up');
      await client().appendToStream(streamName('resume'), event('Live'));
      await eventually(() => fromMiddle.events().length === 2 && fromEnd.events().length === 1, 10_000, 'live');

      expect(fromMiddle.events().map((entry) => entry.commit)[0]).toBe(all[all.length - 1]);
      expect(fromMiddle.events()[1].type).toBe('Live');
      expect(fromEnd.events().map((entry) => entry.type)).toEqual(['Live']);
    });

    it('delivers only events whose stream name has a prefix, or whose type matches a prefix or regex', async () => {
      const tag = streamName('f').slice(2, 10);
      const byStream = new SubscriptionRecorder();
      track(byStream.record(client().subscribeToAll({ filter: streamNameFilter({ prefixes: [`order-${tag}`] }) })));
      const byType = new SubscriptionRecorder();
      track(byType.record(client().subscribeToAll({ filter: eventTypeFilter({ prefixes: [`Shipped${tag}`] }) })));
      const byRegex = new SubscriptionRecorder();
      track(byRegex.record(client().subscribeToAll({ filter: eventTypeFilter({ regex: `^(Placed|Shipped)${tag}$` }) })));
      const noSystem = new SubscriptionRecorder();
      track(noSystem.record(client().subscribeToAll({ filter: excludeSystemEvents() })));

      await client().appendToStream(`order-${tag}-1`, [event(`Placed${tag}`), event(`Shipped${tag}`)]);
      await client().appendToStream(`invoice-${tag}-1`, [event(`Shipped${tag}`), event(`Paid${tag}`)]);
      await client().setStreamMetadata(`order-${tag}-1`, { maxCount: 10 });
      await client().appendToStream(`order-${tag}-2`, event(`Cancelled${tag}`));
      await eventually(
        () => byStream.events().length >= 3 && byType.events().length >= 2 && byRegex.events().length >= 3,
        10_000,
        'filtered events',
      );
      await eventually(() => noSystem.events().some((entry) => entry.type === `Cancelled${tag}`), 10_000, 'all');

      expect(byStream.events().map((entry) => `${entry.stream}:${entry.type}`)).toEqual([
        `order-${tag}-1:Placed${tag}`,
        `order-${tag}-1:Shipped${tag}`,
        `order-${tag}-2:Cancelled${tag}`,
      ]);
      expect(byType.events().map((entry) => entry.stream)).toEqual([`order-${tag}-1`, `invoice-${tag}-1`]);
      expect(byRegex.events().map((entry) => entry.type)).toEqual([`Placed${tag}`, `Shipped${tag}`, `Shipped${tag}`]);
      expect(noSystem.events().some((entry) => entry.type.startsWith('$'))).toBe(false);
      expect((await collect(client().readAll())).some((resolved) => recordedOf(resolved).type === '$metadata')).toBe(true);
    });

    it('sends checkpoints every checkpointInterval × maxSearchWindow considered events and at the end of catch-up, though nothing matches', async () => {
      await client().appendToStream(streamName('noise'), [event('N'), event('N'), event('N'), event('N'), event('N')]);
      const all = await allPositions();
      const recorder = new SubscriptionRecorder();
      const filter = streamNameFilter({
        prefixes: ['matches-nothing-'],
        maxSearchWindow: 2,
        checkpointInterval: 1,
        checkpointReached: recorder.checkpoint,
      });
      track(recorder.record(client().subscribeToAll({ fromPosition: START, filter })));
      await eventually(() => recorder.caughtUp(), 10_000, 'caught up');

      const everySecond = all.filter((_, i) => (i + 1) % 2 === 0);
      const expected = all.length % 2 === 0 ? everySecond : [...everySecond, all[all.length - 1]];
      expect(recorder.checkpoints()).toEqual(expected);
      expect(recorder.events()).toEqual([]);
      const caughtUpAt = recorder.indexOf('caughtUp');
      expect(recorder.entries[caughtUpAt - 1]).toEqual({ kind: 'checkpoint', commit: all[all.length - 1] });
    });

    it('keeps checkpointing while live, by count and after a quiet period, though nothing matches', async () => {
      const recorder = new SubscriptionRecorder();
      const filter = eventTypeFilter({
        prefixes: ['MatchesNothing'],
        maxSearchWindow: 2,
        checkpointInterval: 2,
        checkpointReached: recorder.checkpoint,
      });
      track(recorder.record(client().subscribeToAll({ fromPosition: END, filter })));
      await eventually(() => recorder.caughtUp(), 10_000, 'caught up');
      const before = recorder.checkpoints().length;

      const four = await client().appendToStream(streamName('quiet'), [event('N'), event('N'), event('N'), event('N')]);
      await eventually(() => recorder.checkpoints().includes(commitOf(four)), 10_000, 'count checkpoint');
      const one = await client().appendToStream(streamName('quiet'), event('N'));
      await eventually(() => recorder.checkpoints().includes(commitOf(one)), 10_000, 'idle checkpoint');

      const live = recorder.checkpoints().slice(before);
      expect(live).toEqual([commitOf(four), commitOf(one)]);
      expect(recorder.events()).toEqual([]);
    });

    it('loses and repeats nothing across the switch to live while writers append concurrently', async () => {
      const writers = 4;
      const perWriter = 60;
      const subscribers = Array.from({ length: 3 }, () => new SubscriptionRecorder());
      let written = 0;
      const appends = Array.from({ length: writers }, async (_, w) => {
        const stream = streamName(`race-${w}`);
        for (let i = 0; i < perWriter; i++) {
          await client().appendToStream(stream, event('Raced', { w, i }));
          written++;
          // Keep writing until every subscriber is live, so each one switches over mid-stream.
          if (i === (perWriter * 3) / 4) await eventually(() => subscribers.every((r) => r.caughtUp()), 20_000, 'live');
        }
      });
      for (const recorder of subscribers) {
        await eventually(() => written >= 20, 20_000, 'some appends');
        track(recorder.record(client().subscribeToAll({ fromPosition: START })));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await Promise.all(appends);
      const expected = await allPositions();
      for (const recorder of subscribers) {
        await eventually(() => recorder.events().length >= expected.length, 20_000, 'every event');
        expect(recorder.events().map((entry) => entry.commit)).toEqual(expected);
        expect(recorder.entries.length - 1 - recorder.indexOf('caughtUp')).toBeGreaterThan(0);
      }
    });

    it('falls back to catching up when a subscriber cannot keep up, still without gaps', async () => {
      const slow = await startHarness({ subscriptions: { liveBufferLimit: 5, pageSize: 50 } });
      try {
        const recorder = new SubscriptionRecorder();
        const subscription = recorder.record(slow.client.subscribeToAll({ fromPosition: START }));
        await eventually(() => recorder.caughtUp(), 10_000, 'caught up');
        subscription.pause();
        const payload = 'x'.repeat(16 * 1024);
        for (let i = 0; i < 20; i++) {
          await slow.client.appendToStream(streamName('flood'), Array.from({ length: 20 }, () => event('Flood', { payload })));
        }
        subscription.resume();
        const expected = commits(await collect(slow.client.readAll()));
        await eventually(() => recorder.events().length >= expected.length, 20_000, 'every event');
        expect(recorder.events().map((entry) => entry.commit)).toEqual(expected);
        expect(slow.logs().some((line) => line['msg'] === 'subscription fell behind; catching up from the log')).toBe(
          true,
        );
        await subscription.unsubscribe();
      } finally {
        await slow.stop();
      }
    });
  });

  describe('to a stream', () => {
    it('sends the stream events, caught-up, then live events of that stream only', async () => {
      const stream = streamName('user');
      await client().appendToStream(stream, [event('A'), event('B')]);
      const recorder = new SubscriptionRecorder();
      track(recorder.record(client().subscribeToStream(stream)));
      await eventually(() => recorder.caughtUp(), 10_000, 'caught up');
      await client().appendToStream(streamName('other'), event('Other'));
      await client().appendToStream(stream, event('C'));
      await eventually(() => recorder.events().length === 3, 10_000, 'live event');

      expect(recorder.entries.map((entry) => (entry.kind === 'event' ? entry.revision : entry.kind))).toEqual([
        'confirmation',
        0n,
        1n,
        'caughtUp',
        2n,
      ]);
    });

    it('starts after the given revision (exclusive) and from END with new events only', async () => {
      const stream = streamName('user');
      await client().appendToStream(stream, [event('A'), event('B'), event('C')]);
      const afterFirst = new SubscriptionRecorder();
      track(afterFirst.record(client().subscribeToStream(stream, { fromRevision: 0n })));
      const fromEnd = new SubscriptionRecorder();
      track(fromEnd.record(client().subscribeToStream(stream, { fromRevision: END })));
      await eventually(() => afterFirst.caughtUp() && fromEnd.caughtUp(), 10_000, 'caught up');
      await client().appendToStream(stream, event('D'));
      await eventually(() => afterFirst.events().length === 3 && fromEnd.events().length === 1, 10_000, 'live');

      expect(afterFirst.events().map((entry) => entry.revision)).toEqual([1n, 2n, 3n]);
      expect(fromEnd.events().map((entry) => entry.revision)).toEqual([3n]);
    });

    it('waits on a stream that does not exist yet and delivers it once written', async () => {
      const stream = streamName('later');
      const recorder = new SubscriptionRecorder();
      track(recorder.record(client().subscribeToStream(stream)));
      await eventually(() => recorder.caughtUp(), 10_000, 'caught up');
      await client().appendToStream(stream, [event('A'), event('B')]);
      await eventually(() => recorder.events().length === 2, 10_000, 'events');
      expect(recorder.events().map((entry) => entry.type)).toEqual(['A', 'B']);
    });

    it('skips the hidden events of a soft-deleted and re-created stream', async () => {
      const stream = streamName('recreated');
      await client().appendToStream(stream, [event('Old'), event('Old')]);
      await client().deleteStream(stream);
      await client().appendToStream(stream, event('New'));
      const recorder = new SubscriptionRecorder();
      track(recorder.record(client().subscribeToStream(stream)));
      await eventually(() => recorder.caughtUp(), 10_000, 'caught up');
      expect(recorder.events().map((entry) => [entry.type, entry.revision])).toEqual([['New', 2n]]);
    });

    it('delivers the tombstone of a live stream, then ends with StreamDeletedError', async () => {
      const stream = streamName('tomb');
      await client().appendToStream(stream, event('A'));
      const recorder = new SubscriptionRecorder();
      track(recorder.record(client().subscribeToStream(stream)));
      await eventually(() => recorder.caughtUp(), 10_000, 'caught up');
      await client().tombstoneStream(stream);
      await eventually(() => recorder.errors.length > 0, 10_000, 'error');

      expect(recorder.events().map((entry) => entry.type)).toEqual(['A', '$streamDeleted']);
      expect(recorder.errors[0]).toBeInstanceOf(StreamDeletedError);
    });

    it('refuses a subscription to a tombstoned stream with StreamDeletedError', async () => {
      const stream = streamName('tomb');
      await client().appendToStream(stream, event('A'));
      await client().tombstoneStream(stream);
      const recorder = new SubscriptionRecorder();
      track(recorder.record(client().subscribeToStream(stream)));
      await eventually(() => recorder.errors.length > 0, 10_000, 'error');
      expect(recorder.errors[0]).toBeInstanceOf(StreamDeletedError);
      expect(recorder.events()).toEqual([]);
    });
  });

  describe('when the server stops', () => {
    it('ends open subscriptions with UNAVAILABLE so clients can resubscribe', async () => {
      const doomed = await startHarness();
      const toAll = new SubscriptionRecorder();
      toAll.record(doomed.client.subscribeToAll({ fromPosition: START }));
      const toStream = new SubscriptionRecorder();
      toStream.record(doomed.client.subscribeToStream(streamName('any')));
      await eventually(() => toAll.caughtUp() && toStream.caughtUp(), 10_000, 'caught up');
      await doomed.server.stop();
      await eventually(() => toAll.errors.length > 0 && toStream.errors.length > 0, 10_000, 'errors');
      expect(toAll.errors[0]).toBeInstanceOf(UnavailableError);
      expect(toStream.errors[0]).toBeInstanceOf(UnavailableError);
      await doomed.client.dispose();
    });
  });
});
