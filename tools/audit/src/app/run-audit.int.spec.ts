import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { z } from 'zod';
import { defineEvent, type RequestContext } from '@scim/contracts';
import { EsdbEventStore, EventRegistry, GENESIS_HASH, startEsdbLite, type EsdbLite } from '@scim/event-store';
import { runAudit } from './run-audit';

const NoteTaken = defineEvent('AuditNoteTaken', 1, z.object({ note: z.string() }));
const context: RequestContext = { correlationId: 'audit-corr', actor: { type: 'admin', id: 'admin-7' }, sourceIp: '10.0.0.1' };

async function audit(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runAudit(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: { EVENT_STORE_URL: url } });
  return { code, stdout, stderr };
}

let server: EsdbLite;
let store: EsdbEventStore;
let raw: EventStoreDBClient;
let url: string;

beforeAll(async () => {
  server = await startEsdbLite({ port: 0, dataFile: ':memory:' });
  url = server.url.replace('esdb://', 'kurrentdb://');
  store = EsdbEventStore.connect(server.url, new EventRegistry([NoteTaken]));
  raw = EventStoreDBClient.connectionString(server.url);
  await store.append('notes-1', [1, 2, 3].map((n) => ({ id: randomUUID(), type: NoteTaken.type, data: { note: `note ${n}` } })), {
    expectedRevision: 'no_stream',
    context,
  });
});

afterAll(async () => {
  await store.close();
  await raw.dispose();
  await server.stop();
});

describe('audit stream', () => {
  it('prints one JSON line per event with data, metadata and hash', async () => {
    const { code, stdout } = await audit('stream', 'notes-1', '--json');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line['revision'])).toEqual(['0', '1', '2']);
    expect(lines[0]).toMatchObject({ stream: 'notes-1', type: NoteTaken.type, data: { note: 'note 1' } });
    expect(lines[0]['metadata']).toMatchObject({ $correlationId: 'audit-corr', actor: { type: 'admin', id: 'admin-7' }, prevHash: GENESIS_HASH });
    expect((lines[1]['metadata'] as { prevHash: string }).prevHash).toBe(lines[0]['hash']);
  });

  it('prints a readable table', async () => {
    const { code, stdout } = await audit('stream', 'notes-1');
    expect(code).toBe(0);
    expect(stdout).toContain(`#2  `);
    expect(stdout).toContain('actor=admin:admin-7  correlation=audit-corr');
    expect(stdout).toContain('data={"note":"note 3"}');
  });

  it('says when the stream does not exist', async () => {
    const { code, stderr } = await audit('stream', 'no-such-stream');
    expect(code).toBe(3);
    expect(stderr).toMatch(/not found/);
  });
});

describe('audit verify', () => {
  it('accepts an intact chain', async () => {
    const { code, stdout } = await audit('verify', 'notes-1');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^OK notes-1: 3 event\(s\), hash chain intact, head hash [0-9a-f]{64}/);
  });

  it('reports an event written around the port with a forged link', async () => {
    const stream = 'notes-forged';
    await store.append(stream, [{ id: randomUUID(), type: NoteTaken.type, data: { note: 'genuine' } }], { expectedRevision: 'no_stream', context });
    await raw.appendToStream(
      stream,
      jsonEvent({ type: NoteTaken.type, data: { note: 'forged' }, metadata: { $correlationId: 'x', prevHash: GENESIS_HASH } }),
      { expectedRevision: 0n },
    );
    const { code, stdout } = await audit('verify', stream);
    expect(code).toBe(1);
    expect(stdout).toContain(`BROKEN ${stream}: event #1`);
    expect(stdout).toContain(`found    prevHash ${GENESIS_HASH}`);
  });

  it('fails with a usage message for a bad command', async () => {
    const { code, stderr } = await audit('replay', 'notes-1');
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: npm run audit');
  });
});
