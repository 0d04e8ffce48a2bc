import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import {
  EventStoreDBClient,
  jsonEvent,
  type AllStreamResolvedEvent,
  type JSONEventData,
  type MetadataType,
  type Position,
  type ReadableSubscription,
  type ResolvedEvent,
} from '@eventstore/db-client';
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
  /** Every line the server logged, parsed. */
  logs(): Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startHarness(options: EsdbLiteOptions = {}): Promise<Harness> {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      callback();
    },
  });
  const server = await startEsdbLite({ port: 0, ...options, logger: pino({ level: 'debug' }, destination) });
  const client = EventStoreDBClient.connectionString(server.url);
  return {
    server,
    client,
    rpcs: () => lines.flatMap((line) => (typeof line['rpc'] === 'string' ? [line['rpc']] : [])),
    logs: () => [...lines],
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

export type SubscriptionEntry =
  | { readonly kind: 'confirmation' }
  | { readonly kind: 'caughtUp' }
  | { readonly kind: 'checkpoint'; readonly commit: bigint }
  | {
      readonly kind: 'event';
      readonly stream: string;
      readonly type: string;
      readonly revision: bigint;
      readonly commit: bigint;
    };

/** Records what a subscription delivers, in order; pass `checkpoint` as the filter's `checkpointReached`. */
export class SubscriptionRecorder {
  readonly entries: SubscriptionEntry[] = [];
  readonly errors: Error[] = [];

  readonly checkpoint = (_subscription: unknown, position: { commit: bigint }): void => {
    this.entries.push({ kind: 'checkpoint', commit: position.commit });
  };

  record<S extends ReadableSubscription<AllStreamResolvedEvent | ResolvedEvent>>(subscription: S): S {
    subscription.on('confirmation', () => this.entries.push({ kind: 'confirmation' }));
    subscription.on('caughtUp', () => this.entries.push({ kind: 'caughtUp' }));
    subscription.on('error', (error: Error) => this.errors.push(error));
    subscription.on('data', (resolved: AllStreamResolvedEvent | ResolvedEvent) => {
      const recorded = recordedOf(resolved);
      this.entries.push({
        kind: 'event',
        stream: recorded.streamId,
        type: recorded.type,
        revision: recorded.revision,
        commit: recorded.position?.commit ?? -1n,
      });
    });
    return subscription;
  }

  events(): Array<SubscriptionEntry & { kind: 'event' }> {
    return this.entries.filter((entry): entry is SubscriptionEntry & { kind: 'event' } => entry.kind === 'event');
  }

  checkpoints(): bigint[] {
    return this.entries.flatMap((entry) => (entry.kind === 'checkpoint' ? [entry.commit] : []));
  }

  indexOf(kind: 'confirmation' | 'caughtUp'): number {
    return this.entries.findIndex((entry) => entry.kind === kind);
  }

  caughtUp(): boolean {
    return this.indexOf('caughtUp') >= 0;
  }
}

/** The recorded event of a read result (always present here: esdb-lite resolves no links). */
export function recordedOf<E extends { readonly event?: unknown }>(resolved: E): NonNullable<E['event']> {
  if (!resolved.event) throw new Error('read result without a recorded event');
  return resolved.event as NonNullable<E['event']>;
}

/** The position of an append result or recorded event (present for every stored event). */
export function positionOf(value: { readonly position?: Position }): Position {
  if (!value.position) throw new Error('no position');
  return value.position;
}

export const commitOf = (value: { readonly position?: Position }): bigint => positionOf(value).commit;
