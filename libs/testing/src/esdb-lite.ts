import { startEsdbLite as startServer, type EsdbLite, type EsdbLiteOptions } from '@scim/event-store';

export type { EsdbLite, EsdbLiteOptions };

/**
 * esdb-lite for a test: a free port on 127.0.0.1, events in memory unless `dataFile` names a file,
 * silent unless a `logger` is passed. Connect with `EventStoreDBClient.connectionString(server.url)`
 * and call `server.stop()` in afterAll.
 */
export function startEsdbLite(options: EsdbLiteOptions = {}): Promise<EsdbLite> {
  return startServer({ port: 0, host: '127.0.0.1', dataFile: ':memory:', ...options });
}
