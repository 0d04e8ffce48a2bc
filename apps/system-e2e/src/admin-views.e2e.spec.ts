import { createHash } from 'node:crypto';
import { AdminClient } from './support/admin-client';
import { provisionTenant } from './support/scim-tenant';
import { startSystem, type RunningSystem } from './support/system';

/** The admin API's read views behind the settings page: company list, provisioned users, history. */
describe('admin API read views', () => {
  let system: RunningSystem;
  let admin: AdminClient;

  beforeAll(async () => {
    system = await startSystem();
    admin = new AdminClient(system.gateway, system.adminToken);
  });
  afterAll(() => system.stop());

  /** The company list reads a projection: ask again (bounded) until it shows what was just written. */
  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    let value = await read();
    for (let attempt = 0; attempt < 50 && !done(value); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      value = await read();
    }
    return value;
  }

  const scimCreate = (token: string, origin: string, userName: string, givenName: string) =>
    system.gateway.inject({
      method: 'POST',
      url: '/scim/v2/Users',
      headers: { authorization: `Bearer ${token}`, 'x-request-origin': origin, 'content-type': 'application/scim+json' },
      payload: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName,
        name: { givenName, familyName: 'Tester' },
        department: 'finance',
      }),
    });

  it('lists every company by name, and refuses callers without the admin token', async () => {
    const zed = await admin.registerCompany(`Zed ${Date.now()}`);
    const abc = await admin.registerCompany(`abc ${Date.now()}`);
    const list = await eventually(
      () => admin.call('GET', '/admin/v1/companies'),
      (response) => [zed.id, abc.id].every((id) => JSON.stringify(response.body).includes(id)),
    );
    expect(list.status).toBe(200);
    const companies = list.body?.companies as { id: string; name: string }[];
    expect(companies).toEqual(expect.arrayContaining([{ id: zed.id, name: zed.name }, { id: abc.id, name: abc.name }]));
    expect(companies.findIndex((c) => c.id === abc.id)).toBeLessThan(companies.findIndex((c) => c.id === zed.id));

    expect((await admin.call('GET', '/admin/v1/companies', undefined, null)).status).toBe(401);
  });

  it("shows the company's settings and token events newest first, with who, when and from where, never a hash", async () => {
    const tenant = await provisionTenant(admin, { serviceOrigin: 'idp.example.com' });
    const reset = await admin.call('POST', `/admin/v1/companies/${tenant.companyId}/scim-token`);
    expect(reset.status).toBe(201);

    const response = await system.gateway.inject({
      method: 'GET',
      url: `/admin/v1/companies/${tenant.companyId}/history`,
      headers: { authorization: `Bearer ${system.adminToken}` },
    });
    expect(response.statusCode).toBe(200);
    const events = response.json().events as Record<string, unknown>[];
    const types = events.map((event) => event['type']);
    expect(types.slice(0, 4)).toEqual([
      'ScimTokenIssued.v1',
      'ScimTokenRevoked.v1',
      'ScimTokenIssued.v1',
      'ScimProvisioningConfigured.v1',
    ]);
    expect(types.at(-1)).toBe('CompanyRegistered.v1');
    expect(types).toHaveLength(9); // + workspace, two teams and a role from the registration
    expect(events[0]).toEqual({
      stream: `scim-token-${tenant.companyId}`,
      revision: 2,
      type: 'ScimTokenIssued.v1',
      occurredAt: expect.any(String),
      actor: { type: 'admin', id: 'admin' },
      sourceIp: '127.0.0.1',
      requestOrigin: null,
      correlationId: reset.headers['x-request-id'],
      summary: `SCIM token reset: new token …${reset.body?.hint} issued`,
    });
    const times = events.map((event) => Date.parse(event['occurredAt'] as string));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const token of [tenant.token, reset.body?.token as string]) {
      expect(response.body).not.toContain(token);
      expect(response.body).not.toContain(createHash('sha256').update(token).digest('hex'));
    }

    const limited = await admin.call('GET', `/admin/v1/companies/${tenant.companyId}/history?limit=2`);
    expect(limited.body?.events.map((event: { type: string }) => event.type)).toEqual(['ScimTokenIssued.v1', 'ScimTokenRevoked.v1']);
    expect((await admin.call('GET', `/admin/v1/companies/${tenant.companyId}/history?limit=0`)).status).toBe(400);
    expect((await admin.call('GET', '/admin/v1/companies/6b0f7f53-4c0c-4c37-bb8f-5a0f3c6b2d10/history')).status).toBe(404);
  });

  it('pages through the users an identity provider provisioned, searching with userName sw', async () => {
    const tenant = await provisionTenant(admin);
    const suffix = Math.random().toString(36).slice(2, 8);
    for (const [userName, givenName] of [
      [`ann.${suffix}@example.com`, 'Ann'],
      [`anna.${suffix}@example.com`, 'Anna'],
      [`bob.${suffix}@example.com`, 'Bob'],
    ] as const) {
      const created = await scimCreate(tenant.token, tenant.origin, userName, givenName);
      expect(created.statusCode).toBe(201);
    }
    const usersUrl = `/admin/v1/companies/${tenant.companyId}/users`;

    const all = await eventually(
      () => admin.call('GET', usersUrl),
      (response) => response.body?.totalResults === 3,
    );
    expect(all.status).toBe(200);
    expect(all.body?.users.map((user: { userName: string }) => user.userName)).toEqual([
      `ann.${suffix}@example.com`,
      `anna.${suffix}@example.com`,
      `bob.${suffix}@example.com`,
    ]);
    expect(all.body?.users[0]).toEqual({
      id: expect.any(String),
      externalId: null,
      userName: `ann.${suffix}@example.com`,
      name: expect.objectContaining({ givenName: 'Ann', familyName: 'Tester' }),
      displayName: null,
      department: 'finance',
      active: true,
      createdAt: expect.any(String),
      lastModified: expect.any(String),
    });
    expect(all.raw).not.toContain('permissions');

    const filter = encodeURIComponent(`userName sw "ann"`);
    const page2 = await admin.call('GET', `${usersUrl}?filter=${filter}&startIndex=2&count=1`);
    expect(page2.status).toBe(200);
    expect(page2.body).toMatchObject({ totalResults: 2, startIndex: 2, itemsPerPage: 1 });
    expect(page2.body?.users.map((user: { userName: string }) => user.userName)).toEqual([`anna.${suffix}@example.com`]);

    const newest = await admin.call('GET', `${usersUrl}?sortBy=lastModified&sortOrder=descending&count=1`);
    expect(newest.body?.users[0].userName).toBe(`bob.${suffix}@example.com`);

    const badFilter = await admin.call('GET', `${usersUrl}?filter=${encodeURIComponent('userName sw')}`);
    expect(badFilter.status).toBe(400);
    expect(JSON.stringify(badFilter.body?.errors)).toContain('filter');
    const badCount = await admin.call('GET', `${usersUrl}?count=lots`);
    expect(badCount.status).toBe(400);
    expect(badCount.body?.errors).toEqual([{ path: 'count', message: 'must be a whole number' }]);
    expect((await admin.call('GET', '/admin/v1/companies/6b0f7f53-4c0c-4c37-bb8f-5a0f3c6b2d10/users')).status).toBe(404);

    const otherTenant = await provisionTenant(admin);
    const other = await admin.call('GET', `/admin/v1/companies/${otherTenant.companyId}/users`);
    expect(other.body).toMatchObject({ totalResults: 0, users: [] });
  });
});
