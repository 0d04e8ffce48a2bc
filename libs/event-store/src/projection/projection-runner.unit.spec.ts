import { defineEvent, type RequestContext } from '@scim/contracts';
import { z } from 'zod';
import { EventRegistry } from '../event-registry';
import { InMemoryEventStore } from '../in-memory-event-store';
import type { LogPosition, RecordedEvent } from '../port';
import { ProjectionRunner, type Projection } from './projection-runner';

const Counted = defineEvent('Counted', 1, z.object({ n: z.number() }));
const Other = defineEvent('Other', 1, z.object({}));
const context: RequestContext = { correlationId: 'c-1', actor: { type: 'system', id: 'test' } };

class CountingProjection implements Projection {
  readonly name = 'counting';
  readonly filter = { kind: 'eventType', prefixes: ['Counted.'] } as const;
  readonly seen: number[] = [];
  checkpoint: LogPosition | undefined;

  constructor(initial?: LogPosition) {
    this.checkpoint = initial;
  }
  loadCheckpoint() {
    return this.checkpoint;
  }
  apply(event: RecordedEvent) {
    this.seen.push((event.data as { n: number }).n);
    this.checkpoint = event.position;
  }
  saveCheckpoint(position: LogPosition) {
    this.checkpoint = position;
  }
}

describe('ProjectionRunner', () => {
  let store: InMemoryEventStore;
  let counter = 0;
  const append = async (stream: string, type: string, data: unknown) =>
    store.append(stream, [{ id: crypto.randomUUID(), type, data }], { expectedRevision: 'any', context });

  beforeEach(() => {
    store = new InMemoryEventStore({ registry: new EventRegistry([Counted, Other]) });
    counter = 0;
  });

  it('applies matching events in order and lets a query wait for a command position', async () => {
    const projection = new CountingProjection();
    const runner = new ProjectionRunner(store, projection);
    await runner.start();
    await append('a-1', Counted.type, { n: ++counter });
    const written = await append('a-2', Counted.type, { n: ++counter });

    await expect(runner.waitUntil(written.position, 2_000)).resolves.toBe(true);
    expect(projection.seen).toEqual([1, 2]);
    await runner.stop();
  });

  it('answers false when the position is not reached in time', async () => {
    const runner = new ProjectionRunner(store, new CountingProjection());
    await runner.start();
    const far = { commit: 10_000_000n, prepare: 10_000_000n };
    await expect(runner.waitUntil(far, 50)).resolves.toBe(false);
    await runner.stop();
  });

  it('resumes after its checkpoint without applying an event twice', async () => {
    const first = new CountingProjection();
    const runner = new ProjectionRunner(store, first);
    await runner.start();
    const written = await append('a-1', Counted.type, { n: 1 });
    await runner.waitUntil(written.position, 2_000);
    await runner.stop();

    const later = await append('a-1', Counted.type, { n: 2 });
    const resumed = new CountingProjection(first.checkpoint);
    const second = new ProjectionRunner(store, resumed);
    await second.start();
    await second.waitUntil(later.position, 2_000);
    expect(resumed.seen).toEqual([2]);
    await second.stop();
  });
});
