import { randomUUID } from 'node:crypto';
import {
  COMPANY_EVENT_DEFINITIONS,
  companyStreamName,
  ConfigureScimSettingsRpc,
  RegisterCompanyRpc,
  type RequestContext,
  type ScimSettingsChangedNotice,
} from '@scim/contracts';
import { EventRegistry, InMemoryEventStore, ProjectionRunner } from '@scim/event-store';
import { CompanyCommandService } from './company-command.service';
import { CompanyQueryService } from './company-query.service';
import { InMemoryCompanyReadModel } from './company-read-model';

const context: RequestContext = { correlationId: 'test-correlation', actor: { type: 'admin', id: 'admin@acme.test' }, sourceIp: '203.0.113.5' };

function setUp() {
  const store = new InMemoryEventStore({ registry: new EventRegistry([...COMPANY_EVENT_DEFINITIONS]) });
  const readModel = new InMemoryCompanyReadModel();
  const runner = new ProjectionRunner(store, readModel);
  const settingsChanged: ScimSettingsChangedNotice[] = [];
  const commands = new CompanyCommandService({
    store,
    publishSettingsChanged: async (notice) => {
      settingsChanged.push(notice);
    },
  });
  const queries = new CompanyQueryService({ reader: readModel, waitUntil: (position, timeoutMs) => runner.waitUntil(position, timeoutMs) });
  return { store, readModel, runner, commands, queries, settingsChanged };
}

