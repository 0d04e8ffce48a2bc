import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { AdminClient } from './support/admin-client';
import { startSystem, type RunningSystem } from './support/system';

describe('admin API over NATS and the event store', () => {
  let system: RunningSystem;
  let admin: AdminClient;

  beforeAll(async () => {
    system = await startSystem();
    admin = new AdminClient(system.gateway, system.adminToken);
  });
  afterAll(() => system.stop());

  /** The companies whose name contains `name`, as the company picker finds them. */
  const companiesNamed = (name: string, paging = '') => admin.call('GET', `/admin/v1/companies?name=${encodeURIComponent(name)}${paging}`);

  it('pages through the companies by name and finds them by part of their name, ignoring case; a bad parameter is a 400 naming it', async () => {
    const tag = randomUUID().slice(0, 8);
    const names = ['Delta', 'alpha', 'Echo', 'charlie', 'Bravo'].map((name) => `${name} ${tag}`);
    for (const name of names) expect((await admin.call('POST', '/admin/v1/companies', { name, workspaces: [{ name: 'Main' }] })).status).toBe(201);
    // The list comes from the company read model, which applies a registration a moment after it is answered.
    for (let tries = 0; (await companiesNamed(tag)).body?.totalResults !== names.length; tries += 1) {
      if (tries > 50) throw new Error('the company read model never showed every new company');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const pages = await Promise.all(['&count=2', '&startIndex=3&count=2', '&startIndex=5&count=2'].map((paging) => companiesNamed(tag.toUpperCase(), paging)));
    expect(pages.map((page) => page.status)).toEqual([200, 200, 200]);
    expect(pages.map((page) => [page.body?.startIndex, page.body?.itemsPerPage, page.body?.totalResults])).toEqual([
      [1, 2, 5],
      [3, 2, 5],
      [5, 1, 5],
    ]);
    expect(pages.flatMap((page) => page.body?.companies.map((company: { name: string }) => company.name))).toEqual(
      ['alpha', 'Bravo', 'charlie', 'Delta', 'Echo'].map((name) => `${name} ${tag}`),
    );
    expect((await companiesNamed(`charlie ${tag}`)).body?.companies).toEqual([{ id: expect.any(String), name: `charlie ${tag}` }]);
    const everyone = await admin.call('GET', '/admin/v1/companies?count=0');
    expect(everyone.body).toMatchObject({ startIndex: 1, itemsPerPage: 0, companies: [] });
    expect(everyone.body?.totalResults).toBeGreaterThanOrEqual(names.length);

    for (const [query, path] of [
      ['count=1001', 'count'],
      ['count=-1', 'count'],
      ['startIndex=0', 'startIndex'],
      ['startIndex=two', 'startIndex'],
      [`name=${'x'.repeat(201)}`, 'name'],
    ] as const) {
      const refused = await admin.call('GET', `/admin/v1/companies?${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body?.errors).toEqual([{ path, message: expect.any(String) }]);
    }
  });

  it('refuses calls without the admin token, or with another one, as problem+json 401', async () => {
    for (const token of [null, 'not-the-admin-token']) {
      const response = await admin.call('GET', '/admin/v1/companies/4f8e8c36-6a34-4d5c-9f63-3f1f5f2e9b11', undefined, token);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    }
  });

  it.each([
    ['malformed JSON', {}, '{"name": '],
    ['a gzip-compressed body', { 'content-encoding': 'gzip' }, gzipSync('{"name":"Zipped"}')],
    ['a body over the 1 MiB limit', {}, JSON.stringify({ name: 'Big', pad: 'x'.repeat(1_200_000) })],
    ['a body that is not JSON', { 'content-type': 'text/plain' }, 'name=Plain'],
  ])('answers 401 to a write without the admin token that sends %s, before reading it', async (_case, headers, payload) => {
    for (const authorization of [undefined, 'Bearer not-the-admin-token']) {
      const response = await system.gateway.inject({
        method: 'POST',
        url: '/admin/v1/companies',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}), ...headers },
        payload,
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['www-authenticate']).toBe('Bearer realm="admin"');
    }
  });

  it('takes the admin token from the Authorization header only, not from the query string or the body', async () => {
    const inQuery = await system.gateway.inject({ method: 'GET', url: `/admin/v1/companies?access_token=${system.adminToken}` });
    expect(inQuery.statusCode).toBe(401);
    const inBody = await system.gateway.inject({
      method: 'POST',
      url: '/admin/v1/companies',
      headers: { 'content-type': 'application/json' },
      payload: { access_token: system.adminToken, name: `Body Token ${randomUUID()}`, workspaces: [{ name: 'Main' }] },
    });
    expect(inBody.statusCode).toBe(401);
    expect((await admin.call('GET', '/admin/v1/companies')).status).toBe(200);
  });

  it('registers a company and answers it with generated ids', async () => {
    const response = await admin.call('POST', '/admin/v1/companies', {
      name: 'Acme Corp',
      workspaces: [{ name: 'Production', teams: [{ name: 'Growth' }] }, { name: 'Staging' }],
      roles: [{ name: 'Marketer' }],
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Acme Corp',
      workspaces: [
        { id: expect.any(String), name: 'Production', teams: [{ id: expect.any(String), name: 'Growth' }] },
        { id: expect.any(String), name: 'Staging', teams: [] },
      ],
      roles: [{ id: expect.any(String), name: 'Marketer' }],
    });
  });

  it('rejects a body with a bad field, naming it', async () => {
    const response = await admin.call('POST', '/admin/v1/companies', { name: '', workspaces: 'nope' });
    expect(response.status).toBe(400);
    expect(response.body?.errors.map((error: { path: string }) => error.path).sort()).toEqual(['name', 'workspaces']);
    // A list entry is named by its index in brackets, as the settings page reads it (ipAllowlist[2]).
    const badEntry = await admin.call('POST', '/admin/v1/companies', { name: 'Entry Co', workspaces: [{ name: 'Main' }, { name: '' }] });
    expect(badEntry.status).toBe(400);
    expect(badEntry.body?.errors.map((error: { path: string }) => error.path)).toEqual(['workspaces[1].name']);
  });

  it('refuses fields a request does not take, naming each, and writes nothing', async () => {
    const company = await admin.registerCompany();
    // `method` for `provisioningMethod`: dropping it would save the default method (custom) instead of Okta.
    const misspelt = await admin.call('PUT', `/admin/v1/companies/${company.id}/scim-settings`, {
      method: 'okta',
      defaultWorkspaceId: company.workspaces[0]?.id,
      serviceOrigin: 'https://idp.example.com',
    });
    expect(misspelt.status).toBe(400);
    expect(misspelt.headers['content-type']).toContain('application/problem+json');
    expect(misspelt.body?.errors).toEqual([{ path: 'method', message: 'is not a field of this request' }]);
    expect((await admin.call('GET', `/admin/v1/companies/${company.id}`)).body?.scimSettings).toBeNull();

    const name = `Nested ${randomUUID()}`;
    const nested = await admin.call('POST', '/admin/v1/companies', { name, workspaces: [{ name: 'Main', teams: [{ name: 'Ops', lead: 'ann' }] }] });
    expect(nested.status).toBe(400);
    expect(nested.body?.errors).toEqual([{ path: 'workspaces[0].teams[0].lead', message: 'is not a field of this request' }]);
    expect((await companiesNamed(name)).body).toMatchObject({ totalResults: 0, companies: [] });

    const openapi = await admin.call('GET', '/admin/v1/openapi.json');
    const settingsBody = openapi.body?.paths['/admin/v1/companies/{companyId}/scim-settings'].put.requestBody.content['application/json'].schema;
    expect(settingsBody.additionalProperties).toBe(false);
  });

  it('refuses a body nested thousands of levels deep as a problem+json 400, writing nothing', async () => {
    const name = `Deep ${Math.random().toString(36).slice(2, 8)}`;
    const response = await system.gateway.inject({
      method: 'POST',
      url: '/admin/v1/companies',
      headers: { authorization: `Bearer ${system.adminToken}`, 'content-type': 'application/json' },
      payload: `{"name":"${name}","workspaces":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ status: 400, detail: 'The request body nests objects and arrays more than 32 levels deep' });
    expect((await companiesNamed(name)).body).toMatchObject({ totalResults: 0, companies: [] });
  });

  it('refuses a compressed body as a problem+json 415 with Accept-Encoding: identity, writing nothing', async () => {
    const name = `Gzipped ${Math.random().toString(36).slice(2, 8)}`;
    const response = await system.gateway.inject({
      method: 'POST',
      url: '/admin/v1/companies',
      headers: { authorization: `Bearer ${system.adminToken}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(JSON.stringify({ name, workspaces: [{ name: 'Main' }] })),
    });
    expect(response.statusCode).toBe(415);
    expect(response.headers['accept-encoding']).toBe('identity');
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ status: 415, detail: 'Content-Encoding "gzip" is not supported: send the body uncompressed' });
    expect((await companiesNamed(name)).body).toMatchObject({ totalResults: 0, companies: [] });
  });

  it("sets a company's daily SCIM request limit apart from its SCIM settings, in its history, refusing bad values", async () => {
    const company = await admin.registerCompany();
    const limitUrl = `/admin/v1/companies/${company.id}/scim-request-limit`;
    for (const dailyRequestLimit of [0, -1, 1.5, '100', 100_000_001, undefined]) {
      const refused = await admin.call('PUT', limitUrl, { dailyRequestLimit });
      expect(refused.status).toBe(400);
      expect(refused.body?.errors.map((error: { path: string }) => error.path)).toEqual(['dailyRequestLimit']);
    }
    expect((await admin.call('PUT', `/admin/v1/companies/${randomUUID()}/scim-request-limit`, { dailyRequestLimit: 5 })).status).toBe(404);

    expect((await admin.call('GET', `/admin/v1/companies/${company.id}`)).body).toMatchObject({ scimDailyRequestLimit: null, scimEffectiveDailyRequestLimit: 5000 });
    expect(await admin.call('PUT', limitUrl, { dailyRequestLimit: 20_000 })).toMatchObject({ status: 200, body: { dailyRequestLimit: 20_000 } });
    const settings = await admin.call('PUT', `/admin/v1/companies/${company.id}/scim-settings`, {
      provisioningMethod: 'okta',
      defaultWorkspaceId: company.workspaces[0].id,
    });
    expect(settings.status).toBe(200);
    expect((await admin.call('GET', `/admin/v1/companies/${company.id}`)).body).toMatchObject({ scimDailyRequestLimit: 20_000, scimEffectiveDailyRequestLimit: 20_000 });
    const history = await admin.call('GET', `/admin/v1/companies/${company.id}/history`);
    expect(history.body?.events.map((entry: { summary: string }) => entry.summary)).toContain('SCIM request limit: the default → 20,000 a day');
  });

  it('refuses duplicate workspace names (case-insensitive) and answers 404 for unknown companies', async () => {
    const company = await admin.registerCompany();
    const duplicate = await admin.call('POST', `/admin/v1/companies/${company.id}/workspaces`, { name: 'PRODUCTION' });
    expect(duplicate.status).toBe(409);

    const added = await admin.call('POST', `/admin/v1/companies/${company.id}/workspaces`, { name: 'EU', teams: [{ name: 'Ops' }] });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'EU', teams: [{ name: 'Ops' }] });

    for (const id of ['6b0f7f53-4c0c-4c37-bb8f-5a0f3c6b2d10', 'not-a-uuid']) {
      const missing = await admin.call('GET', `/admin/v1/companies/${id}`);
      expect(missing.status).toBe(404);
    }
  });

  it('configures SCIM settings, normalising the allowlist and the origin, and shows them on the company', async () => {
    const company = await admin.registerCompany();
    const put = await admin.call('PUT', `/admin/v1/companies/${company.id}/scim-settings`, {
      provisioningMethod: 'custom',
      defaultWorkspaceId: company.workspaces[0]?.id,
      serviceOrigin: 'HTTPS://IdP.Example.com/',
      ipAllowlist: '203.0.113.0/24, 198.51.100.7, 2001:0db8::/32, 198.51.100.7',
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      provisioningMethod: 'custom',
      defaultWorkspaceId: company.workspaces[0]?.id,
      serviceOrigin: 'https://idp.example.com',
      ipAllowlist: ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32'],
    });

    const get = await admin.call('GET', `/admin/v1/companies/${company.id}`);
    expect(get.status).toBe(200);
    expect(get.body).toMatchObject({ id: company.id, scimSettings: put.body, scimToken: null });
  });

  it('rejects a bad allowlist entry and an unknown default workspace, naming them, and writes nothing', async () => {
    const company = await admin.registerCompany();
    const badEntry = await admin.call('PUT', `/admin/v1/companies/${company.id}/scim-settings`, {
      defaultWorkspaceId: company.workspaces[0]?.id,
      serviceOrigin: 'idp.example.com',
      ipAllowlist: '10.0.0.1, 300.1.1.1',
    });
    expect(badEntry.status).toBe(400);
    expect(JSON.stringify(badEntry.body?.errors)).toContain('300.1.1.1');

    const badWorkspace = await admin.call('PUT', `/admin/v1/companies/${company.id}/scim-settings`, {
      defaultWorkspaceId: '0c5c3b7e-1d0e-4f6a-9a51-7b7f5d6a8e21',
      serviceOrigin: 'idp.example.com',
    });
    expect(badWorkspace.status).toBe(400);
    expect(JSON.stringify(badWorkspace.body?.errors)).toContain('defaultWorkspaceId');

    const get = await admin.call('GET', `/admin/v1/companies/${company.id}`);
    expect(get.body?.scimSettings).toBeNull();
  });

  it('issues a token once (409 while settings are incomplete), shows only its hint, resets and revokes it', async () => {
    const company = await admin.registerCompany();
    const tokenUrl = `/admin/v1/companies/${company.id}/scim-token`;

    const early = await admin.call('POST', tokenUrl);
    expect(early.status).toBe(409);

    await admin.call('PUT', `/admin/v1/companies/${company.id}/scim-settings`, {
      defaultWorkspaceId: company.workspaces[0]?.id,
      serviceOrigin: 'idp.example.com',
    });
    expect((await admin.call('GET', tokenUrl)).status).toBe(404);

    const issued = await admin.call('POST', tokenUrl);
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({
      token: expect.stringMatching(/^scim_[A-Za-z0-9_-]{43,}$/),
      hint: (issued.body?.token as string).slice(-4),
      issuedAt: expect.any(String),
      endpoint: 'http://localhost:80/scim/v2',
    });

    const shown = await admin.call('GET', tokenUrl);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ hint: issued.body?.hint, issuedAt: issued.body?.issuedAt, endpoint: issued.body?.endpoint });
    expect(shown.raw).not.toContain(issued.body?.token);
    const company1 = await admin.call('GET', `/admin/v1/companies/${company.id}`);
    expect(company1.body?.scimToken).toEqual(shown.body);
    expect(company1.raw).not.toContain(issued.body?.token);

    const reset = await admin.call('POST', tokenUrl);
    expect(reset.status).toBe(201);
    expect(reset.body?.token).not.toBe(issued.body?.token);
    expect((await admin.call('GET', tokenUrl)).body?.hint).toBe(reset.body?.hint);

    expect((await admin.call('DELETE', tokenUrl)).status).toBe(204);
    expect((await admin.call('GET', tokenUrl)).status).toBe(404);
    // Revoking again is no error; revoking for a company that does not exist is.
    expect((await admin.call('DELETE', tokenUrl)).status).toBe(204);
    const unknown = await admin.call('DELETE', '/admin/v1/companies/6b0f7f53-4c0c-4c37-bb8f-5a0f3c6b2d10/scim-token');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('publishes the admin API as OpenAPI', async () => {
    const response = await admin.call('GET', '/admin/v1/openapi.json', undefined, null);
    expect(response.status).toBe(200);
    expect(response.body?.openapi).toBe('3.0.3');
    expect(Object.keys(response.body?.paths ?? {})).toEqual(
      expect.arrayContaining([
        '/admin/v1/companies',
        '/admin/v1/companies/{companyId}',
        '/admin/v1/companies/{companyId}/workspaces',
        '/admin/v1/companies/{companyId}/scim-settings',
        '/admin/v1/companies/{companyId}/scim-request-limit',
        '/admin/v1/companies/{companyId}/scim-token',
        '/admin/v1/companies/{companyId}/users',
        '/admin/v1/companies/{companyId}/history',
      ]),
    );
    expect(Object.keys(response.body?.paths['/admin/v1/companies'])).toEqual(['get', 'post']);
  });
});
