import { CORE_USER_SCHEMA as CORE, DASHBOARD_USER_SCHEMA as EXT } from '../schemas/urns';
import { userResourceType } from '../schemas/user-resource-type';
import { parsePatchPath } from './patch-path';

const parse = (text: string) => parsePatchPath(text, userResourceType);

describe('parsePatchPath', () => {
  it('parses a plain and a sub-attribute path', () => {
    expect(parse('displayName')).toMatchObject({ kind: 'attribute', path: { schema: CORE, attribute: 'displayName' } });
    const target = parse('name.givenName');
    expect(target).toMatchObject({ kind: 'attribute', path: { schema: CORE, attribute: 'name' }, subAttribute: { name: 'givenName' } });
    expect(target).not.toHaveProperty('filter');
  });

  it('parses a value filter with a trailing sub-attribute', () => {
    expect(parse('emails[type eq "work"].value')).toMatchObject({
      kind: 'attribute',
      path: { schema: CORE, attribute: 'emails' },
      filter: { op: 'eq', path: { schema: CORE, attribute: 'emails', subAttribute: 'type' }, value: 'work' },
      subAttribute: { name: 'value' },
    });
  });

  it('parses URN-qualified paths and bare extension URNs', () => {
    expect(parse(`${EXT}:department`)).toMatchObject({ kind: 'attribute', path: { schema: EXT, attribute: 'department' } });
    expect(parse(EXT)).toMatchObject({ kind: 'schema', schema: { id: EXT } });
  });

  it.each(['title', 'phoneNumbers[type eq "work"].value', 'name.middleName', 'emails[type eq "work"].display', 'urn:x:y:User:a'])(
    'marks %s as ignored',
    (text) => {
      expect(parse(text).kind).toBe('ignored');
    },
  );
});
