import { historyEntryOf, isCompanyEvent, type CompanyEvent, type HistoryEntry, type HistorySource } from '@scim/contracts';

/** One line for people per company event; the history panel of the settings page shows it. */
export function summariseCompanyEvent(event: CompanyEvent): string {
  switch (event.type) {
    case 'CompanyRegistered.v1':
      return `Company registered: ${event.data.name}`;
    case 'WorkspaceAdded.v1':
      return `Workspace added: ${event.data.name}`;
    case 'WorkspaceRenamed.v1':
      return `Workspace renamed: ${event.data.previousName} → ${event.data.name}`;
    case 'TeamAdded.v1':
      return `Team added: ${event.data.name}`;
    case 'TeamRenamed.v1':
      return `Team renamed: ${event.data.previousName} → ${event.data.name}`;
    case 'RoleAdded.v1':
      return `Role added: ${event.data.name}`;
    case 'RoleRenamed.v1':
      return `Role renamed: ${event.data.previousName} → ${event.data.name}`;
    case 'PermissionSetAdded.v1':
      return `Permission set added: ${event.data.name}`;
    case 'ScimProvisioningConfigured.v1': {
      const { provisioningMethod, serviceOrigin, ipAllowlist } = event.data;
      const allowlist = ipAllowlist.length === 0 ? 'any IP' : `${ipAllowlist.length} IP allowlist ${ipAllowlist.length === 1 ? 'entry' : 'entries'}`;
      return `SCIM settings saved: method ${provisioningMethod}, origin ${serviceOrigin ?? '(none)'}, ${allowlist}`;
    }
    case 'ScimDailyRequestLimitSet.v1': {
      const limitText = (limit: number | null) => (limit === null ? 'the default' : `${limit.toLocaleString('en')} a day`);
      return `SCIM request limit: ${limitText(event.data.previousDailyRequestLimit)} → ${limitText(event.data.dailyRequestLimit)}`;
    }
  }
}

/** A history entry for an event of a company stream (an unknown type keeps its type name as summary). */
export function companyHistoryEntry(event: HistorySource & { readonly data: unknown }): HistoryEntry {
  return historyEntryOf(event, isCompanyEvent(event) ? summariseCompanyEvent(event) : event.type);
}
