import type { DashboardUserResource } from '@scim/contracts';
import { DASHBOARD_USER_SCHEMA, projectAttributes } from '@scim/scim';
import { renderScimUser, toScimUser, withProductAttributesAtTopLevel } from './scim-user.representation';

const BASE_URL = 'https://scim.example.com/scim/v2';
const WORKSPACE_ID = '6f1f8e52-38f5-4a4a-9d5e-2d6f0c1d9a11';

const baseUser: DashboardUserResource = {
  id: '0b8a3a8e-7f6c-4f7e-9a57-3c2b1a0f9e8d',
  externalId: 'okta-00u1',
  userName: 'jane@acme.com',
  name: { givenName: 'Jane', familyName: 'Doe', formatted: null },
  displayName: 'Jane Doe',
  emails: [{ value: 'jane@acme.com', type: 'work', primary: true }],
  active: true,
  department: 'engineering',
  permissions: {
    companyPermissions: ['basic_access'],
    roles: [],
    appGroup: [{ appGroupId: WORKSPACE_ID, appGroupName: 'Main', appGroupPermissions: ['view_campaigns'], appGroupPermissionSets: [], team: [] }],
  },
  createdAt: '2026-11-30T10:00:00.000Z',
  lastModified: '2026-12-01T11:30:00.000Z',
  lastSignInAt: null,
  revision: 4,
};

/** Every combination of the values that decide whether an attribute shows: null, empty and set. */
function variations(): DashboardUserResource[] {
  const externalIds = [null, '', 'okta-00u1'];
  const displayNames = [null, '', 'Jane Doe'];
  const names = [
    { givenName: null, familyName: null, formatted: null },
    { givenName: '', familyName: null, formatted: null },
    { givenName: 'Jane', familyName: '', formatted: null },
    baseUser.name,
  ];
  const emails = [[], baseUser.emails, [{ value: 'jane@acme.com' }, { value: 'j@home.example', type: 'home' }]];
  const departments = [null, '', 'engineering'];
  const permissions = [{ companyPermissions: [], roles: [], appGroup: [] }, baseUser.permissions];
  const signIns = [null, '2026-12-01T08:00:00.000Z'];
  const users: DashboardUserResource[] = [];
  for (const externalId of externalIds)
    for (const displayName of displayNames)
      for (const name of names)
        for (const emailList of emails)
          for (const department of departments)
            for (const permission of permissions)
              for (const lastSignInAt of signIns)
                users.push({ ...baseUser, externalId, displayName, name, emails: emailList, department, permissions: permission, lastSignInAt, active: users.length % 2 === 0 });
  return users;
}

describe('renderScimUser', () => {
  it('without a selection, shows every user variation exactly as projecting the full SCIM User does', () => {
    const users = variations();
    expect(users.length).toBeGreaterThan(1000);
    for (const user of users) {
      const projected = withProductAttributesAtTopLevel(projectAttributes(toScimUser(user, BASE_URL), {}));
      // Byte for byte: the same attributes with the same values, in the same order.
      expect({ user, rendered: JSON.stringify(renderScimUser(user, BASE_URL)) }).toEqual({ user, rendered: JSON.stringify(projected) });
    }
  });

  it('shows the product attributes both under the extension and at the top level, with meta and the ETag', () => {
    const rendered = renderScimUser(baseUser, BASE_URL);
    expect(rendered).toMatchObject({
      id: baseUser.id,
      department: 'engineering',
      lastSignInAt: 'N/A',
      [DASHBOARD_USER_SCHEMA]: { department: 'engineering', permissions: baseUser.permissions, createdAt: baseUser.createdAt, lastSignInAt: 'N/A' },
      meta: { resourceType: 'User', location: `${BASE_URL}/Users/${baseUser.id}`, version: 'W/"4"' },
    });
  });

  it('applies a selection through the projection: attributes, excludedAttributes, and id always', () => {
    expect(renderScimUser(baseUser, BASE_URL, { attributes: ['userName'] })).toEqual({
      schemas: expect.any(Array),
      id: baseUser.id,
      userName: 'jane@acme.com',
    });
    const without = renderScimUser(baseUser, BASE_URL, { excludedAttributes: ['emails', 'permissions', 'id'] });
    expect(without).not.toHaveProperty('emails');
    expect(without).not.toHaveProperty('permissions');
    expect(without['id']).toBe(baseUser.id);
  });
});
