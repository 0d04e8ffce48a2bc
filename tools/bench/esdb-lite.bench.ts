/**
 * esdb-lite benchmark: `npm run bench:esdb [-- --events 1000000 --appends 5000 --sync normal|full]`.
 *
 * Runs the esdb-lite command (tools/esdb-lite/src/main.ts) as a child process on a fresh data file and drives
 * it through the real @eventstore/db-client, then prints a markdown table. It measures; it never passes or
 * fails on time.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { EventStoreDBClient, END, jsonEvent, type JSONEventData } from '@eventstore/db-client';
import { stopProcess } from '@scim/testing';
import { cpuMsOf } from './process-cpu';

const WORKSPACE_ROOT = resolve(__dirname, '../..');

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    appends: { type: 'string', default: '5000' },
    sync: { type: 'string', default: 'normal' },
    keep: { type: 'boolean', default: false },
  },
});
const TOTAL_EVENTS = Number(args.events);
const APPENDS = Number(args.appends);
const WRITERS = 8;

let eventsCreated = 0;

/** A domain-sized event: a provisioned dashboard user with the metadata every event carries. */
function domainEvent(): JSONEventData {
  eventsCreated++;
  const userId = randomUUID();
  return jsonEvent({
    type: 'DashboardUserProvisioned.v1',
    data: {
      userId,
      companyId: 'company-7f3a',
      userName: { ciphertext: 'Qk9Pe3x1ZW5jcnlwdGVkLXBheWxvYWQtYWJjZGVm', keyId: 'k-1' },
      name: { ciphertext: 'bmFtZS1jaXBoZXJ0ZXh0LWdpdmVuLWZhbWlseQ==', keyId: 'k-1' },
      department: 'Engineering',
      workspaceIds: ['ws-1', 'ws-2'],
      active: true,
    },
    metadata: {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { kind: 'token', id: 'tok-19' },
      sourceIp: '203.0.113.7',
      requestOrigin: 'okta',
      previousHash: 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c',
    },
  });
}

const payloadBytes = (() => {
  const sample = domainEvent();
  eventsCreated--;
  return Buffer.byteLength(JSON.stringify(sample.data)) + Buffer.byteLength(JSON.stringify(sample.metadata));
})();

async function startServer(dataFile: string): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
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
      '--sync',
      args.sync,
    ],
    { cwd: WORKSPACE_ROOT, env: { ...process.env, TS_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.base.json') } },
  );
  child.stderr.pipe(process.stderr);
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /"url":"([^"]+)"/.exec(output);
      if (match) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`esdb-lite exited with ${code}: ${output}`)));
  });
  return { child, url };
}

interface CpuCost {
  /** Microseconds of CPU per operation in the benchmark (client) and in esdb-lite (server). */
  readonly client: number;
  readonly server: number;
}

/** Runs a phase and reports what it cost each side in CPU per operation (load-independent, unlike rates). */
async function withCpu<T>(serverPid: number | undefined, operations: () => number, run: () => Promise<T>) {
  const client0 = process.cpuUsage();
  const server0 = cpuMsOf(serverPid);
  const result = await run();
  const client = process.cpuUsage(client0);
  const ops = operations();
  const cost: CpuCost = {
    client: (client.user + client.system) / ops,
    server: ((cpuMsOf(serverPid) - server0) * 1000) / ops,
  };
  return { result, cost };
}

const cpuText = (cost: CpuCost, unit: string) =>
  `${Math.round(cost.client)} µs client + ${Number.isNaN(cost.server) ? 'n/a' : Math.round(cost.server)} µs server per ${unit}`;

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const rate = (count: number, start: bigint) => Math.round(count / seconds(start));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function sequentialAppends(client: EventStoreDBClient): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < APPENDS; i++) await client.appendToStream(`seq-${i % 100}`, domainEvent());
  return rate(APPENDS, start);
}

async function concurrentAppends(url: string): Promise<number> {
  const clients = Array.from({ length: WRITERS }, () => EventStoreDBClient.connectionString(url));
  const perWriter = Math.ceil(APPENDS / WRITERS);
  await Promise.all(clients.map((client) => client.appendToStream(`warm-${randomUUID()}`, domainEvent())));
  const start = process.hrtime.bigint();
  await Promise.all(
    clients.map(async (client, w) => {
      const stream = `writer-${w}-${randomUUID()}`;
      for (let i = 0; i < perWriter; i++) {
        await client.appendToStream(stream, domainEvent(), { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) });
      }
    }),
  );
  const result = rate(perWriter * WRITERS, start);
  await Promise.all(clients.map((client) => client.dispose()));
  return result;
}

async function batchAppends(client: EventStoreDBClient): Promise<number> {
  const batches = Math.ceil(APPENDS / 10);
  const start = process.hrtime.bigint();
  for (let i = 0; i < batches; i++) {
    await client.appendToStream(`batch-${i % 100}`, Array.from({ length: 10 }, domainEvent));
  }
  return rate(batches, start);
}

async function fillTo(client: EventStoreDBClient, total: number, alreadyWritten: number): Promise<void> {
  let remaining = total - alreadyWritten;
  const fillers = 4;
  const batchSize = 500;
  await Promise.all(
    Array.from({ length: fillers }, async (_, f) => {
      for (let b = 0; remaining > 0; b++) {
        const size = Math.min(batchSize, remaining);
        remaining -= size;
        await client.appendToStream(`fill-${f}-${b % 1000}`, Array.from({ length: size }, domainEvent));
      }
    }),
  );
}

