import { Global, Module } from '@nestjs/common';
import { EVENT_STORE, type EventStorePort } from '@scim/event-store';
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
      useFactory: (store: EventStorePort) => new CompanyCommandService({ store }),
      inject: [EVENT_STORE],
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
