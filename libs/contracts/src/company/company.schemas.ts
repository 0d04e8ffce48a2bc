import { z } from 'zod';

/** Ids of companies, workspaces, teams, roles and permission sets are UUIDs. */
export const EntityId = z.uuid();
export type EntityId = z.infer<typeof EntityId>;

export const MAX_NAME_LENGTH = 200;

/** A stored name (events, views): already trimmed by the decider; no transforms, events are JSON in/out. */
export const StoredName = z.string().min(1).max(MAX_NAME_LENGTH);

/**
 * A name as a caller sends it: surrounding whitespace is dropped, and it is one line of text (a control
 * character, a NUL, a line break or an escape, would corrupt lists, logs and exports).
 */
export const NameInput = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(MAX_NAME_LENGTH)
  .regex(/^\P{Cc}*$/u, 'must not contain control characters (line breaks, tabs, NUL)');

export const ProvisioningMethod = z.enum(['custom', 'okta', 'entra_id']);
export type ProvisioningMethod = z.infer<typeof ProvisioningMethod>;
/** The method a company has until an admin picks another one (the seed's case). */
export const DEFAULT_PROVISIONING_METHOD: ProvisioningMethod = 'custom';

/** SCIM provisioning settings as stored and shown: normalised service origin, canonical allowlist entries. */
export const ScimSettingsView = z.object({
  provisioningMethod: ProvisioningMethod,
  defaultWorkspaceId: EntityId,
  /** Normalised (see service-origin.ts); null when the method needs none and none was given. */
  serviceOrigin: z.string().min(1).nullable(),
  /** Canonical entries (see @scim/ip-allowlist); empty allows every address. */
  ipAllowlist: z.array(z.string().min(1)),
});
export type ScimSettingsView = z.infer<typeof ScimSettingsView>;

/**
 * SCIM requests a company may make per UTC day, when the installation's default (the gateway's
 * SCIM_DAILY_REQUEST_LIMIT) is not what it should have.
 */
export const MAX_SCIM_DAILY_REQUEST_LIMIT = 100_000_000;
export const ScimDailyRequestLimit = z.number().int().min(1).max(MAX_SCIM_DAILY_REQUEST_LIMIT);

export const TeamView = z.object({ id: EntityId, name: StoredName });
export type TeamView = z.infer<typeof TeamView>;

export const PermissionSetView = z.object({ id: EntityId, name: StoredName, permissions: z.array(z.string()) });
export type PermissionSetView = z.infer<typeof PermissionSetView>;

export const WorkspaceView = z.object({
  id: EntityId,
  name: StoredName,
  teams: z.array(TeamView),
  permissionSets: z.array(PermissionSetView),
});
export type WorkspaceView = z.infer<typeof WorkspaceView>;

export const RoleView = z.object({ id: EntityId, name: StoredName });
export type RoleView = z.infer<typeof RoleView>;

/** A company as the read model holds it and `settings.companies.get` returns it. */
export const CompanyView = z.object({
  id: EntityId,
  name: StoredName,
  workspaces: z.array(WorkspaceView),
  roles: z.array(RoleView),
  scimSettings: ScimSettingsView.nullable(),
  /** The company's own daily SCIM request limit; null: the installation's default. */
  scimDailyRequestLimit: ScimDailyRequestLimit.nullable(),
});
export type CompanyView = z.infer<typeof CompanyView>;

export function companyStreamName(companyId: string): string {
  return `company-${companyId}`;
}
