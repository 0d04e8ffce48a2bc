import { Logger } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, RpcException, type NatsContext } from '@nestjs/microservices';
import { issuesOf, type RequestContext, type RpcContract, type RpcErrorEnvelope, type RpcReply, type RpcRequest } from '@scim/contracts';
import { storage } from 'nestjs-pino/storage';
import { randomUUID } from 'node:crypto';
import { asErrorEnvelope } from '../errors/error-envelope';
import { CallDeadline, CallerStoppedWaiting } from './call-deadline';
import { replyFingerprint } from './checked-replies';
import { contextFromHeaders } from './context-headers';
import { MessageStore } from './contextual-nats-server';

type ContractHandler<C extends RpcContract> = (
  request: RpcRequest<C>,
  context: RequestContext,
  deadline: CallDeadline,
) => Promise<RpcReply<C>> | RpcReply<C>;

const fallbackLogger = new Logger('RpcHandler');

/**
 * Subscribes a method to a contract's subject. The request is validated against the contract before the
 * method runs, the reply after; the caller's context (correlation id, actor, source IP) is the method's
 * second argument, the caller's deadline its third, and its expected failures travel back as the shared error
 * envelope. A request whose caller has no time left is refused (UNAVAILABLE) without running the method.
 * Its replies say which reply schema they were checked against, so a caller built with the same one need not
 * check them again (checked-replies.ts).
 */
export function RpcHandler<C extends RpcContract>(contract: C) {
  return <M extends ContractHandler<C>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => {
    const original = descriptor.value;
    if (!original) throw new Error(`@RpcHandler on ${String(key)} needs a method`);
    const handler: ContractHandler<C> = original;

    function handleMessage(this: unknown, data: unknown, nats: NatsContext): Promise<RpcReply<C>> {
      const store = storage.getStore();
      const message = store instanceof MessageStore ? store : undefined;
      const context = message?.context ?? contextFromHeaders(nats.getHeaders(), randomUUID());
      const deadline = message?.deadline ?? CallDeadline.fromHeaders(nats.getHeaders());
      return invoke(this, handler, contract, data, { context, deadline }, message);
    }

    descriptor.value = handleMessage as unknown as M;
    // Nest passes only the payload unless told otherwise; the wrapper also needs the NATS context (headers).
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
    MessagePattern(contract.subject)(target, key, descriptor);
  };
}

async function invoke<C extends RpcContract>(
  instance: unknown,
  handler: ContractHandler<C>,
  contract: C,
  data: unknown,
  { context, deadline }: { context: RequestContext; deadline: CallDeadline },
  message: MessageStore | undefined,
): Promise<RpcReply<C>> {
  if (deadline.expired) {
    // Its caller had no time left for it: the caller has answered.
    const refusal = new CallerStoppedWaiting();
    storage.getStore()?.logger.warn({ subject: contract.subject }, refusal.message);
    throw new RpcException(refusal.toEnvelope());
  }
  const request = contract.request.safeParse(data);
  if (!request.success) {
    throw new RpcException({
      code: 'VALIDATION_FAILED',
      message: `Invalid request on ${contract.subject}`,
      issues: issuesOf(request.error),
    } satisfies RpcErrorEnvelope);
  }
  let reply: unknown;
  const startedAt = performance.now();
  try {
    reply = await handler.call(instance, request.data as RpcRequest<C>, context, deadline);
    storage.getStore()?.logger.debug(
      { subject: contract.subject, actor: context.actor, durationMs: elapsed(startedAt) },
      'handled',
    );
  } catch (error) {
    const envelope = asErrorEnvelope(error);
    if (envelope) {
      storage.getStore()?.logger.info(
        { subject: contract.subject, code: envelope.code, durationMs: elapsed(startedAt) },
        envelope.message,
      );
      throw new RpcException(envelope);
    }
    currentLogger().error({ err: error, subject: contract.subject }, 'handler failed');
    throw new RpcException({ code: 'INTERNAL', message: 'Internal error' } satisfies RpcErrorEnvelope);
  }
  const parsed = contract.reply.safeParse(reply);
  if (!parsed.success) {
    currentLogger().error({ subject: contract.subject, issues: parsed.error.issues }, 'reply violates its contract');
    throw new RpcException({ code: 'INTERNAL', message: 'Internal error' } satisfies RpcErrorEnvelope);
  }
  if (message) message.replyCheckedAgainst = replyFingerprint(contract);
  return parsed.data as RpcReply<C>;
}

function currentLogger(): { error: (obj: object, msg: string) => void } {
  const store = storage.getStore();
  if (store) return store.logger;
  return { error: (obj, msg) => fallbackLogger.error({ ...obj, msg }) };
}

function elapsed(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 100) / 100;
}
