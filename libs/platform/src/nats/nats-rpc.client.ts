import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  ContextHeader,
  issuesOf,
  RpcErrorEnvelope,
  type RequestContext,
  type RpcContract,
  type RpcReply,
  type RpcRequestInput,
} from '@scim/contracts';
import { connect, ErrorCode, NatsError, type Msg, type NatsConnection, type Subscription } from 'nats';
import type { z } from 'zod';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { timeoutHeaderValue } from './call-deadline';
import { replyFingerprint } from './checked-replies';
import { contextToHeaders } from './context-headers';
import { decodeNestEventData, decodeNestReply, encodeNestEvent, encodeNestRequest } from './nest-packets';
import { natsConnectionOptions, type NatsConnectionConfig } from './nats-transport';
import { ROOT_LOGGER } from '../logging/root-logger';
import { RequestRefusedError, RpcCallError } from './rpc-call-error';
import { ReplyMultiplexer } from './reply-multiplexer';
import { SocketWriteBatch } from './socket-write-batch';

export interface NatsRpcClientConfig extends NatsConnectionConfig {
  /** Default time a reply may take before the call fails as unavailable. */
  readonly requestTimeoutMs: number;
}

export const NATS_RPC_CLIENT_CONFIG = Symbol('NATS_RPC_CLIENT_CONFIG');

/** A published notice: its subject and the zod schema of its payload (see libs/contracts). */
export interface NoticeContract<S extends z.ZodType> {
  readonly subject: string;
  readonly schema: S;
}

/**
 * Typed request/reply over NATS: the contract validates what goes out and what comes back (a reply once: by
 * its sender when that was built with the same reply schema, see checked-replies.ts), the context
 * travels in headers, and every failure becomes an RpcCallError (a timeout or a missing responder is
 * UNAVAILABLE, which the gateway turns into 503 + Retry-After).
 *
 * It speaks the packet format of Nest's NATS transport (the services are Nest microservices) but sends
 * through one shared reply subscription (ReplyMultiplexer). Nest's ClientNats subscribes and unsubscribes a
 * fresh inbox per call: three protocol messages and a server-side subscription each time, measured at about
 * half the gateway's NATS cost (tools/bench).
 */
@Injectable()
export class NatsRpcClient implements OnApplicationShutdown {
  private connecting: Promise<NatsConnection> | undefined;
  private connected: { readonly connection: NatsConnection; readonly replies: ReplyMultiplexer } | undefined;
  private readonly logger: Logger;
  private readonly writes = new SocketWriteBatch();

  constructor(
    @Inject(NATS_RPC_CLIENT_CONFIG) private readonly config: NatsRpcClientConfig,
    @Inject(ROOT_LOGGER) root: Logger,
  ) {
    this.logger = root.child({ context: NatsRpcClient.name });
  }

  async request<C extends RpcContract>(
    contract: C,
    payload: RpcRequestInput<C>,
    context: RequestContext,
    options: {
      timeoutMs?: number;
      /**
       * Send at once instead of with the other calls of this loop turn: for a caller that already sends once
       * per loop turn (from setImmediate), where waiting would hold its call behind the next turn's work.
       */
      sendNow?: boolean;
    } = {},
  ): Promise<RpcReply<C>> {
    const request = this.validated(contract, payload);
    const timeoutMs = options.timeoutMs ?? this.config.requestTimeoutMs;
    let reply: ReturnType<typeof decodeNestReply>;
    try {
      const startedAt = Date.now();
      if (!this.connected) await withTimeout(this.connection(), timeoutMs);
      const replies = this.connected?.replies;
      if (!replies) throw NatsError.errorForCode(ErrorCode.Disconnect);
      const data = encodeNestRequest(contract.subject, request, randomUUID());
      const headers = contextToHeaders(context);
      const send = () => {
        const remainingMs = Math.max(1, timeoutMs - (Date.now() - startedAt));
        headers.set(ContextHeader.timeoutMs, timeoutHeaderValue(remainingMs));
        return replies.request(contract.subject, data, headers, remainingMs);
      };
      const message = options.sendNow
        ? await send()
        : await new Promise<Msg>((resolve, reject) => this.writes.add(() => void send().then(resolve, reject), reject));
      reply = decodeNestReply(message.data);
    } catch (error) {
      throw this.toCallError(contract.subject, error, timeoutMs, context);
    }
    if (reply.err !== undefined && reply.err !== null) throw this.toCallError(contract.subject, reply.err, timeoutMs, context);
    // Checked by a sender built with this very reply schema: checking it again would only cost time.
    if (reply.checkedAgainst === replyFingerprint(contract)) return reply.response as RpcReply<C>;
    const parsed = contract.reply.safeParse(reply.response);
    if (!parsed.success) {
      this.logger.error({ correlationId: context.correlationId, subject: contract.subject, issues: parsed.error.issues }, 'reply does not match its contract');
      throw new RpcCallError(contract.subject, { code: 'INTERNAL', message: 'The service sent an invalid reply' });
    }
    return parsed.data as RpcReply<C>;
  }

