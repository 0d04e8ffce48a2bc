import { AdminClient } from './support/admin-client';
import { PATCH_SCHEMA, ScimClient, uniqueEmail, USER_SCHEMA, type ScimResponse } from './support/scim-client';
import { provisionTenant } from './support/scim-tenant';
import { startSystem, type RunningSystem } from './support/system';

/** The versions the responses name, in revision order. */
function versionsOf(responses: readonly ScimResponse[]): string[] {
  return responses.map((response) => String(response.body.meta.version)).sort((a, b) => Number(a.slice(3, -1)) - Number(b.slice(3, -1)));
}

describe('concurrency (two gateways, two settings-services)', () => {
  let system: RunningSystem;
  let admin: AdminClient;

  beforeAll(async () => {
    system = await startSystem();
    await system.startAnotherSettingsService();
    admin = new AdminClient(system.gateway, system.adminToken);
  });
  afterAll(() => system.stop());

  it('gives exactly one 201 and 49 x 409 uniqueness for 50 concurrent creates of one userName in any case', async () => {
    const secondGateway = await system.startAnotherGateway();
    const first = new ScimClient(system.gateway, await provisionTenant(admin));
    const second = new ScimClient(system.gateway, await provisionTenant(admin)).via(secondGateway);
    const userName = uniqueEmail('race');
    const spellings = [userName, userName.toUpperCase(), userName.replace(/^r/, 'R')];

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) => {
        const client = index % 2 === 0 ? first : second.via(index % 4 === 1 ? secondGateway : system.gateway);
        return client.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: spellings[index % spellings.length] });
      }),
    );

    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    for (const conflict of responses.filter((response) => response.status === 409)) {
      expect(conflict.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    }

    const winner = responses.find((response) => response.status === 201);
    const owner = winner?.body.id && (await first.call('GET', `/Users/${winner.body.id}`)).status === 200 ? first : second;
    // Read models of other instances catch up asynchronously: wait briefly, then there must be exactly one.
    let total = 0;
    for (let attempt = 0; attempt < 40 && total === 0; attempt++) {
      const listed = await owner.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
      total = listed.body.totalResults;
      if (total === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(total).toBe(1);
  });

  it('loses no PATCH: concurrent PATCHes without If-Match on one user all land, each on the revision it was decided on', async () => {
    const secondGateway = await system.startAnotherGateway();
    const client = new ScimClient(system.gateway, await provisionTenant(admin));
    const created = await client.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail('patched') });
    expect(created.status).toBe(201);
    const added = Array.from({ length: 8 }, (_, index) => uniqueEmail(`extra${index}`));

    const responses = await Promise.all(
      added.map((value, index) =>
        (index % 2 === 0 ? client : client.via(secondGateway)).call('PATCH', `/Users/${created.body.id}`, {
          schemas: [PATCH_SCHEMA],
          Operations: [{ op: 'add', path: 'emails', value: [{ value, type: 'other' }] }],
        }),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(added.map(() => 200));
    expect(versionsOf(responses)).toEqual(added.map((_, index) => `W/"${index + 1}"`));
    const finalUser = await client.call('GET', `/Users/${created.body.id}`);
    const emails = (finalUser.body.emails as { value: string }[]).map((email) => email.value);
    expect(emails).toEqual(expect.arrayContaining(added));
    expect(finalUser.body.meta.version).toBe(`W/"${added.length}"`);
  });

  it('loses no PUT: concurrent PUTs without If-Match on one user all land, the last one written is what a GET shows', async () => {
    const secondGateway = await system.startAnotherGateway();
    const client = new ScimClient(system.gateway, await provisionTenant(admin));
    const userName = uniqueEmail('replaced');
    const created = await client.call('POST', '/Users', { schemas: [USER_SCHEMA], userName, name: { givenName: 'Jane', familyName: 'Doe' } });
    expect(created.status).toBe(201);
    const familyNames = Array.from({ length: 8 }, (_, index) => `Doe-${index}`);

    const responses = await Promise.all(
      familyNames.map((familyName, index) =>
        (index % 2 === 0 ? client : client.via(secondGateway)).call('PUT', `/Users/${created.body.id}`, {
          schemas: [USER_SCHEMA],
          userName,
          name: { givenName: 'Jane', familyName },
        }),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(familyNames.map(() => 200));
    // Each PUT landed on a revision of its own; the one at the last revision is what a GET shows.
    expect(versionsOf(responses)).toEqual(familyNames.map((_, index) => `W/"${index + 1}"`));
    const last = responses.find((response) => response.body.meta.version === `W/"${familyNames.length}"`);
    const finalUser = await client.call('GET', `/Users/${created.body.id}`);
    expect(finalUser.body).toMatchObject({ name: { familyName: last?.body.name.familyName }, meta: { version: `W/"${familyNames.length}"` } });
  });

  it('lands a burst of 40 PATCHes to one user through one gateway, one after another, none refused', async () => {
    const client = new ScimClient(system.gateway, await provisionTenant(admin));
    const created = await client.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail('burst') });
    expect(created.status).toBe(201);
    const added = Array.from({ length: 40 }, (_, index) => uniqueEmail(`burst${index}`));

    const responses = await Promise.all(
      added.map((value) =>
        client.call('PATCH', `/Users/${created.body.id}`, {
          schemas: [PATCH_SCHEMA],
          Operations: [{ op: 'add', path: 'emails', value: [{ value, type: 'other' }] }],
        }),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(added.map(() => 200));
    expect(versionsOf(responses)).toEqual(added.map((_, index) => `W/"${index + 1}"`));
    const emails = ((await client.call('GET', `/Users/${created.body.id}`)).body.emails as { value: string }[]).map((email) => email.value);
    expect(emails).toEqual(expect.arrayContaining(added));
  });
});
