// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- autocannon ships no types; tools/bench has no tsconfig to list them
/// <reference path="./autocannon.d.ts" />
/**
 * SCIM API benchmark: `npm run bench:scim [-- --users 1000,100000 --duration 10 --connections 10,50]`.
 *
 * Builds the apps, starts the real system as separate processes (a private nats-server with JetStream,
 * esdb-lite on a temporary data file, settings-service, token-service and scim-gateway from dist/), creates
 * a tenant and a SCIM token through the admin API, seeds users through POST, and drives the SCIM API with
 * autocannon: GET by id, `userName eq`, PATCH and POST at each user count and connection count. In the same
 * run it measures two baselines: a bare node:http server returning a fixed user, and the NATS ceiling (a
 * bare server doing one NATS request/reply per request), and GET by id against that ceiling once more in
 * alternated slices. Prints markdown tables; it measures, it never
 * passes or fails on time. Everything listens on 127.0.0.1 and is stopped at the end, on failure and on
 * Ctrl-C.
 */
import autocannon, { type AutocannonRequestSpec } from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findNatsServer, freePort, stopProcess } from '@scim/testing';
import { pacedLoad, type PacedLoadResult } from './paced-load';
import { cpuMsOf } from './process-cpu';

const WORKSPACE_ROOT = resolve(__dirname, '../..');

const { values: args } = parseArgs({
  options: {
    /** User counts to measure at, ascending; the store grows from one to the next. */
    users: { type: 'string', default: '1000,100000' },
    /** Seconds each cell is measured (after a short warm-up that is not counted). */
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10,50' },
    /** Which operations to measure: get, filter, patch, post (comma-separated). */
    operations: { type: 'string', default: 'get,filter,patch,post' },
    /** POSTs a second offered in the open-loop POST cell (evenly spaced, up to the largest connection count); 0 skips it. */
    'post-rate': { type: 'string', default: '500' },
    /** Concurrent POSTs while seeding. */
    'seed-connections': { type: 'string', default: '32' },
    'skip-build': { type: 'boolean', default: false },
    /** Keep the temporary directory (data files, service logs). */
    keep: { type: 'boolean', default: false },
    /** Run the gateway and settings-service under `node --cpu-prof` (profiles kept in <run dir>/profiles). */
    profile: { type: 'boolean', default: false },
    /** Extra node flags for every service process, space-separated (e.g. "--max-semi-space-size=64"). */
    'service-node-flags': { type: 'string', default: '' },
  },
});

const positiveInts = (text: string, name: string, max: number) => {
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((n) => !Number.isInteger(n) || n < 1 || n > max)) {
    throw new Error(`--${name} takes whole numbers from 1 to ${max}, comma-separated`);
  }
  return values;
};
const USER_COUNTS = positiveInts(args.users, 'users', 1_000_000).sort((a, b) => a - b);
const [DURATION_S] = positiveInts(args.duration, 'duration', 600);
const [WARMUP_S] = positiveInts(args.warmup, 'warmup', 60);
const CONNECTIONS = positiveInts(args.connections, 'connections', 1_000);
const [SEED_CONNECTIONS] = positiveInts(args['seed-connections'], 'seed-connections', 256);
const POST_RATE = args['post-rate'] === '0' ? 0 : positiveInts(args['post-rate'], 'post-rate', 100_000)[0];
const OPERATIONS = args.operations.split(',').map((name) => name.trim());
const KNOWN_OPERATIONS = ['get', 'filter', 'patch', 'post'];
if (OPERATIONS.some((name) => !KNOWN_OPERATIONS.includes(name))) throw new Error(`--operations takes ${KNOWN_OPERATIONS.join(', ')}`);
const KEEP = args.keep || args.profile;
const REQUEST_TIMEOUT_S = 10;
const MAX_SEED_ROUNDS = 5;
const PATCH_ID_POOL = 1_000;

/** The environment for children: without this script's ts-node settings (webpack's tsconfig-paths plugin reads TS_NODE_PROJECT). */
const childEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TS_NODE_'))),
  ...extra,
});

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

// ---------------------------------------------------------------------------------------------------------
// Child processes

interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly logFile: string;
  /** Set when this run stops it on purpose (its exit is then no failure). */
  stopped: boolean;
  readonly stopSignal: NodeJS.Signals;
}

/** Everything this run started; stopped in reverse order, with SIGKILL for what ignores SIGTERM. */
class Children {
  private readonly list: Child[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly logDir: string) {}

  start(
    name: string,
    command: string,
    commandArgs: string[],
    env: Record<string, string> = {},
    options: { pipeStdout?: boolean; stopSignal?: NodeJS.Signals } = {},
  ): Child {
    const pipeStdout = options.pipeStdout ?? false;
    const logFile = join(this.logDir, `${name}.log`);
    const fd = openSync(logFile, 'a');
    const child = spawn(command, commandArgs, {
      cwd: WORKSPACE_ROOT,
      env: childEnv(env),
      stdio: ['ignore', pipeStdout ? 'pipe' : fd, fd],
    });
    closeSync(fd);
    const entry: Child = { name, process: child, logFile, stopped: false, stopSignal: options.stopSignal ?? 'SIGTERM' };
    child.once('exit', (code, signal) => {
      if (this.stopping || entry.stopped) return;
      log(`${name} exited unexpectedly (${signal ?? code}); last lines of ${logFile}:\n${tail(logFile)}`);
      void shutDown(1);
    });
    this.list.push(entry);
    return entry;
  }

