import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { startEsdbLite, type EsdbLite } from './server';

const USAGE = `esdb-lite: an EventStoreDB-compatible gRPC server over one SQLite file

  --port <n>          port to listen on (default 2113; 0 picks a free one)
  --host <address>    address to bind (default 127.0.0.1)
  --data <file>       SQLite data file (default ./data/events.db)
  --memory            keep events in memory only
  --sync <mode>       normal (default: survives a process crash) | full (also survives power loss)
  --no-batch-append   do not advertise BatchAppend (clients use plain Append)
  --log-level <level> pino level (default info)
`;

export interface CliOptions {
  readonly port: number;
  readonly host: string;
  readonly dataFile: string;
  readonly synchronous: 'normal' | 'full';
  readonly batchAppend: boolean;
  readonly logLevel: string;
}

export function parseCliArgs(argv: readonly string[]): CliOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', default: '2113' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: './data/events.db' },
      memory: { type: 'boolean', default: false },
      sync: { type: 'string', default: 'normal' },
      'no-batch-append': { type: 'boolean', default: false },
      'log-level': { type: 'string', default: 'info' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port: ${values.port}`);
  if (values.sync !== 'normal' && values.sync !== 'full') throw new Error(`--sync: normal or full, not ${values.sync}`);
  return {
    port,
    host: values.host,
    dataFile: values.memory ? ':memory:' : resolve(values.data),
    synchronous: values.sync,
    batchAppend: !values['no-batch-append'],
    logLevel: values['log-level'],
  };
}

/** The `esdb-lite` command: runs until SIGTERM/SIGINT, then closes gRPC and SQLite and exits 0. */
export async function runEsdbLiteCli(argv: readonly string[] = process.argv.slice(2)): Promise<EsdbLite | undefined> {
  const options = parseCliArgs(argv);
  if (options === 'help') {
    process.stdout.write(USAGE);
    return undefined;
  }
  const logger = pino({ level: options.logLevel, base: { service: 'esdb-lite', pid: process.pid } });
  if (options.dataFile !== ':memory:') mkdirSync(dirname(options.dataFile), { recursive: true });
  const server = await startEsdbLite({
    port: options.port,
    host: options.host,
    dataFile: options.dataFile,
    synchronous: options.synchronous,
    batchAppend: options.batchAppend,
    logger,
  });
  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'esdb-lite stopping');
    // Once gRPC and SQLite are closed nothing keeps the event loop alive and the process exits with 0.
    server.stop().then(
      () => setTimeout(() => process.exit(0), 1_000).unref(),
      (error: unknown) => {
        logger.error({ err: error }, 'esdb-lite failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return server;
}
