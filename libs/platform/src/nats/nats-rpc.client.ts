import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ClientNats, NatsRecordBuilder } from '@nestjs/microservices';
import {
  RpcErrorEnvelope,
  type RequestContext,
  type RpcContract,
  type RpcReply,
  type RpcRequestInput,
} from '@scim/contracts';
import type { NatsConnection } from 'nats';
import { PinoLogger } from 'nestjs-pino';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { contextToHeaders } from './context-headers';
import { natsConnectionOptions, type NatsConnectionConfig } from './nats-transport';
import { RpcCallError } from './rpc-call-error';

export interface NatsRpcClientConfig extends NatsConnectionConfig {
  /** Default time a reply may take before the call fails as unavailable. */
  readonly requestTimeoutMs: number;
}

export const NATS_RPC_CLIENT_CONFIG = Symbol('NATS_RPC_CLIENT_CONFIG');

/**
 * Typed request/reply over NATS: the contract validates what goes out and what comes back, the context
 * travels in headers, and every failure becomes an RpcCallError (a timeout or a missing responder is
 * UNAVAILABLE, which the gateway turns into 503 + Retry-After).
 */
@Injectable()
export class NatsRpcClient implements OnApplicationShutdown {
  private readonly client: ClientNats;

  constructor(
    @Inject(NATS_RPC_CLIENT_CONFIG) private readonly config: NatsRpcClientConfig,
    private readonly logger: PinoLogger,
  ) {
    this.client = new ClientNats(natsConnectionOptions(config));
    this.logger.setContext(NatsRpcClient.name);
  }

  async request<C extends RpcContract>(
    contract: C,
    payload: RpcRequestInput<C>,
    context: RequestContext,
    options: { timeoutMs?: number } = {},
  ): Promise<RpcReply<C>> {
    const request = contract.request.parse(payload);
    const record = new NatsRecordBuilder(request).setHeaders(contextToHeaders(context)).build();
    const timeoutMs = options.timeoutMs ?? this.config.requestTimeoutMs;
    let reply: unknown;
    try {
      reply = await firstValueFrom(this.client.send(contract.subject, record).pipe(timeout({ first: timeoutMs })));
    } catch (error) {
      throw this.toCallError(contract.subject, error, timeoutMs);
    }
    const parsed = contract.reply.safeParse(reply);
    if (!parsed.success) {
      this.logger.error({ subject: contract.subject, issues: parsed.error.issues }, 'reply does not match its contract');
      throw new RpcCallError(contract.subject, { code: 'INTERNAL', message: 'The service sent an invalid reply' });
    }
    return parsed.data as RpcReply<C>;
  }

  /** Fire-and-forget publication of an event other services react to. */
  async publish(subject: string, payload: unknown, context: RequestContext): Promise<void> {
    const record = new NatsRecordBuilder(payload).setHeaders(contextToHeaders(context)).build();
    await firstValueFrom(this.client.emit(subject, record), { defaultValue: undefined });
  }

  /** The underlying NATS connection (connecting first if needed), for health checks and KV access. */
  async connection(): Promise<NatsConnection> {
    await this.client.connect();
    return this.client.unwrap<NatsConnection>();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }

  private toCallError(subject: string, error: unknown, timeoutMs: number): RpcCallError {
    if (error instanceof TimeoutError) {
      return new RpcCallError(
        subject,
        { code: 'UNAVAILABLE', message: `No reply on ${subject} within ${timeoutMs} ms` },
        'timeout',
      );
    }
    // Nest does not export EmptyResponseException; NATS answers "no responders" at once when nobody subscribes.
    if (error instanceof Error && error.constructor.name === 'EmptyResponseException') {
      return new RpcCallError(subject, { code: 'UNAVAILABLE', message: `No service answers ${subject}` }, 'no-responders');
    }
    const envelope = RpcErrorEnvelope.safeParse(error);
    if (envelope.success) return new RpcCallError(subject, envelope.data);
    if (error instanceof Error && /CONNECTION_CLOSED|DISCONNECT|CONNECTION_REFUSED/i.test(`${error.message} ${(error as { code?: string }).code ?? ''}`)) {
      return new RpcCallError(subject, { code: 'UNAVAILABLE', message: 'The message bus is unreachable' }, 'disconnected');
    }
    this.logger.error({ subject, err: error }, 'unexpected failure of a NATS request');
    return new RpcCallError(subject, { code: 'INTERNAL', message: 'The service failed to handle the request' });
  }
}