  async stop(child: Child): Promise<void> {
    child.stopped = true;
    await stopProcess(child.process, child.stopSignal, STOP_GRACE_MS);
    this.list.splice(this.list.indexOf(child), 1);
  }

  byName(name: string): Child | undefined {
    return this.list.find((child) => child.name === name);
  }

  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const child of [...this.list].reverse()) await stopProcess(child.process, child.stopSignal, STOP_GRACE_MS);
    })();
    return this.stopping;
  }
}

/** Profiled services write their CPU profile while exiting: give them longer than tests give a process. */
const STOP_GRACE_MS = 8_000;

function natsServerBinary(): string {
  const found = findNatsServer();
  if (!found) throw new Error('nats-server not found: apt-get install -y nats-server');
  return found;
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

function waitForReadyLine(child: Child, timeoutMs = 15_000): Promise<void> {
  return new Promise((done, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${child.name} did not print "ready" within ${timeoutMs} ms`)), timeoutMs);
    child.process.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('ready')) {
        clearTimeout(timer);
        done();
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// The system under test

interface System {
  readonly baseUrl: string;
  readonly natsUrl: string;
  readonly adminToken: string;
}

function build(): void {
  log('building scim-gateway, settings-service, token-service, esdb-lite (cached when unchanged)...');
  const result = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', 'scim-gateway', 'settings-service', 'token-service', 'esdb-lite', '--output-style=static'],
    { cwd: WORKSPACE_ROOT, env: childEnv({ NX_DAEMON: 'false', NX_NO_CLOUD: 'true' }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
}

async function startSystem(children: Children, runDir: string): Promise<System> {
  const natsPort = await freePort();
  const natsStore = join(runDir, 'nats');
  mkdirSync(natsStore);
  const monitorPort = await freePort();
  children.start('nats-server', natsServerBinary(), ['-a', '127.0.0.1', '-p', String(natsPort), '-m', String(monitorPort), '-js', '-sd', natsStore]);
  await waitFor('nats-server', () => canConnect(natsPort), 10_000);
  natsMonitorUrl = `http://127.0.0.1:${monitorPort}`;
  const natsUrl = `nats://127.0.0.1:${natsPort}`;

  // --cpu-prof writes its profile only on a normal exit, and Nest's shutdown hooks end the process by
  // re-raising SIGTERM: profiled services get a preload that exits normally on SIGUSR2, which stops them.
  const profileDir = join(runDir, 'profiles');
  const exitOnUsr2 = join(runDir, 'exit-on-sigusr2.cjs');
  if (args.profile) writeFileSync(exitOnUsr2, "process.on('SIGUSR2', () => process.exit(0));\n");
  const serviceNodeFlags = args['service-node-flags'].split(' ').filter(Boolean);
  const nodeFlags = (): string[] => [...serviceNodeFlags, ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '-r', exitOnUsr2] : [])];
  const profiled = { stopSignal: args.profile ? ('SIGUSR2' as const) : ('SIGTERM' as const) };
  const esdbPort = await freePort();
  children.start('esdb-lite', process.execPath, [
    ...nodeFlags(),
    join(WORKSPACE_ROOT, 'dist/tools/esdb-lite/main.js'),
    '--host',
    '127.0.0.1',
    '--port',
    String(esdbPort),
    '--data',
    join(runDir, 'events.db'),
  ], {}, profiled);
  await waitFor('esdb-lite', () => canConnect(esdbPort), 15_000);

  const serviceEnv = {
    NATS_URL: natsUrl,
    EVENT_STORE_URL: `esdb://127.0.0.1:${esdbPort}?tls=false`,
    DATA_DIR: join(runDir, 'services'),
    LOG_LEVEL: 'warn',
  };
  mkdirSync(serviceEnv.DATA_DIR);
  children.start('settings-service', process.execPath, [...nodeFlags(), join(WORKSPACE_ROOT, 'dist/apps/settings-service/main.js')], serviceEnv, profiled);
  children.start('token-service', process.execPath, [join(WORKSPACE_ROOT, 'dist/apps/token-service/main.js')], serviceEnv);

  const gatewayPort = await freePort();
  const adminToken = `adm_${randomBytes(32).toString('base64url')}`;
  children.start('scim-gateway', process.execPath, [...nodeFlags(), join(WORKSPACE_ROOT, 'dist/apps/scim-gateway/main.js')], {
    NATS_URL: natsUrl,
    PORT: String(gatewayPort),
    HOST: '127.0.0.1',
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    LOG_REQUESTS: 'false',
    SCIM_DAILY_REQUEST_LIMIT: '1000000000',
  }, profiled);
  const baseUrl = `http://127.0.0.1:${gatewayPort}`;
  await waitFor(
    'the gateway (/readyz)',
    async () => (await fetch(`${baseUrl}/readyz`).catch(() => undefined))?.status === 200,
    60_000,
  );
  return { baseUrl, natsUrl, adminToken };
}

interface Tenant {
  readonly companyId: string;
  readonly scimToken: string;
}

async function adminCall(system: System, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${system.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${system.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** What an admin does before an IdP calls: register the company, configure SCIM (Okta: no origin header), get a token. */
async function createTenant(system: System): Promise<Tenant> {
  const company = (await adminCall(system, 'POST', '/admin/v1/companies', {
    name: `Bench ${randomBytes(3).toString('hex')}`,
    workspaces: [{ name: 'Production', teams: [{ name: 'Growth' }, { name: 'Support' }] }],
    roles: [{ name: 'Marketer' }],
  })) as { id: string; workspaces: { id: string }[] };
  await adminCall(system, 'PUT', `/admin/v1/companies/${company.id}/scim-settings`, {
    provisioningMethod: 'okta',
    defaultWorkspaceId: company.workspaces[0].id,
  });
  const issued = (await adminCall(system, 'POST', `/admin/v1/companies/${company.id}/scim-token`)) as { token: string };
  return { companyId: company.id, scimToken: issued.token };
}

// ---------------------------------------------------------------------------------------------------------
// Load

interface SeededUser {
  readonly id: string;
  readonly userName: string;
}

/** A company under load: its token, the users seeded into it, and how many the POST cells added. */
interface Population {
  readonly tenant: Tenant;
  readonly users: SeededUser[];
  posted: number;
}

const inStore = (population: Population) => population.users.length + population.posted;

interface Cell {
  readonly operation: string;
  /** The user-count step of the run the cell belongs to. */
  readonly size: number;
  /** Users of the company when the cell started (POST cells add users); undefined for baselines. */
  readonly users: number | undefined;
  readonly connections: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly statuses: string;
  /** CPU microseconds per request in each process, and in the load generator. */
  readonly cpu: Record<string, number>;
  /** Messages nats-server received per request (by every process, including the rate limiter's KV traffic). */
  readonly natsMessages: number;
  /** The machine's 1-minute load average when the cell ended (this run's own processes included). */
  readonly load: number;
}

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const runId = randomBytes(3).toString('hex');
let userNameCounter = 0;

function newUserBody(kind: 'seed' | 'post'): string {
  const n = ++userNameCounter;
  return JSON.stringify({
    schemas: [USER_SCHEMA],
    userName: `${kind}-${runId}-${n}@bench.example.com`,
    name: { givenName: 'Bench', familyName: `User ${n}` },
    displayName: `Bench User ${n}`,
    department: 'Engineering',
    active: true,
  });
}

const scimHeaders = (tenant: Tenant) => ({ authorization: `Bearer ${tenant.scimToken}`, 'content-type': 'application/scim+json' });

const percentile = (sorted: Float64Array, p: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]);

/** Runs autocannon once; latencies of successful responses are kept at full precision (autocannon's own histogram rounds to 1 ms). */
async function drive(
  system: System,
  tenant: Tenant,
  spec: AutocannonRequestSpec,
  options: { connections: number; duration?: number; amount?: number },
) {
  const latencies: number[] = [];
  const instance = autocannon({
    url: system.baseUrl,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.duration }),
    timeout: REQUEST_TIMEOUT_S,
    headers: scimHeaders(tenant),
    requests: [spec],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status < 300) latencies.push(ms);
  });
  activeLoad = instance;
  try {
    const result = await instance;
    return { result, latencies: Float64Array.from(latencies).sort() };
  } finally {
    activeLoad = undefined;
  }
}
let activeLoad: { stop(): void } | undefined;

