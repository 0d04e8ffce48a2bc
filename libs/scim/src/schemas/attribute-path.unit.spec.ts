import { CORE_USER_SCHEMA as CORE, DASHBOARD_USER_SCHEMA as EXT } from './urns';
import { formatAttributePath, resolveAttributePath } from './attribute-path';
import { userResourceType } from './user-resource-type';

const resolve = (text: string) => resolveAttributePath(text, userResourceType);

describe('resolveAttributePath', () => {
  it.each([
    ['userName', { schema: CORE, attribute: 'userName' }],
    ['USERNAME', { schema: CORE, attribute: 'userName' }],
    ['name.FamilyName', { schema: CORE, attribute: 'name', subAttribute: 'familyName' }],
    [`${CORE}:emails.value`, { schema: CORE, attribute: 'emails', subAttribute: 'value' }],
    [`${EXT}:department`, { schema: EXT, attribute: 'department' }],
    [`${EXT.toLowerCase()}:PERMISSIONS.companypermissions`, { schema: EXT, attribute: 'permissions', subAttribute: 'companyPermissions' }],
    ['department', { schema: EXT, attribute: 'department' }],
    ['meta.lastModified', { schema: CORE, attribute: 'meta', subAttribute: 'lastModified' }],
  ])('resolves %s to its canonical path', (text, path) => {
    expect(resolve(text)).toMatchObject({ kind: 'attribute', path });
  });

  it('resolves a bare schema URN to the schema', () => {
    expect(resolve(EXT)).toMatchObject({ kind: 'schema', schema: { id: EXT } });
  });

  it.each(['nickName', 'name.middleName', 'userName.value', 'permissions.appGroup.team', 'urn:x:y:z', 'emails[type eq "work"]', ''])(
    'reports %j as unknown',
    (text) => {
      expect(resolve(text).kind).toBe('unknown');
    },
  );

  it('formats core paths unqualified and extension paths with their URN', () => {
    expect(formatAttributePath({ schema: CORE, attribute: 'name', subAttribute: 'givenName' }, userResourceType)).toBe('name.givenName');
    expect(formatAttributePath({ schema: EXT, attribute: 'department' }, userResourceType)).toBe(`${EXT}:department`);
  });
});
