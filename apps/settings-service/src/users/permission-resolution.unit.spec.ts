import { randomUUID } from 'node:crypto';
import type { CompanyView, DomainError } from '@scim/contracts';
import { WORKSPACE_PERMISSIONS } from '@scim/contracts';
import { MAX_PERMISSIONS_JSON_BYTES, renderPermissions, resolvePermissions } from './permission-resolution';
import { companyFixture } from './testing/users-fixtures';

const acme = companyFixture('Acme');

function failure(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a failure');
}

describe('resolvePermissions', () => {
  it('resolves workspaces, teams, roles and permission sets by name (any case) or id, to ids in canonical order', () => {
    const resolved = resolvePermissions(acme.view, {
      companyPermissions: ['admin', 'admin'],
      roles: [{ roleName: 'ANALYST' }, { roleId: acme.analystRoleId }],
      appGroup: [
        { appGroupId: acme.euId, appGroupPermissionSets: [{ appGroupPermissionSetID: acme.marketerSetId }] },
        {
          appGroupName: ' main ',
          appGroupPermissions: ['view_segments', 'basic_access'],
          team: [
            { teamName: 'support', teamPermissions: ['view_campaigns'] },
            { teamId: acme.salesTeamId, teamName: 'Sales', teamPermissions: ['send_campaigns_canvases'] },
          ],
        },
      ],
    });
    const byId = (a: string, b: string) => (a < b ? -1 : 1);
    expect(resolved).toEqual({
      companyPermissions: ['admin'],
      roles: [{ roleId: acme.analystRoleId }],
      appGroup: [
        { appGroupId: acme.euId, appGroupPermissions: [], appGroupPermissionSets: [{ appGroupPermissionSetId: acme.marketerSetId }], team: [] },
        {
          appGroupId: acme.mainId,
          appGroupPermissions: ['basic_access', 'view_segments'],
          appGroupPermissionSets: [],
          team: [
            { teamId: acme.supportTeamId, teamPermissions: ['view_campaigns'] },
            { teamId: acme.salesTeamId, teamPermissions: ['send_campaigns_canvases'] },
          ].sort((a, b) => byId(a.teamId, b.teamId)),
        },
      ].sort((a, b) => byId(a.appGroupId, b.appGroupId)),
    });
  });

  it('gives the default workspace when no workspace is named, and SETTINGS_INCOMPLETE without one', () => {
    expect(resolvePermissions(acme.view, undefined).appGroup).toEqual([
      { appGroupId: acme.mainId, appGroupPermissions: [], appGroupPermissionSets: [], team: [] },
    ]);
    expect(resolvePermissions(acme.view, { appGroup: [] }).appGroup.map((grant) => grant.appGroupId)).toEqual([acme.mainId]);
    const unconfigured = companyFixture('New', { configured: false });
    expect(failure(() => resolvePermissions(unconfigured.view, { companyPermissions: [] })).code).toBe('SETTINGS_INCOMPLETE');
  });

  it('reports every unknown entity and permission string at once, each with its path', () => {
    const error = failure(() =>
      resolvePermissions(acme.view, {
        companyPermissions: ['admin', 'root'],
        roles: [{ roleName: 'Boss' }, {}],
        appGroup: [
          { appGroupName: 'Main', appGroupPermissions: ['view_campaigns', 'fly'], team: [{ teamName: 'Support', teamPermissions: ['view_pii'] }] },
          { appGroupId: randomUUID() },
          { appGroupId: acme.euId, appGroupName: 'Main', appGroupPermissionSets: [{ appGroupPermissionSetName: 'Nope' }] },
          { appGroupName: 'EU Workspace', appGroupPermissionSets: [{ appGroupPermissionSetName: 'Marketer' }, { appGroupPermissionSetName: 'Marketer' }] },
        ],
      }),
    );
    expect(error.code).toBe('INVALID_VALUE');
    expect(error.message).toMatch(/^Invalid permissions: permissions\.companyPermissions\[1\]: "root" is not a company permission; /);
    for (const issue of error.issues) expect(error.message).toContain(`${issue.path}: ${issue.message}`);
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'permissions.companyPermissions[1]',
      'permissions.roles[0].roleName',
      'permissions.roles[1]',
      'permissions.appGroup[0].appGroupPermissions[1]',
      'permissions.appGroup[0].team[0].teamPermissions[0]',
      'permissions.appGroup[1].appGroupId',
      'permissions.appGroup[2].appGroupName',
      'permissions.appGroup[3].appGroupPermissionSets',
    ]);
  });

  it('refuses permissions too large to travel in one message, naming the size and the limit; one workspace fewer fits', () => {
    const [main] = acme.view.workspaces;
    if (!main) throw new Error('the fixture has a Main workspace');
    const workspaces = Array.from({ length: 300 }, (_, index) => ({ ...main, id: randomUUID(), name: `Workspace ${index}`, teams: [] }));
    const company: CompanyView = { ...acme.view, workspaces };
    const grants = (count: number) => ({
      appGroup: workspaces.slice(0, count).map((workspace) => ({ appGroupId: workspace.id, appGroupPermissions: [...WORKSPACE_PERMISSIONS.granular] })),
    });
    const stored = (count: number) => ({
      companyPermissions: [],
      roles: [],
      appGroup: workspaces.slice(0, count).map((workspace) => ({
        appGroupId: workspace.id,
        appGroupPermissions: [...WORKSPACE_PERMISSIONS.granular],
        appGroupPermissionSets: [],
        team: [],
      })),
    });
    const shownBytes = (count: number) => Buffer.byteLength(JSON.stringify(renderPermissions(company, stored(count))));
    // The most workspaces with every workspace permission that still fit.
    let fitting = 1;
    while (shownBytes(fitting + 1) <= MAX_PERMISSIONS_JSON_BYTES) fitting++;
    expect(fitting).toBeGreaterThan(100);
    expect(resolvePermissions(company, grants(fitting)).appGroup).toHaveLength(fitting);
    const refused = failure(() => resolvePermissions(company, grants(fitting + 1)));
    expect(refused).toMatchObject({ code: 'INVALID_VALUE', issues: [{ path: 'permissions', message: expect.stringContaining(`at most ${MAX_PERMISSIONS_JSON_BYTES}`) }] });
    expect(refused.message).toMatch(/^The permissions take \d+ bytes as shown; at most 524288/);
  });

  it('refuses a workspace or a team listed twice', () => {
    const error = failure(() =>
      resolvePermissions(acme.view, {
        appGroup: [{ appGroupName: 'Main', team: [{ teamName: 'Sales' }, { teamId: acme.salesTeamId }] }, { appGroupId: acme.mainId }],
      }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['permissions.appGroup[0].team[1]', 'permissions.appGroup[1]']);
  });
});

describe('renderPermissions', () => {
  it('adds the current names (a renamed workspace shows its new name) and the sets\' permissions', () => {
    const stored = resolvePermissions(acme.view, {
      roles: [{ roleName: 'Analyst' }],
      appGroup: [{ appGroupName: 'EU Workspace', appGroupPermissionSets: [{ appGroupPermissionSetName: 'Marketer' }], team: [] }],
    });
    const renamed: CompanyView = {
      ...acme.view,
      workspaces: acme.view.workspaces.map((workspace) => (workspace.id === acme.euId ? { ...workspace, name: 'Europe' } : workspace)),
    };
    expect(renderPermissions(renamed, stored)).toEqual({
      companyPermissions: [],
      roles: [{ roleId: acme.analystRoleId, roleName: 'Analyst' }],
      appGroup: [
        {
          appGroupId: acme.euId,
          appGroupName: 'Europe',
          appGroupPermissions: [],
          appGroupPermissionSets: [{ appGroupPermissionSetId: acme.marketerSetId, appGroupPermissionSetName: 'Marketer', permissions: ['view_campaigns', 'edit_campaigns'] }],
          team: [],
        },
      ],
    });
    expect(renderPermissions(undefined, stored).appGroup[0].appGroupName).toBeNull();
  });
});
