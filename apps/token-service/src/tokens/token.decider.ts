import { DomainError, eventOf, ScimTokenIssued, ScimTokenRevoked, type TokenEvent } from '@scim/contracts';
import type { Decider } from '@scim/event-store';
import { applyTokenEvent, type ActiveToken } from './active-token.reducer';
import { assertSettingsComplete } from './settings-completeness';
import type { IssueScimToken, RevokeScimToken, TokenCommand } from './token.commands';

export interface TokenState {
  readonly active: ActiveToken | null;
  /** SHA-256 of every token this stream has issued, by token id: ids are never reused, and a revocation can be
   * announced by the hash gateways cache verifications under. */
  readonly issuedHashes: ReadonlyMap<string, string>;
}

export function initialState(): TokenState {
  return { active: null, issuedHashes: new Map() };
}

export function evolve(state: TokenState, event: TokenEvent): TokenState {
  const issuedHashes =
    event.type === 'ScimTokenIssued.v1'
      ? new Map([...state.issuedHashes, [event.data.tokenId, event.data.sha256]])
      : state.issuedHashes;
  return { active: applyTokenEvent(state.active, event), issuedHashes };
}

export function decide(command: TokenCommand, state: TokenState): TokenEvent[] {
  switch (command.type) {
    case 'IssueScimToken':
      return issue(command, state);
    case 'RevokeScimToken':
      return revoke(command, state);
  }
}

export const tokenDecider: Decider<TokenState, TokenCommand, TokenEvent> = { decide, evolve, initialState };

/** Issuing while a token is active is the reset: the old one is revoked first, in the same append. */
function issue(command: IssueScimToken, state: TokenState): TokenEvent[] {
  assertSettingsComplete(command.settings);
  if (state.issuedHashes.has(command.tokenId)) {
    throw new DomainError('CONFLICT', `Token id ${command.tokenId} was already issued`, [{ path: 'tokenId', message: 'already issued' }]);
  }
  const { companyId, tokenId, sha256, hint, issuedBy, issuedAt } = command;
  const previous = state.active;
  return [
    ...(previous
      ? [eventOf(ScimTokenRevoked, { companyId, tokenId: previous.tokenId, reason: 'reset', revokedBy: issuedBy, revokedAt: issuedAt })]
      : []),
    eventOf(ScimTokenIssued, {
      companyId,
      tokenId,
      sha256,
      hint,
      issuedBy,
      issuedAt,
      ...(previous ? { replacesTokenId: previous.tokenId } : {}),
    }),
  ];
}

/** Revoking when no token is active changes nothing (DELETE is idempotent). */
function revoke(command: RevokeScimToken, state: TokenState): TokenEvent[] {
  if (!state.active) return [];
  return [
    eventOf(ScimTokenRevoked, {
      companyId: command.companyId,
      tokenId: state.active.tokenId,
      reason: 'revoked',
      revokedBy: command.revokedBy,
      revokedAt: command.revokedAt,
    }),
  ];
}
