import { randomUUID } from 'node:crypto';
import {
  COMPANY_EVENT_DEFINITIONS,
  CompanyRegistered,
  DASHBOARD_USER_EVENT_DEFINITIONS,
  USER_NAME_RESERVATION_EVENT_DEFINITIONS,
  eventOf,
  PermissionSetAdded,
  RoleAdded,
  ScimProvisioningConfigured,
  TeamAdded,
  WorkspaceAdded,
  type CompanyEvent,
  type CompanyView,
  type RequestContext,
} from '@scim/contracts';
import { EventRegistry, InMemoryEventStore } from '@scim/event-store';
import { applyCompanyEvent } from '../../company/company-view.reducer';

/** Test support: a company with two workspaces, teams, a role and a permission set, as events and as a view. */
export interface CompanyFixture {
  readonly companyId: string;
  readonly mainId: string;
  readonly euId: string;
  readonly supportTeamId: string;
  readonly salesTeamId: string;
  readonly analystRoleId: string;
  readonly marketerSetId: string;
  readonly events: CompanyEvent[];
  readonly view: CompanyView;
}

export function companyFixture(name = 'Acme', options: { configured?: boolean } = {}): CompanyFixture {
  const companyId = randomUUID();
  const mainId = randomUUID();
  const euId = randomUUID();
  const supportTeamId = randomUUID();
  const salesTeamId = randomUUID();
  const analystRoleId = randomUUID();
  const marketerSetId = randomUUID();
  const events: CompanyEvent[] = [
    eventOf(CompanyRegistered, { companyId, name }),
    eventOf(WorkspaceAdded, { companyId, workspaceId: mainId, name: 'Main' }),
    eventOf(TeamAdded, { companyId, workspaceId: mainId, teamId: supportTeamId, name: 'Support' }),
    eventOf(TeamAdded, { companyId, workspaceId: mainId, teamId: salesTeamId, name: 'Sales' }),
    eventOf(WorkspaceAdded, { companyId, workspaceId: euId, name: 'EU Workspace' }),
    eventOf(RoleAdded, { companyId, roleId: analystRoleId, name: 'Analyst' }),
    eventOf(PermissionSetAdded, {
      companyId,
      workspaceId: euId,
      permissionSetId: marketerSetId,
      name: 'Marketer',
      permissions: ['view_campaigns', 'edit_campaigns'],
    }),
  ];
  if (options.configured !== false) {
    events.push(
      eventOf(ScimProvisioningConfigured, {
        companyId,
        provisioningMethod: 'custom',
        defaultWorkspaceId: mainId,
        serviceOrigin: 'https://idp.example.com',
        ipAllowlist: [],
      }),
    );
  }
  const view = events.reduce<CompanyView | undefined>((state, event) => applyCompanyEvent(state, event), undefined);
  if (!view) throw new Error('fixture company did not fold');
  return { companyId, mainId, euId, supportTeamId, salesTeamId, analystRoleId, marketerSetId, events, view };
}

export const TEST_CONTEXT: RequestContext = { correlationId: 'test', actor: { type: 'scim-token', id: 'token-1' } };

export function newEventStore(): InMemoryEventStore {
  return new InMemoryEventStore({ registry: new EventRegistry([...COMPANY_EVENT_DEFINITIONS, ...DASHBOARD_USER_EVENT_DEFINITIONS, ...USER_NAME_RESERVATION_EVENT_DEFINITIONS]) });
}

export async function seedCompany(store: InMemoryEventStore, company: CompanyFixture): Promise<void> {
  const events = company.events.map((event) => ({ id: randomUUID(), type: event.type, data: event.data }));
  await store.append(`company-${company.companyId}`, events, { expectedRevision: 'no_stream', context: TEST_CONTEXT });
}