/** One load of a cell: what autocannon sends, for which company, and how the row is labelled. */
interface Load {
  readonly operation: string;
  readonly tenant: Tenant;
  readonly at: { readonly size: number; readonly users?: number };
  readonly connections: number;
  readonly spec: () => AutocannonRequestSpec;
}

/** Measures one cell: a warm-up that is not counted, then `DURATION_S` seconds with CPU per request per process. */
async function measure(
  children: Children,
  target: { system: System; tenant: Tenant; processes: string[] },
  operation: string,
  at: { size: number; users?: number },
  connections: number,
  spec: () => AutocannonRequestSpec,
): Promise<Cell> {
  const [cell] = await measureTogether(children, target.system, target.processes, [{ operation, tenant: target.tenant, at, connections, spec }]);
  return cell;
}

/** What `drive` returns: autocannon's result and the latencies of successful responses, sorted. */
type Run = Awaited<ReturnType<typeof drive>>;

/** nats-server's monitoring endpoint, for the messages it received during a cell. */
let natsMonitorUrl: string | undefined;

/** Messages nats-server has received since it started (its /varz `in_msgs`); NaN when it cannot say. */
async function natsMessagesIn(): Promise<number> {
  if (!natsMonitorUrl) return Number.NaN;
  try {
    const varz = (await (await fetch(`${natsMonitorUrl}/varz`)).json()) as { in_msgs?: number };
    return varz.in_msgs ?? Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU used by some processes (from /proc) and by this one (autocannon), added up over the spans it measured,
 * and the NATS messages published meanwhile (a GET answered alone costs 2: request and reply).
 */
class CpuMeter {
  private readonly usedMs = new Map<string, number>();
  private clientUs = 0;
  private natsMessages = 0;

  private constructor(private readonly pids: readonly (readonly [string, number | undefined])[]) {}

  static of(children: Children, processes: readonly string[]): CpuMeter {
    return new CpuMeter(processes.map((name) => [name, children.byName(name)?.process.pid] as const));
  }

  async during<T>(work: () => Promise<T>): Promise<T> {
    const messagesBefore = await natsMessagesIn();
    const before = this.pids.map(([, pid]) => cpuMsOf(pid));
    const client0 = process.cpuUsage();
    try {
      return await work();
    } finally {
      const client = process.cpuUsage(client0);
      this.clientUs += client.user + client.system;
      this.pids.forEach(([name, pid], i) => this.usedMs.set(name, (this.usedMs.get(name) ?? 0) + cpuMsOf(pid) - before[i]));
      this.natsMessages += (await natsMessagesIn()) - messagesBefore;
    }
  }

  natsMessagesPer(requests: number): number {
    return this.natsMessages / Math.max(1, requests);
  }

  /** µs per request in each process, and in the load generator. */
  perRequest(requests: number): Record<string, number> {
    const cpu: Record<string, number> = {};
    for (const [name, ms] of this.usedMs) cpu[name] = (ms * 1000) / Math.max(1, requests);
    cpu['load generator'] = this.clientUs / Math.max(1, requests);
    return cpu;
  }
}

const requestsIn = (runs: readonly Run[]) => runs.reduce((sum, run) => sum + run.result.requests.total, 0);

/** A row from one or more runs of the same load: their responses, time and latencies added up. */
function cellOf(
  load: Pick<Load, 'operation' | 'at' | 'connections'>,
  runs: readonly Run[],
  meter: CpuMeter,
  /** Requests the meter measured (over every load that ran together). */
  metered: number,
  loadAverage: number,
): Cell {
  const sum = (of: (run: Run) => number) => runs.reduce((total, run) => total + of(run), 0);
  const statusCounts = new Map<string, number>();
  for (const { result } of runs) {
    for (const [code, { count }] of Object.entries(result.statusCodeStats)) statusCounts.set(code, (statusCounts.get(code) ?? 0) + count);
  }
  const statuses = [...statusCounts].map(([code, count]) => `${code}×${count}`).join(' ');
  const latencies = runs.length === 1 ? runs[0].latencies : Float64Array.from(runs.flatMap((run) => Array.from(run.latencies))).sort();
  const socketErrors = sum((run) => run.result.errors);
  const { operation, at, connections } = load;
  const cell: Cell = {
    operation,
    size: at.size,
    users: at.users,
    connections,
    perSecond: sum((run) => run.result['2xx']) / sum((run) => run.result.duration),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors: sum((run) => run.result.non2xx) + socketErrors,
    statuses,
    cpu: meter.perRequest(metered),
    natsMessages: meter.natsMessagesPer(metered),
    load: loadAverage,
  };
  logCell(cell, socketErrors);
  return cell;
}

function logCell(cell: Cell, socketErrors: number): void {
  log(
    `${cell.operation} | ${cell.users ?? '-'} users | ${cell.connections} conns: ${Math.round(cell.perSecond)}/s, p50 ${cell.p50.toFixed(2)} ms, ` +
      `p99 ${cell.p99.toFixed(2)} ms, ${cell.errors} errors (${cell.statuses}${socketErrors ? `, ${socketErrors} socket errors/timeouts` : ''}), load ${cell.load.toFixed(1)}`,
  );
}

/**
 * Runs the loads at the same time (each with its own autocannon and connections), so they see the same
 * machine; CPU per request is over all of their requests.
 */
async function measureTogether(children: Children, system: System, processes: string[], loads: Load[]): Promise<Cell[]> {
  await Promise.all(loads.map((load) => drive(system, load.tenant, load.spec(), { connections: load.connections, duration: WARMUP_S })));
  const meter = CpuMeter.of(children, processes);
  const runs = await meter.during(() =>
    Promise.all(loads.map((load) => drive(system, load.tenant, load.spec(), { connections: load.connections, duration: DURATION_S }))),
  );
  const loadAverage = loadavg()[0];
  return loads.map((load, i) => cellOf(load, [runs[i]], meter, requestsIn(runs), loadAverage));
}

/** POSTs new users until the company has `target` (bounded rounds; failed creates are topped up in the next round). */
async function seedTo(system: System, population: Population, target: number): Promise<void> {
  const { tenant, users } = population;
  for (let round = 1; round <= MAX_SEED_ROUNDS && inStore(population) < target; round++) {
    const missing = target - inStore(population);
    const start = Date.now();
    const before = users.length;
    log(`seeding ${missing} users with ${SEED_CONNECTIONS} concurrent POSTs (round ${round})...`);
    const progress = setInterval(() => {
      const done = users.length - before;
      log(`  ${inStore(population)}/${target} users, ${Math.round(done / ((Date.now() - start) / 1000))}/s`);
    }, 15_000);
    try {
      const { result } = await drive(
        system,
        tenant,
        {
          method: 'POST',
          path: '/scim/v2/Users',
          setupRequest: (request) => ({ ...request, body: newUserBody('seed') }),
          onResponse: (status, body) => {
            if (status !== 201) return;
            const created = JSON.parse(body) as { id: string; userName: string };
            users.push({ id: created.id, userName: created.userName });
          },
        },
        { connections: Math.min(SEED_CONNECTIONS, missing), amount: missing },
      );
      const failed = result.non2xx + result.errors;
      log(
        `  ${users.length - before} created in ${((Date.now() - start) / 1000).toFixed(1)} s ` +
          `(${Math.round((users.length - before) / ((Date.now() - start) / 1000))}/s)${failed ? `, ${failed} failed: ${JSON.stringify(result.statusCodeStats)}` : ''}`,
      );
    } finally {
      clearInterval(progress);
    }
  }
  if (inStore(population) < target) throw new Error(`seeding stopped at ${inStore(population)} of ${target} users after ${MAX_SEED_ROUNDS} rounds`);
}

/** Waits (bounded) until the read model answers `userName eq` for the newest user, so searches measure lookups, not catch-up. */
async function waitForReadModel(system: System, tenant: Tenant, newest: SeededUser): Promise<void> {
  const url = `${system.baseUrl}/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${newest.userName}"`)}`;
  await waitFor(
    'the users read model',
    async () => {
      const response = await fetch(url, { headers: scimHeaders(tenant) }).catch(() => undefined);
      if (response?.status !== 200) return false;
      return ((await response.json()) as { totalResults: number }).totalResults === 1;
    },
    300_000,
  );
}

const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];

/** GET by a random seeded id. The baselines are driven by it too, so the load generator's work is the same in every GET row. */
const getByIdSpec = (users: readonly SeededUser[]) => (): AutocannonRequestSpec => ({
  method: 'GET',
  setupRequest: (request) => ({ ...request, path: `/scim/v2/Users/${pick(users).id}` }),
});

const FILTER_OPERATION = 'GET /Users?filter=userName eq';
const filterSpec = (users: readonly SeededUser[]) => (): AutocannonRequestSpec => ({
  method: 'GET',
  setupRequest: (request) => ({
    ...request,
    path: `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${pick(users).userName}"`)}`,
  }),
});

