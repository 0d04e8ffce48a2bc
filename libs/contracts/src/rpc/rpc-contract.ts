import { z } from 'zod';

/**
 * One NATS request/reply subject with the shapes of its request and reply.
 * Senders and handlers both take the contract object, so they cannot disagree on a shape.
 */
export interface RpcContract<TRequest extends z.ZodType = z.ZodType, TReply extends z.ZodType = z.ZodType> {
  readonly subject: string;
  readonly request: TRequest;
  readonly reply: TReply;
}

export type RpcRequest<C extends RpcContract> = z.infer<C['request']>;
export type RpcReply<C extends RpcContract> = z.infer<C['reply']>;
/** What a caller passes in: the request before zod defaults are applied. */
export type RpcRequestInput<C extends RpcContract> = z.input<C['request']>;

export function defineRpc<const TSubject extends string, TRequest extends z.ZodType, TReply extends z.ZodType>(
  subject: TSubject,
  request: TRequest,
  reply: TReply,
): RpcContract<TRequest, TReply> & { readonly subject: TSubject } {
  return Object.freeze({ subject, request, reply });
}
