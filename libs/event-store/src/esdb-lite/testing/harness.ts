import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent, type JSONEventData, type MetadataType } from '@eventstore/db-client';
import pino from 'pino';
import { startEsdbLite, type EsdbLite, type EsdbLiteOptions } from '../server';

/** Test harness for esdb-lite's wire tests: a server on a free port plus the real client. */

/** The client picks BatchAppend only when ServerFeatures lists it; each append case runs on both. */
export const APPEND_PATHS = [
  { path: 'Append', batchAppend: false, rpc: 'append' },
  { path: 'BatchAppend', batchAppend: true, rpc: 'batchAppend' },
] as const;

export interface Harness {
  readonly server: EsdbLite;
  readonly client: EventStoreDBClient;
  /** The `rpc` field of every debug line the server logged, in order (shows which path the client took). */
  rpcs(): string[];
  stop(): Promise<void>;
}

export async function startHarness(options: EsdbLiteOptions = {}): Promise<Harness> {
  const rpcs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        const entry = JSON.parse(line) as { rpc?: string };
        if (entry.rpc) rpcs.push(entry.rpc);
      }
      callback();
    },
  });
  const server = await startEsdbLite({ port: 0, ...options, logger: pino({ level: 'debug' }, destination) });
  const client = EventStoreDBClient.connectionString(server.url);
  return {
    server,
    client,
    rpcs: () => [...rpcs],
    stop: async () => {
      await client.dispose();
      await server.stop();
    },
  };
}

export const streamName = (prefix: string): string => `${prefix}-${randomUUID()}`;

export const event = (
  type: string,
  data: Record<string, unknown> = {},
  id?: string,
  metadata?: MetadataType,
): JSONEventData => jsonEvent({ type, data, ...(id ? { id } : {}), ...(metadata ? { metadata } : {}) });

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Polls until `condition` holds; rejects after `timeoutMs` (a wait for an outcome, not a speed check). */
export async function eventually(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
