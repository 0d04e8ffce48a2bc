export {};
export * from './port';
export * from './errors';
export * from './event-registry';
export * from './hash-chain';
export * from './canonical-json';
export * from './connection-string';
export * from './deterministic-id';
export * from './command-handler';
export { metadataFromContext } from './append-preparation';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './in-memory-event-store';
export { EsdbEventStore, type EsdbEventStoreOptions } from './esdb-event-store';
export type { ResubscribeBackoff } from './esdb-subscription';
export { deciderSpec, type DeciderSpec, type DeciderSpecOptions, type DeciderSpecWhen } from './testing/decider-spec';
export {
  startEsdbLite,
  runEsdbLiteCli,
  parseCliArgs as parseEsdbLiteArgs,
  DEFAULT_MAX_APPEND_SIZE,
  ESDB_LITE_SERVER_VERSION,
  type EsdbLite,
  type EsdbLiteOptions,
  type CliOptions as EsdbLiteCliOptions,
  type SubscriptionSettings as EsdbLiteSubscriptionSettings,
} from './esdb-lite';
export * from './projection/projection-runner';
export * from './nest/event-store.module';
export * from './nest/projection-host';
export * from './caller-failure';
export { openOwnedSqliteFile, type SqliteFileOwner } from './sqlite-owned-file';
