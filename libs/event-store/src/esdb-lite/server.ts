import { Server, ServerCredentials } from '@grpc/grpc-js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import pino, { type Logger } from 'pino';
import type { CallSink } from './call-sink';
import { EventLog } from './event-log';
import { unavailableError } from './grpc-errors';
import { appendHandler } from './handlers/append';
import { batchAppendHandler } from './handlers/batch-append';
import type { HandlerContext } from './handlers/context';
import { deleteHandler, tombstoneHandler } from './handlers/delete';
import { readHandler } from './handlers/read';
import { serverFeaturesHandler } from './handlers/server-features';
import { EventStorage, type Synchronous } from './storage';
import { DEFAULT_SUBSCRIPTION_SETTINGS, type SubscriptionSettings } from './subscriptions';

export interface EsdbLiteOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** SQLite file, or ':memory:' (the default). */
  readonly dataFile?: string;
  /** Advertise BatchAppend in ServerFeatures (default true); false makes the client use plain Append. */
  readonly batchAppend?: boolean;
  /** SQLite `synchronous` in WAL mode: 'normal' survives a process crash, 'full' also a power loss. */
  readonly synchronous?: Synchronous;
  /** Default: silent. */
  readonly logger?: Logger;
  /** Bytes per append; EventStoreDB's default is 1 MiB. */
  readonly maxAppendSize?: number;
  readonly subscriptions?: Partial<SubscriptionSettings>;
  /** How long stop() lets calls finish before cutting connections. */
  readonly shutdownGraceMs?: number;
}

export interface EsdbLite {
  /** Connection string for `EventStoreDBClient.connectionString`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly dataFile: string;
  /** Ends open calls with UNAVAILABLE (clients reconnect), stops the server, closes the file. Idempotent. */
  stop(): Promise<void>;
}

export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

const bindAddress = (host: string, port: number) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

const clientHost = (host: string) =>
  host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;

/** Starts esdb-lite: an EventStoreDB-compatible gRPC server (the RPCs @eventstore/db-client uses) over SQLite. */
export async function startEsdbLite(options: EsdbLiteOptions = {}): Promise<EsdbLite> {
  const host = options.host ?? '127.0.0.1';
  const dataFile = options.dataFile ?? ':memory:';
  const logger = options.logger ?? pino({ level: 'silent' });
  const storage = new EventStorage(dataFile, options.synchronous ?? 'normal');
  const openCalls = new Set<CallSink<unknown>>();

  const log = new EventLog(storage);
  const context: HandlerContext = {
    log,
    logger,
    subscriptions: { ...DEFAULT_SUBSCRIPTION_SETTINGS, ...options.subscriptions },
    maxAppendSize: options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE,
    track: (sink) => {
      const call = sink as CallSink<unknown>;
      openCalls.add(call);
      call.onClose(() => openCalls.delete(call));
    },
  };

  const server = new Server({ 'grpc.max_receive_message_length': 17 * 1024 * 1024 });
  server.addService(StreamsService, {
    read: readHandler(context),
    append: appendHandler(context),
    batchAppend: batchAppendHandler(context),
    delete: deleteHandler(context),
    tombstone: tombstoneHandler(context),
  });
  server.addService(ServerFeaturesService, {
    getSupportedMethods: serverFeaturesHandler({ batchAppend: options.batchAppend ?? true }),
  });

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(bindAddress(host, options.port ?? 0), ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
  } catch (error) {
    storage.close();
    throw error;
  }

  const url = `esdb://${clientHost(host)}:${port}?tls=false`;
  logger.info({ url, host, port, dataFile, batchAppend: options.batchAppend ?? true }, 'esdb-lite listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const call of [...openCalls]) call.fail(unavailableError());
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, options.shutdownGraceMs ?? 2_000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
      log.close();
      storage.close();
      logger.info({ url }, 'esdb-lite stopped');
    })());

  return { url, host, port, dataFile, stop };
}
