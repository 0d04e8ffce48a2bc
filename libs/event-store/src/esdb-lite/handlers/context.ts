import type { Logger } from 'pino';
import type { CallSink } from '../call-sink';
import type { EventLog } from '../event-log';
import type { SubscriptionSettings } from '../subscriptions';

/** What every RPC handler gets from the server. */
export interface HandlerContext {
  readonly log: EventLog;
  readonly logger: Logger;
  readonly subscriptions: SubscriptionSettings;
  /** Bytes (data + metadata + type) one append may carry; EventStoreDB's default is 1 MiB. */
  readonly maxAppendSize: number;
  /** Registers a long-lived call so stopping the server can end it with UNAVAILABLE. */
  track<T>(sink: CallSink<T>): void;
}
