import { randomUUID } from 'node:crypto';
import {
  COMPANY_EVENT_DEFINITIONS,
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
  type CompanyEvent,
} from '@scim/contracts';
import { deciderSpec } from '@scim/event-store';
import type { CompanyCommand, ConfigureScimProvisioning } from './company.commands';
import { companyDecider, type CompanyState } from './company.decider';

const spec = deciderSpec(companyDecider, { events: COMPANY_EVENT_DEFINITIONS });

const companyId = randomUUID();
const mainId = randomUUID();
const euId = randomUUID();
const supportTeamId = randomUUID();
const adminRoleId = randomUUID();

const registered = eventOf(CompanyRegistered, { companyId, name: 'Acme' });
const mainAdded = eventOf(WorkspaceAdded, { companyId, workspaceId: mainId, name: 'Main' });
const euAdded = eventOf(WorkspaceAdded, { companyId, workspaceId: euId, name: 'EU' });
const supportAdded = eventOf(TeamAdded, { companyId, workspaceId: mainId, teamId: supportTeamId, name: 'Support' });
const adminsAdded = eventOf(RoleAdded, { companyId, roleId: adminRoleId, name: 'Admins' });
const acme: CompanyEvent[] = [registered, mainAdded, supportAdded, euAdded, adminsAdded];

function configure(overrides: Partial<ConfigureScimProvisioning> = {}): CompanyCommand {
  return {
    type: 'ConfigureScimProvisioning',
    companyId,
    provisioningMethod: 'custom',
    defaultWorkspaceId: mainId,
    serviceOrigin: 'https://IdP.example.com/',
    ipAllowlist: '203.0.113.0/24, 198.51.100.7, 2001:0db8::/32',
    ...overrides,
  };
}

const configured = eventOf(ScimProvisioningConfigured, {
  companyId,
  provisioningMethod: 'custom',
  defaultWorkspaceId: mainId,
  serviceOrigin: 'https://idp.example.com',
  ipAllowlist: ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32'],
});

describe('company decider: RegisterCompany', () => {
  it('registers the company, then each workspace with its teams, then the roles, with trimmed names', () => {
    const workspaceId = randomUUID();
    const teamId = randomUUID();
    const roleId = randomUUID();
    const state: CompanyState = spec
      .given([])
      .when({
        type: 'RegisterCompany',
        companyId,
        name: ' Acme ',
        workspaces: [{ workspaceId, name: ' Main', teams: [{ teamId, name: 'Support ' }] }],
        roles: [{ roleId, name: 'Admins' }],
      })
      .then([
        eventOf(CompanyRegistered, { companyId, name: 'Acme' }),
        eventOf(WorkspaceAdded, { companyId, workspaceId, name: 'Main' }),
        eventOf(TeamAdded, { companyId, workspaceId, teamId, name: 'Support' }),
        eventOf(RoleAdded, { companyId, roleId, name: 'Admins' }),
      ]);
    expect(state.company).toEqual({
      id: companyId,
      name: 'Acme',
      workspaces: [{ id: workspaceId, name: 'Main', teams: [{ id: teamId, name: 'Support' }], permissionSets: [] }],
      roles: [{ id: roleId, name: 'Admins' }],
      scimSettings: null,
      scimDailyRequestLimit: null,
    });
  });

  it('refuses to register a company twice', () => {
    spec
      .given([registered])
      .when({ type: 'RegisterCompany', companyId, name: 'Acme', workspaces: [], roles: [] })
      .thenThrows({ code: 'CONFLICT' });
  });

  it('names every blank or duplicate name in the request (case-insensitive)', () => {
    const error = spec
      .given([])
      .when({
        type: 'RegisterCompany',
        companyId,
        name: '  ',
        workspaces: [
          { workspaceId: randomUUID(), name: 'Main', teams: [{ teamId: randomUUID(), name: 'A' }, { teamId: randomUUID(), name: 'a' }] },
          { workspaceId: randomUUID(), name: 'MAIN', teams: [] },
        ],
        roles: [{ roleId: randomUUID(), name: '' }],
      })
      .thenThrows({ code: 'VALIDATION_FAILED' }) as { issues: { path: string }[] };
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'name',
      'workspaces[1].name',
      'workspaces[0].teams[1].name',
      'roles[0].name',
    ]);
  });

  it('allows the same team name in two workspaces', () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const events = spec
      .given([])
      .when({
        type: 'RegisterCompany',
        companyId,
        name: 'Acme',
        workspaces: [
          { workspaceId: first, name: 'One', teams: [{ teamId: randomUUID(), name: 'Support' }] },
          { workspaceId: second, name: 'Two', teams: [{ teamId: randomUUID(), name: 'Support' }] },
        ],
        roles: [],
      })
      .decided().events;
    expect(events.filter((event) => event.type === 'TeamAdded.v1')).toHaveLength(2);
  });

  it('refuses an id used twice', () => {
    const id = randomUUID();
    spec
      .given([])
      .when({ type: 'RegisterCompany', companyId, name: 'Acme', workspaces: [{ workspaceId: id, name: 'Main', teams: [] }], roles: [{ roleId: id, name: 'R' }] })
      .thenThrows({ code: 'CONFLICT' });
  });
});