function operations(population: Population) {
  const { users } = population;
  const patchPool = users.slice(0, PATCH_ID_POOL);
  let patchCounter = 0;
  const all = [
    { key: 'get', name: 'GET /Users/{id}', spec: getByIdSpec(users) },
    { key: 'filter', name: FILTER_OPERATION, spec: filterSpec(users) },
    {
      key: 'patch',
      name: 'PATCH /Users/{id} (replace displayName)',
      // Round-robin over a pool larger than the connection count, so concurrent PATCHes hit different users.
      spec: (): AutocannonRequestSpec => ({
        method: 'PATCH',
        setupRequest: (request) => {
          const n = patchCounter++;
          return {
            ...request,
            path: `/scim/v2/Users/${patchPool[n % patchPool.length].id}`,
            body: JSON.stringify({ schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'displayName', value: `Renamed ${n}` }] }),
          };
        },
      }),
    },
    {
      key: 'post',
      name: 'POST /Users',
      spec: (): AutocannonRequestSpec => ({
        method: 'POST',
        path: '/scim/v2/Users',
        setupRequest: (request) => ({ ...request, body: newUserBody('post') }),
        onResponse: (status) => {
          if (status === 201) population.posted++;
        },
      }),
    },
  ];
  return all.filter((operation) => OPERATIONS.includes(operation.key));
}