describe('company command and query services (in-memory event store)', () => {
  let env: ReturnType<typeof setUp>;

  beforeEach(async () => {
    env = setUp();
    await env.runner.start();
  });

  afterEach(async () => {
    await env.runner.stop();
    await env.store.close();
  });

  async function registerAcme() {
    return env.commands.register(
      RegisterCompanyRpc.request.parse({ name: 'Acme', workspaces: [{ name: 'Main', teams: [{ name: 'Support' }] }, { name: 'EU' }], roles: [{ name: 'Admins' }] }),
      context,
    );
  }

  it('registers a company with new UUIDs and answers in the admin API shape', async () => {
    const reply = await registerAcme();
    expect(RegisterCompanyRpc.reply.safeParse(reply).success).toBe(true);
    expect(reply.company).toMatchObject({ name: 'Acme', scimSettings: null, roles: [{ name: 'Admins' }] });
    expect(reply.company.workspaces.map((workspace) => workspace.name)).toEqual(['Main', 'EU']);
    expect(reply.company.workspaces[0].teams[0].name).toBe('Support');
    expect(reply.position).toMatch(/^\d+\/\d+$/);

    const stored = await env.store.readStream(companyStreamName(reply.company.id));
    expect(stored.map((event) => event.type)).toEqual(['CompanyRegistered.v1', 'WorkspaceAdded.v1', 'TeamAdded.v1', 'WorkspaceAdded.v1', 'RoleAdded.v1']);
    expect(stored[0].metadata.actor).toEqual(context.actor);
  });

  it('reads its own write: a query with the reply position sees the new company', async () => {
    const { company, position } = await registerAcme();
    const reply = await env.queries.getCompany({ companyId: company.id, minPosition: position ?? undefined });
    expect(reply.company).toEqual(company);
  });

  it('configures SCIM settings, normalised, and serves them to the gateway gate', async () => {
    const { company } = await registerAcme();
    const request = ConfigureScimSettingsRpc.request.parse({
      companyId: company.id,
      defaultWorkspaceId: company.workspaces[1].id,
      serviceOrigin: 'HTTPS://IdP.Example.com/',
      ipAllowlist: '203.0.113.0/24, 198.51.100.7, 2001:0db8::/32, 198.51.100.7',
    });
    const reply = await env.commands.configureScimSettings(request, context);
    expect(reply.settings).toEqual({
      provisioningMethod: 'custom',
      defaultWorkspaceId: company.workspaces[1].id,
      serviceOrigin: 'https://idp.example.com',
      ipAllowlist: ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32'],
    });
    const settings = await env.queries.getScimSettings({ companyId: company.id, minPosition: reply.position ?? undefined });
    expect(settings.settings).toEqual(reply.settings);

    const again = await env.commands.configureScimSettings(request, context);
    expect(again.position).toBeNull();
    expect(env.settingsChanged).toEqual([{ companyId: company.id, position: reply.position }]);
  });

  it('sets the daily request limit, announcing it with its position once; the same limit again changes nothing', async () => {
    const { company } = await registerAcme();
    const reply = await env.commands.setScimDailyRequestLimit({ companyId: company.id, dailyRequestLimit: 3 }, context);
    expect(reply).toEqual({ dailyRequestLimit: 3, position: expect.any(String) });
    const read = await env.queries.getScimSettings({ companyId: company.id, minPosition: reply.position ?? undefined });
    expect(read).toEqual({ settings: null, dailyRequestLimit: 3 });

    const again = await env.commands.setScimDailyRequestLimit({ companyId: company.id, dailyRequestLimit: 3 }, context);
    expect(again.position).toBeNull();
    expect(env.settingsChanged).toEqual([{ companyId: company.id, position: reply.position }]);
  });

  it('rejects a bad allowlist entry naming it, and writes nothing', async () => {
    const { company } = await registerAcme();
    const request = ConfigureScimSettingsRpc.request.parse({
      companyId: company.id,
      defaultWorkspaceId: company.workspaces[0].id,
      serviceOrigin: 'idp.example.com',
      ipAllowlist: '203.0.113.0/24, 300.1.1.1',
    });
    await expect(env.commands.configureScimSettings(request, context)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'ipAllowlist[1]', message: expect.stringContaining('"300.1.1.1"') }],
    });
    expect(await env.store.readStream(companyStreamName(company.id))).toHaveLength(5);
  });

  it('adds and renames workspaces, teams and roles, returning what changed', async () => {
    const { company } = await registerAcme();
    const added = await env.commands.addWorkspace({ companyId: company.id, name: 'US', teams: [{ name: 'Sales' }] }, context);
    expect(added.workspace).toMatchObject({ name: 'US', teams: [{ name: 'Sales' }], permissionSets: [] });
    const renamed = await env.commands.renameWorkspace({ companyId: company.id, workspaceId: added.workspace.id, name: 'America' }, context);
    expect(renamed.workspace.name).toBe('America');
    const team = await env.commands.addTeam({ companyId: company.id, workspaceId: added.workspace.id, name: 'Ops' }, context);
    expect(team.team.name).toBe('Ops');
    const renamedTeam = await env.commands.renameTeam({ companyId: company.id, workspaceId: added.workspace.id, teamId: team.team.id, name: 'DevOps' }, context);
    expect(renamedTeam.team).toEqual({ id: team.team.id, name: 'DevOps' });
    const role = await env.commands.addRole({ companyId: company.id, name: 'Viewers' }, context);
    const renamedRole = await env.commands.renameRole({ companyId: company.id, roleId: role.role.id, name: 'Readers' }, context);
    expect(renamedRole.role).toEqual({ id: role.role.id, name: 'Readers' });
    const set = await env.commands.addPermissionSet(
      { companyId: company.id, workspaceId: added.workspace.id, name: 'Viewers', permissions: ['view_campaigns'] },
      context,
    );
    expect(set.permissionSet).toMatchObject({ name: 'Viewers', permissions: ['view_campaigns'] });

    const current = await env.queries.getCompany({ companyId: company.id, minPosition: set.position ?? undefined });
    expect(current.company.workspaces.find((workspace) => workspace.id === added.workspace.id)).toMatchObject({
      name: 'America',
      teams: [{ name: 'Sales' }, { name: 'DevOps' }],
      permissionSets: [{ name: 'Viewers' }],
    });
    expect(current.company.roles.map((r) => r.name)).toEqual(['Admins', 'Readers']);
  });

  it('answers UNIQUENESS for a taken name and NOT_FOUND for an unknown company', async () => {
    const { company } = await registerAcme();
    await expect(env.commands.addWorkspace({ companyId: company.id, name: 'main', teams: [] }, context)).rejects.toMatchObject({ code: 'UNIQUENESS' });
    await expect(env.commands.addRole({ companyId: randomUUID(), name: 'X' }, context)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(env.queries.getCompany({ companyId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('says UNAVAILABLE, not NOT_FOUND, when the read model has not reached the position in time', async () => {
    const queries = new CompanyQueryService({ reader: env.readModel, waitUntil: async () => false, readYourWritesTimeoutMs: 0 });
    await expect(queries.getCompany({ companyId: randomUUID(), minPosition: '999999/999999' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
