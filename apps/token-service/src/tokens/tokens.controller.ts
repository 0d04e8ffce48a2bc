import { Controller, Inject } from '@nestjs/common';
import {
  GetScimTokenRpc,
  IssueScimTokenRpc,
  RevokeScimTokenRpc,
  ScimTokenHistoryRpc,
  scimTokenStreamName,
  VerifyScimTokenRpc,
  type RequestContext,
  type RpcReply,
  type RpcRequest,
} from '@scim/contracts';
import { EVENT_STORE, loadStream, StreamNotFound, type EventStorePort } from '@scim/event-store';
import { RpcHandler, type CallDeadline } from '@scim/platform';
import { asCallerFailure } from '@scim/event-store';
import { ScimTokenCommandService } from './token-command.service';
import { tokenHistoryEntry } from './token-history';
import { TOKEN_PROJECTIONS, type TokenProjections } from './token-projections';
import { ScimTokenQueryService } from './token-query.service';
import { tokenDecider } from './token.decider';

const OWN_WRITES_WAIT_MS = 1_000;

/** token-service's NATS subjects. */
@Controller()
export class TokensController {
  constructor(
    private readonly commands: ScimTokenCommandService,
    private readonly queries: ScimTokenQueryService,
    @Inject(TOKEN_PROJECTIONS) private readonly projections: TokenProjections,
    @Inject(EVENT_STORE) private readonly store: EventStorePort,
  ) {}

  @RpcHandler(IssueScimTokenRpc)
  async issue(request: RpcRequest<typeof IssueScimTokenRpc>, context: RequestContext, deadline: CallDeadline): Promise<RpcReply<typeof IssueScimTokenRpc>> {
    const reply = await this.commands.issue(request, context, deadline);
    this.projections.recordWrite(reply.position);
    return reply;
  }

  @RpcHandler(RevokeScimTokenRpc)
  async revoke(request: RpcRequest<typeof RevokeScimTokenRpc>, context: RequestContext, deadline: CallDeadline): Promise<RpcReply<typeof RevokeScimTokenRpc>> {
    const reply = await this.commands.revoke(request, context, deadline);
    this.projections.recordWrite(reply.position);
    return reply;
  }

  /** Folds the company's token stream, so an admin reading right after an issue or reset sees it. */
  @RpcHandler(GetScimTokenRpc)
  async get(request: RpcRequest<typeof GetScimTokenRpc>): Promise<RpcReply<typeof GetScimTokenRpc>> {
    const { state } = await loadStream(this.store, scimTokenStreamName(request.companyId), tokenDecider);
    const active = state.active;
    return {
      activeToken: active
        ? { tokenId: active.tokenId, hint: active.hint, issuedAt: active.issuedAt, issuedBy: active.issuedBy }
        : null,
    };
  }

  /** The newest events of the company's token stream (issues, resets, revocations), newest first. */
  @RpcHandler(ScimTokenHistoryRpc)
  async history(request: RpcRequest<typeof ScimTokenHistoryRpc>): Promise<RpcReply<typeof ScimTokenHistoryRpc>> {
    try {
      const events = await this.store.readStream(scimTokenStreamName(request.companyId), {
        direction: 'backwards',
        maxCount: request.limit,
      });
      return { events: events.map(tokenHistoryEntry) };
    } catch (error) {
      if (error instanceof StreamNotFound) return { events: [] };
      throw asCallerFailure(error);
    }
  }

  @RpcHandler(VerifyScimTokenRpc)
  async verify(request: RpcRequest<typeof VerifyScimTokenRpc>): Promise<RpcReply<typeof VerifyScimTokenRpc>> {
    const reply = await this.queries.verify(request);
    if (reply.valid) return reply;
    // Unknown here may mean "issued a moment ago and not projected yet": wait for our own writes, ask again.
    await this.projections.catchUpWithOwnWrites(OWN_WRITES_WAIT_MS);
    return this.queries.verify(request);
  }
}
