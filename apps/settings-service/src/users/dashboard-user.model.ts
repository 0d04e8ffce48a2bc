import type {
  DashboardUserDeactivated,
  DashboardUserDeprovisioned,
  DashboardUserPermissionsChanged,
  DashboardUserProfilePii,
  DashboardUserProvisioningAbandoned,
  DashboardUserReactivated,
  EventOf,
  ProfileField,
  StoredEmail,
  StoredPermissions,
  StoredPersonName,
} from '@scim/contracts';

/*
 * The user as the domain sees it: personal data in clear. The decider and the folds work on these
 * plaintext events; dashboard-user-event-codec.ts seals them into the stored events (and opens them again),
 * so no domain code ever handles ciphertext or keys.
 */

/** Everything personal about a user except the userName (which never changes). */
export type UserProfile = DashboardUserProfilePii;

export interface DashboardUser {
  readonly userId: string;
  readonly companyId: string;
  readonly userNameSha256: string;
  /** Null when the user's key is gone (only ever the case for deprovisioned users, unless keys were lost). */
  readonly userName: string | null;
  readonly profile: UserProfile | null;
  readonly department: string | null;
  readonly active: boolean;
  readonly permissions: StoredPermissions;
  readonly createdAt: string;
  readonly lastModified: string;
}

export type DashboardUserState =
  | { readonly status: 'absent' }
  | { readonly status: 'live'; readonly user: DashboardUser }
  | { readonly status: 'deprovisioned'; readonly companyId: string; readonly userNameSha256: string }
  | { readonly status: 'abandoned'; readonly companyId: string };

export interface ProvisionedData {
  readonly companyId: string;
  readonly userId: string;
  readonly userNameSha256: string;
  /** Null when read back after the key was deleted. */
  readonly userName: string | null;
  readonly profile: UserProfile | null;
  readonly department: string | null;
  readonly active: boolean;
  readonly permissions: StoredPermissions;
  readonly occurredAt: string;
}

export interface ProfileChangedData {
  readonly companyId: string;
  readonly userId: string;
  readonly profile: UserProfile | null;
  readonly department: string | null;
  readonly changed: readonly ProfileField[];
  readonly occurredAt: string;
}

export type DashboardUserEvent =
  | { readonly type: 'DashboardUserProvisioned.v1'; readonly data: ProvisionedData }
  | { readonly type: 'DashboardUserProfileChanged.v1'; readonly data: ProfileChangedData }
  | EventOf<typeof DashboardUserPermissionsChanged>
  | EventOf<typeof DashboardUserDeactivated>
  | EventOf<typeof DashboardUserReactivated>
  | EventOf<typeof DashboardUserDeprovisioned>
  | EventOf<typeof DashboardUserProvisioningAbandoned>;

export type { StoredEmail, StoredPermissions, StoredPersonName };
