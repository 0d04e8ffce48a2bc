import { z } from 'zod';
import { EntityId } from '../company/company.schemas';

/*
 * Shapes of the dashboard users bounded context shared by events and NATS contracts. Inputs are what the
 * gateway sends after parsing SCIM JSON (core attributes plus the product's `department` and `permissions`);
 * names, ids and permission strings are only checked against the company by settings-service, so an
 * unknown one is an INVALID_VALUE naming the entry rather than a schema failure.
 */

export const MAX_USER_NAME_LENGTH = 320;
const MAX_TEXT = 500;
const MAX_PERMISSIONS = 500;

/** The userName (an email address in the modelled product); unique across the installation, ignoring case. */
export const UserNameInput = z.string().trim().min(1, 'userName is required').max(MAX_USER_NAME_LENGTH);

const OptionalText = z.string().max(MAX_TEXT).nullish();

export const PersonNameInput = z.object({
  givenName: OptionalText,
  familyName: OptionalText,
  formatted: OptionalText,
});
export type PersonNameInput = z.infer<typeof PersonNameInput>;

export const EmailInput = z.object({
  value: z.string().trim().min(1).max(MAX_USER_NAME_LENGTH),
  type: z.string().max(50).nullish(),
  primary: z.boolean().nullish(),
});
export type EmailInput = z.infer<typeof EmailInput>;

const RefName = z.string().max(MAX_TEXT);
const RefId = z.string().max(MAX_TEXT);
const PermissionStrings = z.array(z.string().max(200)).max(MAX_PERMISSIONS);

export const RoleRefInput = z.object({ roleName: RefName.nullish(), roleId: RefId.nullish() });
export type RoleRefInput = z.infer<typeof RoleRefInput>;

/** The product's docs spell the id `appGroupPermissionSetID` in one table and `...Id` in responses: both are read. */
export const PermissionSetRefInput = z.object({
  appGroupPermissionSetName: RefName.nullish(),
  appGroupPermissionSetId: RefId.nullish(),
  appGroupPermissionSetID: RefId.nullish(),
});
export type PermissionSetRefInput = z.infer<typeof PermissionSetRefInput>;

export const TeamPermissionsInput = z.object({
  teamName: RefName.nullish(),
  teamId: RefId.nullish(),
  teamPermissions: PermissionStrings.nullish(),
});
export type TeamPermissionsInput = z.infer<typeof TeamPermissionsInput>;

export const WorkspacePermissionsInput = z.object({
  appGroupName: RefName.nullish(),
  appGroupId: RefId.nullish(),
  appGroupPermissions: PermissionStrings.nullish(),
  appGroupPermissionSets: z.array(PermissionSetRefInput).max(50).nullish(),
  team: z.array(TeamPermissionsInput).max(MAX_PERMISSIONS).nullish(),
});
export type WorkspacePermissionsInput = z.infer<typeof WorkspacePermissionsInput>;

/** The product's `permissions` object as a client sends it: entities by name or id. */
export const DashboardUserPermissionsInput = z.object({
  companyPermissions: PermissionStrings.nullish(),
  roles: z.array(RoleRefInput).max(MAX_PERMISSIONS).nullish(),
  appGroup: z.array(WorkspacePermissionsInput).max(MAX_PERMISSIONS).nullish(),
});
export type DashboardUserPermissionsInput = z.infer<typeof DashboardUserPermissionsInput>;

/** A dashboard user as created (POST). `active` defaults to true; no `appGroup` puts the user in the default workspace. */
export const DashboardUserInput = z.object({
  userName: UserNameInput,
  externalId: OptionalText,
  name: PersonNameInput.nullish(),
  displayName: OptionalText,
  emails: z.array(EmailInput).max(50).nullish(),
  active: z.boolean().nullish(),
  /** One of the seven department strings (case-insensitive); checked by the service (INVALID_VALUE). */
  department: z.string().max(100).nullish(),
  permissions: DashboardUserPermissionsInput.nullish(),
});
export type DashboardUserInput = z.infer<typeof DashboardUserInput>;

