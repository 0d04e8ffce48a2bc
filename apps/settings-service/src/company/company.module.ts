import { Global, Module } from '@nestjs/common';
import { ScimSettingsChangedNotice } from '@scim/contracts';
import { EVENT_STORE, type EventStorePort } from '@scim/event-store';
import { NatsRpcClient } from '@scim/platform';
import { PinoLogger } from 'nestjs-pino';
import { CompanyCommandService } from './company-command.service';
import { CompanyQueryService } from './company-query.service';
import { InMemoryCompanyReadModel } from './company-read-model';
import { CompanyController } from './company.controller';
import { COMPANY_PROJECTIONS, CompanyProjections } from './company-projections';

/**
 * Company configuration: commands on `company-{id}` streams, the company read model, its NATS subjects. Global, so
 * other contexts of the service (users) can read company views without a stream read.
 */
@Global()
@Module({
  providers: [
    InMemoryCompanyReadModel,
    {
      provide: COMPANY_PROJECTIONS,
      useFactory: (store: EventStorePort, readModel: InMemoryCompanyReadModel) => new CompanyProjections(store, readModel),
      inject: [EVENT_STORE, InMemoryCompanyReadModel],
    },
    {
      provide: CompanyCommandService,
      useFactory: (store: EventStorePort, nats: NatsRpcClient, logger: PinoLogger) =>
        new CompanyCommandService({
          store,
          // Gateways cache what their gate reads for a few seconds; tell them now. A lost notice only delays the change.
          publishSettingsChanged: (notice, context) => nats.publish(ScimSettingsChangedNotice.subject, notice, context),
          onPublishFailure: (error, notice) => logger.warn({ err: error, companyId: notice.companyId }, 'could not announce a settings change'),
        }),
      inject: [EVENT_STORE, NatsRpcClient, PinoLogger],
    },
    {
      provide: CompanyQueryService,
      useFactory: (readModel: InMemoryCompanyReadModel, projections: CompanyProjections) =>
        new CompanyQueryService({ reader: readModel, waitUntil: (position, timeoutMs) => projections.waitUntil(position, timeoutMs) }),
      inject: [InMemoryCompanyReadModel, COMPANY_PROJECTIONS],
    },
  ],
  controllers: [CompanyController],
  exports: [InMemoryCompanyReadModel, COMPANY_PROJECTIONS],
})
export class CompanyModule {}
