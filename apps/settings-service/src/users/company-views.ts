import { companyStreamName, type CompanyEvent, type CompanyView } from '@scim/contracts';
import { loadStream, type EventStorePort } from '@scim/event-store';
import { applyCompanyEvent } from '../company/company-view.reducer';

/** Where the users context gets a company's workspaces, teams, roles, permission sets and default workspace. */
export interface CompanyViews {
  get(companyId: string): Promise<CompanyView | undefined>;
}

/**
 * Folds the company's stream on each call: always current (a workspace added a moment ago resolves at once)
 * and one short stream read per command. Swap in the company read model if that read ever shows up in profiles.
 */
export class EventStoreCompanyViews implements CompanyViews {
  constructor(private readonly store: EventStorePort) {}

  async get(companyId: string): Promise<CompanyView | undefined> {
    const { state } = await loadStream<CompanyView | undefined, CompanyEvent>(this.store, companyStreamName(companyId), {
      evolve: applyCompanyEvent,
      initialState: () => undefined,
    });
    return state;
  }
}

/**
 * For rendering replies: the company read model (in memory, no round trip), falling back to the stream when it
 * does not hold the company yet. A rename a few milliseconds old may show its old name; ids are exact.
 */
export class ReadModelFirstCompanyViews implements CompanyViews {
  constructor(
    private readonly readModel: { get(companyId: string): CompanyView | undefined },
    private readonly fallback: CompanyViews,
  ) {}

  async get(companyId: string): Promise<CompanyView | undefined> {
    return this.readModel.get(companyId) ?? this.fallback.get(companyId);
  }
}
