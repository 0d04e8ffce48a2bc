import { ServerNats, type NatsContext, type NatsOptions } from '@nestjs/microservices';
import type { RequestContext, RpcErrorEnvelope } from '@scim/contracts';
import { ErrorCode, NatsError, type Msg, type NatsConnection } from 'nats';
import { Store, storage } from 'nestjs-pino/storage';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { CallDeadline } from './call-deadline';
import { contextFromHeaders } from './context-headers';
import { SocketWriteBatch } from './socket-write-batch';

/**
 * What a message is handled with: the logger carrying its correlation id, and the request context and the
 * caller's deadline read from its headers once (the deadline counted from then). A message without a context
 * gets one system context, and its log lines and the events it causes share the correlation id that was made
 * up for it.
 */
export class MessageStore extends Store {
  /** Set by RpcHandler once the reply passed its contract: the fingerprint its packet names (checked-replies.ts). */
  replyCheckedAgainst: string | undefined;

  constructor(
    logger: Logger,
    readonly context: RequestContext,
    readonly deadline: CallDeadline,
  ) {
    super(logger);
  }
}

/**
 * Nest's NATS transport, with three changes for the hot path of every service:
 * - each message is handled with a child logger carrying the caller's correlation id (nestjs-pino's
 *   storage, which PinoLogger reads, holding a MessageStore), so every line a handler writes can be traced
 *   to the HTTP request.
 *   A Nest interceptor did this before, at the price of an rxjs pipeline and an AsyncResource per message;
 * - handlers are found by their subject directly: Nest first tries JSON.parse on every subject, which
 *   throws (and builds a stack trace) for every plain subject such as `settings.users.get`;
 * - the replies of one loop turn are sent together, in one socket write (SocketWriteBatch);
 * - a reply an RpcHandler checked against its contract names that contract's fingerprint (checked-replies.ts);
 * - a reply larger than one message may be (the server's max_payload, 1 MiB by default) is answered with
 *   REPLY_TOO_LARGE and both sizes instead of no reply at all, so the caller learns at once to ask for less
 *   (fewer users in a page or a batch) rather than waiting for its timeout.
 */
export class ContextualNatsServer extends ServerNats {
  private rootLogger: Logger | undefined;
  private readonly replies = new SocketWriteBatch();

  constructor(options: Required<NatsOptions>['options']) {
    super(options);
  }

  /** Set once the app's logger exists (it comes from the app's own DI container). */
  useRootLogger(logger: Logger): void {
    this.rootLogger = logger;
  }

  override getHandlerByPattern(pattern: string) {
    return this.messageHandlers.get(pattern) ?? super.getHandlerByPattern(pattern);
  }

  override getPublisher(message: Msg, id: string, context: NatsContext) {
    const publish = super.getPublisher(message, id, context);
    const store = storage.getStore();
    return (packet: object) =>
      this.replies.add(
        () => {
          const checkedAgainst = store instanceof MessageStore ? store.replyCheckedAgainst : undefined;
          try {
            publish(checkedAgainst === undefined ? packet : Object.assign(packet, { checkedAgainst }));
          } catch (error) {
            if (!(error instanceof NatsError && error.code === ErrorCode.MaxPayloadExceeded)) throw error;
            publish({ err: this.tooLarge(packet, store instanceof MessageStore ? store.logger : undefined), isDisposed: true });
          }
        },
        (error) => (this.rootLogger ?? this.logger).error({ err: error, subject: message.subject }, 'a reply could not be sent'),
      );
  }

  private tooLarge(packet: object, logger: Logger | undefined): RpcErrorEnvelope {
    const replyBytes = Buffer.byteLength(JSON.stringify(packet));
    const maxReplyBytes = this.unwrap<NatsConnection>().info?.max_payload ?? 1;
    (logger ?? this.rootLogger ?? this.logger).warn({ replyBytes, maxReplyBytes }, 'a reply was too large for one message: REPLY_TOO_LARGE sent instead');
    return { code: 'REPLY_TOO_LARGE', message: `The reply would take ${replyBytes} bytes; one message takes at most ${maxReplyBytes}`, replyBytes, maxReplyBytes };
  }

  override handleMessage(channel: string, message: Msg): Promise<unknown> {
    const root = this.rootLogger;
    if (!root) return super.handleMessage(channel, message);
    const context = contextFromHeaders(message.headers, randomUUID());
    const store = new MessageStore(root.child({ correlationId: context.correlationId }), context, CallDeadline.fromHeaders(message.headers));
    return storage.run(store, () => super.handleMessage(channel, message));
  }
}

