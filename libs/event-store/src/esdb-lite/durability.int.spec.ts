import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  EventStoreDBClient,
  NO_STREAM,
  StreamDeletedError,
  StreamNotFoundError,
  type AppendResult,
} from '@eventstore/db-client';
import { startEsdbLite } from './server';
import {
  collect,
  commitOf,
  event,
  recordedOf,
  streamName,
} from './testing/harness';

const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

describe('esdb-lite durability', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'esdb-lite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged event, stream state and idempotency across a restart on the same file', async () => {
    const dataFile = join(dir, 'events.db');
    const first = await startEsdbLite({ dataFile });
    let client = EventStoreDBClient.connectionString(first.url);
    const user = streamName('user');
    const retryId = randomUUID();
    const acknowledged = await client.appendToStream(user, [event('A', { n: 1 }), event('B', { n: 2 }, retryId)], {
      expectedRevision: NO_STREAM,
    });
    const deleted = streamName('deleted');
    await client.appendToStream(deleted, event('Gone'));
    await client.deleteStream(deleted);
    const tomb = streamName('tomb');
    await client.appendToStream(tomb, event('Gone'));
    await client.tombstoneStream(tomb);
    const before = await collect(client.readAll());
    await client.dispose();
    await first.stop();

    const second = await startEsdbLite({ dataFile });
    client = EventStoreDBClient.connectionString(second.url);
    try {
      const after = await collect(client.readAll());
      expect(after.map((resolved) => [recordedOf(resolved).id, recordedOf(resolved).position])).toEqual(
        before.map((resolved) => [recordedOf(resolved).id, recordedOf(resolved).position]),
      );
      const read = await collect(client.readStream(user));
      expect(read.map((resolved) => [recordedOf(resolved).revision, recordedOf(resolved).data])).toEqual([
        [0n, { n: 1 }],
        [1n, { n: 2 }],
      ]);
      // A retry after the restart is still recognised, and the log carries on after its old end.
      const retry = await client.appendToStream(user, [event('B', { n: 2 }, retryId)], { expectedRevision: 0n });
      expect(retry.nextExpectedRevision).toBe(acknowledged.nextExpectedRevision);
      const next = await client.appendToStream(user, event('C'), { expectedRevision: 1n });
      expect(commitOf(next)).toBeGreaterThan(commitOf(recordedOf(before[before.length - 1])));
      await expect(collect(client.readStream(deleted))).rejects.toBeInstanceOf(StreamNotFoundError);
      await expect(collect(client.readStream(tomb))).rejects.toBeInstanceOf(StreamDeletedError);
    } finally {
      await client.dispose();
      await second.stop();
    }
  });

  it('refuses a second server or any other process on a file a server holds, saying so, and reopens it once freed', async () => {
    const dataFile = join(dir, 'events.db');
    const owner = await startEsdbLite({ dataFile });
    let client = EventStoreDBClient.connectionString(owner.url);
    const stream = streamName('held');
    try {
      await client.appendToStream(stream, event('Kept'));
      const reader = spawnSync(
        process.execPath,
        ['-e', `new (require('better-sqlite3'))(${JSON.stringify(dataFile)}, { timeout: 0 }).prepare('SELECT COUNT(*) FROM events').get()`],
        { cwd: WORKSPACE_ROOT, encoding: 'utf8' },
      );
      expect(reader.status).not.toBe(0);
      expect(reader.stderr).toContain('database is locked');
      await expect(startEsdbLite({ dataFile })).rejects.toThrow(/in use by another process/);
    } finally {
      await client.dispose();
      await owner.stop();
    }
    const reopened = await startEsdbLite({ dataFile });
    client = EventStoreDBClient.connectionString(reopened.url);
    try {
      const read = await collect(client.readStream(stream));
      expect(read.map((resolved) => recordedOf(resolved).type)).toEqual(['Kept']);
    } finally {
      await client.dispose();
      await reopened.stop();
    }
  });

  describe('the esdb-lite command', () => {
    const children: ChildProcessWithoutNullStreams[] = [];
    afterEach(() => {
      for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    });

    /** Runs tools/esdb-lite/src/main.ts through ts-node and waits for its "listening" log line. */
    async function startCommand(dataFile: string): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
      const child = spawn(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          '-r',
          'tsconfig-paths/register',
          'tools/esdb-lite/src/main.ts',
          '--port',
          '0',
          '--data',
          dataFile,
        ],
        { cwd: WORKSPACE_ROOT, env: { ...process.env, TS_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.base.json') } },
      );
      children.push(child);
      const url = await new Promise<string>((resolveUrl, reject) => {
        let output = '';
        const onData = (chunk: Buffer) => {
          output += chunk.toString('utf8');
          for (const line of output.split('\n')) {
            if (!line.startsWith('{')) continue;
            const entry = JSON.parse(line) as { msg?: string; url?: string };
            if (entry.msg === 'esdb-lite listening' && entry.url) {
              child.stdout.off('data', onData);
              resolveUrl(entry.url);
            }
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.once('exit', (code) => reject(new Error(`esdb-lite exited with ${code} before listening:\n${output}`)));
      });
      return { child, url };
    }

    const exited = (child: ChildProcessWithoutNullStreams) =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolveExit({ code: child.exitCode, signal: child.signalCode });
        } else child.once('exit', (code, signal) => resolveExit({ code, signal }));
      });

    it('keeps every acknowledged append through kill -9, and exits 0 on SIGTERM', async () => {
      const dataFile = join(dir, 'nested', 'events.db');
      const { child, url } = await startCommand(dataFile);
      const client = EventStoreDBClient.connectionString(url);
      const acknowledged: Array<{ stream: string; ids: string[]; result: AppendResult }> = [];
      const append = async (stream: string, count: number) => {
        const events = Array.from({ length: count }, (_, i) => event('Durable', { i }));
        const result = await client.appendToStream(stream, events);
        acknowledged.push({ stream, ids: events.map((e) => e.id), result });
      };
      for (let i = 0; i < 50; i++) await append(streamName('durable'), 1 + (i % 3));
      // More appends in flight when the process dies: whatever was acknowledged must survive.
      const inFlight = Array.from({ length: 40 }, () => append(streamName('in-flight'), 2).catch(() => undefined));
      await new Promise((resolveSoon) => setTimeout(resolveSoon, 5));
      child.kill('SIGKILL');
      expect(await exited(child)).toEqual({ code: null, signal: 'SIGKILL' });
      await Promise.all(inFlight);
      await client.dispose();

      const restarted = await startCommand(dataFile);
      const again = EventStoreDBClient.connectionString(restarted.url);
      try {
        expect(acknowledged.length).toBeGreaterThanOrEqual(50);
        for (const { stream, ids, result } of acknowledged) {
          const read = await collect(again.readStream(stream));
          expect(read.map((resolved) => recordedOf(resolved).id)).toEqual(ids);
          expect(commitOf(recordedOf(read[read.length - 1]))).toBe(commitOf(result));
        }
      } finally {
        await again.dispose();
      }
      restarted.child.kill('SIGTERM');
      expect(await exited(restarted.child)).toEqual({ code: 0, signal: null });
    }, 60_000);
  });
});
