import { createHash } from 'node:crypto';
import { z } from 'zod';
import { defineEvent, type RequestContext } from '@scim/contracts';
import { prepareEvents } from './append-preparation';
import { EventRegistry } from './event-registry';
import { GENESIS_HASH, hashEvent, hashRecordedEvent, verifyChain } from './hash-chain';
import type { RecordedEvent } from './port';
import { decodeStoredEvent } from './recorded-event-decoding';

const NoteV1 = defineEvent('Note', 1, z.object({ text: z.string() }));
const NoteV2 = defineEvent('Note', 2, z.object({ text: z.string(), lang: z.string() }));
const context: RequestContext = { correlationId: 'c-1', actor: { type: 'admin', id: 'admin-1' } };
const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'];

/** Writes with `writer`, then reads back with `reader`, as a store would. */
function storedChain(writer: EventRegistry, reader: EventRegistry, texts: readonly string[]): RecordedEvent[] {
  const prepared = prepareEvents(
    writer,
    'note-1',
    texts.map((text, index) => ({ id: ids[index], type: NoteV1.type, data: { text } })),
    context,
    GENESIS_HASH,
    new Date('2026-01-01T00:00:00.000Z'),
  );
  return prepared.map((event, index) =>
    decodeStoredEvent(reader, {
      ...event,
      streamName: 'note-1',
      revision: BigInt(index),
      position: { commit: BigInt(index), prepare: BigInt(index) },
      created: new Date(),
    }),
  );
}

describe('hashEvent', () => {
  it('is the SHA-256 of the canonical JSON of [streamName, id, type, data, metadata]', () => {
    const event = { streamName: 's', id: ids[0], type: 'T.v1', data: { b: 1, a: 2 }, metadata: { prevHash: GENESIS_HASH } };
    const text = `["s","${ids[0]}","T.v1",{"a":2,"b":1},{"prevHash":"${GENESIS_HASH}"}]`;
    expect(hashEvent(event)).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('changes when any covered part changes', () => {
    const event = { streamName: 's', id: ids[0], type: 'T.v1', data: { a: 1 }, metadata: { prevHash: GENESIS_HASH } };
    const hashes = new Set([
      hashEvent(event),
      hashEvent({ ...event, streamName: 't' }),
      hashEvent({ ...event, id: ids[1] }),
      hashEvent({ ...event, type: 'T.v2' }),
      hashEvent({ ...event, data: { a: 2 } }),
      hashEvent({ ...event, metadata: { prevHash: '1'.repeat(64) } }),
    ]);
    expect(hashes.size).toBe(6);
  });
});

describe('verifyChain', () => {
  const registry = new EventRegistry([NoteV1]);

  it('accepts a chain built on write, and an empty one', () => {
    const events = storedChain(registry, registry, ['a', 'b', 'c']);
    expect(verifyChain(events)).toEqual({ ok: true, checked: 3, headHash: hashRecordedEvent(events[2]) });
    expect(verifyChain([])).toEqual({ ok: true, checked: 0, headHash: GENESIS_HASH });
  });

  it('reports the first broken link with both hashes', () => {
    const events = storedChain(registry, registry, ['a', 'b', 'c']);
    const tampered = [events[0], { ...events[1], metadata: { ...events[1].metadata, occurredAt: '2020-01-01T00:00:00.000Z' } }, events[2]];
    expect(verifyChain(tampered)).toMatchObject({
      ok: false,
      index: 2,
      revision: 2n,
      expectedPrevHash: hashRecordedEvent(tampered[1]),
      actualPrevHash: events[2].metadata.prevHash,
    });
  });

  it('reports a chain that does not start at the given hash', () => {
    const events = storedChain(registry, registry, ['a', 'b']);
    expect(verifyChain(events.slice(1))).toMatchObject({ ok: false, index: 0, reason: 'first event does not start the chain' });
    expect(verifyChain(events.slice(1), hashRecordedEvent(events[0])).ok).toBe(true);
  });

  it('reports events out of order', () => {
    const events = storedChain(registry, registry, ['a', 'b']);
    expect(verifyChain([events[0], events[0]])).toMatchObject({ ok: false, index: 1, reason: 'revisions are not increasing' });
  });

  it('hashes upcast events in their stored form', () => {
    const reader = new EventRegistry().registerUpcaster({
      from: NoteV1.type,
      to: NoteV2,
      upcast: (data) => ({ ...(data as { text: string }), lang: 'en' }),
    });
    const events = storedChain(registry, reader, ['a', 'b', 'c']);
    expect(events.map((event) => event.type)).toEqual([NoteV2.type, NoteV2.type, NoteV2.type]);
    expect(verifyChain(events).ok).toBe(true);
  });
});
