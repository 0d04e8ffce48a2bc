import {
  DashboardUserProfilePii,
  DashboardUserProvisionedPii,
  type StoredDashboardUserEvent,
} from '@scim/contracts';
import type { Decider } from '@scim/event-store';
import { openPii, sealPii, type UserKey } from './crypto/pii-cipher';
import type { DashboardUserCommand } from './dashboard-user.commands';
import { dashboardUserDecider } from './dashboard-user.decider';
import type { DashboardUserEvent, DashboardUserState } from './dashboard-user.model';

/*
 * Plaintext domain events <-> stored events. Only Provisioned and ProfileChanged carry personal data; it
 * is sealed with the user's key, bound to the user id. Opening without the key (it was deleted when the
 * user was deprovisioned) gives the event with its personal data as null: the rest stays readable.
 */

/** `key` may be undefined only for events without personal data. */
export function sealUserEvent(event: DashboardUserEvent, key: UserKey | undefined): StoredDashboardUserEvent {
  switch (event.type) {
    case 'DashboardUserProvisioned.v1': {
      const { userName, profile, ...clear } = event.data;
      if (!key) throw new Error('No key to seal the personal data of this user with');
      if (userName === null || profile === null) throw new Error('Cannot seal a provisioning without its personal data');
      const pii = sealPii({ userName, ...profile }, key, clear.userId);
      return { type: event.type, data: { ...clear, pii } };
    }
    case 'DashboardUserProfileChanged.v1': {
      const { profile, ...clear } = event.data;
      if (!key) throw new Error('No key to seal the personal data of this user with');
      if (profile === null) throw new Error('Cannot seal a profile change without its personal data');
      return { type: event.type, data: { ...clear, changed: [...clear.changed], pii: sealPii(profile, key, clear.userId) } };
    }
    default:
      return event;
  }
}

/**
 * `key` is the user's key, or undefined when it is gone; a key with another id counts as gone. A payload the
 * right key does not open (tampered with, or moved from another user's event) is an error.
 */
export function openUserEvent(event: StoredDashboardUserEvent, key: UserKey | undefined): DashboardUserEvent {
  switch (event.type) {
    case 'DashboardUserProvisioned.v1': {
      const { pii, ...clear } = event.data;
      if (!key || key.keyId !== pii.keyId) return { type: event.type, data: { ...clear, userName: null, profile: null } };
      const { userName, ...profile } = DashboardUserProvisionedPii.parse(openPii(pii, key, clear.userId));
      return { type: event.type, data: { ...clear, userName, profile } };
    }
    case 'DashboardUserProfileChanged.v1': {
      const { pii, ...clear } = event.data;
      const profile = key && key.keyId === pii.keyId ? DashboardUserProfilePii.parse(openPii(pii, key, clear.userId)) : null;
      return { type: event.type, data: { ...clear, profile } };
    }
    default:
      return event;
  }
}

/** The key a stored event was sealed with, if it carries personal data. */
export function keyIdOf(event: StoredDashboardUserEvent): string | undefined {
  return 'pii' in event.data ? event.data.pii.keyId : undefined;
}

/**
 * The dashboard user decider over stored events, for the command handler: folds by opening, emits by
 * sealing with `key`. The inner decider stays pure; only this adapter touches keys.
 */
export function sealingDecider(
  key: UserKey | undefined,
): Decider<DashboardUserState, DashboardUserCommand, StoredDashboardUserEvent> {
  return {
    initialState: dashboardUserDecider.initialState,
    evolve: (state, event) => dashboardUserDecider.evolve(state, openUserEvent(event, key)),
    decide: (command, state) => dashboardUserDecider.decide(command, state).map((event) => sealUserEvent(event, key)),
  };
}
