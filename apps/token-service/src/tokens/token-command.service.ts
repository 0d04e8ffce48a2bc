import { randomUUID } from 'node:crypto';
import {
  formatLogPosition,
  scimTokenStreamName,
  type IssueScimTokenRpc,
  type RequestContext,
  type RevokeScimTokenRpc,
  type RpcReply,
  type RpcRequest,
  type ScimTokenRevokedNotice,
  type TokenEvent,
} from '@scim/contracts';
import { handleCommand, type EventStorePort, type HandleCommandResult } from '@scim/event-store';
import { CallDeadline } from '@scim/platform';
import { revocationNotices } from './revocation-notices';
import { asCallerFailure } from '@scim/event-store';
import type { ScimSettingsSnapshot, TokenCommand } from './token.commands';
import { tokenDecider, type TokenState } from './token.decider';
import { generateScimToken, type GeneratedToken } from './token-secret';

export interface ScimTokenCommandServiceOptions {
  readonly store: EventStorePort;
  /**
   * The company's current SCIM settings (settings-service `settings.scim-settings.get`); null when never
   * configured. Throws NOT_FOUND for an unknown company.
   */
  readonly loadSettings: (companyId: string, context: RequestContext) => Promise<ScimSettingsSnapshot | null>;
  /** Publishes on `tokens.events.revoked`, so every gateway drops its cached verification at once. */
  readonly publishRevoked: (notice: ScimTokenRevokedNotice) => Promise<void>;
  /** A revocation that could not be announced (it is in the log; gateway caches expire on their own). */
  readonly onPublishFailure?: (error: unknown, notice: ScimTokenRevokedNotice) => void;
  readonly clock?: () => Date;
  readonly newId?: () => string;
  readonly generateToken?: () => GeneratedToken;
  readonly maxRetries?: number;
}

/**
 * Issue (= reset when a token is active) and revoke. The secret is generated here and leaves only in the
 * issue reply: the command, the events, the notices and any error carry its hash and hint at most.
 */
export class ScimTokenCommandService {
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly generateToken: () => GeneratedToken;

  constructor(private readonly options: ScimTokenCommandServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.generateToken = options.generateToken ?? (() => generateScimToken());
  }

  /**
   * Nothing is written once the admin's request has stopped waiting (`deadline`): a reset landing after the
   * admin was told 503 would stop the old token for a new one nobody was shown.
   */
  async issue(
    request: RpcRequest<typeof IssueScimTokenRpc>,
    context: RequestContext,
    deadline = CallDeadline.none,
  ): Promise<RpcReply<typeof IssueScimTokenRpc>> {
    const settings = await this.options.loadSettings(request.companyId, context);
    const secret = this.generateToken();
    const tokenId = this.newId();
    const issuedAt = this.clock().toISOString();
    const result = await this.run(
      {
        type: 'IssueScimToken',
        companyId: request.companyId,
        tokenId,
        sha256: secret.sha256,
        hint: secret.hint,
        issuedBy: context.actor,
        issuedAt,
        settings,
      },
      context,
      deadline,
    );
    await this.announce(result);
    const issued = result.events.find((event) => event.type === 'ScimTokenIssued.v1');
    if (!issued || !result.position) throw new Error(`Token ${tokenId} was not issued`);
    return {
      token: secret.token,
      tokenId,
      hint: secret.hint,
      issuedAt,
      replacedTokenId: issued.data.replacesTokenId ?? null,
      position: formatLogPosition(result.position),
    };
  }

  async revoke(
    request: RpcRequest<typeof RevokeScimTokenRpc>,
    context: RequestContext,
    deadline = CallDeadline.none,
  ): Promise<RpcReply<typeof RevokeScimTokenRpc>> {
    const result = await this.run(
      { type: 'RevokeScimToken', companyId: request.companyId, revokedBy: context.actor, revokedAt: this.clock().toISOString() },
      context,
      deadline,
    );
    await this.announce(result);
    const revoked = result.events.find((event) => event.type === 'ScimTokenRevoked.v1');
    return {
      revokedTokenId: revoked?.data.tokenId ?? null,
      position: result.position ? formatLogPosition(result.position) : null,
    };
  }

  private async run(command: TokenCommand, context: RequestContext, deadline: CallDeadline): Promise<HandleCommandResult<TokenState, TokenEvent>> {
    try {
      return await handleCommand({
        store: this.options.store,
        stream: scimTokenStreamName(command.companyId),
        decider: tokenDecider,
        command,
        commandId: this.newId(),
        context,
        maxRetries: this.options.maxRetries,
        beforeAppend: () => deadline.throwIfExpired(),
      });
    } catch (error) {
      throw asCallerFailure(error);
    }
  }

  private async announce(result: HandleCommandResult<TokenState, TokenEvent>): Promise<void> {
    for (const notice of revocationNotices(result.state.issuedHashes, result.events)) {
      try {
        await this.options.publishRevoked(notice);
      } catch (error) {
        this.options.onPublishFailure?.(error, notice);
      }
    }
  }
}
