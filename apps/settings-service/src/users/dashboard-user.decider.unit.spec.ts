import { randomUUID } from 'node:crypto';
import {
  DASHBOARD_USER_EVENT_DEFINITIONS,
  userNameSha256,
  type DashboardUserInput,
  type StoredPermissions,
} from '@scim/contracts';
import { deciderSpec, EventRegistry } from '@scim/event-store';
import { generateKeyMaterial } from './crypto/pii-cipher';
import type { DashboardUserCommand } from './dashboard-user.commands';
import { dashboardUserDecider } from './dashboard-user.decider';
import { sealUserEvent } from './dashboard-user-event-codec';
import type { DashboardUserEvent, UserProfile } from './dashboard-user.model';
import { companyFixture } from './testing/users-fixtures';

const spec = deciderSpec(dashboardUserDecider);
const acme = companyFixture('Acme');
const other = companyFixture('Other');
const userId = randomUUID();
const at = '2025-01-02T03:04:05.000Z';
const later = '2025-02-03T04:05:06.000Z';

const janeInput: DashboardUserInput = {
  userName: ' Jane.Doe@Example.com ',
  externalId: 'okta-123',
  name: { givenName: 'Jane', familyName: 'Doe' },
  emails: [{ value: 'jane.doe@example.com', type: 'work', primary: true }],
  department: 'Engineering',
  permissions: {
    companyPermissions: ['manage_company_settings'],
    appGroup: [{ appGroupName: 'main', appGroupPermissions: ['view_segments', 'view_campaigns', 'view_campaigns'] }],
  },
};

const janeProfile: UserProfile = {
  externalId: 'okta-123',
  name: { givenName: 'Jane', familyName: 'Doe', formatted: null },
  displayName: null,
  emails: [{ value: 'jane.doe@example.com', type: 'work', primary: true }],
};

const janePermissions: StoredPermissions = {
  companyPermissions: ['manage_company_settings'],
  roles: [],
  appGroup: [{ appGroupId: acme.mainId, appGroupPermissions: ['view_campaigns', 'view_segments'], appGroupPermissionSets: [], team: [] }],
};

const provisioned: DashboardUserEvent = {
  type: 'DashboardUserProvisioned.v1',
  data: {
    companyId: acme.companyId,
    userId,
    userNameSha256: userNameSha256('jane.doe@example.com'),
    userName: 'Jane.Doe@Example.com',
    profile: janeProfile,
    department: 'engineering',
    active: true,
    permissions: janePermissions,
    occurredAt: at,
  },
};

const deprovisioned: DashboardUserEvent = {
  type: 'DashboardUserDeprovisioned.v1',
  data: { companyId: acme.companyId, userId, userNameSha256: userNameSha256('jane.doe@example.com'), occurredAt: later },
};

function replace(user: Partial<DashboardUserInput> & Record<string, unknown>, company = acme): DashboardUserCommand {
  const { userName, ...rest } = { ...janeInput, ...user };
  return { type: 'ReplaceDashboardUser', company: company.view, user: { ...rest, ...(userName !== undefined ? { userName } : {}) }, occurredAt: later };
}

function patch(changes: Record<string, unknown>, company = acme): DashboardUserCommand {
  return { type: 'PatchDashboardUser', company: company.view, changes, occurredAt: later };
}

describe('dashboard user decider: provisioning', () => {
  it('provisions with a normalised profile, the department in canonical case and resolved, de-duplicated permissions', () => {
    const state = spec
      .given([])
      .when({ type: 'ProvisionDashboardUser', userId, company: acme.view, user: janeInput, occurredAt: at })
      .then([provisioned]);
    expect(state).toMatchObject({ status: 'live', user: { userId, active: true, createdAt: at, lastModified: at } });
  });

  it('puts a user without workspaces into the default workspace and makes it active unless told otherwise', () => {
    const { events } = spec
      .given([])
      .when({ type: 'ProvisionDashboardUser', userId, company: acme.view, user: { userName: 'bob@example.com' }, occurredAt: at })
      .decided();
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({
      active: true,
      department: null,
      profile: { externalId: null, name: { givenName: null, familyName: null, formatted: null }, displayName: null, emails: [] },
      permissions: { companyPermissions: [], roles: [], appGroup: [{ appGroupId: acme.mainId, appGroupPermissions: [], appGroupPermissionSets: [], team: [] }] },
    });
  });

  it('refuses an unknown department, naming it', () => {
    const error = spec
      .given([])
      .when({ type: 'ProvisionDashboardUser', userId, company: acme.view, user: { ...janeInput, department: 'sales' }, occurredAt: at })
      .thenThrows({ code: 'INVALID_VALUE' });
    expect((error as { issues: unknown[] }).issues).toEqual([{ path: 'department', message: expect.stringContaining('agency') }]);
  });

  it('refuses a second provisioning of the same stream, and one whose reservation was taken over', () => {
    spec.given([provisioned]).when({ type: 'ProvisionDashboardUser', userId, company: acme.view, user: janeInput, occurredAt: at }).thenThrows({ code: 'CONFLICT' });
    const abandoned: DashboardUserEvent = {
      type: 'DashboardUserProvisioningAbandoned.v1',
      data: { companyId: acme.companyId, userId, occurredAt: at },
    };
    spec.given([abandoned]).when({ type: 'ProvisionDashboardUser', userId, company: acme.view, user: janeInput, occurredAt: later }).thenThrows({ code: 'UNIQUENESS' });
  });
});

