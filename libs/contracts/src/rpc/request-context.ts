import { z } from 'zod';

/** NATS header names that carry the request context from the gateway into the services. */
export const ContextHeader = {
  correlationId: 'x-correlation-id',
  causationId: 'x-causation-id',
  actorType: 'x-actor-type',
  actorId: 'x-actor-id',
  sourceIp: 'x-source-ip',
  requestOrigin: 'x-request-origin',
  /** How long the service has to answer, in ms from when it reads the request: transport, not part of the RequestContext. */
  timeoutMs: 'x-timeout-ms',
} as const;

export const ActorType = z.enum(['admin', 'scim-token', 'system']);
export type ActorType = z.infer<typeof ActorType>;

export const Actor = z.object({ type: ActorType, id: z.string().min(1).max(200) });
export type Actor = z.infer<typeof Actor>;

/** Who asked, from where, as part of which request: travels in NATS headers and ends in event metadata. */
export const RequestContext = z.object({
  correlationId: z.string().min(1).max(200),
  causationId: z.string().min(1).max(200).optional(),
  actor: Actor,
  sourceIp: z.string().max(100).optional(),
  requestOrigin: z.string().max(500).optional(),
});
export type RequestContext = z.infer<typeof RequestContext>;

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'system' };
