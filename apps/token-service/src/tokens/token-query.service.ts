import {
  parseLogPosition,
  scimTokenStreamName,
  type GetScimTokenRpc,
  type RpcReply,
  type RpcRequest,
  type ScimTokenMetadata,
  type VerifyScimTokenRpc,
} from '@scim/contracts';
import { loadStream, type EventStorePort, type LogPosition } from '@scim/event-store';
import { tokenDecider } from './token.decider';
import type { VerifiedToken } from './token-read-model';
import { digestsEqual } from './token-secret';

/** What the queries read: the token read model. */
export interface TokenReader {
  activeToken(companyId: string): ScimTokenMetadata | null;
  verify(sha256: string): VerifiedToken | undefined;
}

export interface ScimTokenQueryServiceOptions {
  readonly reader: TokenReader;
  readonly waitUntil: (position: LogPosition, timeoutMs: number) => Promise<boolean>;
  readonly readYourWritesTimeoutMs?: number;
  /**
   * When set, a hash the read model accepts is confirmed against the company's token stream before it is
   * declared valid, so a token revoked a moment ago is refused even while this instance's read model lags
   * (a gateway that dropped its cache on the revocation notice must not re-cache the old token).
   */
  readonly store?: EventStorePort;
}

export class ScimTokenQueryService {
  constructor(private readonly options: ScimTokenQueryServiceOptions) {}

  async get(request: RpcRequest<typeof GetScimTokenRpc>): Promise<RpcReply<typeof GetScimTokenRpc>> {
    if (request.minPosition !== undefined) {
      await this.options.waitUntil(parseLogPosition(request.minPosition), this.options.readYourWritesTimeoutMs ?? 2000);
    }
    return { activeToken: this.options.reader.activeToken(request.companyId) };
  }

  async verify(request: RpcRequest<typeof VerifyScimTokenRpc>): Promise<RpcReply<typeof VerifyScimTokenRpc>> {
    const found = this.options.reader.verify(request.tokenSha256);
    if (!found) return { valid: false };
    if (this.options.store && !(await this.stillActive(this.options.store, found, request.tokenSha256))) return { valid: false };
    return { valid: true, companyId: found.companyId, tokenId: found.tokenId };
  }

  private async stillActive(store: EventStorePort, found: VerifiedToken, sha256: string): Promise<boolean> {
    const { state } = await loadStream(store, scimTokenStreamName(found.companyId), tokenDecider);
    const active = state.active;
    return active !== null && active.tokenId === found.tokenId && digestsEqual(active.sha256, sha256.toLowerCase());
  }
}
