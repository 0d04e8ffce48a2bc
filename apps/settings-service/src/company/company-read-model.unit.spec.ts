import { randomUUID } from 'node:crypto';
import {
  CompanyRegistered,
  eventOf,
  PermissionSetAdded,
  RoleAdded,
  RoleRenamed,
  ScimDailyRequestLimitSet,
  ScimProvisioningConfigured,
  TeamAdded,
  TeamRenamed,
  WorkspaceAdded,
  WorkspaceRenamed,
} from '@scim/contracts';
import { applyCompanyEvent } from './company-view.reducer';
import { InMemoryCompanyReadModel } from './company-read-model';
import { findPermissionSet, findRole, findTeam, findWorkspace } from './company-lookup';

const companyId = randomUUID();
const workspaceId = randomUUID();
const teamId = randomUUID();
const roleId = randomUUID();
const setId = randomUUID();
const at = (n: number) => ({ commit: BigInt(n), prepare: BigInt(n) });

const history = [
  eventOf(CompanyRegistered, { companyId, name: 'Acme' }),
  eventOf(WorkspaceAdded, { companyId, workspaceId, name: 'Main' }),
  eventOf(TeamAdded, { companyId, workspaceId, teamId, name: 'Support' }),
  eventOf(RoleAdded, { companyId, roleId, name: 'Admins' }),
  eventOf(PermissionSetAdded, { companyId, workspaceId, permissionSetId: setId, name: 'Viewers', permissions: ['view_campaigns'] }),
  eventOf(WorkspaceRenamed, { companyId, workspaceId, name: 'Primary', previousName: 'Main' }),
  eventOf(TeamRenamed, { companyId, workspaceId, teamId, name: 'Care', previousName: 'Support' }),
  eventOf(RoleRenamed, { companyId, roleId, name: 'Owners', previousName: 'Admins' }),
  eventOf(ScimProvisioningConfigured, {
    companyId,
    provisioningMethod: 'custom',
    defaultWorkspaceId: workspaceId,
    serviceOrigin: 'idp.example.com',
    ipAllowlist: ['203.0.113.0/24'],
  }),
  eventOf(ScimDailyRequestLimitSet, { companyId, dailyRequestLimit: 250, previousDailyRequestLimit: null }),
];