const pacedPostOperation = (rate: number) => `POST /Users, ${fmt(rate)}/s offered (open loop)`;

/**
 * POST at a fixed offered rate (paced-load.ts): whether the service serves that rate and with what latency.
 * The closed-loop rows measure the most it serves and the queueing of saturation; this one the latency at a load.
 */
async function measurePacedPost(children: Children, target: { system: System; processes: string[] }, population: Population, size: number): Promise<Cell> {
  const connections = Math.max(...CONNECTIONS);
  const run = (durationS: number) =>
    pacedLoad({
      baseUrl: target.system.baseUrl,
      headers: scimHeaders(population.tenant),
      rate: POST_RATE,
      durationS,
      connections,
      timeoutMs: REQUEST_TIMEOUT_S * 1000,
      next: () => ({ method: 'POST', path: '/scim/v2/Users', body: newUserBody('post') }),
      onResponse: (status) => {
        if (status === 201) population.posted++;
      },
    });
  const users = inStore(population);
  await run(WARMUP_S);
  const meter = CpuMeter.of(children, target.processes);
  const result = await meter.during(() => run(DURATION_S));
  return pacedCellOf({ operation: pacedPostOperation(POST_RATE), at: { size, users }, connections }, result, meter, loadavg()[0]);
}

function pacedCellOf(load: Pick<Load, 'operation' | 'at' | 'connections'>, result: PacedLoadResult, meter: CpuMeter, loadAverage: number): Cell {
  const answered = [...result.statuses.values()].reduce((sum, count) => sum + count, 0);
  const failed = [...result.statuses].reduce((sum, [status, count]) => (status >= 200 && status < 300 ? sum : sum + count), 0);
  const cell: Cell = {
    operation: load.operation,
    size: load.at.size,
    users: load.at.users,
    connections: load.connections,
    perSecond: result.servedPerSecond,
    p50: percentile(result.latencies, 0.5),
    p99: percentile(result.latencies, 0.99),
    errors: failed,
    statuses: [...result.statuses].map(([status, count]) => `${status === 0 ? 'no answer' : status}×${count}`).join(' '),
    cpu: meter.perRequest(answered),
    natsMessages: meter.natsMessagesPer(answered),
    load: loadAverage,
  };
  logCell(cell, result.statuses.get(0) ?? 0);
  return cell;
}

