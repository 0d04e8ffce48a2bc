import { randomUUID } from 'node:crypto';
import { eventOf, ScimTokenIssued, ScimTokenRevoked, TOKEN_EVENT_DEFINITIONS, type Actor } from '@scim/contracts';
import { deciderSpec } from '@scim/event-store';
import type { IssueScimToken, ScimSettingsSnapshot } from './token.commands';
import { tokenDecider } from './token.decider';
import { generateScimToken } from './token-secret';

const spec = deciderSpec(tokenDecider, { events: TOKEN_EVENT_DEFINITIONS });

const companyId = randomUUID();
const admin: Actor = { type: 'admin', id: 'admin@acme.test' };
const customSettings: ScimSettingsSnapshot = { provisioningMethod: 'custom', defaultWorkspaceId: randomUUID(), serviceOrigin: 'idp.example.com' };

function issueCommand(overrides: Partial<IssueScimToken> = {}): IssueScimToken {
  const secret = generateScimToken();
  return {
    type: 'IssueScimToken',
    companyId,
    tokenId: randomUUID(),
    sha256: secret.sha256,
    hint: secret.hint,
    issuedBy: admin,
    issuedAt: '2026-01-02T03:04:05.000Z',
    settings: customSettings,
    ...overrides,
  };
}

function issuedBy(command: IssueScimToken, replacesTokenId?: string) {
  const { tokenId, sha256, hint, issuedBy, issuedAt } = command;
  return eventOf(ScimTokenIssued, { companyId, tokenId, sha256, hint, issuedBy, issuedAt, ...(replacesTokenId ? { replacesTokenId } : {}) });
}

describe('token decider: issue', () => {
  it('issues the first token: hash, hint, who and when, nothing else', () => {
    const command = issueCommand();
    const state = spec.given([]).when(command).then([issuedBy(command)]);
    expect(state.active?.tokenId).toBe(command.tokenId);
  });

  it('issuing again is the reset: revokes the active token, then issues the new one replacing it', () => {
    const first = issueCommand();
    const second = issueCommand({ issuedAt: '2026-02-01T00:00:00.000Z' });
    const state = spec
      .given([issuedBy(first)])
      .when(second)
      .then([
        eventOf(ScimTokenRevoked, { companyId, tokenId: first.tokenId, reason: 'reset', revokedBy: admin, revokedAt: second.issuedAt }),
        issuedBy(second, first.tokenId),
      ]);
    expect(state.active?.tokenId).toBe(second.tokenId);
  });

  it('issues without a reset after a revoke', () => {
    const first = issueCommand();
    const revoked = eventOf(ScimTokenRevoked, { companyId, tokenId: first.tokenId, reason: 'revoked', revokedBy: admin, revokedAt: first.issuedAt });
    const second = issueCommand();
    spec.given([issuedBy(first), revoked]).when(second).then([issuedBy(second)]);
  });

  it('never reuses a token id', () => {
    const first = issueCommand();
    spec.given([issuedBy(first)]).when(issueCommand({ tokenId: first.tokenId })).thenThrows({ code: 'CONFLICT' });
  });

  it('custom method: needs a default workspace and a service origin, naming what is missing', () => {
    const error = spec.given([]).when(issueCommand({ settings: null })).thenThrows({ code: 'SETTINGS_INCOMPLETE' }) as {
      message: string;
      issues: { path: string }[];
    };
    expect(error.issues.map((issue) => issue.path)).toEqual(['defaultWorkspaceId', 'serviceOrigin']);
    expect(error.message).toContain('defaultWorkspaceId and serviceOrigin');

    spec
      .given([])
      .when(issueCommand({ settings: { ...customSettings, serviceOrigin: null } }))
      .thenThrows({ code: 'SETTINGS_INCOMPLETE', issues: [{ path: 'serviceOrigin', message: 'a service origin is required for the custom provisioning method' }] });
  });

  it.each(['okta', 'entra_id'] as const)('%s: needs only a default workspace', (provisioningMethod) => {
    const command = issueCommand({ settings: { provisioningMethod, defaultWorkspaceId: randomUUID(), serviceOrigin: null } });
    spec.given([]).when(command).then([issuedBy(command)]);
    spec
      .given([])
      .when(issueCommand({ settings: { provisioningMethod, defaultWorkspaceId: null, serviceOrigin: null } }))
      .thenThrows({ code: 'SETTINGS_INCOMPLETE', issues: [{ path: 'defaultWorkspaceId', message: 'a default workspace is required' }] });
  });

  it('keeps no token text in its events', () => {
    const secret = generateScimToken();
    const command = issueCommand({ sha256: secret.sha256, hint: secret.hint });
    const { events } = spec.given([]).when(command).decided();
    expect(JSON.stringify(events)).not.toContain(secret.token);
    expect(JSON.stringify(events)).not.toContain(secret.token.slice(5, 20));
  });
});

describe('token decider: revoke', () => {
  it('revokes the active token', () => {
    const first = issueCommand();
    const state = spec
      .given([issuedBy(first)])
      .when({ type: 'RevokeScimToken', companyId, revokedBy: admin, revokedAt: '2026-03-01T00:00:00.000Z' })
      .then([eventOf(ScimTokenRevoked, { companyId, tokenId: first.tokenId, reason: 'revoked', revokedBy: admin, revokedAt: '2026-03-01T00:00:00.000Z' })]);
    expect(state.active).toBeNull();
  });

  it('does nothing when no token is active', () => {
    const first = issueCommand();
    const revoked = eventOf(ScimTokenRevoked, { companyId, tokenId: first.tokenId, reason: 'revoked', revokedBy: admin, revokedAt: first.issuedAt });
    const revoke = { type: 'RevokeScimToken', companyId, revokedBy: admin, revokedAt: first.issuedAt } as const;
    spec.given([]).when(revoke).thenNothing();
    spec.given([issuedBy(first), revoked]).when(revoke).thenNothing();
  });
});