describe('company decider: commands on an unknown company', () => {
  it.each<CompanyCommand>([
    { type: 'AddWorkspace', companyId, workspaceId: randomUUID(), name: 'X', teams: [] },
    { type: 'AddRole', companyId, roleId: randomUUID(), name: 'X' },
    configure(),
    { type: 'SetScimDailyRequestLimit', companyId, dailyRequestLimit: 10 },
  ])('$type answers NOT_FOUND', (command) => {
    spec.given([]).when(command).thenThrows({ code: 'NOT_FOUND' });
  });
});

describe('company decider: workspaces', () => {
  it('adds a workspace with its teams', () => {
    const workspaceId = randomUUID();
    const teamId = randomUUID();
    spec
      .given(acme)
      .when({ type: 'AddWorkspace', companyId, workspaceId, name: 'US', teams: [{ teamId, name: 'Sales' }] })
      .then([eventOf(WorkspaceAdded, { companyId, workspaceId, name: 'US' }), eventOf(TeamAdded, { companyId, workspaceId, teamId, name: 'Sales' })]);
  });

  it('refuses a workspace name already used in the company, ignoring case', () => {
    const error = spec
      .given(acme)
      .when({ type: 'AddWorkspace', companyId, workspaceId: randomUUID(), name: ' main ', teams: [] })
      .thenThrows({ code: 'UNIQUENESS' }) as { issues: { path: string }[] };
    expect(error.issues[0].path).toBe('name');
  });

  it('refuses an id already used for something else', () => {
    spec.given(acme).when({ type: 'AddWorkspace', companyId, workspaceId: supportTeamId, name: 'New', teams: [] }).thenThrows({ code: 'CONFLICT' });
  });

  it('renames a workspace, remembering the previous name', () => {
    spec
      .given(acme)
      .when({ type: 'RenameWorkspace', companyId, workspaceId: mainId, name: 'Primary' })
      .then([eventOf(WorkspaceRenamed, { companyId, workspaceId: mainId, name: 'Primary', previousName: 'Main' })]);
  });

  it('allows a rename that only changes case, and does nothing for the same name', () => {
    spec.given(acme).when({ type: 'RenameWorkspace', companyId, workspaceId: mainId, name: 'MAIN' }).then([
      eventOf(WorkspaceRenamed, { companyId, workspaceId: mainId, name: 'MAIN', previousName: 'Main' }),
    ]);
    spec.given(acme).when({ type: 'RenameWorkspace', companyId, workspaceId: mainId, name: ' Main ' }).thenNothing();
  });

  it('refuses renaming onto a sibling name, or an unknown workspace', () => {
    spec.given(acme).when({ type: 'RenameWorkspace', companyId, workspaceId: mainId, name: 'eu' }).thenThrows({ code: 'UNIQUENESS' });
    spec.given(acme).when({ type: 'RenameWorkspace', companyId, workspaceId: randomUUID(), name: 'X' }).thenThrows({ code: 'NOT_FOUND' });
  });
});

