import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EsdbEventStore } from './esdb-event-store';
import { StreamDeleted, StreamNotFound } from './errors';
import { startEsdbLite, type EsdbLite } from './esdb-lite';
import type { EventRegistry } from './event-registry';
import { contractContext, contractEventRegistry, ContractItemAdded, describeEventStoreContract, type ContractTarget } from './testing';

/** esdb-lite on a free port with its data in a file, so it can be restarted on the same port with the same data. */
async function esdbLiteTarget(registry: EventRegistry, batchAppend: boolean): Promise<ContractTarget> {
  const directory = mkdtempSync(join(tmpdir(), 'esdb-contract-'));
  const dataFile = join(directory, 'events.sqlite');
  let server: EsdbLite = await startEsdbLite({ port: 0, dataFile, batchAppend });
  const port = server.port;
  const store = EsdbEventStore.connect(server.url, registry, { resubscribeBackoff: { initialMs: 50, maxMs: 500 } });
  return {
    store,
    restartServer: async () => {
      await server.stop();
      server = await startEsdbLite({ port, dataFile, batchAppend });
    },
    teardown: async () => {
      await server.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

describeEventStoreContract('EsdbEventStore over esdb-lite (BatchAppend)', (registry) => esdbLiteTarget(registry, true), {
  serverRestarts: true,
});
describeEventStoreContract('EsdbEventStore over esdb-lite (Append)', (registry) => esdbLiteTarget(registry, false), {
  serverRestarts: true,
});

describe('EsdbEventStore specifics (esdb-lite)', () => {
  let server: EsdbLite;
  let store: EsdbEventStore;
  let raw: EventStoreDBClient;

  beforeAll(async () => {
    server = await startEsdbLite({ port: 0, dataFile: ':memory:' });
    store = EsdbEventStore.connect(server.url.replace('esdb://', 'kurrentdb://'), contractEventRegistry());
    raw = EventStoreDBClient.connectionString(server.url);
  });

  afterAll(async () => {
    await store.close();
    await raw.dispose();
    await server.stop();
  });

  it('maps a tombstoned stream to StreamDeleted on read, append and delete', async () => {
    const stream = `tombstoned-${Date.now()}`;
    await store.append(stream, [{ id: crypto.randomUUID(), type: ContractItemAdded.type, data: { n: 1, label: 'x' } }], {
      expectedRevision: 'no_stream',
      context: contractContext,
    });
    await raw.tombstoneStream(stream);
    await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamDeleted);
    await expect(
      store.append(stream, [{ id: crypto.randomUUID(), type: ContractItemAdded.type, data: { n: 2, label: 'y' } }], {
        expectedRevision: 'any',
        context: contractContext,
        prevHash: '0'.repeat(64),
      }),
    ).rejects.toBeInstanceOf(StreamDeleted);
    await expect(store.deleteStream(stream)).rejects.toBeInstanceOf(StreamDeleted);
  });

  it('stores data and metadata as JSON the raw client can read', async () => {
    const stream = `raw-${Date.now()}`;
    const id = crypto.randomUUID();
    await store.append(stream, [{ id, type: ContractItemAdded.type, data: { n: 1, label: 'x' } }], {
      expectedRevision: 'no_stream',
      context: contractContext,
    });
    const events = [];
    for await (const resolved of raw.readStream(stream)) events.push(resolved.event);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ id, type: ContractItemAdded.type, isJson: true, data: { n: 1, label: 'x' } });
    expect(events[0]?.metadata).toMatchObject({ $correlationId: contractContext.correlationId, metadataVersion: 1 });
  });

  it('skips system events and rejects undecodable ones written around the port', async () => {
    const stream = `foreign-${Date.now()}`;
    await raw.appendToStream(stream, jsonEvent({ type: 'Foreign.v1', data: { any: 'thing' } }));
    await expect(store.readStream(stream)).rejects.toThrow(/Unknown event type 'Foreign.v1'/);
    await raw.setStreamMetadata(stream, { $maxCount: 10 });
    const all = await store.readAll({ filter: { kind: 'eventType', prefixes: ['Contract'] } });
    expect(all.every((event) => !event.type.startsWith('$'))).toBe(true);
  });

  it('reports StreamNotFound after a soft delete, through the real client', async () => {
    const stream = `soft-${Date.now()}`;
    await store.append(stream, [{ id: crypto.randomUUID(), type: ContractItemAdded.type, data: { n: 1, label: 'x' } }], {
      expectedRevision: 'no_stream',
      context: contractContext,
    });
    await store.deleteStream(stream);
    await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFound);
  });
});

/**
 * The same contract against a real KurrentDB/EventStoreDB: ESDB_TEST_URL, or a container when testcontainers
 * finds a container runtime. Otherwise skipped, saying why.
 */
const realServerUrl = process.env['ESDB_TEST_URL'];
const containerRuntime = realServerUrl ? { found: false as const, reason: 'unused' } : findContainerRuntime();
if (realServerUrl) {
  describeEventStoreContract(`EsdbEventStore over ${realServerUrl}`, async (registry) => ({
    store: EsdbEventStore.connect(realServerUrl, registry),
  }));
} else if (containerRuntime.found) {
  describeEventStoreContract('EsdbEventStore over a KurrentDB container', async (registry) => {
    const { GenericContainer, Wait } = await import('testcontainers');
    const image = process.env['ESDB_TEST_IMAGE'] ?? 'docker.kurrent.io/kurrent-latest/kurrentdb:25.1';
    const container = await new GenericContainer(image)
      .withEnvironment({ KURRENTDB_INSECURE: 'true', KURRENTDB_MEM_DB: 'true', EVENTSTORE_INSECURE: 'true', EVENTSTORE_MEM_DB: 'true' })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
      .withStartupTimeout(120_000)
      .start();
    const url = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
    return { store: EsdbEventStore.connect(url, registry), teardown: async () => void (await container.stop()) };
  });
} else {
  describe.skip('EventStorePort contract against a real KurrentDB/EventStoreDB', () => {
    it('needs ESDB_TEST_URL or a container runtime', () => undefined);
  });
  console.log(`Real-server contract run skipped: ESDB_TEST_URL is not set and ${containerRuntime.reason}`);
}

/** testcontainers' own runtime detection, run synchronously in a child process because Jest collects tests synchronously. */
function findContainerRuntime(): { found: true } | { found: false; reason: string } {
  const probe =
    "require('testcontainers').getContainerRuntimeClient().then(() => process.exit(0), (e) => { console.error(String(e && e.message || e)); process.exit(1); })";
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000, env: { ...process.env, DEBUG: '' } });
    return { found: true };
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return { found: false, reason: `testcontainers found no container runtime (${stderr || String(error)})` };
  }
}
