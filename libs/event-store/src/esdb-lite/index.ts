export { startEsdbLite, DEFAULT_MAX_APPEND_SIZE, type EsdbLite, type EsdbLiteOptions } from './server';
export { runEsdbLiteCli, parseCliArgs, type CliOptions } from './cli';
export { ESDB_LITE_SERVER_VERSION } from './handlers/server-features';
export type { SubscriptionSettings } from './subscriptions';