/**
 * A full replacement (PUT). `userName` may be repeated but not changed (MUTABILITY; a change of case only is
 * no change). Absent `active` and absent `permissions` keep the current values: identity providers that do not
 * manage the product's permissions must not strip a user's access with every PUT.
 */
export const DashboardUserReplaceInput = DashboardUserInput.extend({ userName: UserNameInput.nullish() });
export type DashboardUserReplaceInput = z.infer<typeof DashboardUserReplaceInput>;

/**
 * A partial update: each present attribute replaces the current value (null clears it), absent ones stay.
 * The gateway applies SCIM PATCH operations to the resource it read and sends the attributes that result.
 */
export const DashboardUserChanges = z.object({
  userName: UserNameInput.optional(),
  externalId: z.string().max(MAX_TEXT).nullable().optional(),
  name: PersonNameInput.nullable().optional(),
  displayName: z.string().max(MAX_TEXT).nullable().optional(),
  emails: z.array(EmailInput).max(50).nullable().optional(),
  active: z.boolean().optional(),
  department: z.string().max(100).nullable().optional(),
  permissions: DashboardUserPermissionsInput.optional(),
});
export type DashboardUserChanges = z.infer<typeof DashboardUserChanges>;

/* Stored forms: JSON in, JSON out (no defaults, no transforms), as event schemas must be. */

export const StoredEmail = z.object({
  value: z.string().min(1),
  type: z.string().optional(),
  primary: z.boolean().optional(),
});
export type StoredEmail = z.infer<typeof StoredEmail>;

export const StoredPersonName = z.object({
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  formatted: z.string().nullable(),
});
export type StoredPersonName = z.infer<typeof StoredPersonName>;

/** Permissions as decided: entity ids only (names are resolved when rendering, so renames show at once). */
export const StoredPermissions = z.object({
  companyPermissions: z.array(z.string()),
  roles: z.array(z.object({ roleId: EntityId })),
  appGroup: z.array(
    z.object({
      appGroupId: EntityId,
      appGroupPermissions: z.array(z.string()),
      appGroupPermissionSets: z.array(z.object({ appGroupPermissionSetId: EntityId })),
      team: z.array(z.object({ teamId: EntityId, teamPermissions: z.array(z.string()) })),
    }),
  ),
});
export type StoredPermissions = z.infer<typeof StoredPermissions>;

/** Permissions as replies show them: ids and current names (null only if an entity vanished from the company). */
export const DashboardUserPermissions = z.object({
  companyPermissions: z.array(z.string()),
  roles: z.array(z.object({ roleId: EntityId, roleName: z.string().nullable() })),
  appGroup: z.array(
    z.object({
      appGroupId: EntityId,
      appGroupName: z.string().nullable(),
      appGroupPermissions: z.array(z.string()),
      appGroupPermissionSets: z.array(
        z.object({
          appGroupPermissionSetId: EntityId,
          appGroupPermissionSetName: z.string().nullable(),
          permissions: z.array(z.string()),
        }),
      ),
      team: z.array(z.object({ teamId: EntityId, teamName: z.string().nullable(), teamPermissions: z.array(z.string()) })),
    }),
  ),
});
export type DashboardUserPermissions = z.infer<typeof DashboardUserPermissions>;

/** Everything the gateway needs to render a SCIM User (and its ETag from `revision`). */
export const DashboardUserResource = z.object({
  id: EntityId,
  externalId: z.string().nullable(),
  userName: z.string(),
  name: StoredPersonName,
  displayName: z.string().nullable(),
  emails: z.array(StoredEmail),
  active: z.boolean(),
  department: z.string().nullable(),
  permissions: DashboardUserPermissions,
  createdAt: z.iso.datetime(),
  lastModified: z.iso.datetime(),
  /** Sign-ins are not tracked by this service: always null ("N/A"). */
  lastSignInAt: z.iso.datetime().nullable(),
  /** The user stream's revision: the weak ETag `W/"<revision>"`, and `expectedRevision` for If-Match. */
  revision: z.number().int().nonnegative(),
});
export type DashboardUserResource = z.infer<typeof DashboardUserResource>;