describe('applyCompanyEvent', () => {
  it('folds a company history into its view', () => {
    const view = history.reduce(applyCompanyEvent, undefined);
    expect(view).toEqual({
      id: companyId,
      name: 'Acme',
      workspaces: [
        {
          id: workspaceId,
          name: 'Primary',
          teams: [{ id: teamId, name: 'Care' }],
          permissionSets: [{ id: setId, name: 'Viewers', permissions: ['view_campaigns'] }],
        },
      ],
      roles: [{ id: roleId, name: 'Owners' }],
      scimSettings: { provisioningMethod: 'custom', defaultWorkspaceId: workspaceId, serviceOrigin: 'idp.example.com', ipAllowlist: ['203.0.113.0/24'] },
      scimDailyRequestLimit: 250,
    });
  });

  it('does not change the view it is given', () => {
    const before = history.slice(0, 3).reduce(applyCompanyEvent, undefined);
    const snapshot = JSON.stringify(before);
    applyCompanyEvent(before, history[5]);
    applyCompanyEvent(before, history[6]);
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('ignores events of a company that was never registered', () => {
    expect(applyCompanyEvent(undefined, history[1])).toBeUndefined();
  });
});

describe('InMemoryCompanyReadModel', () => {
  it('serves companies and their SCIM settings, keyed by company id', () => {
    const model = new InMemoryCompanyReadModel();
    const other = randomUUID();
    history.forEach((event, index) => model.apply({ ...event, position: at(index + 1) }));
    model.apply({ ...eventOf(CompanyRegistered, { companyId: other, name: 'Other' }), position: at(20) });
    expect(model.get(companyId)?.workspaces[0].name).toBe('Primary');
    expect(model.scimSettings(companyId)?.serviceOrigin).toBe('idp.example.com');
    expect(model.scimSettings(other)).toBeNull();
    expect(model.scimSettings(randomUUID())).toBeUndefined();
  });

  it('tracks the position it reached, also through events of other streams', () => {
    const model = new InMemoryCompanyReadModel();
    expect(model.loadCheckpoint()).toBeUndefined();
    model.apply({ ...history[0], position: at(5) });
    model.apply({ type: 'ScimTokenIssued.v1', data: {}, position: at(9) });
    expect(model.position).toEqual(at(9));
    model.saveCheckpoint(at(3));
    expect(model.loadCheckpoint()).toEqual(at(9));
    model.saveCheckpoint(at(12));
    expect(model.position).toEqual(at(12));
    model.clear();
    expect(model.get(companyId)).toBeUndefined();
    expect(model.position).toBeUndefined();
  });

});

describe('company lookup', () => {
  const folded = history.reduce(applyCompanyEvent, undefined);
  if (!folded) throw new Error('the history registers a company');
  const view = folded;
  const workspace = view.workspaces[0];

  it('finds entities by name ignoring case, or by id', () => {
    expect(findWorkspace(view, { name: 'PRIMARY' })?.id).toBe(workspaceId);
    expect(findWorkspace(view, { id: workspaceId })?.name).toBe('Primary');
    expect(findTeam(workspace, { name: ' care ' })?.id).toBe(teamId);
    expect(findRole(view, { name: 'owners' })?.id).toBe(roleId);
    expect(findPermissionSet(workspace, { name: 'viewers' })?.id).toBe(setId);
  });

  it('finds nothing for an unknown name, or an id whose name disagrees', () => {
    expect(findWorkspace(view, { name: 'Main' })).toBeUndefined();
    expect(findWorkspace(view, { id: workspaceId, name: 'Other' })).toBeUndefined();
    expect(findRole(view, {})).toBeUndefined();
  });
});

describe('InMemoryCompanyReadModel.list', () => {
  const all = { startIndex: 1, count: 1_000 };

  it('lists the companies by name, ignoring case and accents, then by id', () => {
    const readModel = new InMemoryCompanyReadModel();
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    readModel.apply(eventOf(CompanyRegistered, { companyId: ids[0] as string, name: 'zeta' }));
    readModel.apply(eventOf(CompanyRegistered, { companyId: ids[1] as string, name: 'Alpha' }));
    readModel.apply(eventOf(CompanyRegistered, { companyId: ids[2] as string, name: 'Bêta' }));
    readModel.apply(eventOf(CompanyRegistered, { companyId: ids[3] as string, name: 'beta' }));
    readModel.apply(eventOf(WorkspaceAdded, { companyId: ids[1] as string, workspaceId: randomUUID(), name: 'Main' }));
    const betas = [
      { id: ids[2], name: 'Bêta' },
      { id: ids[3], name: 'beta' },
    ].sort((a, b) => ((a.id as string) < (b.id as string) ? -1 : 1));
    expect(readModel.list(all)).toEqual({ totalResults: 4, companies: [{ id: ids[1], name: 'Alpha' }, ...betas, { id: ids[0], name: 'zeta' }] });
  });

  it('pages through them in order, each company once, and counts them all', () => {
    const readModel = new InMemoryCompanyReadModel();
    for (let index = 0; index < 25; index += 1) {
      readModel.apply(eventOf(CompanyRegistered, { companyId: randomUUID(), name: `Company ${String(index).padStart(2, '0')}` }));
    }
    const pages = [1, 11, 21, 31].map((startIndex) => readModel.list({ startIndex, count: 10 }));
    expect(pages.map((page) => page.totalResults)).toEqual([25, 25, 25, 25]);
    expect(pages.map((page) => page.companies.length)).toEqual([10, 10, 5, 0]);
    expect(pages.flatMap((page) => page.companies.map((company) => company.name))).toEqual(readModel.list(all).companies.map((company) => company.name));
    expect(readModel.list({ startIndex: 1, count: 0 })).toEqual({ totalResults: 25, companies: [] });
  });

  it('finds the companies whose name contains a text, ignoring case', () => {
    const readModel = new InMemoryCompanyReadModel();
    for (const name of ['Acme Corp', 'ACME Labs', 'Globex', 'Initech (acme spin-off)']) {
      readModel.apply(eventOf(CompanyRegistered, { companyId: randomUUID(), name }));
    }
    const found = readModel.list({ ...all, nameContains: 'aCmE' });
    expect(found.totalResults).toBe(3);
    expect(found.companies.map((company) => company.name)).toEqual(['Acme Corp', 'ACME Labs', 'Initech (acme spin-off)']);
    expect(readModel.list({ ...all, nameContains: 'umbrella' })).toEqual({ totalResults: 0, companies: [] });
  });
});
