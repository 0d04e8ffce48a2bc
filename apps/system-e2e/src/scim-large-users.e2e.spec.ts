import { WORKSPACE_PERMISSIONS } from '@scim/contracts';
import { AdminClient } from './support/admin-client';
import { ScimClient, uniqueEmail, USER_SCHEMA, type ScimResponse } from './support/scim-client';
import { provisionTenant } from './support/scim-tenant';
import { startSystem, type RunningSystem } from './support/system';

const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/**
 * Users with every workspace permission in many workspaces: tens of kilobytes each, so a handful of them is more
 * than one NATS message takes (1 MiB by default). Reads of them must still answer as for any user.
 */
describe('large users (more than one NATS message together)', () => {
  let system: RunningSystem;
  let admin: AdminClient;

  beforeAll(async () => {
    system = await startSystem();
    admin = new AdminClient(system.gateway, system.adminToken);
  });
  afterAll(() => system.stop());

  /** A tenant whose company has `count` workspaces. */
  async function tenantWithWorkspaces(count: number): Promise<{ client: ScimClient; workspaceIds: string[] }> {
    const tenant = await provisionTenant(admin, { extraWorkspaces: count - 1 });
    return { client: new ScimClient(system.gateway, tenant), workspaceIds: tenant.workspaceIds };
  }

  const everyPermissionIn = (workspaceIds: readonly string[]) => ({
    appGroup: workspaceIds.map((appGroupId) => ({ appGroupId, appGroupPermissions: [...WORKSPACE_PERMISSIONS.granular] })),
  });
  const idsOf = (response: ScimResponse): string[] => (response.body.Resources as { id: string }[]).map((user) => user.id);

  it('answers concurrent GETs, lists, searches and the admin view of users too large to travel together', async () => {
    const { client, workspaceIds } = await tenantWithWorkspaces(30);
    const created: string[] = [];
    for (let index = 0; index < 16; index++) {
      const response = await client.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail(`large${index}`), permissions: everyPermissionIn(workspaceIds) });
      expect(response.status).toBe(201);
      created.push(response.body.id as string);
    }
    // The 16 together take more than one message: each is tens of kilobytes as settings-service sends it.
    const one = await client.call('GET', `/Users/${created[0]}`);
    expect(one.raw.length * 16).toBeGreaterThan(2 * 1_048_576);

    const gets = await Promise.all(Array.from({ length: 40 }, (_, index) => client.call('GET', `/Users/${created[index % created.length]}`)));
    expect(gets.map((response) => response.status)).toEqual(gets.map(() => 200));
    expect(gets.map((response) => response.body.id)).toEqual(gets.map((_, index) => created[index % created.length]));
    expect(gets[0]?.body.permissions.appGroup).toHaveLength(30);

    const listed = await client.call('GET', '/Users?startIndex=1&count=100');
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ schemas: [LIST_SCHEMA], totalResults: 16, startIndex: 1, itemsPerPage: 16 });
    expect([...idsOf(listed)].sort()).toEqual([...created].sort());

    // Pages are never cut short: a client paging by count (Okta) sees every user once.
    const pages: string[] = [];
    for (let startIndex = 1; startIndex <= 16; startIndex += 7) {
      const page = await client.call('GET', `/Users?startIndex=${startIndex}&count=7`);
      expect(page.body).toMatchObject({ startIndex, itemsPerPage: Math.min(7, 16 - startIndex + 1) });
      pages.push(...idsOf(page));
    }
    expect(pages).toEqual(idsOf(listed));

    const searched = await client.call('POST', '/Users/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], count: 100 });
    expect(searched.status).toBe(200);
    expect(idsOf(searched)).toEqual(idsOf(listed));

    const adminView = await admin.call('GET', `/admin/v1/companies/${client.tenant.companyId}/users?count=100`);
    expect(adminView.status).toBe(200);
    expect(adminView.body).toMatchObject({ totalResults: 16, itemsPerPage: 16 });
  });

  it('refuses a user whose permissions could never travel in one message, as invalidValue, and creates nothing', async () => {
    const { client, workspaceIds } = await tenantWithWorkspaces(200);
    const userName = uniqueEmail('toolarge');
    const refused = await client.call('POST', '/Users', { schemas: [USER_SCHEMA], userName, permissions: everyPermissionIn(workspaceIds) });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ status: '400', scimType: 'invalidValue', detail: expect.stringMatching(/^The permissions take \d+ bytes as shown; at most 524288/) });
    const found = await client.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(found.body.totalResults).toBe(0);
    // The userName was not kept: the same user with fewer workspaces is created.
    const fewer = await client.call('POST', '/Users', { schemas: [USER_SCHEMA], userName, permissions: everyPermissionIn(workspaceIds.slice(0, 20)) });
    expect(fewer.status).toBe(201);
  });

  it('answers a body within the 1 MiB limit that is too large to pass on with its envelope as 413, not 500', async () => {
    const { client } = await tenantWithWorkspaces(1);
    const limit = 1_048_576;
    const appGroup: Array<{ appGroupName: string; appGroupPermissions: string[] }> = [];
    const user = { schemas: [USER_SCHEMA], userName: uniqueEmail('padded'), displayName: '', permissions: { appGroup } };
    const size = () => Buffer.byteLength(JSON.stringify(user));
    // Within every bound of the contract (at most 500 entries of 500 strings): only its size is the trouble.
    while (size() < limit - 3_000) appGroup.push({ appGroupName: 'Production', appGroupPermissions: Array.from({ length: 100 }, () => 'p'.repeat(20)) });
    const last = appGroup[appGroup.length - 1]?.appGroupPermissions ?? [];
    while (size() < limit - 400) last.push('p'.repeat(20));
    user.displayName = 'd'.repeat(limit - 60 - size());
    const body = JSON.stringify(user);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(limit);
    expect(Buffer.byteLength(body)).toBeGreaterThan(limit - 100);
    const response = await client.call('POST', '/Users', body);
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '413', detail: expect.stringContaining('too large') });
  });
});
