import { ContextHeader, RequestContext, type RequestContext as Context } from '@scim/contracts';
import { headers as natsHeaders, type MsgHdrs } from 'nats';

/** Writes a request context into NATS message headers. */
export function contextToHeaders(context: Context): MsgHdrs {
  const result = natsHeaders();
  result.set(ContextHeader.correlationId, context.correlationId);
  if (context.causationId) result.set(ContextHeader.causationId, context.causationId);
  result.set(ContextHeader.actorType, context.actor.type);
  result.set(ContextHeader.actorId, context.actor.id);
  if (context.sourceIp) result.set(ContextHeader.sourceIp, context.sourceIp);
  if (context.requestOrigin) result.set(ContextHeader.requestOrigin, context.requestOrigin);
  return result;
}

/** Reads the request context back; a message without one (e.g. from a script) gets a system context. */
export function contextFromHeaders(headers: MsgHdrs | undefined, fallbackCorrelationId: string): Context {
  const read = (name: string) => (headers?.has(name) ? headers.get(name) : undefined) || undefined;
  const parsed = RequestContext.safeParse({
    correlationId: read(ContextHeader.correlationId) ?? fallbackCorrelationId,
    causationId: read(ContextHeader.causationId),
    actor: { type: read(ContextHeader.actorType) ?? 'system', id: read(ContextHeader.actorId) ?? 'system' },
    sourceIp: read(ContextHeader.sourceIp),
    requestOrigin: read(ContextHeader.requestOrigin),
  });
  return parsed.success
    ? parsed.data
    : { correlationId: fallbackCorrelationId, actor: { type: 'system', id: 'system' } };
}
