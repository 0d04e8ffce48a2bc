import { gzipSync } from 'node:zlib';
import { AdminClient } from './support/admin-client';
import { provisionTenant, type ScimTenant } from './support/scim-tenant';
import { startSystem, type RunningSystem } from './support/system';

describe('SCIM request gate', () => {
  let system: RunningSystem;
  let admin: AdminClient;
  let tenant: ScimTenant;

  const scim = (token: string | undefined, headers: Record<string, string> = {}, url = '/scim/v2/ServiceProviderConfig') =>
    system.gateway.inject({
      method: 'GET',
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'x-request-origin': tenant.origin, ...headers },
    });
  /** The tenant's credentials for a request with a SCIM body. */
  const writeHeaders = () => ({ authorization: `Bearer ${tenant.token}`, 'x-request-origin': tenant.origin, 'content-type': 'application/scim+json' });

  beforeAll(async () => {
    system = await startSystem();
    admin = new AdminClient(system.gateway, system.adminToken);
    tenant = await provisionTenant(admin);
  });
  afterAll(() => system.stop());

  it('lets a verified token with the right origin through, as application/scim+json with rate limit headers', async () => {
    const response = await scim(tenant.token);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/scim+json');
    expect(response.json()).toMatchObject({ patch: { supported: true }, bulk: { supported: false } });
    expect(Number(response.headers['x-ratelimit-limit'])).toBe(5000);
    expect(Number(response.headers['x-ratelimit-remaining'])).toBeLessThan(5000);
    expect(Number(response.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
  });

  it('accepts the older X-Origin-Request spelling, compared case-insensitively', async () => {
    const response = await system.gateway.inject({
      method: 'GET',
      url: '/scim/v2/ServiceProviderConfig',
      headers: { authorization: `Bearer ${tenant.token}`, 'x-origin-request': 'IDP.Example.COM' },
    });
    expect(response.statusCode).toBe(200);
  });

  it.each([
    ['no token', undefined, {}],
    ['an unknown token', 'scim_thisisnotatokenthisisnotatokenthisisnotatoken', {}],
    ['a wrong origin', 'TENANT', { 'x-request-origin': 'evil.example.com' }],
    ['no origin', 'TENANT', { 'x-request-origin': '' }],
  ])('answers 401 with a SCIM error for %s, without saying why', async (_case, token, headers) => {
    const response = await scim(token === 'TENANT' ? tenant.token : token, headers as Record<string, string>);
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/scim+json');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="scim"');
    expect(response.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '401',
      detail: 'Authorization failure',
    });
  });

  describe('before reading a body', () => {
    const oversized = JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'big@example.com', pad: 'x'.repeat(1_200_000) });
    const bodies: Array<[string, Record<string, string>, string | Buffer, number]> = [
      ['malformed JSON', {}, '{"schemas": [', 400],
      ['a gzip-compressed body', { 'content-encoding': 'gzip' }, gzipSync('{"userName":"zip@example.com"}'), 415],
      ['a body over the 1 MiB limit', {}, oversized, 413],
      ['a body that is not JSON', { 'content-type': 'text/plain' }, 'userName=plain@example.com', 415],
    ];
    const post = (token: string | undefined, headers: Record<string, string>, payload: string | Buffer, url = '/scim/v2/Users') =>
      system.gateway.inject({
        method: 'POST',
        url,
        headers: { ...writeHeaders(), authorization: token ? `Bearer ${token}` : '', ...headers },
        payload,
      });

    it.each(bodies)('answers 401 to a caller without a valid token that sends %s, before looking at it', async (_case, headers, payload) => {
      for (const token of [undefined, 'scim_thisisnotatokenthisisnotatokenthisisnotatoken']) {
        const response = await post(token, headers, payload);
        expect(response.statusCode).toBe(401);
        expect(response.json()).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'Authorization failure' });
      }
    });

    it.each(bodies)('still answers %s from the tenant with its own error', async (_case, headers, payload, status) => {
      const response = await post(tenant.token, headers, payload);
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status) });
      expect(response.headers['x-ratelimit-limit']).toBeDefined();
    });

    it('tells only a known caller that a path under /scim/v2 does not exist', async () => {
      expect((await scim(undefined, {}, '/scim/v2/Groups')).statusCode).toBe(401);
      expect((await scim(tenant.token, {}, '/scim/v2/Groups')).statusCode).toBe(404);
    });

    it.each([
      ['/scim/v2/Me', 'GET', '/Me is not supported'],
      ['/scim/v2/me/password', 'PATCH', '/Me is not supported'],
      ['/scim/v2/Bulk', 'POST', 'Bulk operations are not supported'],
    ])('answers %s (%s) 501 with the reason to a known caller, 401 to anyone else', async (url, method, reason) => {
      const refused = await system.gateway.inject({ method: method as 'GET', url, headers: { 'x-request-origin': tenant.origin } });
      expect(refused.statusCode).toBe(401);
      const response = await system.gateway.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${tenant.token}`, 'x-request-origin': tenant.origin } });
      expect(response.statusCode).toBe(501);
      expect(response.headers['content-type']).toContain('application/scim+json');
      expect(response.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '501', detail: expect.stringContaining(reason) });
    });
  });

  it('refuses clients outside the IP allowlist and admits those inside', async () => {
    const outside = await provisionTenant(admin, { ipAllowlist: '203.0.113.0/24' });
    const inside = await provisionTenant(admin, { ipAllowlist: '203.0.113.0/24, 127.0.0.1' });
    const call = (t: ScimTenant) =>
      system.gateway.inject({
        method: 'GET',
        url: '/scim/v2/ServiceProviderConfig',
        headers: { authorization: `Bearer ${t.token}`, 'x-request-origin': t.origin },
        remoteAddress: '127.0.0.1',
      });
    expect((await call(outside)).statusCode).toBe(401);
    expect((await call(inside)).statusCode).toBe(200);
  });

  it('does not ask for the origin header with an identity-provider method', async () => {
    const okta = await provisionTenant(admin, { provisioningMethod: 'okta' });
    const response = await system.gateway.inject({
      method: 'GET',
      url: '/scim/v2/ServiceProviderConfig',
      headers: { authorization: `Bearer ${okta.token}` },
    });
    expect(response.statusCode).toBe(200);
  });

  it('holds a company to the daily limit an admin set for it: 429 with Retry-After past it, the default again with null', async () => {
    const own = await provisionTenant(admin);
    const limitUrl = `/admin/v1/companies/${own.companyId}/scim-request-limit`;
    const call = () => scim(own.token, { 'x-request-origin': own.origin });
    expect(await admin.call('PUT', limitUrl, { dailyRequestLimit: 2 })).toMatchObject({ status: 200, body: { dailyRequestLimit: 2 } });

    const answers = [await call(), await call(), await call()];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 429]);
    expect(answers.map((answer) => [answer.headers['x-ratelimit-limit'], answer.headers['x-ratelimit-remaining']])).toEqual([
      ['2', '1'],
      ['2', '0'],
      ['2', '0'],
    ]);
    const refused = answers[2];
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(86_400);
    expect(refused.headers['content-type']).toContain('application/scim+json');
    expect(JSON.parse(refused.body)).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '429',
      detail: 'The daily limit of 2 SCIM requests is used up',
    });
    expect((await admin.call('GET', `/admin/v1/companies/${own.companyId}`)).body).toMatchObject({ scimDailyRequestLimit: 2 });

    expect(await admin.call('PUT', limitUrl, { dailyRequestLimit: null })).toMatchObject({ status: 200, body: { dailyRequestLimit: null } });
    const again = await call();
    expect(again.statusCode).toBe(200);
    expect([again.headers['x-ratelimit-limit'], again.headers['x-ratelimit-remaining']]).toEqual(['5000', '4997']);
  });

  it('stops the old token at once when the admin resets it, and the new one works at once', async () => {
    const own = await provisionTenant(admin);
    expect((await scim(own.token)).statusCode).toBe(200);

    const reset = await admin.call('POST', `/admin/v1/companies/${own.companyId}/scim-token`);
    const newToken = reset.body?.token as string;
    expect((await scim(newToken)).statusCode).toBe(200);
    expect((await waitForStatus(() => scim(own.token), 401, 1_000)).statusCode).toBe(401);

    await admin.call('DELETE', `/admin/v1/companies/${own.companyId}/scim-token`);
    expect((await waitForStatus(() => scim(newToken), 401, 1_000)).statusCode).toBe(401);
  });

  it('stops a reset token on every gateway instance, including one that had it cached', async () => {
    const own = await provisionTenant(admin);
    const second = await system.startAnotherGateway();
    const viaSecond = (token: string) =>
      second.inject({
        method: 'GET',
        url: '/scim/v2/ServiceProviderConfig',
        headers: { authorization: `Bearer ${token}`, 'x-request-origin': own.origin },
      });
    expect((await viaSecond(own.token)).statusCode).toBe(200);

    await admin.call('POST', `/admin/v1/companies/${own.companyId}/scim-token`);
    expect((await waitForStatus(() => viaSecond(own.token), 401, 1_000)).statusCode).toBe(401);
  });

  it('serves the discovery documents read-only', async () => {
    const schemas = await scim(tenant.token, {}, '/scim/v2/Schemas');
    expect(schemas.statusCode).toBe(200);
    expect(schemas.json().Resources.map((schema: { id: string }) => schema.id)).toContain(
      'urn:ietf:params:scim:schemas:core:2.0:User',
    );
    const userSchema = await scim(tenant.token, {}, '/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User');
    expect(userSchema.statusCode).toBe(200);
    const types = await scim(tenant.token, {}, '/scim/v2/ResourceTypes');
    expect(types.json()).toMatchObject({ totalResults: 1, Resources: [{ id: 'User', endpoint: '/Users' }] });

    const post = await system.gateway.inject({
      method: 'POST',
      url: '/scim/v2/ServiceProviderConfig',
      headers: writeHeaders(),
      payload: 'test',
    });
    expect(post.statusCode).toBe(405);
    expect(post.headers.allow).toBe('GET');
    expect(post.json()).toMatchObject({ status: '405' });
  });

  it.each([
    ['PUT', '/scim/v2/Users', 'GET, POST'],
    ['DELETE', '/scim/v2/users/', 'GET, POST'],
    ['GET', '/scim/v2/Users/.search', 'POST'],
    ['POST', '/scim/v2/Users/2819c223-7f76-453a-919d-413861904646', 'GET, PUT, PATCH, DELETE'],
    ['DELETE', '/scim/v2/schemas', 'GET'],
  ])('answers %s %s with 405 and Allow: %s, before reading the body', async (method, url, allow) => {
    const response = await system.gateway.inject({
      method: method as 'GET',
      url,
      headers: writeHeaders(),
      ...(method === 'GET' ? {} : { payload: '{not json' }),
    });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.headers['content-type']).toContain('application/scim+json');
    expect(response.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '405',
      detail: `${method} is not supported here: this endpoint answers ${allow}`,
    });
  });

  it('still routes what each endpoint answers: an unknown user is 404 to GET, PUT, PATCH and DELETE alike', async () => {
    const url = '/scim/v2/Users/2819c223-7f76-453a-919d-413861904646';
    const headers = writeHeaders();
    const bodies = {
      GET: undefined,
      PUT: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'nobody@example.com' },
      PATCH: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] },
      DELETE: undefined,
    } as const;
    for (const [method, body] of Object.entries(bodies)) {
      const response = await system.gateway.inject({ method: method as 'GET', url, headers, ...(body ? { payload: body } : {}) });
      expect([method, response.statusCode]).toEqual([method, 404]);
    }
  });
});

/** Revocation reaches gateways asynchronously (within a second); poll briefly for the expected status. */
async function waitForStatus<T extends { statusCode: number }>(call: () => Promise<T>, status: number, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const response = await call();
    if (response.statusCode === status || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
