import { ScimError } from '../errors';
import { CORE_USER_SCHEMA as CORE, DASHBOARD_USER_SCHEMA as EXT, PATCH_OP_SCHEMA } from '../schemas/urns';
import { applyPatch } from './apply-patch';
import { MAX_VALUES_PER_ATTRIBUTE } from './attribute-slot';
import { MAX_PATCH_OPERATIONS } from './patch-request';

type Json = Record<string, unknown>;
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function givenUser(overrides: Json = {}): Json {
  return {
    schemas: [CORE, EXT],
    id: 'u1',
    externalId: 'ext-1',
    userName: 'jane@acme.com',
    name: { givenName: 'Jane', familyName: 'Doe' },
    displayName: 'Jane Doe',
    emails: [
      { value: 'jane@acme.com', type: 'work', primary: true },
      { value: 'jane@home.example', type: 'home' },
    ],
    active: true,
    meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z', lastModified: '2024-01-02T00:00:00Z', version: 'W/"3"' },
    [EXT]: {
      department: 'engineering',
      createdAt: '2024-01-01T00:00:00Z',
      permissions: { companyPermissions: ['admin'], appGroup: [{ appGroupName: 'Prod', appGroupPermissions: ['view_campaigns'] }] },
    },
    ...overrides,
  };
}

const request = (...operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations: operations });
const patch = (user: Json, ...operations: unknown[]) => applyPatch(user, request(...operations));
const ext = (user: Json) => user[EXT] as Json;