describe('dashboard user decider: replace (PUT)', () => {
  it('records a changed name as a profile change carrying the whole new profile', () => {
    const state = spec
      .given([provisioned])
      .when(replace({ name: { givenName: 'Jane', familyName: 'Doe-Smith' } }))
      .then([
        {
          type: 'DashboardUserProfileChanged.v1',
          data: {
            companyId: acme.companyId,
            userId,
            profile: { ...janeProfile, name: { givenName: 'Jane', familyName: 'Doe-Smith', formatted: null } },
            department: 'engineering',
            changed: ['name'],
            occurredAt: later,
          },
        },
      ]);
    expect(state).toMatchObject({ status: 'live', user: { createdAt: at, lastModified: later } });
  });

  it('is a no-op when nothing changes, also when the userName is repeated in another case', () => {
    spec.given([provisioned]).when(replace({ userName: 'JANE.DOE@EXAMPLE.COM' })).thenNothing();
    spec.given([provisioned]).when(replace({ userName: undefined })).thenNothing();
  });

  it('refuses a different userName (MUTABILITY)', () => {
    spec.given([provisioned]).when(replace({ userName: 'jane@example.org' })).thenThrows({ code: 'MUTABILITY' });
  });

  it('keeps permissions and active when the PUT leaves them out, and clears an absent department', () => {
    const { events } = spec.given([provisioned]).when(replace({ permissions: undefined, active: undefined, department: undefined })).decided();
    expect(events).toEqual([
      expect.objectContaining({ type: 'DashboardUserProfileChanged.v1', data: expect.objectContaining({ department: null, changed: ['department'] }) }),
    ]);
  });

  it('replaces permissions given, and suspends with active:false, in one decision', () => {
    const { events, state } = spec
      .given([provisioned])
      .when(replace({ active: false, permissions: { appGroup: [{ appGroupId: acme.euId, appGroupPermissionSets: [{ appGroupPermissionSetName: 'Marketer' }] }] } }))
      .decided();
    expect(events.map((event) => event.type)).toEqual(['DashboardUserPermissionsChanged.v1', 'DashboardUserDeactivated.v1']);
    expect(events[0].data).toMatchObject({
      permissions: {
        companyPermissions: [],
        appGroup: [{ appGroupId: acme.euId, appGroupPermissions: [], appGroupPermissionSets: [{ appGroupPermissionSetId: acme.marketerSetId }], team: [] }],
      },
    });
    expect(state).toMatchObject({ status: 'live', user: { active: false } });
  });

  it('does not see users of another company', () => {
    spec.given([provisioned]).when(replace({}, other)).thenThrows({ code: 'NOT_FOUND' });
  });
});

