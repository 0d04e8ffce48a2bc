import { compareLogPositions, isTokenEvent, type ScimTokenMetadata } from '@scim/contracts';
import type { AllFilter, LogPosition, Projection } from '@scim/event-store';
import { applyTokenEvent, type ActiveToken } from './active-token.reducer';
import { digestsEqual } from './token-secret';

export interface VerifiedToken {
  readonly companyId: string;
  readonly tokenId: string;
}

/**
 * The token read model in memory: the active token of each company (metadata for admins) and an index
 * from token hash to company, for `tokens.verify`. A revoked or replaced token leaves the index at once.
 * A Projection for the event store's ProjectionRunner; rebuilt from the start of the log on every start.
 */
export class InMemoryTokenReadModel implements Projection {
  readonly name = 'tokens.token-read-model';
  readonly filter: AllFilter = { kind: 'streamName', prefixes: ['scim-token-'] };
  private readonly byCompany = new Map<string, ActiveToken>();
  private readonly byHash = new Map<string, ActiveToken>();
  private reached: LogPosition | undefined;

  loadCheckpoint(): LogPosition | undefined {
    return this.reached;
  }

  apply(event: { readonly type: string; readonly data: unknown; readonly position?: LogPosition }): void {
    if (isTokenEvent(event)) {
      const companyId = event.data.companyId;
      const before = this.byCompany.get(companyId) ?? null;
      const after = applyTokenEvent(before, event);
      if (before) this.byHash.delete(before.sha256);
      if (after) {
        this.byCompany.set(companyId, after);
        this.byHash.set(after.sha256, after);
      } else {
        this.byCompany.delete(companyId);
      }
    }
    if (event.position) this.saveCheckpoint(event.position);
  }

  saveCheckpoint(position: LogPosition): void {
    if (!this.reached || compareLogPositions(position, this.reached) > 0) this.reached = position;
  }

  /** Metadata of the company's working token: never the token, never its hash. */
  activeToken(companyId: string): ScimTokenMetadata | null {
    const active = this.byCompany.get(companyId);
    return active ? { tokenId: active.tokenId, hint: active.hint, issuedAt: active.issuedAt, issuedBy: active.issuedBy } : null;
  }

  /**
   * Looks a token up by its SHA-256. The map lookup is keyed by a hash the caller cannot steer byte by byte,
   * and the final comparison is constant-time.
   */
  verify(sha256: string): VerifiedToken | undefined {
    const key = sha256.toLowerCase();
    const candidate = this.byHash.get(key);
    if (!candidate || !digestsEqual(candidate.sha256, key)) return undefined;
    return { companyId: candidate.companyId, tokenId: candidate.tokenId };
  }

  get position(): LogPosition | undefined {
    return this.reached;
  }

  clear(): void {
    this.byCompany.clear();
    this.byHash.clear();
    this.reached = undefined;
  }
}
