import { projectAttributes } from './attributes';
import { attribute, type ResourceTypeDefinition } from './schemas/attribute-definition';
import { CORE_USER_SCHEMA as CORE, DASHBOARD_USER_SCHEMA as EXT } from './schemas/urns';

const user = {
  schemas: [CORE, EXT],
  id: 'u1',
  externalId: 'ext-1',
  userName: 'jane@acme.com',
  name: { givenName: 'Jane', familyName: 'Doe' },
  emails: [
    { value: 'jane@acme.com', type: 'work', primary: true },
    { value: 'jane@home.example', type: 'home' },
  ],
  active: false,
  meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z', version: 'W/"2"' },
  [EXT]: { department: 'bi', permissions: { companyPermissions: ['admin'] } },
  password: 'never-returned',
  internalNote: 'not a schema attribute',
};

describe('projectAttributes', () => {
  it('returns the schema attributes by default, extension included, and nothing else', () => {
    const { password: _password, internalNote: _note, ...expected } = user;
    expect(projectAttributes(user)).toEqual(expected);
  });

  it('returns only the requested attributes plus id and schemas', () => {
    expect(projectAttributes(user, { attributes: ['userName', 'ACTIVE'] })).toEqual({
      schemas: [CORE, EXT],
      id: 'u1',
      userName: 'jane@acme.com',
      active: false,
    });
  });

  it('returns requested sub-attributes only, on every value of a multi-valued attribute', () => {
    expect(projectAttributes(user, { attributes: ['name.givenName', 'emails.value'] })).toEqual({
      schemas: [CORE, EXT],
      id: 'u1',
      name: { givenName: 'Jane' },
      emails: [{ value: 'jane@acme.com' }, { value: 'jane@home.example' }],
    });
  });

  it('understands URN-qualified names, unqualified extension names and bare extension URNs', () => {
    const picked = { schemas: [CORE, EXT], id: 'u1', [EXT]: { department: 'bi' } };
    expect(projectAttributes(user, { attributes: [`${EXT}:department`] })).toEqual(picked);
    expect(projectAttributes(user, { attributes: ['Department'] })).toEqual(picked);
    expect(projectAttributes(user, { attributes: [EXT] })).toEqual({ schemas: [CORE, EXT], id: 'u1', [EXT]: user[EXT] });
    expect(projectAttributes(user, { attributes: [`${CORE}:userName`] })).toEqual({ schemas: [CORE, EXT], id: 'u1', userName: 'jane@acme.com' });
  });

  it('leaves out excluded attributes and sub-attributes, but never id', () => {
    const result = projectAttributes(user, { excludedAttributes: ['emails', 'name.familyName', 'id', EXT, 'meta.version'] });
    expect(result).toEqual({
      schemas: [CORE, EXT],
      id: 'u1',
      externalId: 'ext-1',
      userName: 'jane@acme.com',
      name: { givenName: 'Jane' },
      active: false,
      meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z' },
    });
  });

  it('ignores unknown names', () => {
    expect(projectAttributes(user, { attributes: ['members', 'userName'] })).toEqual({
      schemas: [CORE, EXT],
      id: 'u1',
      userName: 'jane@acme.com',
    });
    expect(projectAttributes(user, { excludedAttributes: ['members'] })).toEqual(projectAttributes(user));
  });

  it('honours returned: never and returned: request', () => {
    const resourceType: ResourceTypeDefinition = {
      id: 'Thing',
      name: 'Thing',
      endpoint: '/Things',
      description: 'test',
      schema: {
        id: 'urn:example:Thing',
        name: 'Thing',
        description: 'test',
        attributes: [
          attribute('id', 'string', 'id', { returned: 'always' }),
          attribute('secret', 'string', 'secret', { returned: 'never' }),
          attribute('audit', 'string', 'audit', { returned: 'request' }),
          attribute('label', 'string', 'label'),
        ],
      },
      schemaExtensions: [],
    };
    const thing = { id: 't', secret: 's', audit: 'a', label: 'l' };
    expect(projectAttributes(thing, {}, resourceType)).toEqual({ id: 't', label: 'l' });
    expect(projectAttributes(thing, { attributes: ['audit', 'secret'] }, resourceType)).toEqual({ id: 't', audit: 'a' });
  });

  it('matches stored keys case-insensitively and returns canonical names', () => {
    expect(projectAttributes({ ID: 'x', UserName: 'a@b.c' }, { attributes: ['username'] })).toEqual({ id: 'x', userName: 'a@b.c' });
  });
});