// ---------------------------------------------------------------------------------------------------------
// Baselines

interface Baselines {
  readonly bareUrl: string;
  readonly ceilingUrl: string;
}

/** Starts the two baseline servers (idle until measured); they answer with `sampleUser`, a real GET response. */
async function startBaselines(children: Children, system: System, sampleUser: Buffer, runDir: string): Promise<Baselines> {
  const bodyFile = join(runDir, 'fixed-user.json');
  writeFileSync(bodyFile, sampleUser);
  const script = join(WORKSPACE_ROOT, 'tools/bench/scim-api-baselines.mjs');
  const barePort = await freePort();
  await waitForReadyLine(children.start('bare-http', process.execPath, [script, 'bare', String(barePort), bodyFile], {}, { pipeStdout: true }));
  const subject = `bench.ceiling.${runId}`;
  await waitForReadyLine(
    children.start('nats-responder', process.execPath, [script, 'responder', system.natsUrl, subject, bodyFile], {}, { pipeStdout: true }),
  );
  const ceilingPort = await freePort();
  await waitForReadyLine(
    children.start('nats-ceiling-http', process.execPath, [script, 'ceiling', String(ceilingPort), system.natsUrl, subject], {}, { pipeStdout: true }),
  );
  return { bareUrl: `http://127.0.0.1:${barePort}`, ceilingUrl: `http://127.0.0.1:${ceilingPort}` };
}

const BARE_OPERATION = 'baseline: bare node:http, fixed user';
const CEILING_PROCESSES = ['nats-ceiling-http', 'nats-responder', 'nats-server'];
const CEILING_OPERATION = 'baseline: NATS ceiling (http + 1 request/reply)';

/** Measures both baselines right before a step's cells, so each step's ratios compare like with like. */
async function measureBaselines(children: Children, system: System, population: Population, baselines: Baselines, size: number): Promise<Cell[]> {
  const cells: Cell[] = [];
  const { tenant } = population;
  // The same requests as the GET by id rows (the baselines answer every path with the fixed user): building a
  // request per call costs autocannon about as much CPU as a bare server spends answering it, on the same cores.
  const sameGets = getByIdSpec(population.users);
  for (const connections of CONNECTIONS) {
    const bare = { system: { ...system, baseUrl: baselines.bareUrl }, tenant, processes: ['bare-http'] };
    cells.push(await measure(children, bare, BARE_OPERATION, { size }, connections, sameGets));
    const ceiling = { system: { ...system, baseUrl: baselines.ceilingUrl }, tenant, processes: CEILING_PROCESSES };
    cells.push(await measure(children, ceiling, CEILING_OPERATION, { size }, connections, sameGets));
  }
  return cells;
}

const INTERLEAVED_ROUNDS = 4;
const INTERLEAVED_SLICE_S = 3;
const INTERLEAVED_GET = 'GET /Users/{id}, interleaved with the ceiling';
const INTERLEAVED_CEILING = 'baseline: NATS ceiling, interleaved with GET by id';

interface Target {
  readonly operation: string;
  readonly system: System;
  readonly tenant: Tenant;
  readonly processes: readonly string[];
}

/**
 * Drives the targets in turn, INTERLEAVED_ROUNDS times INTERLEAVED_SLICE_S seconds each (A, B, A, B, ...), adding
 * each slice's requests, latencies and CPU to its target's row. This VM's speed drifts by 20% or more between
 * cells a minute apart, which moves a ratio of two separately measured cells by as much; alternated slices see
 * the same spells. The cells before it have warmed every target up.
 */
async function measureInterleaved(
  children: Children,
  targets: readonly Target[],
  at: { size: number; users?: number },
  connections: number,
  spec: () => AutocannonRequestSpec,
): Promise<Cell[]> {
  const meters = targets.map((target) => CpuMeter.of(children, target.processes));
  const runs = targets.map((): Run[] => []);
  for (let round = 0; round < INTERLEAVED_ROUNDS; round++) {
    for (const [i, target] of targets.entries()) {
      runs[i].push(await meters[i].during(() => drive(target.system, target.tenant, spec(), { connections, duration: INTERLEAVED_SLICE_S })));
    }
  }
  const loadAverage = loadavg()[0];
  return targets.map((target, i) => cellOf({ operation: target.operation, at, connections }, runs[i], meters[i], requestsIn(runs[i]), loadAverage));
}

/** GET by id against the NATS ceiling in alternated slices, at each connection count. */
async function measureGetAgainstCeiling(children: Children, services: Omit<Target, 'operation'>, baselines: Baselines, population: Population, size: number): Promise<Cell[]> {
  const ceiling: Target = { operation: INTERLEAVED_CEILING, system: { ...services.system, baseUrl: baselines.ceilingUrl }, tenant: population.tenant, processes: CEILING_PROCESSES };
  const get: Target = { ...services, operation: INTERLEAVED_GET };
  const cells: Cell[] = [];
  for (const connections of CONNECTIONS) {
    cells.push(...(await measureInterleaved(children, [ceiling, get], { size, users: inStore(population) }, connections, getByIdSpec(population.users))));
  }
  return cells;
}

