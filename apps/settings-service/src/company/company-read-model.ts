import { compareLogPositions, isCompanyEvent, type CompanyView, type ScimSettingsView } from '@scim/contracts';
import type { LogPosition } from '@scim/event-store';
import { applyCompanyEvent } from './company-view.reducer';

/**
 * The company read model in memory: one view per company, folded with the same pure reducer as the
 * decider, plus the log position it has reached (for read-your-writes). Fed by a checkpointed
 * subscription; can be dropped and rebuilt from the log at any time.
 */
export class InMemoryCompanyReadModel {
  private readonly companies = new Map<string, CompanyView>();
  private reached: LogPosition | undefined;

  /** Applies one event from the log; events of other streams only move the position. */
  apply(event: { readonly type: string; readonly data: unknown }, position?: LogPosition): void {
    if (isCompanyEvent(event)) {
      const companyId = event.data.companyId;
      const next = applyCompanyEvent(this.companies.get(companyId), event);
      if (next) this.companies.set(companyId, next);
    }
    if (position) this.checkpoint(position);
  }

  /** Records that the log has been read up to here, also when nothing relevant was there. */
  checkpoint(position: LogPosition): void {
    if (!this.reached || compareLogPositions(position, this.reached) > 0) this.reached = position;
  }

  get(companyId: string): CompanyView | undefined {
    return this.companies.get(companyId);
  }

  /** undefined: no such company; null: a company whose SCIM provisioning is not configured yet. */
  scimSettings(companyId: string): ScimSettingsView | null | undefined {
    return this.companies.get(companyId)?.scimSettings;
  }

  get position(): LogPosition | undefined {
    return this.reached;
  }

  hasReached(position: LogPosition): boolean {
    return this.reached !== undefined && compareLogPositions(this.reached, position) >= 0;
  }

  clear(): void {
    this.companies.clear();
    this.reached = undefined;
  }
}
