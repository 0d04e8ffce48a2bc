import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface RunningNats {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Finds nats-server on PATH or where Debian installs it. */
export function findNatsServer(): string | undefined {
  const fromPath = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' }).stdout.trim();
  if (fromPath) return fromPath;
  return ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((path) => existsSync(path));
}

/**
 * Starts a private nats-server (with JetStream in a temporary directory) on a free loopback port, so
 * parallel test runs never share one. Resolves once the server says it is ready.
 */
export async function startNats(options: { jetstream?: boolean } = {}): Promise<RunningNats> {
  const binary = findNatsServer();
  if (!binary) throw new Error('nats-server not found: apt-get install -y nats-server');
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'scim-nats-'));
  const args = ['-a', '127.0.0.1', '-p', String(port)];
  if (options.jetstream !== false) args.push('-js', '-sd', storeDir);
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  await waitUntilReady(child);
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await stopProcess(child);
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

function waitUntilReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`nats-server did not start: ${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Server is ready')) {
        cleanup();
        child.stderr?.resume();
        resolve();
      }
    };
    const onExit = (code: number | null) => fail(new Error(`nats-server exited with ${code}: ${output}`));
    const fail = (error: Error) => {
      cleanup();
      child.kill('SIGKILL');
      reject(error);
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
  });
}

/** Sends `signal` and resolves once the process exited, killing it after `forceAfterMs`. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', forceAfterMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), forceAfterMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}
