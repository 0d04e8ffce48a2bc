import { randomUUID } from 'node:crypto';
import { userNameSha256, type StoredDashboardUserEvent } from '@scim/contracts';
import { generateKeyMaterial } from './crypto/pii-cipher';
import { keyIdOf, openUserEvent, sealingDecider, sealUserEvent } from './dashboard-user-event-codec';
import type { DashboardUserEvent } from './dashboard-user.model';

const userId = randomUUID();
const companyId = randomUUID();
const key = { keyId: randomUUID(), key: generateKeyMaterial() };
const profile = {
  externalId: 'ext-9',
  name: { givenName: 'Jane', familyName: 'Doe', formatted: null },
  displayName: 'Jane Doe',
  emails: [{ value: 'jane@home.example', type: 'home' }],
};
const provisioned: DashboardUserEvent = {
  type: 'DashboardUserProvisioned.v1',
  data: {
    companyId,
    userId,
    userNameSha256: userNameSha256('jane@example.com'),
    userName: 'jane@example.com',
    profile,
    department: 'bi',
    active: true,
    permissions: { companyPermissions: [], roles: [], appGroup: [] },
    occurredAt: '2025-01-01T00:00:00.000Z',
  },
};
const profileChanged: DashboardUserEvent = {
  type: 'DashboardUserProfileChanged.v1',
  data: { companyId, userId, profile: { ...profile, displayName: 'JD' }, department: 'bi', changed: ['displayName'], occurredAt: '2025-01-02T00:00:00.000Z' },
};

/** What the log holds: the JSON the store wrote. */
function asStored(event: StoredDashboardUserEvent): StoredDashboardUserEvent {
  return JSON.parse(JSON.stringify(event)) as StoredDashboardUserEvent;
}

describe('dashboard user event codec (crypto-shredding)', () => {
  it('stores no personal data in clear, and opens to the same domain events with the key', () => {
    const stored = [provisioned, profileChanged].map((event) => asStored(sealUserEvent(event, key)));
    const text = JSON.stringify(stored);
    // JSON-quoted: base64 ciphertext never contains a quote, so a short name cannot match by chance.
    for (const secret of ['jane@example.com', '"Jane"', '"Doe"', '"ext-9"', 'jane@home.example', '"JD"']) expect(text).not.toContain(secret);
    expect(stored.map(keyIdOf)).toEqual([key.keyId, key.keyId]);
    expect(stored.map((event) => openUserEvent(event, key))).toEqual([provisioned, profileChanged]);
  });

  it('keeps everything else readable once the key is gone, with the personal data erased', () => {
    const stored = asStored(sealUserEvent(provisioned, key));
    const opened = openUserEvent(stored, undefined);
    expect(opened).toEqual({ ...provisioned, data: { ...provisioned.data, userName: null, profile: null } });
    expect(openUserEvent(asStored(sealUserEvent(profileChanged, key)), undefined).data).toMatchObject({ profile: null, changed: ['displayName'] });
    // A new key for the same user (never the case, but) does not open old payloads either.
    expect(openUserEvent(stored, { keyId: randomUUID(), key: generateKeyMaterial() }).data).toMatchObject({ userName: null, profile: null });
  });

  it('refuses a payload moved into another user\'s event', () => {
    const stored = asStored(sealUserEvent(provisioned, key));
    const moved = { ...stored, data: { ...stored.data, userId: randomUUID() } } as StoredDashboardUserEvent;
    expect(() => openUserEvent(moved, key)).toThrow();
  });

  it('folds an erased user to its final state (deprovisioning needs no key)', () => {
    const decider = sealingDecider(undefined);
    const history = [sealUserEvent(provisioned, key), sealUserEvent(profileChanged, key)].map(asStored);
    const state = history.reduce(decider.evolve, decider.initialState());
    expect(state).toMatchObject({ status: 'live', user: { userName: null, profile: null, department: 'bi' } });
    const [deprovisioned] = decider.decide({ type: 'DeprovisionDashboardUser', companyId, occurredAt: '2025-01-03T00:00:00.000Z' }, state);
    expect(deprovisioned.type).toBe('DashboardUserDeprovisioned.v1');
    expect(() => decider.decide({ type: 'PatchDashboardUser', company: { id: companyId, name: 'x', workspaces: [], roles: [], scimSettings: null, scimDailyRequestLimit: null }, changes: { displayName: 'x' }, occurredAt: '2025-01-03T00:00:00.000Z' }, state)).toThrow(/key is missing/);
  });
});
