import type { Actor, ProvisioningMethod } from '@scim/contracts';

/** The company's SCIM settings as token-service reads them from settings-service (null: never configured). */
export interface ScimSettingsSnapshot {
  readonly provisioningMethod: ProvisioningMethod;
  readonly defaultWorkspaceId: string | null;
  readonly serviceOrigin: string | null;
}

/**
 * Issues a token; when one is active it is revoked in the same append (the reset). The handler generates the
 * secret and passes only its hash and hint: the decider never sees the token.
 */
export interface IssueScimToken {
  readonly type: 'IssueScimToken';
  readonly companyId: string;
  readonly tokenId: string;
  readonly sha256: string;
  readonly hint: string;
  readonly issuedBy: Actor;
  readonly issuedAt: string;
  readonly settings: ScimSettingsSnapshot | null;
}

/** Revokes the active token, if any: no token works until a new one is issued. */
export interface RevokeScimToken {
  readonly type: 'RevokeScimToken';
  readonly companyId: string;
  readonly revokedBy: Actor;
  readonly revokedAt: string;
}

export type TokenCommand = IssueScimToken | RevokeScimToken;
