import { z } from 'zod';
import { defineEvent, type EventDefinition, type EventOf } from '../events/event-definition';
import { SHA256_HEX } from '../events/event-metadata';
import { Actor } from '../rpc/request-context';
import { EntityId } from '../company/company.schemas';

/* Events of the `scim-token-{companyId}` stream. The token itself is never in an event: only its SHA-256. */

export const TokenHint = z.string().length(4);
export const TokenRevocationReason = z.enum(['reset', 'revoked']);
export type TokenRevocationReason = z.infer<typeof TokenRevocationReason>;

export const ScimTokenIssued = defineEvent(
  'ScimTokenIssued',
  1,
  z.object({
    companyId: EntityId,
    tokenId: EntityId,
    sha256: z.string().regex(SHA256_HEX),
    /** Last 4 characters of the token, shown to admins to tell tokens apart. */
    hint: TokenHint,
    issuedBy: Actor,
    issuedAt: z.iso.datetime(),
    /** The token this one replaces (a reset); that token's ScimTokenRevoked comes just before this event. */
    replacesTokenId: EntityId.optional(),
  }),
);

export const ScimTokenRevoked = defineEvent(
  'ScimTokenRevoked',
  1,
  z.object({
    companyId: EntityId,
    tokenId: EntityId,
    reason: TokenRevocationReason,
    revokedBy: Actor,
    revokedAt: z.iso.datetime(),
  }),
);

export const TOKEN_EVENT_DEFINITIONS = [ScimTokenIssued, ScimTokenRevoked] as const;

type EventUnion<D> = D extends EventDefinition ? EventOf<D> : never;
export type TokenEvent = EventUnion<(typeof TOKEN_EVENT_DEFINITIONS)[number]>;

const TOKEN_EVENT_TYPES: ReadonlySet<string> = new Set(TOKEN_EVENT_DEFINITIONS.map((definition) => definition.type));

/** Narrows an event read from the store (already validated against its schema by the port). */
export function isTokenEvent(event: { readonly type: string; readonly data: unknown }): event is TokenEvent {
  return TOKEN_EVENT_TYPES.has(event.type);
}

export function scimTokenStreamName(companyId: string): string {
  return `scim-token-${companyId}`;
}
