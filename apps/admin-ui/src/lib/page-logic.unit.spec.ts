import { ApiError, AdminApi } from './api';
import { issuesByField } from './field-errors';
import { actorLabel, allowlistText, maskedToken, personName, requestLimitText } from './format';
import { pageRange } from './page-range';
import { hrefOf, parseRoute } from './route';
import { sessionCredentialStore } from './session';
import { missingForToken } from './token-readiness';
import { userNameStartsWith } from './user-filter';

const workspaceId = '0c5c3b7e-1d0e-4f6a-9a51-7b7f5d6a8e21';

describe('pageRange', () => {
  it('says which results a page shows and whether there are pages before and after it', () => {
    expect(pageRange(1, null)).toEqual({ first: 0, last: 0, hasPrevious: false, hasNext: false });
    expect(pageRange(1, { totalResults: 0, shown: 0 })).toEqual({ first: 0, last: 0, hasPrevious: false, hasNext: false });
    expect(pageRange(1, { totalResults: 61, shown: 50 })).toEqual({ first: 1, last: 50, hasPrevious: false, hasNext: true });
    expect(pageRange(51, { totalResults: 61, shown: 11 })).toEqual({ first: 51, last: 61, hasPrevious: true, hasNext: false });
    // Past the end (the results shrank since): nothing shown, but a way back.
    expect(pageRange(101, { totalResults: 61, shown: 0 })).toEqual({ first: 0, last: 0, hasPrevious: true, hasNext: false });
  });
});

describe('issuesByField', () => {
  it('puts each refused allowlist entry under the allowlist field, numbered for people', () => {
    expect(
      issuesByField([
        { path: 'ipAllowlist[1]', message: '"300.1.1.1" is not an IPv4 or IPv6 address' },
        { path: 'ipAllowlist[3]', message: '"10.0.0.0/40": the prefix length must be between 0 and 32' },
        { path: 'serviceOrigin', message: 'a service origin is required' },
        { path: 'workspaces.0.name', message: 'a name is required' },
        { path: '', message: 'bad body' },
      ]),
    ).toEqual({
      ipAllowlist: ['Entry 2: "300.1.1.1" is not an IPv4 or IPv6 address', 'Entry 4: "10.0.0.0/40": the prefix length must be between 0 and 32'],
      serviceOrigin: ['a service origin is required'],
      workspaces: ['a name is required'],
      '(form)': ['bad body'],
    });
  });
});

describe('userNameStartsWith', () => {
  it('builds a userName sw filter with the text as an escaped string, none for blank text', () => {
    expect(userNameStartsWith('  ann ')).toBe('userName sw "ann"');
    expect(userNameStartsWith('a"b\\c')).toBe('userName sw "a\\"b\\\\c"');
    expect(userNameStartsWith('   ')).toBeUndefined();
  });
});

describe('missingForToken', () => {
  it('asks for a default workspace always and a service origin only with the custom method', () => {
    expect(missingForToken(null)).toEqual(['default workspace', 'service origin']);
    const saved = { provisioningMethod: 'custom' as const, defaultWorkspaceId: workspaceId, serviceOrigin: null, ipAllowlist: [] };
    expect(missingForToken(saved)).toEqual(['service origin']);
    expect(missingForToken({ ...saved, provisioningMethod: 'okta' })).toEqual([]);
    expect(missingForToken({ ...saved, serviceOrigin: 'idp.example.com' })).toEqual([]);
  });
});

describe('routes', () => {
  it('keeps the company in the hash and falls back to the picker', () => {
    expect(parseRoute(`#/companies/${workspaceId.toUpperCase()}`)).toEqual({ page: 'company', companyId: workspaceId });
    expect(parseRoute('#/companies/not-an-id')).toEqual({ page: 'companies' });
    expect(parseRoute('')).toEqual({ page: 'companies' });
    expect(hrefOf({ page: 'company', companyId: workspaceId })).toBe(`#/companies/${workspaceId}`);
  });
});

describe('formatting', () => {
  it('masks all but the hint, names people, joins the allowlist', () => {
    expect(maskedToken('Ab3x')).toBe('••••••••••••Ab3x');
    expect(personName({ givenName: 'Ann', familyName: 'Lee', formatted: null })).toBe('Ann Lee');
    expect(personName({ givenName: null, familyName: null, formatted: null })).toBe('—');
    expect(allowlistText(['203.0.113.0/24', '::1'])).toBe('203.0.113.0/24, ::1');
    expect(actorLabel({ type: 'admin', id: 'admin' })).toBe('admin');
    expect(actorLabel({ type: 'scim-token', id: 'tok-1' })).toBe('SCIM token tok-1');
  });

  it("says the daily request limit, and whether it is the company's own", () => {
    expect(requestLimitText({ scimEffectiveDailyRequestLimit: 5000, scimDailyRequestLimit: null })).toBe(
      `The identity provider may make ${(5000).toLocaleString()} SCIM requests a day, shared by every endpoint.`,
    );
    expect(requestLimitText({ scimEffectiveDailyRequestLimit: 250, scimDailyRequestLimit: 250 })).toBe(
      'The identity provider may make 250 SCIM requests a day, shared by every endpoint: a limit set for this company.',
    );
  });
});