describe('company decider: teams', () => {
  it('adds a team; names are unique per workspace only', () => {
    const teamId = randomUUID();
    spec
      .given(acme)
      .when({ type: 'AddTeam', companyId, workspaceId: euId, teamId, name: 'Support' })
      .then([eventOf(TeamAdded, { companyId, workspaceId: euId, teamId, name: 'Support' })]);
    spec.given(acme).when({ type: 'AddTeam', companyId, workspaceId: mainId, teamId, name: 'SUPPORT' }).thenThrows({ code: 'UNIQUENESS' });
  });

  it('refuses a team in an unknown workspace, naming the field', () => {
    const error = spec
      .given(acme)
      .when({ type: 'AddTeam', companyId, workspaceId: randomUUID(), teamId: randomUUID(), name: 'X' })
      .thenThrows({ code: 'NOT_FOUND' }) as { issues: { path: string }[] };
    expect(error.issues[0].path).toBe('workspaceId');
  });

  it('renames a team', () => {
    spec
      .given(acme)
      .when({ type: 'RenameTeam', companyId, workspaceId: mainId, teamId: supportTeamId, name: 'Care' })
      .then([eventOf(TeamRenamed, { companyId, workspaceId: mainId, teamId: supportTeamId, name: 'Care', previousName: 'Support' })]);
    spec.given(acme).when({ type: 'RenameTeam', companyId, workspaceId: euId, teamId: supportTeamId, name: 'Care' }).thenThrows({ code: 'NOT_FOUND' });
  });
});

describe('company decider: roles', () => {
  it('adds and renames roles, unique in the company ignoring case', () => {
    const roleId = randomUUID();
    spec.given(acme).when({ type: 'AddRole', companyId, roleId, name: 'Viewers' }).then([eventOf(RoleAdded, { companyId, roleId, name: 'Viewers' })]);
    spec.given(acme).when({ type: 'AddRole', companyId, roleId, name: 'admins' }).thenThrows({ code: 'UNIQUENESS' });
    spec
      .given(acme)
      .when({ type: 'RenameRole', companyId, roleId: adminRoleId, name: 'Owners' })
      .then([eventOf(RoleRenamed, { companyId, roleId: adminRoleId, name: 'Owners', previousName: 'Admins' })]);
  });

  it('refuses an over-long name', () => {
    spec.given(acme).when({ type: 'AddRole', companyId, roleId: randomUUID(), name: 'x'.repeat(201) }).thenThrows({ code: 'VALIDATION_FAILED' });
  });
});

describe('company decider: permission sets', () => {
  it('adds a permission set with catalogue permissions, de-duplicated', () => {
    const permissionSetId = randomUUID();
    spec
      .given(acme)
      .when({ type: 'AddPermissionSet', companyId, workspaceId: mainId, permissionSetId, name: 'Viewers', permissions: ['view_campaigns', 'basic_access', 'view_campaigns'] })
      .then([eventOf(PermissionSetAdded, { companyId, workspaceId: mainId, permissionSetId, name: 'Viewers', permissions: ['view_campaigns', 'basic_access'] })]);
  });

  it('names each permission that is not in the catalogue', () => {
    const error = spec
      .given(acme)
      .when({ type: 'AddPermissionSet', companyId, workspaceId: mainId, permissionSetId: randomUUID(), name: 'X', permissions: ['view_campaigns', 'fly', 'view_reports'] })
      .thenThrows({ code: 'VALIDATION_FAILED' }) as { issues: { path: string; message: string }[] };
    expect(error.issues).toEqual([
      { path: 'permissions[1]', message: '"fly" is not a workspace permission' },
      { path: 'permissions[2]', message: '"view_reports" is not a workspace permission' },
    ]);
  });

  it('refuses an empty permission list and a duplicate name in the workspace', () => {
    spec
      .given(acme)
      .when({ type: 'AddPermissionSet', companyId, workspaceId: mainId, permissionSetId: randomUUID(), name: 'X', permissions: [] })
      .thenThrows({ code: 'VALIDATION_FAILED' });
    const existing = eventOf(PermissionSetAdded, { companyId, workspaceId: mainId, permissionSetId: randomUUID(), name: 'Viewers', permissions: ['view_campaigns'] });
    spec
      .given([...acme, existing])
      .when({ type: 'AddPermissionSet', companyId, workspaceId: mainId, permissionSetId: randomUUID(), name: 'VIEWERS', permissions: ['view_campaigns'] })
      .thenThrows({ code: 'UNIQUENESS' });
  });
});

