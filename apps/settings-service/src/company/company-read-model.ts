import {
  compareLogPositions,
  isCompanyEvent,
  type CompanySummary,
  type CompanyView,
  type ScimSettingsView,
} from '@scim/contracts';
import type { AllFilter, LogPosition, Projection } from '@scim/event-store';
import { applyCompanyEvent } from './company-view.reducer';

const BY_NAME = new Intl.Collator('en', { sensitivity: 'base' });

/**
 * The company read model in memory: one view per company, folded with the same pure reducer as the
 * decider. A Projection for the event store's ProjectionRunner (which also does read-your-writes waiting);
 * in memory, so it starts empty and is rebuilt from the start of the log on every start.
 */
export class InMemoryCompanyReadModel implements Projection {
  readonly name = 'settings.company-read-model';
  readonly filter: AllFilter = { kind: 'streamName', prefixes: ['company-'] };
  private readonly companies = new Map<string, CompanyView>();
  private reached: LogPosition | undefined;

  loadCheckpoint(): LogPosition | undefined {
    return this.reached;
  }

  /** Applies one event from the log (with its position when it came from the store). */
  apply(event: { readonly type: string; readonly data: unknown; readonly position?: LogPosition }): void {
    if (isCompanyEvent(event)) {
      const companyId = event.data.companyId;
      const next = applyCompanyEvent(this.companies.get(companyId), event);
      if (next) this.companies.set(companyId, next);
    }
    if (event.position) this.saveCheckpoint(event.position);
  }

  saveCheckpoint(position: LogPosition): void {
    if (!this.reached || compareLogPositions(position, this.reached) > 0) this.reached = position;
  }

  get(companyId: string): CompanyView | undefined {
    return this.companies.get(companyId);
  }

  /**
   * A page of the companies, ordered by name (ignoring case and accents, then by id, so the order is stable);
   * with `nameContains`, only those whose name contains it, ignoring case. `startIndex` is 1-based.
   */
  list(query: { startIndex: number; count: number; nameContains?: string }): { totalResults: number; companies: CompanySummary[] } {
    const needle = query.nameContains?.toLocaleLowerCase('en');
    const matching: CompanySummary[] = [];
    for (const { id, name } of this.companies.values()) {
      if (needle === undefined || name.toLocaleLowerCase('en').includes(needle)) matching.push({ id, name });
    }
    matching.sort((a, b) => BY_NAME.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const from = query.startIndex - 1;
    return { totalResults: matching.length, companies: matching.slice(from, from + query.count) };
  }

  /** undefined: no such company; null: a company whose SCIM provisioning is not configured yet. */
  scimSettings(companyId: string): ScimSettingsView | null | undefined {
    return this.companies.get(companyId)?.scimSettings;
  }

  get position(): LogPosition | undefined {
    return this.reached;
  }

  clear(): void {
    this.companies.clear();
    this.reached = undefined;
  }
}
