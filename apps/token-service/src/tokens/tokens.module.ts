import { Module } from '@nestjs/common';
import { GetCompanyRpc, ScimTokenRevokedNotice, SYSTEM_ACTOR, type RequestContext } from '@scim/contracts';
import { EVENT_STORE, type EventStorePort } from '@scim/event-store';
import { NatsRpcClient } from '@scim/platform';
import { PinoLogger } from 'nestjs-pino';
import { ScimTokenCommandService } from './token-command.service';
import { TOKEN_PROJECTIONS, TokenProjections } from './token-projections';
import { ScimTokenQueryService } from './token-query.service';
import { InMemoryTokenReadModel } from './token-read-model';
import { TokensController } from './tokens.controller';

/** SCIM token lifecycle: `scim-token-{companyId}` streams, the verification read model, NATS subjects. */
@Module({
  providers: [
    InMemoryTokenReadModel,
    {
      provide: TOKEN_PROJECTIONS,
      useFactory: (store: EventStorePort, readModel: InMemoryTokenReadModel) => new TokenProjections(store, readModel),
      inject: [EVENT_STORE, InMemoryTokenReadModel],
    },
    {
      provide: ScimTokenCommandService,
      useFactory: (store: EventStorePort, nats: NatsRpcClient, logger: PinoLogger) =>
        new ScimTokenCommandService({
          store,
          // The company's settings as of now (settings-service folds the company stream for this query).
          loadSettings: async (companyId: string, context: RequestContext) =>
            (await nats.request(GetCompanyRpc, { companyId }, context)).company.scimSettings,
          publishRevoked: (notice) => nats.publish(ScimTokenRevokedNotice.subject, notice, { correlationId: notice.tokenId, actor: SYSTEM_ACTOR }),
          onPublishFailure: (error, notice) =>
            logger.warn({ err: error, companyId: notice.companyId, tokenId: notice.tokenId }, 'could not announce a token revocation'),
        }),
      inject: [EVENT_STORE, NatsRpcClient, PinoLogger],
    },
    {
      provide: ScimTokenQueryService,
      useFactory: (readModel: InMemoryTokenReadModel, projections: TokenProjections, store: EventStorePort) =>
        new ScimTokenQueryService({ reader: readModel, waitUntil: (position, timeoutMs) => projections.waitUntil(position, timeoutMs), store }),
      inject: [InMemoryTokenReadModel, TOKEN_PROJECTIONS, EVENT_STORE],
    },
  ],
  controllers: [TokensController],
})
export class TokensModule {}
