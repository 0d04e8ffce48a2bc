import { z } from 'zod';
import { EntityId } from '../company/company.schemas';
import { SHA256_HEX } from '../events/event-metadata';
import { LogPositionText } from '../events/log-position-text';
import { Actor } from '../rpc/request-context';
import { StreamHistoryReply, StreamHistoryRequest } from '../history/stream-history';
import { defineRpc } from '../rpc/rpc-contract';
import { TokenHint, TokenRevocationReason } from './token.events';

/*
 * NATS contracts of token-service. The plaintext token travels in exactly one message: the reply to
 * `tokens.issue`. Verification sends its SHA-256 (scimTokenSha256), never the token.
 */

/** What admins may see of a token: never the token or its hash. */
export const ScimTokenMetadata = z.object({
  tokenId: EntityId,
  hint: TokenHint,
  issuedAt: z.iso.datetime(),
  issuedBy: Actor,
});
export type ScimTokenMetadata = z.infer<typeof ScimTokenMetadata>;

/**
 * Issues a token for the company; when one is active this is the reset (the old one is revoked at once).
 * SETTINGS_INCOMPLETE, naming the missing settings, while the provisioning method's required settings are unset.
 */
export const IssueScimTokenRpc = defineRpc(
  'tokens.issue',
  z.object({ companyId: EntityId }),
  z.object({
    /** Shown once; not stored anywhere. */
    token: z.string().min(1),
    tokenId: EntityId,
    hint: TokenHint,
    issuedAt: z.iso.datetime(),
    /** The token this reset revoked, or null for a first issue. */
    replacedTokenId: EntityId.nullable(),
    position: LogPositionText,
  }),
);

export const GetScimTokenRpc = defineRpc(
  'tokens.get',
  z.object({ companyId: EntityId, minPosition: LogPositionText.optional() }),
  z.object({ activeToken: ScimTokenMetadata.nullable() }),
);

/** Revokes the active token (no token works until a new one is issued); a no-op when none is active. */
export const RevokeScimTokenRpc = defineRpc(
  'tokens.revoke',
  z.object({ companyId: EntityId }),
  z.object({ revokedTokenId: EntityId.nullable(), position: LogPositionText.nullable() }),
);

export const VerifyScimTokenRpc = defineRpc(
  'tokens.verify',
  z.object({ tokenSha256: z.string().regex(SHA256_HEX) }),
  z.discriminatedUnion('valid', [
    z.object({ valid: z.literal(true), companyId: EntityId, tokenId: EntityId }),
    z.object({ valid: z.literal(false) }),
  ]),
);

/**
 * Published (not request/reply) whenever a token stops working, so every gateway drops its cached
 * verification at once. Carries the hash the gateway caches by, never the token.
 */
export const ScimTokenRevokedNotice = Object.freeze({
  subject: 'tokens.events.revoked',
  schema: z.object({
    companyId: EntityId,
    tokenId: EntityId,
    tokenSha256: z.string().regex(SHA256_HEX),
    reason: TokenRevocationReason,
    revokedAt: z.iso.datetime(),
  }),
} as const);
export type ScimTokenRevokedNotice = z.infer<(typeof ScimTokenRevokedNotice)['schema']>;
export const TOKEN_REVOKED_SUBJECT = ScimTokenRevokedNotice.subject;

/** The newest events of the `scim-token-{companyId}` stream, newest first; empty when none was ever issued. */
export const ScimTokenHistoryRpc = defineRpc('tokens.history', StreamHistoryRequest, StreamHistoryReply);