async function readAllRate(client: EventStoreDBClient): Promise<{ count: number; perSecond: number }> {
  const start = process.hrtime.bigint();
  let count = 0;
  for await (const _resolved of client.readAll()) count++;
  return { count, perSecond: rate(count, start) };
}

/** Time from starting an append to the subscriber receiving the event, while writers keep appending. */
async function subscriptionLag(url: string): Promise<{ p50: number; p99: number; max: number; samples: number }> {
  const subscriber = EventStoreDBClient.connectionString(url);
  const writers = Array.from({ length: 4 }, () => EventStoreDBClient.connectionString(url));
  const started = new Map<string, bigint>();
  const lags: number[] = [];
  const subscription = subscriber.subscribeToAll({ fromPosition: END });
  await new Promise<void>((resolveCaughtUp) => subscription.once('caughtUp', () => resolveCaughtUp()));
  const total = Math.min(APPENDS, 5_000);
  let done: () => void = () => undefined;
  const allSeen = new Promise<void>((resolveSeen) => (done = resolveSeen));
  subscription.on('data', (resolved) => {
    const id = resolved.event?.id;
    const at = id === undefined ? undefined : started.get(id);
    if (at === undefined) return;
    lags.push(Number(process.hrtime.bigint() - at) / 1e6);
    if (lags.length === total) done();
  });
  const perWriter = Math.ceil(total / writers.length);
  await Promise.all(
    writers.map(async (client, w) => {
      for (let i = 0; i < perWriter && w * perWriter + i < total; i++) {
        const event = domainEvent();
        started.set(event.id, process.hrtime.bigint());
        await client.appendToStream(`lag-${w}`, event);
      }
    }),
  );
  await allSeen;
  await subscription.unsubscribe();
  await Promise.all([subscriber, ...writers].map((client) => client.dispose()));
  lags.sort((a, b) => a - b);
  return { p50: percentile(lags, 0.5), p99: percentile(lags, 0.99), max: lags[lags.length - 1], samples: lags.length };
}

const fileSize = (file: string) => (existsSync(file) ? statSync(file).size : 0);

const loadText = (load: number[]) => load.map((l) => l.toFixed(1)).join(' ');

async function main(): Promise<void> {
  const loadAtStart = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'esdb-lite-bench-'));
  const dataFile = join(dir, 'events.db');
  const { child, url } = await startServer(dataFile);
  const client = EventStoreDBClient.connectionString(url);
  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
  try {
    await client.appendToStream('warm-up', domainEvent());
    log(`esdb-lite at ${url}, data file ${dataFile}`);
    const pid = child.pid;
    const sequential = await withCpu(pid, () => APPENDS, () => sequentialAppends(client));
    log(`sequential: ${sequential.result}/s`);
    const concurrent = await withCpu(pid, () => Math.ceil(APPENDS / WRITERS) * WRITERS, () => concurrentAppends(url));
    log(`${WRITERS} writers: ${concurrent.result}/s`);
    const batches = await withCpu(pid, () => Math.ceil(APPENDS / 10), () => batchAppends(client));
    log(`10-event batches: ${batches.result}/s`);
    const lag = await subscriptionLag(url);
    log(`lag p50 ${lag.p50.toFixed(2)} ms, p99 ${lag.p99.toFixed(2)} ms`);
    log(`filling the log to ${TOTAL_EVENTS} events...`);
    const fillStart = process.hrtime.bigint();
    await fillTo(client, TOTAL_EVENTS, eventsCreated);
    log(`filled in ${seconds(fillStart).toFixed(1)} s`);
    let readCount = 0;
    const read = await withCpu(pid, () => readCount, async () => {
      const measured = await readAllRate(client);
      readCount = measured.count;
      return measured;
    });
    log(`readAll: ${read.result.count} events at ${read.result.perSecond}/s`);
    await client.dispose();
    await stopProcess(child);
    const bytes = fileSize(dataFile) + fileSize(`${dataFile}-wal`);

    const rows: Array<[string, string, string]> = [
      ['sequential single-event appends', `${sequential.result.toLocaleString('en')} appends/s`, cpuText(sequential.cost, 'append')],
      [
        `${WRITERS} concurrent writers, single-event appends`,
        `${concurrent.result.toLocaleString('en')} appends/s`,
        cpuText(concurrent.cost, 'append'),
      ],
      [
        '10-event batch appends',
        `${batches.result.toLocaleString('en')} batches/s (${(batches.result * 10).toLocaleString('en')} events/s)`,
        cpuText(batches.cost, 'batch'),
      ],
      [
        `readAll over ${read.result.count.toLocaleString('en')} events`,
        `${read.result.perSecond.toLocaleString('en')} events/s`,
        cpuText(read.cost, 'event'),
      ],
      [
        `subscription lag while 4 writers append (${lag.samples} events)`,
        `p50 ${lag.p50.toFixed(2)} ms, p99 ${lag.p99.toFixed(2)} ms, max ${lag.max.toFixed(1)} ms`,
        'append start to delivery',
      ],
      [
        'data file bytes per event',
        `${Math.round(bytes / read.result.count)}`,
        `payload ${payloadBytes} bytes of JSON data + metadata`,
      ],
    ];
    const cpu = cpus();
    process.stdout.write(
      `\nesdb-lite benchmark: node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ` +
        `load average ${loadText(loadAtStart)} at start, ${loadText(loadavg())} at end, synchronous=${args.sync}, ` +
        `client and server in separate processes\n\n` +
        `| measurement | result | cost / note |\n|---|---|---|\n` +
        `${rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n')}\n`,
    );
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
