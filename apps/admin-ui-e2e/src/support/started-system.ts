import { startNats, freePort, type RunningNats } from '@scim/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

export interface StartedSystem {
  /** e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  readonly adminToken: string;
  /** What `npm start` printed so far (its own lines and the services' stderr). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The system exactly as `npm start` runs it, from the build output in dist/ (the Nx test target builds it
 * first): esdb-lite on a fresh data file, the three services as separate processes, the gateway serving the
 * admin page. Only NATS is our own private server (start.mjs would otherwise use the shared one on 4222).
 */
export async function startBuiltSystem(): Promise<StartedSystem> {
  const nats: RunningNats = await startNats();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'scim-admin-ui-e2e-'));
  const adminToken = `adm_${randomBytes(24).toString('base64url')}`;
  const child = spawn(process.execPath, [join(WORKSPACE_ROOT, 'tools/dev/start.mjs'), '--skip-build'], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NATS_URL: nats.url, ADMIN_TOKEN: adminToken, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const cleanUp = async () => {
    await stopChild(child);
    await nats.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForReadyLine(child, () => output, 120_000);
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return { baseUrl: `http://127.0.0.1:${port}`, adminToken, output: () => output, stop: cleanUp };
}

/** start.mjs prints `[start] ready:` once /readyz answers 200; it exits if anything fails to start. */
function waitForReadyLine(child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => finish(new Error(`npm start was not ready within ${timeoutMs / 1000} s:\n${output()}`)), timeoutMs);
    const onData = () => {
      if (output().includes('[start] ready:')) finish();
    };
    const onExit = (code: number | null) => finish(new Error(`npm start exited (${code}) before it was ready:\n${output()}`));
    function finish(error?: Error) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) fail(error);
      else done();
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

/** SIGTERM lets start.mjs stop its children in order; SIGKILL only if it hangs. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
