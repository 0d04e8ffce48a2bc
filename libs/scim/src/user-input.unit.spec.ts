import { ScimError } from './errors';
import { CORE_USER_SCHEMA as CORE, DASHBOARD_USER_SCHEMA as EXT, ENTERPRISE_USER_SCHEMA as ENTERPRISE } from './schemas/urns';
import { assertUserNameUnchanged, parseUserInput } from './user-input';

const create = (body: unknown) => parseUserInput(body, { mode: 'create' });
const replace = (body: unknown) => parseUserInput(body, { mode: 'replace' });

function errorOf(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

const permissions = {
  companyPermissions: [],
  roles: [{ roleName: 'Analyst' }],
  appGroup: [
    {
      appGroupName: 'Prod Workspace',
      appGroupPermissions: ['view_campaigns', 'view_segments'],
      team: [{ teamName: 'EMEA', teamPermissions: ['view_campaigns'] }],
    },
    { appGroupId: 'b8c1f0de-0000-4000-8000-000000000001', appGroupPermissionSets: [{ appGroupPermissionSetName: 'Marketer' }] },
  ],
};


/** An address with `local` characters before the @ and `total` in all, its domain in labels of at most 63 (".com" last). */
function addressOf(local: number, total: number): string {
  let domain = 'com';
  while (local + 1 + domain.length < total) {
    const room = total - local - 1 - domain.length - 1;
    domain = `${'d'.repeat(Math.min(63, Math.max(1, room)))}.${domain}`;
  }
  const address = `${'a'.repeat(local)}@${domain}`;
  if (address.length !== total) throw new Error(`addressOf(${local}, ${total}) made ${address.length} characters`);
  return address;
}

describe('parseUserInput', () => {
  it("reads the modelled product's create body (product attributes at top level)", () => {
    const body = {
      schemas: [CORE],
      userName: 'jane.doe@example.com',
      name: { givenName: 'Jane', familyName: 'Doe' },
      department: 'engineering',
      permissions,
    };
    expect(create(body)).toEqual({
      userName: 'jane.doe@example.com',
      name: { givenName: 'Jane', familyName: 'Doe' },
      department: 'engineering',
      permissions,
    });
  });

  it("reads Okta's create body, ignoring password, locale and groups", () => {
    const body = {
      schemas: [CORE],
      userName: 'jane@acme.com',
      name: { givenName: 'Jane', familyName: 'Doe' },
      emails: [{ primary: true, value: 'jane@acme.com', type: 'work' }],
      displayName: 'Jane Doe',
      locale: 'en-US',
      externalId: '00u1abc',
      groups: [],
      password: 'x7Qp2zrt',
      active: true,
    };
    expect(create(body)).toEqual({
      userName: 'jane@acme.com',
      name: { givenName: 'Jane', familyName: 'Doe' },
      emails: [{ primary: true, value: 'jane@acme.com', type: 'work' }],
      displayName: 'Jane Doe',
      externalId: '00u1abc',
      active: true,
    });
  });

  it("reads Entra's create body: enterprise schema listed, meta and roles ignored, extension URN honoured", () => {
    const body = {
      schemas: [CORE, ENTERPRISE, EXT],
      externalId: 'jdoe',
      userName: 'jdoe@contoso.com',
      active: 'True',
      emails: [{ primary: true, type: 'work', value: 'jdoe@contoso.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'John Doe', familyName: 'Doe', givenName: 'John' },
      roles: [],
      [ENTERPRISE]: { department: 'Sales', employeeNumber: '42' },
      [EXT]: { department: 'Finance' },
    };
    expect(create(body)).toEqual({
      externalId: 'jdoe',
      userName: 'jdoe@contoso.com',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'jdoe@contoso.com' }],
      name: { formatted: 'John Doe', familyName: 'Doe', givenName: 'John' },
      department: 'finance',
    });
  });

  it("reads Okta's PUT echo (id, meta, schemas, read-only parts) without userName being required", () => {
    const body = {
      schemas: [CORE, EXT],
      id: 'u1',
      meta: { resourceType: 'User', version: 'W/"3"' },
      name: { givenName: 'Jane', familyName: 'Doe-Smith' },
      [EXT]: {
        department: 'bi',
        createdAt: '2024-01-01T00:00:00Z',
        lastSignInAt: '2024-01-02T00:00:00Z',
        permissions: { roles: [{ roleName: 'Analyst', roleId: 'r-1', appGroup: [{ appGroupId: 'ws-1' }] }] },
      },
    };
    expect(replace(body)).toEqual({
      name: { givenName: 'Jane', familyName: 'Doe-Smith' },
      department: 'bi',
      permissions: { roles: [{ roleName: 'Analyst', roleId: 'r-1' }] },
    });
  });

  it('matches attribute names case-insensitively and spells them canonically', () => {
    const body = {
      Schemas: [CORE.toUpperCase()],
      UserName: 'a@b.co',
      NAME: { GivenName: 'A' },
      Department: 'PM',
      PERMISSIONS: { appgroup: [{ APPGROUPID: 'ws', appGroupPermissionSets: [{ appGroupPermissionSetID: 'ps-9' }] }] },
    };
    expect(create(body)).toEqual({
      userName: 'a@b.co',
      name: { givenName: 'A' },
      department: 'pm',
      permissions: { appGroup: [{ appGroupId: 'ws', appGroupPermissionSets: [{ appGroupPermissionSetId: 'ps-9' }] }] },
    });
  });

  it('accepts addresses at the RFC 5321 limits: 64 characters before the @, 254 in all', () => {
    const longest = addressOf(64, 254);
    expect(create({ schemas: [CORE], userName: longest }).userName).toBe(longest);
  });

  it('accepts a single email object (OneLogin) and treats null and "" as absent', () => {
    expect(create({ schemas: [CORE], userName: 'a@b.co', emails: { value: 'a@b.co', type: 'Work' }, displayName: '', externalId: null })).toEqual({
      userName: 'a@b.co',
      emails: [{ value: 'a@b.co', type: 'work' }],
    });
  });

  it('accepts the same product attribute at top level and under the URN when the values agree', () => {
    expect(create({ schemas: [CORE, EXT], userName: 'a@b.co', department: 'bi', [EXT]: { department: 'bi' } })).toMatchObject({
      department: 'bi',
    });
  });

  it.each([
    ['a body that is not an object', 'x', 'invalidSyntax', ''],
    ['no schemas', { userName: 'a@b.co' }, 'invalidSyntax', 'schemas'],
    ['schemas without the core User schema', { schemas: [EXT], userName: 'a@b.co' }, 'invalidSyntax', CORE],
    ['an unknown schema', { schemas: [CORE, 'urn:scim:schemas:core:1.0'], userName: 'a@b.co' }, 'invalidSyntax', 'urn:scim:schemas:core:1.0'],
    ['a missing userName on create', { schemas: [CORE] }, 'invalidValue', 'userName'],
    ['a userName that is not an email', { schemas: [CORE], userName: 'jane' }, 'invalidValue', 'userName'],
    ['a userName that is not a string', { schemas: [CORE], userName: 7 }, 'invalidValue', 'userName'],
    ['a name that is not an object', { schemas: [CORE], userName: 'a@b.co', name: 'Jane' }, 'invalidValue', 'name'],
    ['a givenName that is not a string', { schemas: [CORE], userName: 'a@b.co', name: { givenName: 1 } }, 'invalidValue', 'name.givenName'],
    ['an invalid email', { schemas: [CORE], userName: 'a@b.co', emails: [{ value: 'nope' }] }, 'invalidValue', 'emails[0].value'],
    ['a userName with more than 64 characters before the @', { schemas: [CORE], userName: `${'a'.repeat(65)}@b.co` }, 'invalidValue', 'at most 64 before the @'],
    ['a userName longer than 254 characters', { schemas: [CORE], userName: addressOf(10, 255) }, 'invalidValue', 'at most 254 characters'],
    ['an email value with more than 64 characters before the @', { schemas: [CORE], userName: 'a@b.co', emails: [{ value: `${'x'.repeat(65)}@b.co` }] }, 'invalidValue', 'emails[0].value'],
    ['two primary emails', { schemas: [CORE], userName: 'a@b.co', emails: [{ value: 'a@b.co', primary: true }, { value: 'c@b.co', primary: 'True' }] }, 'invalidValue', 'emails'],
    ['active that is not a boolean', { schemas: [CORE], userName: 'a@b.co', active: 'yes' }, 'invalidValue', 'active'],
    ['an unknown department', { schemas: [CORE], userName: 'a@b.co', department: 'Sales' }, 'invalidValue', 'department'],
    ['conflicting department values', { schemas: [CORE, EXT], userName: 'a@b.co', department: 'bi', [EXT]: { department: 'pm' } }, 'invalidValue', 'department'],
    ['an extension that is not an object', { schemas: [CORE, EXT], userName: 'a@b.co', [EXT]: 'bi' }, 'invalidValue', EXT],
    ['a workspace without id or name', { schemas: [CORE], userName: 'a@b.co', permissions: { appGroup: [{ appGroupPermissions: [] }] } }, 'invalidValue', 'permissions.appGroup[0]'],
    ['a team without id or name', { schemas: [CORE], userName: 'a@b.co', permissions: { appGroup: [{ appGroupId: 'w', team: [{ teamPermissions: [] }] }] } }, 'invalidValue', 'permissions.appGroup[0].team[0]'],
    ['two permission sets', { schemas: [CORE], userName: 'a@b.co', permissions: { appGroup: [{ appGroupId: 'w', appGroupPermissionSets: [{ appGroupPermissionSetId: '1' }, { appGroupPermissionSetId: '2' }] }] } }, 'invalidValue', 'appGroupPermissionSets'],
    ['a role without id or name', { schemas: [CORE], userName: 'a@b.co', permissions: { roles: [{}] } }, 'invalidValue', 'permissions.roles[0]'],
    ['a permission that is not a string', { schemas: [CORE], userName: 'a@b.co', permissions: { companyPermissions: [1] } }, 'invalidValue', 'permissions.companyPermissions[0]'],
  ])('rejects %s', (_case, body, scimType, named) => {
    const error = errorOf(() => create(body));
    expect(error).toMatchObject({ status: 400, scimType });
    expect(error.detail).toContain(named);
  });
});

describe('assertUserNameUnchanged', () => {
  it('accepts an absent or equal (case-insensitively) userName', () => {
    expect(() => assertUserNameUnchanged('jane@acme.com', {})).not.toThrow();
    expect(() => assertUserNameUnchanged('jane@acme.com', { userName: 'JANE@acme.com' })).not.toThrow();
  });

  it('rejects a different userName with 400 mutability', () => {
    expect(errorOf(() => assertUserNameUnchanged('jane@acme.com', { userName: 'joan@acme.com' }))).toMatchObject({
      status: 400,
      scimType: 'mutability',
    });
  });
});
