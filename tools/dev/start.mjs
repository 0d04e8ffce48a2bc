#!/usr/bin/env node
// `npm start`: the whole system on one machine with embedded defaults. Builds what it needs, starts NATS
// (unless one is reachable), esdb-lite (unless EVENT_STORE_URL names a real cluster) and the three services
// as separate processes, waits until /readyz is 200, prints the gateway URL, and stops it all on Ctrl-C.
// `--skip-build` starts what dist/ already holds (the browser tests build through Nx first).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const env = process.env;
const dataDir = resolve(env.DATA_DIR ?? join(root, 'data'));
const port = Number(env.PORT ?? 3000);
const skipBuild = process.argv.includes('--skip-build');
const children = [];
let stopping = false;

function say(line) {
  process.stdout.write(`[start] ${line}\n`);
}

function fail(line) {
  process.stderr.write(`[start] ${line}\n`);
  void stopAll(1);
}

function canConnect(host, tcpPort, timeoutMs = 500) {
  return new Promise((done) => {
    const socket = createConnection({ host, port: tcpPort });
    const finish = (ok) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

function freePort() {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: freeTcpPort } = server.address();
      server.close(() => done(freeTcpPort));
    });
  });
}

function findNatsServer() {
  const onPath = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  return ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((p) => existsSync(p));
}

function adminToken() {
  if (env.ADMIN_TOKEN) return env.ADMIN_TOKEN;
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) {
    say(`admin token: kept in ${file}`);
    return readFileSync(file, 'utf8').trim();
  }
  const token = `adm_${randomBytes(32).toString('base64url')}`;
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  say(`admin token (shown once, kept in ${file}): ${token}`);
  return token;
}

/** Starts a child with its JSON logs in DATA_DIR/logs/<name>.log; an unexpected exit stops everything. */
function startProcess(name, command, args, extraEnv) {
  const logFile = join(dataDir, 'logs', `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.on('data', (chunk) => {
    log.write(chunk);
    process.stderr.write(`[${name}] ${chunk}`);
  });
  child.on('exit', (code, signal) => {
    if (!stopping) fail(`${name} exited (${signal ?? code}); see ${logFile}`);
  });
  children.push({ name, child });
  return child;
}

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`${what} did not come up within ${timeoutMs / 1000} s`);
}

async function resolveNats() {
  if (env.NATS_URL) return env.NATS_URL;
  if (await canConnect('127.0.0.1', 4222)) {
    say('NATS: using the server on nats://127.0.0.1:4222');
    return 'nats://127.0.0.1:4222';
  }
  const binary = findNatsServer();
  if (!binary) {
    process.stderr.write('[start] nats-server not found and no NATS on 127.0.0.1:4222: install it with `apt-get install -y nats-server` (or set NATS_URL)\n');
    process.exit(1);
  }
  const natsPort = await freePort();
  const storeDir = join(dataDir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  startProcess('nats-server', binary, ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', storeDir], {});
  await waitFor('nats-server', () => canConnect('127.0.0.1', natsPort), 10_000);
  say(`NATS: started nats-server on nats://127.0.0.1:${natsPort} (JetStream store ${storeDir})`);
  return `nats://127.0.0.1:${natsPort}`;
}

async function resolveEventStore() {
  if (env.EVENT_STORE_URL) {
    say(`event store: ${env.EVENT_STORE_URL}`);
    return env.EVENT_STORE_URL;
  }
  const esdbPort = Number(env.ESDB_LITE_PORT ?? (await freePort()));
  const dataFile = join(dataDir, 'events.db');
  startProcess('esdb-lite', process.execPath, [join(root, 'dist/tools/esdb-lite/main.js'), '--host', '127.0.0.1', '--port', String(esdbPort), '--data', dataFile], {});
  await waitFor('esdb-lite', () => canConnect('127.0.0.1', esdbPort), 15_000);
  say(`event store: esdb-lite on esdb://127.0.0.1:${esdbPort}?tls=false (data ${dataFile})`);
  return `esdb://127.0.0.1:${esdbPort}?tls=false`;
}

function build() {
  say('building the services and the admin page (cached after the first run)...');
  const result = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', 'scim-gateway', 'settings-service', 'token-service', 'esdb-lite', '--output-style=static'],
    { cwd: root, env: { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout?.toString() ?? '');
    process.stderr.write('[start] build failed\n');
    process.exit(1);
  }
}

async function readyz() {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`);
    return response.status === 200;
  } catch {
    return false;
  }
}

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  for (const { child } of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    await new Promise((done) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 8_000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      child.kill('SIGTERM');
    });
  }
  process.exit(code);
}

async function main() {
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  if (await canConnect('127.0.0.1', port)) {
    process.stderr.write(`[start] port ${port} is taken: set PORT to a free one\n`);
    process.exit(1);
  }
  if (!skipBuild) build();
  const token = adminToken();
  const natsUrl = await resolveNats();
  const eventStoreUrl = await resolveEventStore();
  const shared = { NATS_URL: natsUrl, LOG_LEVEL: env.LOG_LEVEL ?? 'info' };
  const serviceEnv = { ...shared, EVENT_STORE_URL: eventStoreUrl, DATA_DIR: dataDir };
  startProcess('settings-service', process.execPath, [join(root, 'dist/apps/settings-service/main.js')], serviceEnv);
  startProcess('token-service', process.execPath, [join(root, 'dist/apps/token-service/main.js')], serviceEnv);
  startProcess('scim-gateway', process.execPath, [join(root, 'dist/apps/scim-gateway/main.js')], {
    ...shared,
    PORT: String(port),
    ADMIN_TOKEN: token,
  });
  await waitFor('the gateway (/readyz)', readyz, 60_000);
  if (stopping) return;
  say(`ready: gateway on http://localhost:${port} (readiness: http://localhost:${port}/readyz); logs in ${join(dataDir, 'logs')}`);
  say(`SCIM Provisioning settings page: http://localhost:${port}/admin (sign in with the admin token)`);
  say('press Ctrl-C to stop everything');
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