describe('company decider: SCIM provisioning settings', () => {
  it('stores normalised settings: origin lower-cased without slash, allowlist canonical', () => {
    spec.given(acme).when(configure()).then([configured]);
  });

  it('does nothing when the same settings are submitted again, however they are spelled', () => {
    spec.given([...acme, configured]).when(configure({ serviceOrigin: 'https://idp.example.com', ipAllowlist: ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32'] })).thenNothing();
  });

  it('replaces the settings as a whole (PUT): an omitted allowlist clears it', () => {
    spec
      .given([...acme, configured])
      .when(configure({ ipAllowlist: null }))
      .then([eventOf(ScimProvisioningConfigured, { ...configured.data, ipAllowlist: [] })]);
  });

  it('requires a service origin for the custom method', () => {
    const error = spec.given(acme).when(configure({ serviceOrigin: '  ' })).thenThrows({ code: 'VALIDATION_FAILED' }) as { issues: { path: string }[] };
    expect(error.issues.map((issue) => issue.path)).toEqual(['serviceOrigin']);
  });

  it.each(['okta', 'entra_id'] as const)('%s needs no service origin (the IdP cannot send the header)', (provisioningMethod) => {
    spec
      .given(acme)
      .when(configure({ provisioningMethod, serviceOrigin: null, ipAllowlist: null }))
      .then([eventOf(ScimProvisioningConfigured, { companyId, provisioningMethod, defaultWorkspaceId: mainId, serviceOrigin: null, ipAllowlist: [] })]);
  });

  it('requires the default workspace to be one of the company workspaces', () => {
    const error = spec.given(acme).when(configure({ defaultWorkspaceId: randomUUID() })).thenThrows({ code: 'VALIDATION_FAILED' }) as { issues: { path: string }[] };
    expect(error.issues.map((issue) => issue.path)).toEqual(['defaultWorkspaceId']);
  });

  it('names every bad allowlist entry and every bad field at once', () => {
    const error = spec
      .given(acme)
      .when(configure({ serviceOrigin: 'https://idp.example.com/scim', ipAllowlist: '203.0.113.0/24, 10.0.0.300, 198.51.100.7/24' }))
      .thenThrows({ code: 'VALIDATION_FAILED' }) as { message: string; issues: { path: string; message: string }[] };
    expect(error.message).toBe('Invalid SCIM provisioning settings: serviceOrigin, ipAllowlist');
    expect(error.issues.map((issue) => issue.path)).toEqual(['serviceOrigin', 'ipAllowlist[1]', 'ipAllowlist[2]']);
    expect(error.issues[1].message).toContain('"10.0.0.300"');
    expect(error.issues[2].message).toContain('198.51.100.0/24');
  });
});

describe('company decider: the daily SCIM request limit', () => {
  const limitSet = (dailyRequestLimit: number | null, previousDailyRequestLimit: number | null) =>
    eventOf(ScimDailyRequestLimitSet, { companyId, dailyRequestLimit, previousDailyRequestLimit });
  const setLimit = (dailyRequestLimit: number | null): CompanyCommand => ({ type: 'SetScimDailyRequestLimit', companyId, dailyRequestLimit });

  it('sets a company its own limit, remembering the one before (null: the default)', () => {
    spec.given(acme).when(setLimit(20_000)).then([limitSet(20_000, null)]);
    spec.given([...acme, limitSet(20_000, null)]).when(setLimit(3)).then([limitSet(3, 20_000)]);
  });

  it('goes back to the default with null, and does nothing when the limit is already what is asked', () => {
    spec.given([...acme, limitSet(20_000, null)]).when(setLimit(null)).then([limitSet(null, 20_000)]);
    spec.given([...acme, limitSet(20_000, null)]).when(setLimit(20_000)).thenNothing();
    spec.given(acme).when(setLimit(null)).thenNothing();
  });

  it('keeps the limit apart from the SCIM settings: saving them again leaves it as it is', () => {
    const state: CompanyState = spec.given([...acme, limitSet(7, null)]).when(configure()).then([configured]);
    expect(state.company?.scimDailyRequestLimit).toBe(7);
    expect(state.company?.scimSettings?.serviceOrigin).toBe('https://idp.example.com');
  });
});
