import { randomUUID } from 'node:crypto';
import { MAX_NAME_LENGTH } from './company.schemas';
import {
  AddPermissionSetRpc,
  AddRoleRpc,
  AddTeamRpc,
  AddWorkspaceRpc,
  ConfigureScimSettingsRpc,
  GetCompanyRpc,
  GetScimSettingsRpc,
  ListCompaniesRpc,
  MAX_COMPANIES_PAGE,
  RegisterCompanyRpc,
  RenameWorkspaceRpc,
} from './company.contracts';

describe('company contracts', () => {
  it('use the settings.<resource>.<verb> subjects', () => {
    expect([
      RegisterCompanyRpc,
      GetCompanyRpc,
      AddWorkspaceRpc,
      RenameWorkspaceRpc,
      AddTeamRpc,
      AddRoleRpc,
      ConfigureScimSettingsRpc,
      GetScimSettingsRpc,
    ].map((contract) => contract.subject)).toEqual([
      'settings.companies.register',
      'settings.companies.get',
      'settings.workspaces.add',
      'settings.workspaces.rename',
      'settings.teams.add',
      'settings.roles.add',
      'settings.scim-settings.configure',
      'settings.scim-settings.get',
    ]);
  });

  it('register: trims names and defaults missing lists to empty', () => {
    const request = RegisterCompanyRpc.request.parse({ name: '  Acme ', workspaces: [{ name: ' Main ' }] });
    expect(request).toEqual({ name: 'Acme', workspaces: [{ name: 'Main', teams: [] }], roles: [] });
  });

  it('register: names the path of a blank nested name', () => {
    const result = RegisterCompanyRpc.request.safeParse({ name: 'Acme', workspaces: [{ name: 'Main', teams: [{ name: '  ' }] }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['workspaces', 0, 'teams', 0, 'name']);
  });

  it.each(['Ac\u0000me', 'Two\nLines', 'Tab\there', 'Esc\u001b[31m', 'C1\u0085'])('register: refuses a name with a control character (%j)', (name) => {
    const result = RegisterCompanyRpc.request.safeParse({ name: 'Acme', workspaces: [{ name: 'Main', teams: [{ name }] }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['workspaces', 0, 'teams', 0, 'name'], message: expect.stringContaining('control characters') });
  });

  it('register: keeps names in any script, with accents and emoji', () => {
    const name = 'Zürich – 東京 🚀';
    expect(RegisterCompanyRpc.request.parse({ name, workspaces: [{ name }] }).name).toBe(name);
  });

  it('configure: defaults to the custom method, no origin and no allowlist', () => {
    const defaultWorkspaceId = randomUUID();
    const request = ConfigureScimSettingsRpc.request.parse({ companyId: randomUUID(), defaultWorkspaceId });
    expect(request).toMatchObject({ provisioningMethod: 'custom', defaultWorkspaceId, serviceOrigin: null, ipAllowlist: null });
  });

  it('configure: takes the allowlist as text or as a list, and refuses an unknown method', () => {
    const base = { companyId: randomUUID(), defaultWorkspaceId: randomUUID() };
    expect(ConfigureScimSettingsRpc.request.safeParse({ ...base, ipAllowlist: '203.0.113.0/24, 198.51.100.7' }).success).toBe(true);
    expect(ConfigureScimSettingsRpc.request.safeParse({ ...base, ipAllowlist: ['2001:db8::/32'] }).success).toBe(true);
    expect(ConfigureScimSettingsRpc.request.safeParse({ ...base, provisioningMethod: 'saml' }).success).toBe(false);
  });

  it('permission sets: only catalogue permissions are accepted', () => {
    const base = { companyId: randomUUID(), workspaceId: randomUUID(), name: 'Viewers' };
    expect(AddPermissionSetRpc.request.safeParse({ ...base, permissions: ['view_campaigns', 'basic_access'] }).success).toBe(true);
    const result = AddPermissionSetRpc.request.safeParse({ ...base, permissions: ['view_campaigns', 'fly'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['permissions', 1]);
  });

  it('replies carry the log position as text, or null when nothing was written', () => {
    const company = { id: randomUUID(), name: 'Acme', workspaces: [], roles: [], scimSettings: null, scimDailyRequestLimit: null };
    expect(RegisterCompanyRpc.reply.safeParse({ company, position: '42/42' }).success).toBe(true);
    expect(RegisterCompanyRpc.reply.safeParse({ company, position: 42 }).success).toBe(false);
    const role = { id: randomUUID(), name: 'Ops' };
    expect(AddRoleRpc.reply.safeParse({ role, position: null }).success).toBe(true);
  });

  it('queries accept a minimum position for read-your-writes', () => {
    expect(GetScimSettingsRpc.request.safeParse({ companyId: randomUUID(), minPosition: '10/10' }).success).toBe(true);
    expect(GetScimSettingsRpc.request.safeParse({ companyId: randomUUID(), minPosition: 'latest' }).success).toBe(false);
  });

  it('keeps the fullest page of companies within one NATS message (1 MiB by default), names of the longest and widest characters included', () => {
    // Three UTF-8 bytes for each of its 200 UTF-16 units, or two once escaped in JSON (control characters are refused).
    const widest = '\u4E2D'.repeat(MAX_NAME_LENGTH);
    const escaped = '"\\'.repeat(MAX_NAME_LENGTH / 2);
    for (const name of [widest, escaped]) {
      const page = ListCompaniesRpc.reply.parse({
        totalResults: 1_000_000,
        startIndex: 1,
        companies: Array.from({ length: MAX_COMPANIES_PAGE }, () => ({ id: randomUUID(), name })),
      });
      // As the reply travels: Nest's packet around it (a few dozen bytes more).
      const bytes = Buffer.byteLength(JSON.stringify({ response: page, isDisposed: true, id: randomUUID() }));
      expect(bytes).toBeLessThan(1024 * 1024);
    }
  });
});
