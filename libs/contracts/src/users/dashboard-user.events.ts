import { z } from 'zod';
import { EntityId } from '../company/company.schemas';
import { defineEvent, type EventDefinition, type EventOf } from '../events/event-definition';
import { SHA256_HEX } from '../events/event-metadata';
import { StoredEmail, StoredPermissions, StoredPersonName } from './dashboard-user.schemas';

/*
 * Events of the `dashboard-user-{userId}` streams and of the `username-{sha256}` reservation streams.
 *
 * Crypto-shredding: personal data (userName, names, emails, externalId) is never stored in clear. It travels
 * in `pii`, sealed with AES-256-GCM under a key of its own for each user, kept outside the log and deleted
 * when the user is deprovisioned: the events stay (auditors still see who changed what, when, with which
 * permissions), the personal data in them becomes unreadable. Everything else is in clear.
 */

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

/** AES-256-GCM ciphertext of a JSON document; `keyId` names the user key in the key store. */
export const SealedPii = z.object({
  keyId: EntityId,
  alg: z.literal('A256GCM'),
  /** 96-bit nonce, base64. */
  iv: Base64,
  ciphertext: Base64,
  /** 128-bit authentication tag, base64. */
  tag: Base64,
});
export type SealedPii = z.infer<typeof SealedPii>;

/** What the `pii` of DashboardUserProfileChanged holds once opened: the whole new profile except the userName. */
export const DashboardUserProfilePii = z.object({
  externalId: z.string().nullable(),
  name: StoredPersonName,
  displayName: z.string().nullable(),
  emails: z.array(StoredEmail),
});
export type DashboardUserProfilePii = z.infer<typeof DashboardUserProfilePii>;

/** What the `pii` of DashboardUserProvisioned holds once opened. */
export const DashboardUserProvisionedPii = DashboardUserProfilePii.extend({ userName: z.string().min(1) });
export type DashboardUserProvisionedPii = z.infer<typeof DashboardUserProvisionedPii>;

export const PROFILE_FIELDS = ['externalId', 'name', 'displayName', 'emails', 'department'] as const;
export const ProfileField = z.enum(PROFILE_FIELDS);
export type ProfileField = z.infer<typeof ProfileField>;

const At = z.iso.datetime();
const UserNameSha256 = z.string().regex(SHA256_HEX);

export const DashboardUserProvisioned = defineEvent(
  'DashboardUserProvisioned',
  1,
  z.object({
    companyId: EntityId,
    userId: EntityId,
    /** SHA-256 of the lower-cased userName: names the reservation stream to release on deprovisioning. */
    userNameSha256: UserNameSha256,
    pii: SealedPii,
    /** A department string; plain text so old events stay readable if the list changes. */
    department: z.string().nullable(),
    active: z.boolean(),
    permissions: StoredPermissions,
    occurredAt: At,
  }),
);

/** Name, emails, externalId or department changed; `pii` holds the whole new profile, `changed` says what moved. */
export const DashboardUserProfileChanged = defineEvent(
  'DashboardUserProfileChanged',
  1,
  z.object({
    companyId: EntityId,
    userId: EntityId,
    pii: SealedPii,
    department: z.string().nullable(),
    changed: z.array(ProfileField).min(1),
    occurredAt: At,
  }),
);

export const DashboardUserPermissionsChanged = defineEvent(
  'DashboardUserPermissionsChanged',
  1,
  z.object({ companyId: EntityId, userId: EntityId, permissions: StoredPermissions, occurredAt: At }),
);

/** `active: false`: suspended, still readable and findable. */
export const DashboardUserDeactivated = defineEvent(
  'DashboardUserDeactivated',
  1,
  z.object({ companyId: EntityId, userId: EntityId, occurredAt: At }),
);

export const DashboardUserReactivated = defineEvent(
  'DashboardUserReactivated',
  1,
  z.object({ companyId: EntityId, userId: EntityId, occurredAt: At }),
);

/** Deleted: every later command or read is NOT_FOUND; the user's key is then deleted. */
export const DashboardUserDeprovisioned = defineEvent(
  'DashboardUserDeprovisioned',
  1,
  z.object({ companyId: EntityId, userId: EntityId, userNameSha256: UserNameSha256, occurredAt: At }),
);

/**
 * Written to the stream of a user whose create reserved a userName and then never wrote its stream (a crash
 * between the two appends). Claims the stream with `no_stream`, so that create can never complete after its
 * reservation has been taken over by another user.
 */
export const DashboardUserProvisioningAbandoned = defineEvent(
  'DashboardUserProvisioningAbandoned',
  1,
  z.object({ companyId: EntityId, userId: EntityId, occurredAt: At }),
);

export const DASHBOARD_USER_EVENT_DEFINITIONS = [
  DashboardUserProvisioned,
  DashboardUserProfileChanged,
  DashboardUserPermissionsChanged,
  DashboardUserDeactivated,
  DashboardUserReactivated,
  DashboardUserDeprovisioned,
  DashboardUserProvisioningAbandoned,
] as const;

/** The userName is held by `userId` (a takeover names the dangling holder it replaced). */
export const UserNameReserved = defineEvent(
  'UserNameReserved',
  1,
  z.object({
    userNameSha256: UserNameSha256,
    userId: EntityId,
    companyId: EntityId,
    takesOverFrom: EntityId.optional(),
    occurredAt: At,
  }),
);

/** The holder was deprovisioned; the stream is soft-deleted right after, so `no_stream` claims it again. */
export const UserNameReleased = defineEvent(
  'UserNameReleased',
  1,
  z.object({ userNameSha256: UserNameSha256, userId: EntityId, companyId: EntityId, occurredAt: At }),
);

export const USER_NAME_RESERVATION_EVENT_DEFINITIONS = [UserNameReserved, UserNameReleased] as const;

type EventUnion<D> = D extends EventDefinition ? EventOf<D> : never;

/** A user event as stored (personal data sealed). */
export type StoredDashboardUserEvent = EventUnion<(typeof DASHBOARD_USER_EVENT_DEFINITIONS)[number]>;
export type UserNameReservationEvent = EventUnion<(typeof USER_NAME_RESERVATION_EVENT_DEFINITIONS)[number]>;

const USER_EVENT_TYPES: ReadonlySet<string> = new Set(DASHBOARD_USER_EVENT_DEFINITIONS.map((definition) => definition.type));
const RESERVATION_EVENT_TYPES: ReadonlySet<string> = new Set(
  USER_NAME_RESERVATION_EVENT_DEFINITIONS.map((definition) => definition.type),
);

/** Narrows an event read from the store (already validated against its schema by the port). */
export function isStoredDashboardUserEvent(event: { readonly type: string; readonly data: unknown }): event is StoredDashboardUserEvent {
  return USER_EVENT_TYPES.has(event.type);
}

export function isUserNameReservationEvent(event: { readonly type: string; readonly data: unknown }): event is UserNameReservationEvent {
  return RESERVATION_EVENT_TYPES.has(event.type);
}

export const DASHBOARD_USER_STREAM_PREFIX = 'dashboard-user-';
export const USER_NAME_STREAM_PREFIX = 'username-';

export function dashboardUserStreamName(userId: string): string {
  return `${DASHBOARD_USER_STREAM_PREFIX}${userId}`;
}

export function userNameStreamName(userNameSha256: string): string {
  return `${USER_NAME_STREAM_PREFIX}${userNameSha256}`;
}
