import { gzipSync } from 'node:zlib';
import { AdminClient } from './support/admin-client';
import { ERROR_SCHEMA, PATCH_SCHEMA, ScimClient, uniqueEmail, USER_SCHEMA } from './support/scim-client';
import { provisionTenant } from './support/scim-tenant';
import { startSystem, type RunningSystem } from './support/system';

describe('SCIM /Users end to end (gateway -> NATS -> settings-service -> event store)', () => {
  let system: RunningSystem;
  let admin: AdminClient;
  let scim: ScimClient;

  beforeAll(async () => {
    system = await startSystem();
    admin = new AdminClient(system.gateway, system.adminToken);
    scim = new ScimClient(system.gateway, await provisionTenant(admin));
  });
  afterAll(() => system.stop());

  describe("the modelled product's documented calls", () => {
    it('creates, reads, finds, updates and deletes a dashboard user; the userName can then be used again', async () => {
      const userName = uniqueEmail('jane');
      const created = await scim.call('POST', '/Users', {
        schemas: [USER_SCHEMA],
        userName,
        name: { givenName: 'Jane', familyName: 'Doe' },
        department: 'engineering',
        permissions: {
          companyPermissions: [],
          roles: [{ roleName: 'Marketer' }],
          appGroup: [
            {
              appGroupName: 'Production',
              appGroupPermissions: ['view_campaigns', 'view_segments'],
              team: [{ teamName: 'Growth', teamPermissions: ['view_campaigns'] }],
            },
          ],
        },
      });
      expect(created.status).toBe(201);
      expect(created.headers['content-type']).toContain('application/scim+json');
      const id = created.body.id as string;
      expect(created.headers['location']).toMatch(new RegExp(`/scim/v2/Users/${id}$`));
      expect(created.headers['etag']).toBe('W/"0"');
      expect(created.body).toMatchObject({
        schemas: expect.arrayContaining([USER_SCHEMA]),
        userName,
        name: { givenName: 'Jane', familyName: 'Doe' },
        department: 'engineering',
        active: true,
        emails: [{ value: userName, type: 'work', primary: true }],
        lastSignInAt: 'N/A',
        meta: { resourceType: 'User', version: 'W/"0"' },
        permissions: {
          roles: [{ roleId: scim.tenant.roleId, roleName: 'Marketer' }],
          appGroup: [
            {
              appGroupId: scim.tenant.workspaceId,
              appGroupName: 'Production',
              appGroupPermissions: ['view_campaigns', 'view_segments'],
              team: [{ teamId: scim.tenant.teamIds[0], teamName: 'Growth', teamPermissions: ['view_campaigns'] }],
            },
          ],
        },
      });

      const read = await scim.call('GET', `/Users/${id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);

      const found = await scim.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName.toUpperCase()}"`)}`);
      expect(found.status).toBe(200);
      expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id, userName }] });

      const replaced = await scim.call('PUT', `/Users/${id}`, {
        schemas: [USER_SCHEMA],
        name: { givenName: 'Janet', familyName: 'Doe' },
        department: 'finance',
        permissions: { appGroup: [{ appGroupId: scim.tenant.workspaceId, appGroupPermissions: ['view_campaigns'] }] },
      });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ userName, name: { givenName: 'Janet' }, department: 'finance' });
      expect(replaced.headers['etag']).not.toBe(created.headers['etag']);

      expect((await scim.call('DELETE', `/Users/${id}`)).status).toBe(204);
      for (const method of ['GET', 'PUT', 'PATCH', 'DELETE'] as const) {
        const body = method === 'PUT' ? { schemas: [USER_SCHEMA], userName } : method === 'PATCH' ? { schemas: [PATCH_SCHEMA], Operations: [] } : undefined;
        const after = await scim.call(method, `/Users/${id}`, body);
        expect(after.status).toBe(404);
        expect(after.body).toEqual({ schemas: [ERROR_SCHEMA], status: '404', detail: 'User not found' });
      }
      const again = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName, name: { givenName: 'J', familyName: 'D' } });
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(id);
    });

    it('puts a user without workspaces into the default workspace', async () => {
      const created = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail(), name: { givenName: 'A', familyName: 'B' } });
      expect(created.status).toBe(201);
      expect(created.body.permissions.appGroup.map((group: { appGroupId: string }) => group.appGroupId)).toEqual([scim.tenant.workspaceId]);
    });

    it('names an unknown workspace, team, role or permission in a 400 invalidValue', async () => {
      const cases = [
        [{ appGroup: [{ appGroupName: 'Nope' }] }, 'Nope'],
        [{ appGroup: [{ appGroupName: 'Production', team: [{ teamName: 'Ghosts' }] }] }, 'Ghosts'],
        [{ roles: [{ roleName: 'Wizard' }] }, 'Wizard'],
        [{ appGroup: [{ appGroupName: 'Production', appGroupPermissions: ['launch_rockets'] }] }, 'launch_rockets'],
      ] as const;
      for (const [permissions, named] of cases) {
        const response = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail(), permissions });
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ scimType: 'invalidValue' });
        expect(response.body.detail).toContain(named);
      }
    });
  });

  describe('what Okta sends', () => {
    it('filters, creates, replaces and deactivates with PATCH active:false', async () => {
      const userName = uniqueEmail('okta');
      const lookup = await scim.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`);
      expect(lookup.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] });

      const created = await scim.call('POST', '/Users', {
        schemas: [USER_SCHEMA],
        userName,
        name: { givenName: 'Okta', familyName: 'User' },
        emails: [{ primary: true, value: userName, type: 'work' }],
        displayName: 'Okta User',
        locale: 'en-US',
        externalId: '00u1okta',
        groups: [],
        password: 'secret!123',
        active: true,
      });
      expect(created.status).toBe(201);
      expect(created.raw).not.toContain('secret!123');
      const id = created.body.id;

      const put = await scim.call('PUT', `/Users/${id}`, { ...created.body, name: { givenName: 'Okta', familyName: 'Renamed' } });
      expect(put.status).toBe(200);
      expect(put.body.name.familyName).toBe('Renamed');

      const deactivated = await scim.call('PATCH', `/Users/${id}`, {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'replace', value: { active: false } }],
      });
      expect(deactivated.status).toBe(200);
      expect(deactivated.body.active).toBe(false);
      const read = await scim.call('GET', `/Users/${id}`);
      expect(read.body).toMatchObject({ active: false, userName });
    });
  });

  describe('what Entra ID sends', () => {
    it('accepts capitalised ops, string booleans, dotted paths and filters by externalId', async () => {
      const userName = uniqueEmail('entra');
      const created = await scim.call('POST', '/Users', {
        schemas: [USER_SCHEMA, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
        externalId: 'entra-0001',
        userName,
        active: 'True',
        displayName: 'Entra User',
        emails: [{ primary: true, type: 'work', value: userName }],
        name: { formatted: 'Entra User', familyName: 'User', givenName: 'Entra' },
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Sales' },
      });
      expect(created.status).toBe(201);
      const id = created.body.id;

      const byExternalId = await scim.call('GET', `/Users?filter=${encodeURIComponent('externalId eq "entra-0001"')}`);
      expect(byExternalId.body).toMatchObject({ totalResults: 1, Resources: [{ id }] });

      const patched = await scim.call('PATCH', `/Users/${id}`, {
        schemas: [PATCH_SCHEMA],
        Operations: [
          { op: 'Replace', path: 'active', value: 'False' },
          { op: 'Add', path: 'name.givenName', value: 'Entrada' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: userName },
          { op: 'Replace', value: { 'name.familyName': 'Person', displayName: 'Entrada Person' } },
        ],
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ active: false, name: { givenName: 'Entrada', familyName: 'Person' }, displayName: 'Entrada Person' });

      const reactivated = await scim.call('PATCH', `/Users/${id}`, {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
      });
      expect(reactivated.body.active).toBe(true);
    });
  });

  describe('versions and lists', () => {
    it('honours If-None-Match (304) and If-Match (412 when stale) on GET, PUT, PATCH and DELETE', async () => {
      const created = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail('etag') });
      const id = created.body.id;
      const etag = created.headers['etag'] as string;

      expect((await scim.call('GET', `/Users/${id}`, undefined, { 'if-none-match': etag })).status).toBe(304);
      const changed = await scim.call('PATCH', `/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'displayName', value: 'X' }] }, { 'if-match': etag });
      expect(changed.status).toBe(200);

      const stale = { 'if-match': etag };
      expect((await scim.call('PUT', `/Users/${id}`, { schemas: [USER_SCHEMA], displayName: 'Y' }, stale)).status).toBe(412);
      expect((await scim.call('PATCH', `/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'displayName', value: 'Y' }] }, stale)).status).toBe(412);
      expect((await scim.call('DELETE', `/Users/${id}`, undefined, stale)).status).toBe(412);
      expect((await scim.call('GET', `/Users/${id}`)).body.displayName).toBe('X');
      expect((await scim.call('DELETE', `/Users/${id}`, undefined, { 'if-match': changed.headers['etag'] as string })).status).toBe(204);
    });

    it('pages, sorts, selects attributes and searches with POST /.search', async () => {
      const prefix = `page${Date.now().toString(36)}`;
      for (const letter of ['c', 'a', 'b']) {
        await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: `${prefix}.${letter}@example.com`, name: { givenName: letter.toUpperCase(), familyName: 'P' } });
      }
      const filter = encodeURIComponent(`userName sw "${prefix}"`);
      const page = await scim.call('GET', `/Users?filter=${filter}&sortBy=userName&sortOrder=descending&startIndex=2&count=1&attributes=userName`);
      expect(page.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
      expect(page.body.Resources).toEqual([{ schemas: expect.any(Array), id: expect.any(String), userName: `${prefix}.b@example.com` }]);

      const searched = await scim.call('POST', '/Users/.search', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        filter: `userName sw "${prefix}" and (name.givenName eq "A" or name.givenName eq "C")`,
        excludedAttributes: 'permissions,emails',
      });
      expect(searched.status).toBe(200);
      expect(searched.body.totalResults).toBe(2);
      expect(searched.body.Resources[0]).not.toHaveProperty('emails');
    });
  });

  describe('bad input', () => {
    it.each([
      ['malformed JSON', '{"schemas": [', 400, 'invalidSyntax'],
      ['a body that is not an object', '[1,2]', 400, 'invalidSyntax'],
      ['a body that is JSON null', 'null', 400, 'invalidSyntax'],
      ['a body that is a JSON string', '"x"', 400, 'invalidSyntax'],
      ['a body that is a JSON number', '0', 400, 'invalidSyntax'],
      ['an empty body', '', 400, 'invalidSyntax'],
      ['an unknown schema', JSON.stringify({ schemas: ['urn:example:unknown'], userName: 'x@example.com' }), 400, 'invalidSyntax'],
      ['a userName of the wrong type', JSON.stringify({ schemas: [USER_SCHEMA], userName: 42 }), 400, 'invalidValue'],
      ['a userName that is not an email', JSON.stringify({ schemas: [USER_SCHEMA], userName: 'not-an-email' }), 400, 'invalidValue'],
      ['an unknown department', JSON.stringify({ schemas: [USER_SCHEMA], userName: 'd@example.com', department: 'astronomy' }), 400, 'invalidValue'],
    ])('answers %s with a SCIM error and writes nothing', async (_case, body, status, scimType) => {
      const response = await scim.call('POST', '/Users', body);
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toContain('application/scim+json');
      expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(status), scimType });
    });

    it('says what is wrong with malformed JSON in the terms of the content type the client sent', async () => {
      const response = await scim.call('POST', '/Users', '{"schemas": [');
      expect(response.body).toEqual({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidSyntax', detail: 'The request body is not valid JSON' });
    });

    it('says a body with a __proto__ or constructor.prototype key is refused for that key, not that it is not JSON', async () => {
      for (const key of ['"__proto__":{"active":false}', '"constructor":{"prototype":{"active":false}}']) {
        const userName = uniqueEmail('poisoned');
        const response = await scim.call('POST', '/Users', `{"schemas":["${USER_SCHEMA}"],"userName":"${userName}",${key}}`);
        expect(response.status).toBe(400);
        expect(response.body).toEqual({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidSyntax', detail: expect.stringContaining('"__proto__" or "constructor.prototype"') });
        const found = await scim.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
        expect(found.body.totalResults).toBe(0);
      }
    });

    it('answers a compressed body with 415 and Accept-Encoding: identity, creating nothing; identity is read as usual', async () => {
      const userName = uniqueEmail('gzipped');
      const json = JSON.stringify({ schemas: [USER_SCHEMA], userName });
      const refused = await scim.call('POST', '/Users', gzipSync(json), { 'content-encoding': 'gzip' });
      expect(refused.status).toBe(415);
      expect(refused.headers['accept-encoding']).toBe('identity');
      expect(refused.body).toEqual({ schemas: [ERROR_SCHEMA], status: '415', detail: 'Content-Encoding "gzip" is not supported: send the body uncompressed' });
      expect((await scim.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)).body.totalResults).toBe(0);
      expect((await scim.call('POST', '/Users', json, { 'content-encoding': 'identity' })).status).toBe(201);
    });

    it('refuses a body nested thousands of levels deep with 400 invalidSyntax, on POST, PUT and PATCH alike', async () => {
      const created = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail('nesting') });
      const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
      const refused = {
        status: 400,
        body: {
          schemas: [ERROR_SCHEMA],
          status: '400',
          scimType: 'invalidSyntax',
          detail: 'The request body nests objects and arrays more than 32 levels deep',
        },
      };
      const userBody = `{"schemas":["${USER_SCHEMA}"],"userName":"${uniqueEmail('deep')}","name":${deep(50_000)}}`;
      expect(await scim.call('POST', '/Users', userBody)).toMatchObject(refused);
      expect(await scim.call('PUT', `/Users/${created.body.id}`, userBody)).toMatchObject(refused);
      const patchBody = `{"schemas":["${PATCH_SCHEMA}"],"Operations":[{"op":"replace","path":"name","value":${deep(50_000)}}]}`;
      expect(await scim.call('PATCH', `/Users/${created.body.id}`, patchBody)).toMatchObject(refused);
      expect((await scim.call('GET', `/Users/${created.body.id}`)).headers['etag']).toBe(created.headers['etag']);
    });

    it('names the attribute or parameter at fault in SCIM terms, each once, and no internal subject', async () => {
      const created = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail('taken') });
      const tooLong = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail('long'), name: { givenName: 'g'.repeat(501) } });
      expect(tooLong.body).toEqual({
        schemas: [ERROR_SCHEMA],
        status: '400',
        scimType: 'invalidValue',
        detail: '"name.givenName": Too big: expected string to have <=500 characters',
      });
      const longType = await scim.call('POST', '/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueEmail('type'),
        emails: [{ value: uniqueEmail('first') }, { value: uniqueEmail('second'), type: 't'.repeat(51) }],
      });
      expect(longType.body).toMatchObject({ status: '400', scimType: 'invalidValue', detail: '"emails[1].type": Too big: expected string to have <=50 characters' });
      const unknownWorkspace = await scim.call('POST', '/Users', {
        schemas: [USER_SCHEMA],
        userName: uniqueEmail('workspace'),
        permissions: { companyPermissions: ['fly'], appGroup: [{ appGroupName: 'Nowhere' }] },
      });
      expect(unknownWorkspace.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
      expect(unknownWorkspace.body.detail).toBe(
        'Invalid permissions: permissions.companyPermissions[0]: "fly" is not a company permission; permissions.appGroup[0].appGroupName: no workspace named "Nowhere"',
      );
      const taken = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: created.body.userName.toUpperCase() });
      expect(taken.body).toEqual({
        schemas: [ERROR_SCHEMA],
        status: '409',
        scimType: 'uniqueness',
        detail: 'A user with this userName already exists (userNames are unique, ignoring case)',
      });
      const farPage = await scim.call('GET', '/Users?startIndex=99999999999999999999');
      expect(farPage.body).toMatchObject({ status: '400', scimType: 'invalidValue', detail: expect.stringMatching(/^"startIndex": /) });
    });

    it('refuses bodies over 1 MiB with 413', async () => {
      const response = await scim.call('POST', '/Users', JSON.stringify({ schemas: [USER_SCHEMA], userName: 'big@example.com', displayName: 'x'.repeat(1_100_000) }));
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '413' });
    });

    it.each(['userName eq', 'userName xx "a"', 'nosuchattribute eq "a"', '(userName eq "a"', 'password eq "a"'])(
      'answers the filter %p with 400 invalidFilter, never an empty 200',
      async (filter) => {
        const response = await scim.call('GET', `/Users?filter=${encodeURIComponent(filter)}`);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ scimType: 'invalidFilter' });
      },
    );

    it('answers a PATCH that makes a value too large for a user with 400 invalidValue naming it, and changes nothing', async () => {
      const created = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail('limits') });
      const id = created.body.id;
      const tooLong = await scim.call('PATCH', `/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'displayName', value: 'x'.repeat(100_000) }] });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidValue', detail: expect.stringContaining('displayName') });
      const emails = Array.from({ length: 5_000 }, (_, index) => ({ value: `e${index}@example.com` }));
      const tooMany = await scim.call('PATCH', `/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'add', path: 'emails', value: emails }] });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body).toMatchObject({ scimType: 'invalidValue', detail: expect.stringContaining('emails') });
      const after = await scim.call('GET', `/Users/${id}`);
      expect(after.headers['etag']).toBe(created.headers['etag']);
    });

    it('deletes on a DELETE that names a JSON content type but has no body, as scripts send it', async () => {
      const created = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail('scripted-delete') });
      const deleted = await scim.call('DELETE', `/Users/${created.body.id}`, '', { 'content-type': 'application/scim+json' });
      expect(deleted.status).toBe(204);
      expect((await scim.call('GET', `/Users/${created.body.id}`)).status).toBe(404);
    });

    it.each(['application/x-www-form-urlencoded', 'text/plain'])('answers a body sent as %s with a SCIM 415 and creates nothing', async (contentType) => {
      const userName = uniqueEmail('media-type');
      const body = contentType === 'text/plain' ? JSON.stringify({ schemas: [USER_SCHEMA], userName }) : `userName=${encodeURIComponent(userName)}`;
      const refused = await scim.call('POST', '/Users', body, { 'content-type': contentType });
      expect(refused.status).toBe(415);
      expect(refused.headers['content-type']).toContain('application/scim+json');
      expect(refused.body).toEqual({ schemas: [ERROR_SCHEMA], status: '415', detail: expect.stringContaining('application/scim+json') });
      const found = await scim.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
      expect(found.body.totalResults).toBe(0);
    });

    it('answers an If-Match version beyond any stream with 412, not a failure', async () => {
      const created = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail('huge-etag') });
      const put = await scim.call('PUT', `/Users/${created.body.id}`, { schemas: [USER_SCHEMA], userName: created.body.userName }, { 'if-match': 'W/"999999999999999999999999"' });
      expect(put.status).toBe(412);
      expect(put.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '412' });
    });

    it('refuses to change the userName with 400 mutability', async () => {
      const created = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail('mut') });
      const put = await scim.call('PUT', `/Users/${created.body.id}`, { schemas: [USER_SCHEMA], userName: uniqueEmail('other') });
      expect(put.status).toBe(400);
      expect(put.body.scimType).toBe('mutability');
      const patch = await scim.call('PATCH', `/Users/${created.body.id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'userName', value: uniqueEmail('x') }] });
      expect(patch.status).toBe(400);
      expect(patch.body.scimType).toBe('mutability');
    });

    it('answers unknown routes and ids with SCIM 404s', async () => {
      expect((await scim.call('GET', '/Users/does-not-exist')).status).toBe(404);
      expect((await scim.call('GET', '/Users/7a0f5c8e-3b7d-4f1e-9e3a-1c2d3e4f5a6b')).body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
    });
  });

  describe('the users read model', () => {
    it('is dropped and rebuilt from the log by the maintenance command, deleted users staying gone', async () => {
      const prefix = `rebuild${Date.now().toString(36)}`;
      const ids: string[] = [];
      for (const letter of ['a', 'b', 'c']) {
        const created = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: `${prefix}.${letter}@example.com` });
        ids.push(created.body.id);
      }
      await scim.call('DELETE', `/Users/${ids[1]}`);

      const rebuilt = await admin.call('POST', '/admin/v1/maintenance/users-read-model/rebuild', {});
      expect(rebuilt.status).toBe(200);
      expect(rebuilt.body).toMatchObject({ caughtUp: true });

      const listed = await scim.call('GET', `/Users?filter=${encodeURIComponent(`userName sw "${prefix}"`)}&sortBy=userName`);
      expect(listed.body.Resources.map((user: { id: string }) => user.id)).toEqual([ids[0], ids[2]]);
    });
  });

  describe('tenants', () => {
    it("never shows or touches another company's users (404, as if missing) and keeps userNames unique across companies", async () => {
      const other = new ScimClient(system.gateway, await provisionTenant(admin));
      const userName = uniqueEmail('tenant');
      const mine = await scim.call('POST', '/Users', { schemas: [USER_SCHEMA], userName });
      const id = mine.body.id;

      const notFound = { status: 404, body: { schemas: [ERROR_SCHEMA], status: '404', detail: 'User not found' } };
      const answers = [
        await other.call('GET', `/Users/${id}`),
        await other.call('PUT', `/Users/${id}`, { schemas: [USER_SCHEMA], displayName: 'x' }),
        await other.call('PATCH', `/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'active', value: false }] }),
        await other.call('DELETE', `/Users/${id}`),
      ];
      // Word for word what a missing id gets: another company's user is not even hinted at.
      for (const answer of answers) expect({ status: answer.status, body: answer.body }).toEqual(notFound);
      const search = await other.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
      expect(search.body.totalResults).toBe(0);

      const taken = await other.call('POST', '/Users', { schemas: [USER_SCHEMA], userName });
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ scimType: 'uniqueness' });
      expect(taken.raw).not.toContain(scim.tenant.companyId);
      expect((await scim.call('GET', `/Users/${id}`)).body.active).toBe(true);
    });

    it('answers concurrent GETs of two companies, sent to settings-service together, each with its own users only', async () => {
      const other = new ScimClient(system.gateway, await provisionTenant(admin));
      const create = (client: ScimClient, name: string) =>
        client.call('POST', '/Users', { schemas: [USER_SCHEMA], userName: uniqueEmail(name) }).then((created) => created.body.id as string);
      const mine = await Promise.all([1, 2, 3].map((n) => create(scim, `batch-mine-${n}`)));
      const theirs = await Promise.all([1, 2].map((n) => create(other, `batch-theirs-${n}`)));
      const reads = [
        ...[...mine, ...theirs, 'no-such-user'].map((id) => ({ client: scim, id, owned: mine.includes(id) })),
        ...[...theirs, ...mine].map((id) => ({ client: other, id, owned: theirs.includes(id) })),
      ];
      const answers = await Promise.all(reads.map(async (read) => ({ ...read, answer: await read.client.call('GET', `/Users/${read.id}`) })));
      answers.forEach(({ id, owned, answer }) => {
        if (owned) expect({ status: answer.status, id: answer.body.id }).toEqual({ status: 200, id });
        else expect({ status: answer.status, schemas: answer.body.schemas }).toEqual({ status: 404, schemas: [ERROR_SCHEMA] });
      });
    });
  });
});
