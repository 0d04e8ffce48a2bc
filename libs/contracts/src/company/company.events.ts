import { z } from 'zod';
import { defineEvent, type EventDefinition, type EventOf } from '../events/event-definition';
import { EntityId, ProvisioningMethod, ScimDailyRequestLimit, StoredName } from './company.schemas';

/* Events of the `company-{companyId}` stream. Schemas are JSON in, JSON out: no defaults, no transforms. */

export const CompanyRegistered = defineEvent('CompanyRegistered', 1, z.object({ companyId: EntityId, name: StoredName }));

export const WorkspaceAdded = defineEvent(
  'WorkspaceAdded',
  1,
  z.object({ companyId: EntityId, workspaceId: EntityId, name: StoredName }),
);

export const WorkspaceRenamed = defineEvent(
  'WorkspaceRenamed',
  1,
  z.object({ companyId: EntityId, workspaceId: EntityId, name: StoredName, previousName: StoredName }),
);

export const TeamAdded = defineEvent(
  'TeamAdded',
  1,
  z.object({ companyId: EntityId, workspaceId: EntityId, teamId: EntityId, name: StoredName }),
);

export const TeamRenamed = defineEvent(
  'TeamRenamed',
  1,
  z.object({ companyId: EntityId, workspaceId: EntityId, teamId: EntityId, name: StoredName, previousName: StoredName }),
);

export const RoleAdded = defineEvent('RoleAdded', 1, z.object({ companyId: EntityId, roleId: EntityId, name: StoredName }));

export const RoleRenamed = defineEvent(
  'RoleRenamed',
  1,
  z.object({ companyId: EntityId, roleId: EntityId, name: StoredName, previousName: StoredName }),
);

/**
 * A named set of workspace permissions. Permissions are plain strings here (checked against the catalogue
 * when the command is decided), so events stay readable when legacy strings leave the catalogue.
 */
export const PermissionSetAdded = defineEvent(
  'PermissionSetAdded',
  1,
  z.object({
    companyId: EntityId,
    workspaceId: EntityId,
    permissionSetId: EntityId,
    name: StoredName,
    permissions: z.array(z.string().min(1)),
  }),
);

/** The whole SCIM provisioning configuration as set (each event replaces the previous one). */
export const ScimProvisioningConfigured = defineEvent(
  'ScimProvisioningConfigured',
  1,
  z.object({
    companyId: EntityId,
    provisioningMethod: ProvisioningMethod,
    defaultWorkspaceId: EntityId,
    /** Normalised service origin; null when the method needs none and none was given. */
    serviceOrigin: z.string().min(1).nullable(),
    /** Canonical allowlist entries (@scim/ip-allowlist formatAllowlist); empty allows every address. */
    ipAllowlist: z.array(z.string().min(1)),
  }),
);

/** The company's daily SCIM request limit changed; null: back to the installation's default. */
export const ScimDailyRequestLimitSet = defineEvent(
  'ScimDailyRequestLimitSet',
  1,
  z.object({
    companyId: EntityId,
    dailyRequestLimit: ScimDailyRequestLimit.nullable(),
    previousDailyRequestLimit: ScimDailyRequestLimit.nullable(),
  }),
);

/** Every event type of the company stream, for the event store's registry. */
export const COMPANY_EVENT_DEFINITIONS = [
  CompanyRegistered,
  WorkspaceAdded,
  WorkspaceRenamed,
  TeamAdded,
  TeamRenamed,
  RoleAdded,
  RoleRenamed,
  PermissionSetAdded,
  ScimProvisioningConfigured,
  ScimDailyRequestLimitSet,
] as const;

type EventUnion<D> = D extends EventDefinition ? EventOf<D> : never;

export type CompanyEvent = EventUnion<(typeof COMPANY_EVENT_DEFINITIONS)[number]>;
export type CompanyEventType = CompanyEvent['type'];

const COMPANY_EVENT_TYPES: ReadonlySet<string> = new Set(COMPANY_EVENT_DEFINITIONS.map((definition) => definition.type));

/** Narrows an event read from the store (already validated against its schema by the port). */
export function isCompanyEvent(event: { readonly type: string; readonly data: unknown }): event is CompanyEvent {
  return COMPANY_EVENT_TYPES.has(event.type);
}