// ---------------------------------------------------------------------------------------------------------
// Report

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');
const ms = (n: number) => fmt(n, n < 10 ? 2 : 1);
const SHORT: Record<string, string> = {
  'scim-gateway': 'gw',
  'settings-service': 'settings',
  'token-service': 'tokens',
  'esdb-lite': 'esdb',
  'nats-server': 'nats',
  'bare-http': 'server',
  'nats-ceiling-http': 'http',
  'nats-responder': 'responder',
  'load generator': 'client',
};
const cpuText = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .filter(([name, us]) => name === 'load generator' || !(us < 5))
    .map(([name, us]) => `${SHORT[name] ?? name} ${Number.isFinite(us) ? Math.round(us) : 'n/a'}`)
    .join(' · ');

function table(cells: Cell[]): string {
  const rows = cells.map(
    (c) =>
      `| ${c.operation} | ${c.users === undefined ? '-' : fmt(c.users)} | ${c.connections} | ${fmt(c.perSecond)} | ${ms(c.p50)} | ${ms(c.p99)} | ${fmt(c.errors)} | ${cpuText(c.cpu)} | ${fmt(c.natsMessages, 2)} | ${c.load.toFixed(1)} |`,
  );
  return [
    '| operation | users | connections | req/s | p50 ms | p99 ms | errors | CPU µs per request | NATS msgs per request | load |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|---:|',
    ...rows,
  ].join('\n');
}

function targets(cells: Cell[]): string {
  const find = (operation: string, size: number, connections: number) =>
    cells.find((c) => c.operation === operation && c.size === size && c.connections === connections);
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const rows: string[] = [];
  for (const size of USER_COUNTS) {
    for (const connections of CONNECTIONS) {
      const ceiling = find(CEILING_OPERATION, size, connections);
      const bare = find(BARE_OPERATION, size, connections);
      const get = find('GET /Users/{id}', size, connections);
      const at = `${fmt(size)} users, ${connections} conns`;
      if (ceiling && bare) rows.push(`| NATS ceiling / bare server (${at}) | ${fmt(ceiling.perSecond / bare.perSecond, 2)} | reference (≈ 0.25 measured before) |`);
      if (get && ceiling) {
        const ratio = get.perSecond / ceiling.perSecond;
        rows.push(`| GET by id / NATS ceiling (${at}; cells minutes apart) | ${fmt(ratio, 2)} | ≥ 0.80: ${verdict(ratio >= 0.8)} |`);
      }
      const alternatedGet = find(INTERLEAVED_GET, size, connections);
      const alternatedCeiling = find(INTERLEAVED_CEILING, size, connections);
      if (alternatedGet && alternatedCeiling) {
        const ratio = alternatedGet.perSecond / alternatedCeiling.perSecond;
        rows.push(
          `| GET by id / NATS ceiling (${at}; alternated ${INTERLEAVED_ROUNDS} × ${INTERLEAVED_SLICE_S} s each) | ${fmt(ratio, 2)} | ≥ 0.80: ${verdict(ratio >= 0.8)} |`,
        );
      }
      const post = find('POST /Users', size, connections);
      if (post) {
        rows.push(`| POST (${at}) | ${fmt(post.perSecond)}/s, p99 ${ms(post.p99)} ms | ≥ 500/s: ${verdict(post.perSecond >= 500)}; p99 < 100 ms: ${verdict(post.p99 < 100)} |`);
      }
    }
    const paced = cells.find((c) => c.operation === pacedPostOperation(POST_RATE) && c.size === size);
    if (paced) {
      rows.push(
        `| POST at ${fmt(POST_RATE)}/s offered, open loop (${fmt(size)} users, up to ${paced.connections} conns) | ` +
          `${fmt(paced.perSecond)}/s served, p50 ${ms(paced.p50)} ms, p99 ${ms(paced.p99)} ms, ${fmt(paced.errors)} errors | ` +
          `served ≥ 99% of offered: ${verdict(paced.perSecond >= 0.99 * POST_RATE && paced.errors === 0)}; p99 < 100 ms: ${verdict(paced.p99 < 100)} |`,
      );
    }
  }
  const smallest = USER_COUNTS[0];
  const largest = USER_COUNTS[USER_COUNTS.length - 1];
  for (const connections of CONNECTIONS) {
    const half = Math.max(1, Math.round(connections / 2));
    const pairedSmall = find(PAIRED_SMALL, largest, half);
    const pairedLarge = find(PAIRED_LARGE, largest, half);
    if (pairedSmall && pairedLarge) {
      const p50 = pairedLarge.p50 / pairedSmall.p50;
      rows.push(
        `| userName eq latency, ${fmt(pairedLarge.users ?? largest)}- vs ${fmt(pairedSmall.users ?? smallest)}-user company side by side (${half} + ${half} conns) | ` +
          `p50 ×${fmt(p50, 2)}, p99 ×${fmt(pairedLarge.p99 / pairedSmall.p99, 2)} | p50 ≤ ×1.2: ${verdict(p50 <= 1.2)} |`,
      );
    }
    const early = find(FILTER_OPERATION, smallest, connections);
    const late = find(FILTER_OPERATION, largest, connections);
    if (early && late && largest !== smallest) {
      rows.push(
        `| userName eq latency, the ${fmt(largest)} step vs the ${fmt(smallest)} step (${connections} conns; minutes apart) | ` +
          `p50 ×${fmt(late.p50 / early.p50, 2)}, p99 ×${fmt(late.p99 / early.p99, 2)} | reference: machine load differs between steps |`,
      );
    }
  }
  return ['| target | measured | verdict |', '|---|---|---|', ...rows].join('\n');
}