  /**
   * The request as its contract allows it. One the contract refuses fails here, before anything is sent, as
   * VALIDATION_FAILED naming each bad field: what the service would answer, since it checks the same contract.
   */
  private validated<C extends RpcContract>(contract: C, payload: RpcRequestInput<C>): unknown {
    const parsed = contract.request.safeParse(payload);
    if (parsed.success) return parsed.data;
    throw new RequestRefusedError(contract.subject, issuesOf(parsed.error));
  }

  /** Fire-and-forget publication of an event other services react to (Nest's event packet: no id, no reply). */
  async publish(subject: string, payload: unknown, context: RequestContext): Promise<void> {
    const connection = await this.connection();
    connection.publish(subject, encodeNestEvent(subject, payload), { headers: contextToHeaders(context) });
  }

  /**
   * Calls `onNotice` with every valid notice published on the contract's subject. No queue group: every
   * instance hears every notice. Malformed ones are logged and dropped. Subscribes once connected (a service
   * that starts before NATS still starts); the returned function stops listening.
   */
  listen<S extends z.ZodType>(notice: NoticeContract<S>, onNotice: (payload: z.infer<S>) => void): () => void {
    let subscription: Subscription | undefined;
    let stopped = false;
    void this.connection().then(
      (connection) => {
        if (stopped) return;
        subscription = connection.subscribe(notice.subject, {
          callback: (error, message) => {
            if (error) return;
            const parsed = notice.schema.safeParse(decodeNestEventData(message.data));
            if (parsed.success) onNotice(parsed.data);
            else this.logger.warn({ subject: notice.subject, issues: parsed.error.issues }, 'ignored a malformed notice');
          },
        });
      },
      () => undefined,
    );
    return () => {
      stopped = true;
      subscription?.unsubscribe();
    };
  }

  /** The underlying NATS connection (connecting first if needed), for health checks and KV. */
  connection(): Promise<NatsConnection> {
    this.connecting ??= connect(natsConnectionOptions(this.config)).then(
      (connection) => {
        const connected = { connection, replies: new ReplyMultiplexer(connection) };
        this.connected = connected;
        void connection.closed().then(() => {
          if (this.connected === connected) this.connected = undefined;
        });
        return connection;
      },
      (error: unknown) => {
        this.connecting = undefined;
        throw error;
      },
    );
    return this.connecting;
  }

  async onApplicationShutdown(): Promise<void> {
    const connecting = this.connecting;
    this.connecting = undefined;
    this.connected = undefined;
    if (!connecting) return;
    const connection = await connecting.catch(() => undefined);
    if (!connection || connection.isClosed()) return;
    // drain lets calls in flight finish; while reconnecting it returns without closing, so close after it.
    await connection.drain().catch(() => undefined);
    if (!connection.isClosed()) await connection.close();
  }

  private toCallError(subject: string, error: unknown, timeoutMs: number, context: RequestContext): RpcCallError {
    const natsCode = error instanceof NatsError ? error.code : undefined;
    if (error instanceof ConnectTimeout || natsCode === ErrorCode.Timeout) {
      return new RpcCallError(subject, { code: 'UNAVAILABLE', message: `No reply on ${subject} within ${timeoutMs} ms` }, 'timeout');
    }
    if (natsCode === ErrorCode.NoResponders) {
      return new RpcCallError(subject, { code: 'UNAVAILABLE', message: `No service answers ${subject}` }, 'no-responders');
    }
    if (natsCode === ErrorCode.MaxPayloadExceeded) {
      const maxBytes = this.connected?.connection.info?.max_payload;
      return new RpcCallError(subject, {
        code: 'REQUEST_TOO_LARGE',
        message: `The request is too large to pass on${maxBytes ? ` (one message to a service takes at most ${maxBytes} bytes)` : ''}`,
      });
    }
    if (natsCode !== undefined && DISCONNECTED_CODES.has(natsCode)) {
      return new RpcCallError(subject, { code: 'UNAVAILABLE', message: 'The message bus is unreachable' }, 'disconnected');
    }
    const envelope = RpcErrorEnvelope.safeParse(error);
    if (envelope.success) return new RpcCallError(subject, envelope.data);
    this.logger.error({ correlationId: context.correlationId, subject, err: error }, 'unexpected failure of a NATS request');
    return new RpcCallError(subject, { code: 'INTERNAL', message: 'The service failed to handle the request' });
  }
}

const DISCONNECTED_CODES = new Set<string>([ErrorCode.ConnectionClosed, ErrorCode.ConnectionDraining, ErrorCode.ConnectionRefused, ErrorCode.Disconnect]);

class ConnectTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new ConnectTimeout(`not connected within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
