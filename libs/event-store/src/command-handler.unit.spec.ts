import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineEvent, type RequestContext } from '@scim/contracts';
import { handleCommand, type Decider, type KnownStreamHead } from './command-handler';
import { eventIdFor } from './deterministic-id';
import { ConcurrencyConflict } from './errors';
import { EventRegistry } from './event-registry';
import { hashRecordedEvent, verifyChain } from './hash-chain';
import { InMemoryEventStore } from './in-memory-event-store';
import type { EventStorePort } from './port';

const Deposited = defineEvent('Deposited', 1, z.object({ amount: z.number().positive() }));
const Withdrawn = defineEvent('Withdrawn', 1, z.object({ amount: z.number().positive() }));
type AccountEvent =
  | { type: typeof Deposited.type; data: { amount: number } }
  | { type: typeof Withdrawn.type; data: { amount: number } };
type AccountCommand = { kind: 'deposit'; amount: number } | { kind: 'withdraw'; amount: number } | { kind: 'noop' };

class InsufficientFunds extends Error {}

const account: Decider<{ balance: number }, AccountCommand, AccountEvent> = {
  initialState: () => ({ balance: 0 }),
  decide: (command, state) => {
    if (command.kind === 'noop') return [];
    if (command.kind === 'deposit') return [{ type: Deposited.type, data: { amount: command.amount } }];
    if (state.balance < command.amount) throw new InsufficientFunds();
    return [{ type: Withdrawn.type, data: { amount: command.amount } }];
  },
  evolve: (state, event) => ({
    balance: event.type === Deposited.type ? state.balance + event.data.amount : state.balance - event.data.amount,
  }),
};

const context: RequestContext = { correlationId: 'corr-1', actor: { type: 'admin', id: 'admin-1' } };
const registry = () => new EventRegistry([Deposited, Withdrawn]);

/** The store, counting its stream reads. */
function countingReads(store: InMemoryEventStore): { store: EventStorePort; reads: () => number } {
  let reads = 0;
  const counted = Object.assign(Object.create(store) as InMemoryEventStore, {
    readStream: (...args: Parameters<EventStorePort['readStream']>) => {
      reads += 1;
      return store.readStream(...args);
    },
  });
  return { store: counted, reads: () => reads };
}

/** A store where another writer appends just before each of our first `times` appends. */
function contendedStore(store: InMemoryEventStore, times: number): EventStorePort {
  let remaining = times;
  return Object.assign(Object.create(store) as InMemoryEventStore, {
    append: async (...args: Parameters<EventStorePort['append']>) => {
      if (remaining > 0) {
        remaining -= 1;
        await store.append(args[0], [{ id: randomUUID(), type: Deposited.type, data: { amount: 100 } }], {
          expectedRevision: 'any',
          context,
        });
      }
      return store.append(...args);
    },
  });
}

