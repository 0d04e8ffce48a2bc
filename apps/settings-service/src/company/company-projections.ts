import { ProjectionHost, type EventStorePort, type LogPosition } from '@scim/event-store';
import type { InMemoryCompanyReadModel } from './company-read-model';

export const COMPANY_PROJECTIONS = Symbol('COMPANY_PROJECTIONS');

/** The company read model's subscription, for the life of the service. */
export class CompanyProjections extends ProjectionHost {
  constructor(
    store: EventStorePort,
    private readonly readModel: InMemoryCompanyReadModel,
  ) {
    super(store, [readModel]);
  }

  waitUntil(position: LogPosition, timeoutMs: number): Promise<boolean> {
    return this.runner(this.readModel.name).waitUntil(position, timeoutMs);
  }
}