// ---------------------------------------------------------------------------------------------------------

let children: Children | undefined;
let runDir: string | undefined;
let shuttingDown = false;

async function shutDown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    activeLoad?.stop();
    await children?.stopAll();
    if (runDir && !KEEP) rmSync(runDir, { recursive: true, force: true });
    else if (runDir) log(`kept ${runDir}`);
  }
  process.exit(code);
}

const PAIRED_SMALL = `${FILTER_OPERATION}, side by side: small company`;
const PAIRED_LARGE = `${FILTER_OPERATION}, side by side: large company`;

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutDown(130));
  process.on('SIGTERM', () => void shutDown(143));
  const loadAtStart = loadavg();
  const started = Date.now();
  if (!args['skip-build']) build();
  runDir = mkdtempSync(join(tmpdir(), 'scim-api-bench-'));
  const logDir = join(runDir, 'logs');
  mkdirSync(logDir);
  children = new Children(logDir);
  const system = await startSystem(children, runDir);
  log(`system up at ${system.baseUrl} (NATS ${system.natsUrl}); logs in ${logDir}`);

  const grown: Population = { tenant: await createTenant(system), users: [], posted: 0 };
  log(`tenant ${grown.tenant.companyId} with a SCIM token (provisioning method okta)`);
  await seedTo(system, grown, USER_COUNTS[0]);
  // A second company that stays at the smallest size: at the end, userName eq is measured on it and on the
  // grown company at the same time, so the ratio is not skewed by how busy the machine was minutes apart.
  const small = USER_COUNTS.length > 1 ? { tenant: await createTenant(system), users: [], posted: 0 } : undefined;
  if (small) await seedTo(system, small, USER_COUNTS[0]);

  const sample = await fetch(`${system.baseUrl}/scim/v2/Users/${grown.users[0].id}`, { headers: scimHeaders(grown.tenant) });
  const baselines = await startBaselines(children, system, Buffer.from(await sample.arrayBuffer()), runDir);
  const cells: Cell[] = [];
  const services = { system, tenant: grown.tenant, processes: ['scim-gateway', 'settings-service', 'token-service', 'esdb-lite', 'nats-server'] };
  for (const size of USER_COUNTS) {
    await seedTo(system, grown, size);
    await waitForReadModel(system, grown.tenant, grown.users[grown.users.length - 1]);
    cells.push(...(await measureBaselines(children, system, grown, baselines, size)));
    for (const operation of operations(grown)) {
      for (const connections of CONNECTIONS) {
        cells.push(await measure(children, services, operation.name, { size, users: inStore(grown) }, connections, operation.spec));
      }
      if (operation.key === 'get') cells.push(...(await measureGetAgainstCeiling(children, services, baselines, grown, size)));
      if (operation.key === 'post' && POST_RATE > 0) cells.push(await measurePacedPost(children, services, grown, size));
    }
  }
  if (small && OPERATIONS.includes('filter')) {
    const largest = USER_COUNTS[USER_COUNTS.length - 1];
    for (const connections of CONNECTIONS) {
      const half = Math.max(1, Math.round(connections / 2));
      cells.push(
        ...(await measureTogether(children, system, services.processes, [
          { operation: PAIRED_SMALL, tenant: small.tenant, at: { size: largest, users: inStore(small) }, connections: half, spec: filterSpec(small.users) },
          { operation: PAIRED_LARGE, tenant: grown.tenant, at: { size: largest, users: inStore(grown) }, connections: half, spec: filterSpec(grown.users) },
        ])),
      );
    }
  }

  const cpu = cpus();
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  process.stdout.write(
    `\nSCIM API benchmark: node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, load average ` +
      `${loadAtStart.map((l) => l.toFixed(1)).join(' ')} at start, ${loadavg().map((l) => l.toFixed(1)).join(' ')} at end; ` +
      `${DURATION_S} s per cell after a ${WARMUP_S} s warm-up; every process (services, nats-server, esdb-lite, ` +
      `baselines, autocannon) on this machine; ${minutes} min in all. p50/p99 over successful responses. ` +
      `Baselines are measured again before each user count. The interleaved rows drive the NATS ceiling and GET by ` +
      `id in turn, ${INTERLEAVED_ROUNDS} × ${INTERLEAVED_SLICE_S} s each, so their ratio does not depend on how fast the ` +
      `machine was in one cell against another. POST rows: users when the cell started (each POST ` +
      `cell adds users). Side-by-side rows ran at the same time, half the connections each; their CPU column is ` +
      `over both. NATS msgs per request: messages nats-server received per request (the ceiling's request/reply is 2; ` +
      `GETs read together share theirs). load: the 1-minute load average as the cell ended (this run's processes included; above ` +
      `~3 other work competed for the 2 cores).\n\n` +
      `${table(cells)}\n\n${targets(cells)}\n`,
  );
}

main()
  .then(() => shutDown(0))
  .catch((error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    void shutDown(1);
  });