function errorOf(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('applyPatch: the request', () => {
  it.each([
    ['no PatchOp schema', { schemas: [CORE], Operations: [] }, 'invalidSyntax'],
    ['no Operations array', { schemas: [PATCH_OP_SCHEMA], Operations: {} }, 'invalidSyntax'],
    ['an unknown op', request({ op: 'copy', path: 'displayName', value: 'x' }), 'invalidSyntax'],
    ['add without value', request({ op: 'add', path: 'displayName' }), 'invalidSyntax'],
    ['remove without path', request({ op: 'remove' }), 'noTarget'],
    ['a non-string path', request({ op: 'remove', path: 7 }), 'invalidPath'],
    ['a pathless value that is not an object', request({ op: 'replace', value: 'x' }), 'invalidValue'],
    ['a body that is not an object', [], 'invalidSyntax'],
  ])('rejects %s', (_case, body, scimType) => {
    expect(errorOf(() => applyPatch(givenUser(), body))).toMatchObject({ status: 400, scimType });
  });

  it('accepts an empty Operations list as no change (Microsoft validator)', () => {
    expect(applyPatch(givenUser(), request())).toEqual(givenUser());
  });

  it('accepts ops in any case and a lower-cased "operations" member', () => {
    const result = applyPatch(givenUser(), {
      schemas: [PATCH_OP_SCHEMA],
      operations: [
        { op: 'Replace', path: 'displayName', value: 'A' },
        { op: 'ADD', path: 'externalId', value: 'B' },
        { op: 'Remove', path: 'name.givenName' },
      ],
    });
    expect(result).toMatchObject({ displayName: 'A', externalId: 'B', name: { familyName: 'Doe' } });
    expect((result['name'] as Json)['givenName']).toBeUndefined();
  });

  it('does not modify its input, and applies nothing when a later operation fails', () => {
    const user = givenUser();
    expect(() =>
      patch(user, { op: 'replace', path: 'displayName', value: 'changed' }, { op: 'replace', path: 'id', value: 'other' }),
    ).toThrow(ScimError);
    expect(user).toEqual(givenUser());
  });
});

describe('applyPatch: what Okta sends', () => {
  it('deactivates with a pathless replace', () => {
    expect(patch(givenUser(), { op: 'replace', value: { active: false } })['active']).toBe(false);
  });

  it('ignores an id equal to the resource id in a pathless replace, and rejects a different one', () => {
    expect(patch(givenUser(), { op: 'replace', value: { id: 'u1', displayName: 'X' } })).toMatchObject({ id: 'u1', displayName: 'X' });
    expect(errorOf(() => patch(givenUser(), { op: 'replace', value: { id: 'u2' } }))).toMatchObject({ scimType: 'mutability' });
  });
});

describe('applyPatch: what Entra ID sends', () => {
  it('reads "False"/"True" strings as booleans', () => {
    expect(patch(givenUser(), { op: 'Replace', path: 'active', value: 'False' })['active']).toBe(false);
    expect(patch(givenUser({ active: false }), { op: 'Replace', path: 'active', value: 'True' })['active']).toBe(true);
    expect(errorOf(() => patch(givenUser(), { op: 'Replace', path: 'active', value: 'yes' }))).toMatchObject({
      scimType: 'invalidValue',
      detail: expect.stringContaining('active'),
    });
  });

  it('replaces the value of the work email only', () => {
    const result = patch(givenUser(), { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@acme.com' });
    expect(result['emails']).toEqual([
      { value: 'new@acme.com', type: 'work', primary: true },
      { value: 'jane@home.example', type: 'home' },
    ]);
  });

  it('creates the work email on add when the user has none', () => {
    const result = patch(givenUser({ emails: undefined }), { op: 'Add', path: 'emails[type eq "work"].value', value: 'w@acme.com' });
    expect(result['emails']).toEqual([{ type: 'work', value: 'w@acme.com' }]);
  });

  it('answers noTarget to a replace whose filter matches nothing', () => {
    expect(errorOf(() => patch(givenUser(), { op: 'Replace', path: 'emails[type eq "other"].value', value: 'o@x.com' }))).toMatchObject({
      status: 400,
      scimType: 'noTarget',
      detail: 'No value of "emails" matches the value filter of the path',
    });
  });

  it('expands dotted and URN-qualified keys of a pathless replace', () => {
    const result = patch(givenUser(), {
      op: 'replace',
      value: { displayName: 'X', 'name.givenName': 'A', 'name.familyName': 'B', [`${EXT}:department`]: 'finance' },
    });
    expect(result).toMatchObject({ displayName: 'X', name: { givenName: 'A', familyName: 'B' } });
    expect(ext(result)['department']).toBe('finance');
    expect(Object.keys(result).filter((key) => key.includes('givenName') || key.endsWith(':department'))).toEqual([]);
  });

  it('ignores attributes this server does not support (enterprise extension, title, phone numbers)', () => {
    const user = givenUser();
    const result = patch(
      user,
      { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Sales' },
      { op: 'Replace', path: 'title', value: 'Boss' },
      { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '+1 555' },
      { op: 'Replace', path: 'name.middleName', value: 'Q' },
      { op: 'replace', value: { [`${ENTERPRISE}:employeeNumber`]: '42', nickName: 'J' } },
    );
    expect(result).toEqual(user);
  });

  it('removes only the listed values with the legacy "remove with value" form', () => {
    const result = patch(givenUser(), { op: 'Remove', path: 'emails', value: [{ value: 'JANE@home.example' }] });
    expect(result['emails']).toEqual([{ value: 'jane@acme.com', type: 'work', primary: true }]);
  });

  it('clears optional attributes on null and empty-string updates', () => {
    const result = patch(
      givenUser(),
      { op: 'Replace', path: 'displayName', value: '' },
      { op: 'Replace', path: 'externalId', value: null },
      { op: 'Replace', path: 'name.familyName', value: '' },
    );
    expect(result).not.toHaveProperty('displayName');
    expect(result).not.toHaveProperty('externalId');
    expect(result['name']).toEqual({ givenName: 'Jane' });
  });
});

describe('applyPatch: paths and values', () => {
  it('matches attribute names and value-filter values case-insensitively and stores canonical keys', () => {
    const result = patch(
      givenUser(),
      { op: 'replace', path: 'Name.FamilyName', value: 'Smith' },
      { op: 'replace', path: 'EMAILS[TYPE EQ "WORK"].Primary', value: 'False' },
    );
    expect(result['name']).toEqual({ givenName: 'Jane', familyName: 'Smith' });
    expect((result['emails'] as Json[])[0]).toEqual({ value: 'jane@acme.com', type: 'work', primary: false });
    expect(result).not.toHaveProperty('Name');
  });

  it('merges a complex value instead of replacing it (RFC 7644 §3.5.2.3)', () => {
    expect(patch(givenUser(), { op: 'replace', value: { name: { givenName: 'Z' } } })['name']).toEqual({ givenName: 'Z', familyName: 'Doe' });
    expect(patch(givenUser(), { op: 'add', path: 'name', value: { formatted: 'J D' } })['name']).toEqual({
      givenName: 'Jane',
      familyName: 'Doe',
      formatted: 'J D',
    });
  });

  it('appends on add, skipping values already present, and replaces on replace', () => {
    const added = patch(givenUser(), { op: 'add', path: 'emails', value: [{ value: 'JANE@ACME.COM', type: 'WORK', primary: true }, { value: 'o@x.com', type: 'other' }] });
    expect((added['emails'] as Json[]).map((e) => e['value'])).toEqual(['jane@acme.com', 'jane@home.example', 'o@x.com']);
    const replaced = patch(givenUser(), { op: 'replace', path: 'emails', value: [{ value: 'o@x.com', type: 'other' }] });
    expect(replaced['emails']).toEqual([{ value: 'o@x.com', type: 'other' }]);
  });

  it('accepts a single object for a multi-valued attribute (OneLogin)', () => {
    const result = patch(givenUser({ emails: undefined }), { op: 'add', value: { emails: { value: 'one@x.com', type: 'work' } } });
    expect(result['emails']).toEqual([{ value: 'one@x.com', type: 'work' }]);
  });

  it('keeps a single primary value: the one just written wins', () => {
    const result = patch(givenUser(), { op: 'add', path: 'emails', value: [{ value: 'new@x.com', type: 'other', primary: true }] });
    expect((result['emails'] as Json[]).map((e) => e['primary'])).toEqual([false, undefined, true]);
  });

  it('removes values matching a filter, or a sub-attribute of them; no match changes nothing', () => {
    expect(patch(givenUser(), { op: 'remove', path: 'emails[type eq "home"]' })['emails']).toEqual([
      { value: 'jane@acme.com', type: 'work', primary: true },
    ]);
    expect((patch(givenUser(), { op: 'remove', path: 'emails[type eq "work"].primary' })['emails'] as Json[])[0]).toEqual({
      value: 'jane@acme.com',
      type: 'work',
    });
    expect(patch(givenUser(), { op: 'remove', path: 'emails[value co "nowhere"]' })).toEqual(givenUser());
  });

  it('removes a whole multi-valued attribute without a filter, or on replace with []; add [] changes nothing', () => {
    expect(patch(givenUser(), { op: 'remove', path: 'emails' })).not.toHaveProperty('emails');
    expect(patch(givenUser(), { op: 'replace', path: 'emails', value: [] })).not.toHaveProperty('emails');
    expect(patch(givenUser(), { op: 'add', path: 'emails', value: [] })).toEqual(givenUser());
  });

  it('reads a value filter with a colon inside a quoted value', () => {
    const user = givenUser({ emails: [{ value: 'a:b@x.com', type: 'work' }] });
    expect(patch(user, { op: 'remove', path: 'emails[value eq "a:b@x.com"]' })).not.toHaveProperty('emails');
  });

  it('rejects wrong types naming the attribute', () => {
    expect(errorOf(() => patch(givenUser(), { op: 'replace', path: 'displayName', value: 42 }))).toMatchObject({
      scimType: 'invalidValue',
      detail: expect.stringContaining('displayName'),
    });
    expect(errorOf(() => patch(givenUser(), { op: 'replace', path: 'name', value: 'Jane' }))).toMatchObject({ scimType: 'invalidValue' });
  });

  it.each([
    ['an unclosed filter', 'emails[type eq "work"'],
    ['text after the filter', 'emails[type eq "work"]x'],
    ['a filter on a single-valued attribute', 'name[givenName eq "Jane"]'],
    ['an unknown sub-attribute in the filter', 'emails[display eq "x"]'],
    ['a malformed filter', 'emails[type eq]'],
    ['spaces in a plain path', 'display Name'],
  ])('rejects %s with invalidPath', (_case, path) => {
    expect(errorOf(() => patch(givenUser(), { op: 'replace', path, value: 'x' }))).toMatchObject({ status: 400, scimType: 'invalidPath' });
  });
});

describe('applyPatch: mutability', () => {
  it('accepts userName set to its current value (in any case) and keeps it', () => {
    expect(patch(givenUser(), { op: 'replace', path: 'userName', value: 'JANE@acme.com' })['userName']).toBe('jane@acme.com');
  });

  it.each([
    ['changing userName', { op: 'replace', path: 'userName', value: 'other@acme.com' }],
    ['removing userName', { op: 'remove', path: 'userName' }],
    ['changing id', { op: 'replace', path: 'id', value: 'u2' }],
    ['removing id', { op: 'remove', path: 'id' }],
    ['changing meta.created', { op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }],
    ['removing meta', { op: 'remove', path: 'meta' }],
    ['changing the read-only createdAt', { op: 'replace', path: `${EXT}:createdAt`, value: '2020-01-01T00:00:00Z' }],
    ['changing userName in a pathless replace', { op: 'replace', value: { userName: 'x@y.com' } }],
  ])('rejects %s with 400 mutability', (_case, operation) => {
    expect(errorOf(() => patch(givenUser(), operation))).toMatchObject({ status: 400, scimType: 'mutability' });
  });
});

describe('applyPatch: the dashboard-user extension', () => {
  it('finds department unqualified, URN-qualified and under a bare URN path, canonicalising its value', () => {
    expect(ext(patch(givenUser(), { op: 'replace', path: 'department', value: 'Finance' }))['department']).toBe('finance');
    expect(ext(patch(givenUser(), { op: 'replace', path: `${EXT}:department`, value: 'bi' }))['department']).toBe('bi');
    expect(ext(patch(givenUser(), { op: 'replace', path: EXT, value: { Department: 'pm' } }))['department']).toBe('pm');
  });

  it('rejects a department outside the seven', () => {
    expect(errorOf(() => patch(givenUser(), { op: 'replace', path: 'department', value: 'Sales' }))).toMatchObject({
      scimType: 'invalidValue',
      detail: expect.stringContaining('engineering'),
    });
  });

  it('adds the extension (and its schema URN) to a user that had none', () => {
    const user = givenUser({ schemas: [CORE], [EXT]: undefined });
    const result = patch(user, { op: 'add', path: 'department', value: 'bi' });
    expect(result['schemas']).toEqual([CORE, EXT]);
    expect(result[EXT]).toEqual({ department: 'bi' });
  });

  it('drops the extension and its schema URN when nothing is left in it', () => {
    const user = givenUser({ [EXT]: { department: 'bi' } });
    const result = patch(user, { op: 'remove', path: 'department' });
    expect(result).not.toHaveProperty(EXT);
    expect(result['schemas']).toEqual([CORE]);
  });

  it('appends company permissions and replaces workspaces, ignoring echoed read-only parts', () => {
    const result = patch(
      givenUser(),
      { op: 'add', path: 'permissions.companyPermissions', value: ['manage_company_settings', 'admin'] },
      {
        op: 'replace',
        path: 'permissions.appGroup',
        value: [{ appGroupId: 'ws-2', appGroupPermissionSets: [{ appGroupPermissionSetName: 'Marketer', permissions: ['echoed'] }] }],
      },
    );
    expect(ext(result)['permissions']).toEqual({
      companyPermissions: ['admin', 'manage_company_settings'],
      appGroup: [{ appGroupId: 'ws-2', appGroupPermissionSets: [{ appGroupPermissionSetName: 'Marketer' }] }],
    });
  });
});

describe('applyPatch: limits that keep a PATCH cheap', () => {
  const emails = (count: number, from = 0) => Array.from({ length: count }, (_, index) => ({ value: `e${from + index}@example.com` }));

  it(`takes up to ${MAX_PATCH_OPERATIONS} operations and refuses more with invalidValue`, () => {
    const replaceName = { op: 'replace', path: 'displayName', value: 'Jane' };
    expect(patch(givenUser(), ...Array.from({ length: MAX_PATCH_OPERATIONS }, () => replaceName))['displayName']).toBe('Jane');
    const error = errorOf(() => patch(givenUser(), ...Array.from({ length: MAX_PATCH_OPERATIONS + 1 }, () => replaceName)));
    expect(error).toMatchObject({ status: 400, scimType: 'invalidValue', detail: expect.stringContaining(`${MAX_PATCH_OPERATIONS} operations`) });
  });

  it(`lets a multi-valued attribute hold up to ${MAX_VALUES_PER_ATTRIBUTE} values, adding only values not there yet`, () => {
    const added = patch(givenUser(), { op: 'add', path: 'emails', value: [...emails(MAX_VALUES_PER_ATTRIBUTE - 2), { value: 'JANE@acme.com', type: 'work', primary: true }] });
    expect(added['emails']).toHaveLength(MAX_VALUES_PER_ATTRIBUTE);
    const again = patch(added, { op: 'add', path: 'emails', value: emails(MAX_VALUES_PER_ATTRIBUTE - 2) });
    expect(again['emails']).toEqual(added['emails']);
  });

  it.each([
    ['added to', { op: 'add', path: 'emails', value: emails(MAX_VALUES_PER_ATTRIBUTE - 1) }],
    ['replaced with', { op: 'replace', path: 'emails', value: emails(MAX_VALUES_PER_ATTRIBUTE + 1) }],
    ['removed from, by a longer list,', { op: 'remove', path: 'emails', value: emails(MAX_VALUES_PER_ATTRIBUTE + 1) }],
  ])(`refuses more than ${MAX_VALUES_PER_ATTRIBUTE} values %s an attribute with invalidValue naming it`, (_case, operation) => {
    expect(errorOf(() => patch(givenUser(), operation))).toMatchObject({ status: 400, scimType: 'invalidValue', detail: expect.stringContaining('"emails"') });
  });

  it('removes listed values by the sub-attributes each names, whatever their number', () => {
    const many = patch(givenUser(), { op: 'add', path: 'emails', value: emails(500) });
    const left = patch(many, { op: 'remove', path: 'emails', value: [...emails(500).map(({ value }) => ({ value: value.toUpperCase() })), { type: 'home' }] });
    expect(left['emails']).toEqual([{ value: 'jane@acme.com', type: 'work', primary: true }]);
  });
});