describe('handleCommand', () => {
  it('given a new stream, when a command decides events, then they are appended with no_stream and folded', async () => {
    const store = new InMemoryEventStore({ registry: registry() });
    const result = await handleCommand({ store, stream: 'account-1', decider: account, command: { kind: 'deposit', amount: 5 }, commandId: 'c1', context });
    expect(result.state).toEqual({ balance: 5 });
    expect(result.nextExpectedRevision).toBe(0n);
    expect(result.events).toEqual([{ id: eventIdFor('c1', 0), type: Deposited.type, data: { amount: 5 } }]);
    const [stored] = await store.readStream('account-1');
    expect(stored.id).toBe(eventIdFor('c1', 0));
    expect(result.position).toEqual(stored.position);
    expect(stored.metadata.$correlationId).toBe('corr-1');
  });

  it('given existing events, when deciding, then the decider sees the folded state', async () => {
    const store = new InMemoryEventStore({ registry: registry() });
    await handleCommand({ store, stream: 'account-1', decider: account, command: { kind: 'deposit', amount: 5 }, commandId: 'c1', context });
    await expect(
      handleCommand({ store, stream: 'account-1', decider: account, command: { kind: 'withdraw', amount: 6 }, commandId: 'c2', context }),
    ).rejects.toBeInstanceOf(InsufficientFunds);
    const result = await handleCommand({ store, stream: 'account-1', decider: account, command: { kind: 'withdraw', amount: 5 }, commandId: 'c3', context });
    expect(result.state).toEqual({ balance: 0 });
    expect(result.nextExpectedRevision).toBe(1n);
    expect(verifyChain(await store.readStream('account-1')).ok).toBe(true);
  });

  it('when the decider decides nothing, then nothing is appended', async () => {
    const store = new InMemoryEventStore({ registry: registry() });
    const result = await handleCommand({ store, stream: 'account-1', decider: account, command: { kind: 'noop' }, commandId: 'c1', context });
    expect(result).toEqual({ events: [], state: { balance: 0 }, nextExpectedRevision: 'no_stream', position: undefined });
    expect(await store.readAll()).toEqual([]);
  });

  it('when beforeAppend throws (its caller stopped waiting), then nothing is appended, also on a retry after another writer won', async () => {
    const store = new InMemoryEventStore({ registry: registry() });
    class Late extends Error {}
    const stop = () => {
      throw new Late();
    };
    const command = { store, stream: 'account-1', decider: account, command: { kind: 'deposit', amount: 5 }, context } as const;
    await expect(handleCommand({ ...command, commandId: 'c1', beforeAppend: stop })).rejects.toBeInstanceOf(Late);
    expect(await store.readAll()).toEqual([]);

    let checks = 0;
    const secondTime = () => {
      checks += 1;
      if (checks > 1) stop();
    };
    await expect(handleCommand({ ...command, store: contendedStore(store, 1), commandId: 'c2', beforeAppend: secondTime })).rejects.toBeInstanceOf(Late);
    expect((await store.readAll()).map((event) => event.id)).not.toContain(eventIdFor('c2', 0));
    expect(checks).toBe(2);
  });

  it('when another writer wins, then it decides again on the new state', async () => {
    const inner = new InMemoryEventStore({ registry: registry() });
    const store = contendedStore(inner, 2);
    const result = await handleCommand({ store, stream: 'account-1', decider: account, command: { kind: 'deposit', amount: 1 }, commandId: 'c1', context });
    expect(result.state).toEqual({ balance: 201 });
    expect(result.nextExpectedRevision).toBe(2n);
    expect((await inner.readStream('account-1')).map((event) => event.id)[2]).toBe(eventIdFor('c1', 0));
  });

  it('when other writers keep winning, then it gives up with an unpinned ConcurrencyConflict and writes nothing', async () => {
    const inner = new InMemoryEventStore({ registry: registry() });
    const store = contendedStore(inner, 100);
    const error = await handleCommand({
      store,
      stream: 'account-1',
      decider: account,
      command: { kind: 'deposit', amount: 1 },
      commandId: 'c1',
      context,
      maxRetries: 2,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConcurrencyConflict);
    expect(error).toMatchObject({ stream: 'account-1', pinned: false, attempts: 3, expected: 1n, actual: 2n });
    const events = await inner.readStream('account-1');
    expect(events.map((event) => event.id)).not.toContain(eventIdFor('c1', 0));
  });

  it('given a pinned revision that is no longer current, then it fails at once with a pinned conflict', async () => {
    const inner = new InMemoryEventStore({ registry: registry() });
    await handleCommand({ store: inner, stream: 'account-1', decider: account, command: { kind: 'deposit', amount: 5 }, commandId: 'c1', context });
    await handleCommand({ store: inner, stream: 'account-1', decider: account, command: { kind: 'deposit', amount: 5 }, commandId: 'c2', context });
    const error = await handleCommand({
      store: inner,
      stream: 'account-1',
      decider: account,
      command: { kind: 'deposit', amount: 1 },
      commandId: 'c3',
      context,
      expectedRevision: 0n,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ pinned: true, attempts: 1, expected: 0n, actual: 1n });
    expect(await inner.readStream('account-1')).toHaveLength(2);
  });

  it('given a pinned revision and a writer that slips in before the append, then it does not retry', async () => {
    const inner = new InMemoryEventStore({ registry: registry() });
    await handleCommand({ store: inner, stream: 'account-1', decider: account, command: { kind: 'deposit', amount: 5 }, commandId: 'c1', context });
    const error = await handleCommand({
      store: contendedStore(inner, 1),
      stream: 'account-1',
      decider: account,
      command: { kind: 'deposit', amount: 1 },
      commandId: 'c2',
      context,
      expectedRevision: 0n,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConcurrencyConflict);
    expect(error).toMatchObject({ pinned: true, attempts: 1 });
  });

  it('given a pinned no_stream and an existing stream, then it is a pinned conflict', async () => {
    const store = new InMemoryEventStore({ registry: registry() });
    await handleCommand({ store, stream: 'account-1', decider: account, command: { kind: 'deposit', amount: 5 }, commandId: 'c1', context });
    await expect(
      handleCommand({ store, stream: 'account-1', decider: account, command: { kind: 'deposit', amount: 5 }, commandId: 'c2', context, expectedRevision: 'no_stream' }),
    ).rejects.toMatchObject({ pinned: true, actual: 0n });
  });

  it('when the same command is handled again, then its earlier events are returned and nothing is appended', async () => {
    const store = new InMemoryEventStore({ registry: registry() });
    const first = await handleCommand({ store, stream: 'account-1', decider: account, command: { kind: 'deposit', amount: 5 }, commandId: 'c1', context });
    await handleCommand({ store, stream: 'account-1', decider: account, command: { kind: 'deposit', amount: 7 }, commandId: 'c2', context });
    const again = await handleCommand({ store, stream: 'account-1', decider: account, command: { kind: 'deposit', amount: 5 }, commandId: 'c1', context });
    expect(again.events).toEqual(first.events);
    expect(again.position).toEqual(first.position);
    expect(again.state).toEqual({ balance: 12 });
    expect(await store.readStream('account-1')).toHaveLength(2);
  });

  describe('pinned to no_stream (a stream that must be new is not read first)', () => {
    it('given a new stream, appends without reading it first', async () => {
      const { store, reads } = countingReads(new InMemoryEventStore({ registry: registry() }));
      const result = await handleCommand({ store, stream: 'account-k1', decider: account, command: { kind: 'deposit', amount: 5 }, commandId: 'k1', context, expectedRevision: 'no_stream' });
      expect(result).toMatchObject({ state: { balance: 5 }, nextExpectedRevision: 0n });
      expect(reads()).toBe(0);
      expect(verifyChain(await store.readStream('account-k1')).ok).toBe(true);
    });

    it('given a refusal or nothing to do on the empty stream, reads the stream before answering', async () => {
      const { store, reads } = countingReads(new InMemoryEventStore({ registry: registry() }));
      const noop = await handleCommand({ store, stream: 'account-k4', decider: account, command: { kind: 'noop' }, commandId: 'k4a', context, expectedRevision: 'no_stream' });
      expect(noop).toMatchObject({ events: [], state: { balance: 0 }, nextExpectedRevision: 'no_stream' });
      expect(reads()).toBe(1);
      const overdraw = handleCommand({ store, stream: 'account-k4', decider: account, command: { kind: 'withdraw', amount: 1 }, commandId: 'k4b', context, expectedRevision: 'no_stream' });
      await expect(overdraw).rejects.toBeInstanceOf(InsufficientFunds);
      expect(reads()).toBe(2);
    });

    it('given a stream that exists, fails as a pinned conflict and writes nothing, whether it decided or was refused', async () => {
      const store = new InMemoryEventStore({ registry: registry() });
      await handleCommand({ store, stream: 'account-k3', decider: account, command: { kind: 'deposit', amount: 10 }, commandId: 'k3a', context });
      for (const [command, commandId] of [
        [{ kind: 'deposit', amount: 1 }, 'k3b'],
        [{ kind: 'withdraw', amount: 5 }, 'k3c'],
      ] as const) {
        const failure = handleCommand({ store, stream: 'account-k3', decider: account, command, commandId, context, expectedRevision: 'no_stream' });
        await expect(failure).rejects.toMatchObject({ pinned: true });
        await expect(failure).rejects.toBeInstanceOf(ConcurrencyConflict);
      }
      expect(await store.readStream('account-k3')).toHaveLength(1);
    });
  });

  describe('given a known head at the pinned revision (a read model\'s copy: the stream is not read first)', () => {
    /** A stream with deposits of 10 and 5 (revision 1), and its head as a read model would hold it. */
    async function accountWithHead(stream: string): Promise<{ inner: InMemoryEventStore; known: KnownStreamHead<{ balance: number }> }> {
      const inner = new InMemoryEventStore({ registry: registry() });
      await handleCommand({ store: inner, stream, decider: account, command: { kind: 'deposit', amount: 10 }, commandId: `${stream}-a`, context });
      await handleCommand({ store: inner, stream, decider: account, command: { kind: 'deposit', amount: 5 }, commandId: `${stream}-b`, context });
      const head = (await inner.readStream(stream)).at(-1);
      if (!head) throw new Error('no head');
      return { inner, known: { state: { balance: 15 }, revision: head.revision, headHash: hashRecordedEvent(head) } };
    }

    it('decides on it and appends without reading the stream, continuing the hash chain', async () => {
      const { inner, known } = await accountWithHead('account-h1');
      const { store, reads } = countingReads(inner);
      const result = await handleCommand({ store, stream: 'account-h1', decider: account, command: { kind: 'withdraw', amount: 12 }, commandId: 'h1', context, expectedRevision: 1n, known });
      expect(result).toMatchObject({ state: { balance: 3 }, nextExpectedRevision: 2n });
      expect(reads()).toBe(0);
      expect(verifyChain(await inner.readStream('account-h1')).ok).toBe(true);
    });

    it('given nothing pinned, does not use it: a command retried after another write returns its earlier events and appends nothing', async () => {
      const { inner } = await accountWithHead('account-h8');
      const command = { kind: 'deposit', amount: 4 } as const;
      const first = await handleCommand({ store: inner, stream: 'account-h8', decider: account, command, commandId: 'h8', context });
      await handleCommand({ store: inner, stream: 'account-h8', decider: account, command: { kind: 'withdraw', amount: 1 }, commandId: 'h8-other', context });
      const head = (await inner.readStream('account-h8')).at(-1);
      if (!head) throw new Error('no head');
      // A copy at the current head, as a read model that has caught up holds it. Deciding on it would deposit again
      // (with an event id the stream already has): only the stream shows that this command ran.
      const known = { state: { balance: 18 }, revision: head.revision, headHash: hashRecordedEvent(head) };
      const again = await handleCommand({ store: inner, stream: 'account-h8', decider: account, command, commandId: 'h8', context, known });
      expect(again.events).toEqual(first.events);
      expect(await inner.readStream('account-h8')).toHaveLength(4);
    });

    it('given a head at another revision than the pinned one, reads the stream', async () => {
      const { inner, known } = await accountWithHead('account-h2');
      const { store, reads } = countingReads(inner);
      const stale = { ...known, revision: 0n, state: { balance: 10 } };
      await expect(
        handleCommand({ store, stream: 'account-h2', decider: account, command: { kind: 'deposit', amount: 1 }, commandId: 'h2', context, expectedRevision: 1n, known: stale }),
      ).resolves.toMatchObject({ state: { balance: 16 }, nextExpectedRevision: 2n });
      expect(reads()).toBe(1);
    });

    it('given a stream that moved past it, reads the stream and fails as a pinned conflict, writing nothing', async () => {
      const { inner, known } = await accountWithHead('account-h3');
      await handleCommand({ store: inner, stream: 'account-h3', decider: account, command: { kind: 'deposit', amount: 1 }, commandId: 'h3-other', context });
      const { store, reads } = countingReads(inner);
      const failure = handleCommand({ store, stream: 'account-h3', decider: account, command: { kind: 'deposit', amount: 1 }, commandId: 'h3', context, expectedRevision: 1n, known });
      await expect(failure).rejects.toBeInstanceOf(ConcurrencyConflict);
      await expect(failure).rejects.toMatchObject({ pinned: true, expected: 1n, actual: 2n });
      expect(reads()).toBe(1);
      expect(await inner.readStream('account-h3')).toHaveLength(3);
    });

    it('given the same command again (its events are past the head), returns its earlier events and appends nothing', async () => {
      const { inner, known } = await accountWithHead('account-h4');
      const command = { kind: 'withdraw', amount: 4 } as const;
      const first = await handleCommand({ store: inner, stream: 'account-h4', decider: account, command, commandId: 'h4', context, expectedRevision: 1n, known });
      const again = await handleCommand({ store: inner, stream: 'account-h4', decider: account, command, commandId: 'h4', context, expectedRevision: 1n, known });
      expect(again.events).toEqual(first.events);
      expect(again).toMatchObject({ state: { balance: 11 }, nextExpectedRevision: 2n, position: first.position });
      expect(await inner.readStream('account-h4')).toHaveLength(3);
    });

    it('given a refusal or nothing to do on it, reads the stream and answers from the stream', async () => {
      const { inner, known } = await accountWithHead('account-h5');
      const { store, reads } = countingReads(inner);
      // A copy that says less than the stream: the refusal it leads to is not taken on trust.
      const poorer = { ...known, state: { balance: 0 } };
      await expect(
        handleCommand({ store, stream: 'account-h5', decider: account, command: { kind: 'withdraw', amount: 15 }, commandId: 'h5a', context, expectedRevision: 1n, known: poorer }),
      ).resolves.toMatchObject({ state: { balance: 0 }, nextExpectedRevision: 2n });
      expect(reads()).toBe(1);
      await expect(
        handleCommand({ store, stream: 'account-h5', decider: account, command: { kind: 'noop' }, commandId: 'h5b', context, expectedRevision: 2n, known: { ...known, revision: 2n } }),
      ).resolves.toMatchObject({ events: [], nextExpectedRevision: 2n });
      expect(reads()).toBe(2);
    });
  });
});