describe('dashboard user decider: patch', () => {
  it('suspends (active:false) and reactivates; a suspended user stays live and readable', () => {
    const suspended = spec.given([provisioned]).when(patch({ active: false })).then([
      { type: 'DashboardUserDeactivated.v1', data: { companyId: acme.companyId, userId, occurredAt: later } },
    ]);
    expect(suspended).toMatchObject({ status: 'live', user: { active: false, profile: janeProfile } });
    const deactivated: DashboardUserEvent = { type: 'DashboardUserDeactivated.v1', data: { companyId: acme.companyId, userId, occurredAt: later } };
    spec.given([provisioned, deactivated]).when(patch({ active: true })).then([
      { type: 'DashboardUserReactivated.v1', data: { companyId: acme.companyId, userId, occurredAt: later } },
    ]);
    spec.given([provisioned, deactivated]).when(patch({ active: false })).thenNothing();
  });

  it('takes the implicit email sent back (the userName as primary work email) as no change', () => {
    const withoutEmails: DashboardUserEvent = { ...provisioned, data: { ...provisioned.data, profile: { ...janeProfile, emails: [] } } };
    const shownEmails = [{ value: 'Jane.Doe@Example.com', type: 'work', primary: true }];
    spec.given([withoutEmails]).when(patch({ active: false, emails: shownEmails })).then([
      { type: 'DashboardUserDeactivated.v1', data: { companyId: acme.companyId, userId, occurredAt: later } },
    ]);
    const { events } = spec.given([withoutEmails]).when(patch({ displayName: 'JD', emails: shownEmails })).decided();
    expect(events).toEqual([
      { type: 'DashboardUserProfileChanged.v1', data: expect.objectContaining({ profile: { ...janeProfile, emails: [], displayName: 'JD' }, changed: ['displayName'] }) },
    ]);
    const other = [{ value: 'jane@elsewhere.example', type: 'work', primary: true }];
    expect(spec.given([withoutEmails]).when(patch({ emails: other })).decided().events).toEqual([
      { type: 'DashboardUserProfileChanged.v1', data: expect.objectContaining({ profile: { ...janeProfile, emails: other }, changed: ['emails'] }) },
    ]);
  });

  it('changes only what it names: null clears, absent keeps', () => {
    const { events } = spec.given([provisioned]).when(patch({ externalId: null, displayName: 'JD' })).decided();
    expect(events).toEqual([
      {
        type: 'DashboardUserProfileChanged.v1',
        data: expect.objectContaining({ profile: { ...janeProfile, externalId: null, displayName: 'JD' }, department: 'engineering', changed: ['externalId', 'displayName'] }),
      },
    ]);
  });

  it('refuses to change the userName and accepts it unchanged', () => {
    spec.given([provisioned]).when(patch({ userName: 'other@example.com' })).thenThrows({ code: 'MUTABILITY' });
    spec.given([provisioned]).when(patch({ userName: 'jane.doe@example.com' })).thenNothing();
  });

  it('names the bad permission entry', () => {
    const error = spec
      .given([provisioned])
      .when(patch({ permissions: { appGroup: [{ appGroupName: 'Main', team: [{ teamName: 'Support' }, { teamName: 'Nope' }] }] } }))
      .thenThrows({ code: 'INVALID_VALUE' });
    expect((error as { issues: unknown[] }).issues).toEqual([{ path: 'permissions.appGroup[0].team[1].teamName', message: 'no team named "Nope"' }]);
  });
});

describe('dashboard user decider: deprovisioning', () => {
  it('deprovisions, after which every command is NOT_FOUND', () => {
    const state = spec
      .given([provisioned])
      .when({ type: 'DeprovisionDashboardUser', companyId: acme.companyId, occurredAt: later })
      .then([deprovisioned]);
    expect(state).toEqual({ status: 'deprovisioned', companyId: acme.companyId, userNameSha256: userNameSha256('jane.doe@example.com') });
    spec.given([provisioned, deprovisioned]).when(replace({})).thenThrows({ code: 'NOT_FOUND' });
    spec.given([provisioned, deprovisioned]).when(patch({ active: false })).thenThrows({ code: 'NOT_FOUND' });
    spec.given([provisioned, deprovisioned]).when({ type: 'DeprovisionDashboardUser', companyId: acme.companyId, occurredAt: later }).thenThrows({ code: 'NOT_FOUND' });
    spec.given([]).when({ type: 'DeprovisionDashboardUser', companyId: acme.companyId, occurredAt: later }).thenThrows({ code: 'NOT_FOUND' });
  });

  it('does not deprovision a user of another company', () => {
    spec.given([provisioned]).when({ type: 'DeprovisionDashboardUser', companyId: other.companyId, occurredAt: later }).thenThrows({ code: 'NOT_FOUND' });
  });
});

describe('dashboard user decider: abandoning a dangling create', () => {
  it('claims only a stream that has no user', () => {
    const command: DashboardUserCommand = { type: 'AbandonProvisioning', companyId: acme.companyId, userId, occurredAt: later };
    const state = spec.given([]).when(command).then([
      { type: 'DashboardUserProvisioningAbandoned.v1', data: { companyId: acme.companyId, userId, occurredAt: later } },
    ]);
    expect(state).toEqual({ status: 'abandoned', companyId: acme.companyId });
    spec.given([provisioned]).when(command).thenThrows({ code: 'CONFLICT' });
  });
});

describe('dashboard user decider: events it emits', () => {
  it('seal into payloads the event store accepts', () => {
    const registry = new EventRegistry([...DASHBOARD_USER_EVENT_DEFINITIONS]);
    const key = { keyId: randomUUID(), key: generateKeyMaterial() };
    const emitted = [
      ...spec.given([]).when({ type: 'ProvisionDashboardUser', userId, company: acme.view, user: janeInput, occurredAt: at }).decided().events,
      ...spec.given([provisioned]).when(replace({ active: false, name: { givenName: 'J' }, permissions: {} })).decided().events,
      ...spec.given([provisioned]).when({ type: 'DeprovisionDashboardUser', companyId: acme.companyId, occurredAt: later }).decided().events,
    ];
    expect(emitted.map((event) => event.type)).toEqual([
      'DashboardUserProvisioned.v1',
      'DashboardUserProfileChanged.v1',
      'DashboardUserPermissionsChanged.v1',
      'DashboardUserDeactivated.v1',
      'DashboardUserDeprovisioned.v1',
    ]);
    for (const event of emitted) {
      const sealed = sealUserEvent(event, key);
      expect(() => registry.validateForWrite(sealed.type, sealed.data)).not.toThrow();
    }
  });
});
