import { AdminClient } from './support/admin-client';
import { ScimClient, USER_SCHEMA } from './support/scim-client';
import { provisionTenant } from './support/scim-tenant';
import { startSystem, type RunningSystem } from './support/system';

/**
 * Microsoft's SCIM test collection ("User tests with garbage") replayed with email userNames, which this
 * product requires (the collection's own run is in the README with what does not apply and why).
 */
describe("Microsoft's garbage-tolerance scenarios", () => {
  let system: RunningSystem;
  let scim: ScimClient;
  const tag = Date.now().toString(36);
  const address = { country: 'Bermuda', formatted: '9132 Jennifer Way', locality: 'West Mercedes', postalCode: '99265', type: 'work', primary: false };
  const employee = (name: string, extra: Record<string, unknown> = {}) => ({
    schemas: [USER_SCHEMA],
    userName: `${name}.${tag}@example.com`,
    active: true,
    addresses: [address, { country: null, formatted: null }],
    displayName: `${name} Display`,
    emails: [{ type: 'work', primary: true, value: `${name}.${tag}@example.com` }, { type: 'home', primary: false, value: `${name}.${tag}@example.org` }],
    meta: { created: '2020-01-01T00:00:00Z', lastModified: '2020-01-01T00:00:00Z', location: 'x', resourceType: 'User', version: 'x' },
    name: { familyName: 'Employee', givenName: name, formatted: `${name} Employee` },
    phoneNumbers: [{ type: 'work', value: '+1 555 0100' }],
    title: 'Engineer',
    ...extra,
  });

  beforeAll(async () => {
    system = await startSystem();
    scim = new ScimClient(system.gateway, await provisionTenant(new AdminClient(system.gateway, system.adminToken), { provisioningMethod: 'entra_id' }));
  });
  afterAll(() => system.stop());

  it('creates users carrying unsupported attributes and string booleans, and refuses a duplicate with 409', async () => {
    const first = await scim.call('POST', '/Users', employee('omalley'));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ userName: `omalley.${tag}@example.com`, active: true });
    expect(first.raw).not.toContain('Bermuda');

    const stringTrue = await scim.call('POST', '/Users', employee('emp1', { active: 'True' }));
    expect(stringTrue.status).toBe(201);
    expect(stringTrue.body.active).toBe(true);
    expect((await scim.call('POST', '/Users', employee('emp2'))).status).toBe(201);
    expect((await scim.call('POST', '/Users', employee('emp3'))).status).toBe(201);

    const again = await scim.call('POST', '/Users', employee('emp3'));
    expect(again.status).toBe(409);
    expect(again.body.scimType).toBe('uniqueness');

    const junk = await scim.call('POST', '/Users', '{ "acve": tre, "adadfdresses": [ }');
    expect(junk.status).toBe(400);
  });

  it('answers lower-case resource paths and a trailing slash before the query', async () => {
    const lower = await scim.call('GET', '/users?count=1');
    expect(lower.status).toBe(200);
    const slash = await scim.call('GET', `/Users/?filter=${encodeURIComponent(`displayName eq "omalley Display"`)}`);
    expect(slash.status).toBe(200);
    expect(slash.body.totalResults).toBe(1);
  });

  it('ignores a misspelled attribute on PUT and keeps what it did not name', async () => {
    const [user] = (await scim.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "omalley.${tag}@example.com"`)}`)).body.Resources;
    const put = await scim.call('PUT', `/Users/${user.id}`, {
      id: user.id,
      schemas: [USER_SCHEMA],
      userName: user.userName,
      active: false,
      adreses: [address],
      name: { familyName: 'Employee', givenName: 'Omalley' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ active: false, name: { givenName: 'Omalley' } });
    expect(put.raw.toLowerCase()).not.toContain('adreses');
  });

  it('pages, selects attributes and filters as the collection does (unquoted values, 7-digit fractions)', async () => {
    const page = await scim.call('GET', '/Users?startIndex=1&count=2');
    expect(page.body).toMatchObject({ totalResults: 4, itemsPerPage: 2, startIndex: 1 });

    const attributes = await scim.call('GET', '/Users?attributes=userName,emails');
    expect(attributes.body.totalResults).toBe(4);
    expect(Object.keys(attributes.body.Resources[0]).sort()).toEqual(['emails', 'id', 'schemas', 'userName']);

    const andOr = await scim.call('GET', `/Users?filter=${encodeURIComponent('name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)')}`);
    expect(andOr.status).toBe(200);
    expect(andOr.body.totalResults).toBe(4);

    const startsWith = await scim.call('GET', `/Users?filter=${encodeURIComponent('userName sw O')}`);
    expect(startsWith.body.totalResults).toBe(1);

    const createdAfter = await scim.call('GET', `/Users?filter=${encodeURIComponent('meta.Created gt 2015-10-10T14:38:21.8617979-07:00')}`);
    expect(createdAfter.status).toBe(200);
    expect(createdAfter.body.totalResults).toBe(4);
  });

  it('patches active with a real boolean and answers 200 with the resource', async () => {
    const [user] = (await scim.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "emp1.${tag}@example.com"`)}`)).body.Resources;
    const patched = await scim.call('PATCH', `/Users/${user.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: false }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.active).toBe(false);
  });
});