describe('sessionCredentialStore', () => {
  it('keeps the credential under one key of the storage it is given', () => {
    const values = new Map<string, string>();
    const store = sessionCredentialStore({
      getItem: (key) => values.get(key) ?? null,
      setItem: (key, value) => void values.set(key, value),
      removeItem: (key) => void values.delete(key),
    });
    expect(store.read()).toBeNull();
    store.save('adm_secret');
    expect([...values.values()]).toEqual(['adm_secret']);
    store.clear();
    expect(values.size).toBe(0);
  });
});

describe('AdminApi', () => {
  const reply = (status: number, body: unknown) =>
    Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

  it('sends the credential as a bearer token and the body as JSON', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    const api = new AdminApi('adm_x', {
      fetch: (url, init) => {
        calls.push({ url, init });
        return reply(200, { provisioningMethod: 'custom' });
      },
    });
    await api.saveSettings(workspaceId, { provisioningMethod: 'custom', defaultWorkspaceId: workspaceId, serviceOrigin: 'a.example', ipAllowlist: null });
    expect(calls[0]?.url).toBe(`/admin/v1/companies/${workspaceId}/scim-settings`);
    expect(calls[0]?.init?.method).toBe('PUT');
    expect((calls[0]?.init?.headers as Record<string, string>)['authorization']).toBe('Bearer adm_x');
    expect(JSON.parse(String(calls[0]?.init?.body))).toMatchObject({ serviceOrigin: 'a.example', ipAllowlist: null });
  });

  it('puts the users query into the URL, the filter only when there is one', async () => {
    const urls: string[] = [];
    const api = new AdminApi('adm_x', { fetch: (url) => (urls.push(url), reply(200, { users: [] })) });
    await api.users(workspaceId, { startIndex: 11, count: 10, sortBy: 'userName', sortOrder: 'ascending' });
    await api.users(workspaceId, { filter: 'userName sw "a"', startIndex: 1, count: 10, sortBy: 'lastModified', sortOrder: 'descending' });
    expect(urls[0]).toBe(`/admin/v1/companies/${workspaceId}/users?startIndex=11&count=10&sortBy=userName&sortOrder=ascending`);
    expect(new URL(urls[1] ?? '', 'http://x').searchParams.get('filter')).toBe('userName sw "a"');
  });

  it('puts the companies query into the URL, the name only when there is one', async () => {
    const urls: string[] = [];
    const api = new AdminApi('adm_x', { fetch: (url) => (urls.push(url), reply(200, { companies: [] })) });
    await api.listCompanies({ startIndex: 51, count: 50 });
    await api.listCompanies({ name: 'Acme & Co', startIndex: 1, count: 50 });
    expect(urls[0]).toBe('/admin/v1/companies?startIndex=51&count=50');
    expect(new URL(urls[1] ?? '', 'http://x').searchParams.get('name')).toBe('Acme & Co');
  });

  it('turns a problem+json answer into an ApiError with its issues, and reports a 401', async () => {
    let unauthorized = 0;
    const api = new AdminApi('adm_x', {
      fetch: (url) =>
        url.endsWith('/scim-token')
          ? reply(401, { detail: 'A valid admin bearer token is required' })
          : reply(400, { detail: 'Invalid SCIM provisioning settings: ipAllowlist', errors: [{ path: 'ipAllowlist[0]', message: 'bad' }] }),
      onUnauthorized: () => unauthorized++,
    });
    const refused = await api.saveSettings(workspaceId, { provisioningMethod: 'custom', defaultWorkspaceId: workspaceId, serviceOrigin: null, ipAllowlist: 'x' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 400, message: 'Invalid SCIM provisioning settings: ipAllowlist', issues: [{ path: 'ipAllowlist[0]', message: 'bad' }] });
    expect(unauthorized).toBe(0);
    await expect(api.issueToken(workspaceId)).rejects.toMatchObject({ status: 401 });
    expect(unauthorized).toBe(1);
  });

  it('says so when the gateway cannot be reached', async () => {
    const api = new AdminApi('adm_x', { fetch: () => Promise.reject(new TypeError('fetch failed')) });
    await expect(api.listCompanies({ startIndex: 1, count: 50 })).rejects.toMatchObject({ status: 0, message: expect.stringContaining('cannot be reached') });
  });
});
