import type { Actor, TokenEvent } from '@scim/contracts';

/** The token that currently works for a company. Its hash is kept for lookups; the token itself never is. */
export interface ActiveToken {
  readonly companyId: string;
  readonly tokenId: string;
  readonly sha256: string;
  readonly hint: string;
  readonly issuedAt: string;
  readonly issuedBy: Actor;
}

/** The one fold behind the token decider's state and the token read model. */
export function applyTokenEvent(active: ActiveToken | null, event: TokenEvent): ActiveToken | null {
  switch (event.type) {
    case 'ScimTokenIssued.v1': {
      const { companyId, tokenId, sha256, hint, issuedAt, issuedBy } = event.data;
      return { companyId, tokenId, sha256, hint, issuedAt, issuedBy };
    }
    case 'ScimTokenRevoked.v1':
      return active?.tokenId === event.data.tokenId ? null : active;
  }
}
