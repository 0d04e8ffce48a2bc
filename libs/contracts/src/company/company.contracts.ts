import { z } from 'zod';
import { LogPositionText } from '../events/log-position-text';
import { StreamHistoryReply, StreamHistoryRequest } from '../history/stream-history';
import { defineRpc } from '../rpc/rpc-contract';
import { WorkspacePermission } from './permission-catalog';
import {
  CompanyView,
  DEFAULT_PROVISIONING_METHOD,
  EntityId,
  NameInput,
  PermissionSetView,
  ProvisioningMethod,
  RoleView,
  ScimDailyRequestLimit,
  ScimSettingsView,
  StoredName,
  TeamView,
  WorkspaceView,
} from './company.schemas';

/*
 * NATS request/reply contracts of settings-service for company configuration. Who asks travels in the
 * request context headers, not in these payloads. Commands reply with the log position of what they wrote
 * (null when nothing changed); queries accept `minPosition` to wait until the read model has reached it.
 */

const MAX_CHILDREN = 500;

const ReadYourWrites = { minPosition: LogPositionText.optional() };
/** Position of the last event a command appended; null when the command changed nothing. */
const WrittenAt = { position: LogPositionText.nullable() };

export const TeamInput = z.object({ name: NameInput });
export const WorkspaceInput = z.object({ name: NameInput, teams: z.array(TeamInput).max(MAX_CHILDREN).default([]) });
export const RoleInput = z.object({ name: NameInput });

export const RegisterCompanyRpc = defineRpc(
  'settings.companies.register',
  z.object({
    name: NameInput,
    workspaces: z.array(WorkspaceInput).max(MAX_CHILDREN).default([]),
    roles: z.array(RoleInput).max(MAX_CHILDREN).default([]),
  }),
  z.object({ company: CompanyView, ...WrittenAt }),
);

export const GetCompanyRpc = defineRpc(
  'settings.companies.get',
  z.object({ companyId: EntityId, ...ReadYourWrites }),
  z.object({ company: CompanyView }),
);

export const AddWorkspaceRpc = defineRpc(
  'settings.workspaces.add',
  z.object({ companyId: EntityId, name: NameInput, teams: z.array(TeamInput).max(MAX_CHILDREN).default([]) }),
  z.object({ workspace: WorkspaceView, ...WrittenAt }),
);

export const RenameWorkspaceRpc = defineRpc(
  'settings.workspaces.rename',
  z.object({ companyId: EntityId, workspaceId: EntityId, name: NameInput }),
  z.object({ workspace: WorkspaceView, ...WrittenAt }),
);

export const AddTeamRpc = defineRpc(
  'settings.teams.add',
  z.object({ companyId: EntityId, workspaceId: EntityId, name: NameInput }),
  z.object({ team: TeamView, ...WrittenAt }),
);

export const RenameTeamRpc = defineRpc(
  'settings.teams.rename',
  z.object({ companyId: EntityId, workspaceId: EntityId, teamId: EntityId, name: NameInput }),
  z.object({ team: TeamView, ...WrittenAt }),
);

export const AddRoleRpc = defineRpc(
  'settings.roles.add',
  z.object({ companyId: EntityId, name: NameInput }),
  z.object({ role: RoleView, ...WrittenAt }),
);

export const RenameRoleRpc = defineRpc(
  'settings.roles.rename',
  z.object({ companyId: EntityId, roleId: EntityId, name: NameInput }),
  z.object({ role: RoleView, ...WrittenAt }),
);

export const AddPermissionSetRpc = defineRpc(
  'settings.permission-sets.add',
  z.object({
    companyId: EntityId,
    workspaceId: EntityId,
    name: NameInput,
    permissions: z.array(WorkspacePermission).min(1).max(500),
  }),
  z.object({ permissionSet: PermissionSetView, ...WrittenAt }),
);

/**
 * PUT semantics: the whole configuration is replaced. `ipAllowlist` is the text the admin typed
 * (`"203.0.113.0/24, 198.51.100.7, 2001:db8::/32"`) or a list of entries; the reply has it normalised as a
 * list. A bad field or allowlist entry is a VALIDATION_FAILED naming it in `issues`.
 */
export const ConfigureScimSettingsRpc = defineRpc(
  'settings.scim-settings.configure',
  z.object({
    companyId: EntityId,
    provisioningMethod: ProvisioningMethod.default(DEFAULT_PROVISIONING_METHOD),
    defaultWorkspaceId: EntityId,
    serviceOrigin: z.string().max(1000).nullable().default(null),
    ipAllowlist: z
      .union([z.string().max(100_000), z.array(z.string().max(200)).max(1000)])
      .nullable()
      .default(null),
  }),
  z.object({ settings: ScimSettingsView, ...WrittenAt }),
);

/** Sets the company's daily SCIM request limit; null goes back to the installation's default. */
export const SetScimDailyRequestLimitRpc = defineRpc(
  'settings.scim-request-limit.set',
  z.object({ companyId: EntityId, dailyRequestLimit: ScimDailyRequestLimit.nullable() }),
  z.object({ dailyRequestLimit: ScimDailyRequestLimit.nullable(), ...WrittenAt }),
);

/**
 * The gateway's gate reads this on every SCIM request (cached): null settings when never configured, and the
 * company's own daily request limit (null: the installation's default).
 */
export const GetScimSettingsRpc = defineRpc(
  'settings.scim-settings.get',
  z.object({ companyId: EntityId, ...ReadYourWrites }),
  z.object({ settings: ScimSettingsView.nullable(), dailyRequestLimit: ScimDailyRequestLimit.nullable() }),
);

export const CompanySummary = z.object({ id: EntityId, name: StoredName });
export type CompanySummary = z.infer<typeof CompanySummary>;

/** The most companies one page lists: 1,000 names of 200 characters still fit in one NATS message. */
export const MAX_COMPANIES_PAGE = 1_000;

/**
 * A page of the installation's companies (id and name), ordered by name, from the company read model; with
 * `nameContains`, those whose name contains it, ignoring case. `startIndex` is 1-based, as in SCIM.
 */
export const ListCompaniesRpc = defineRpc(
  'settings.companies.list',
  z.object({
    startIndex: z.number().int().min(1),
    count: z.number().int().min(0).max(MAX_COMPANIES_PAGE),
    nameContains: z.string().min(1).max(200).optional(),
  }),
  z.object({ totalResults: z.number().int().nonnegative(), startIndex: z.number().int().min(1), companies: z.array(CompanySummary) }),
);

/** The newest events of the `company-{id}` stream, newest first (NOT_FOUND for an unknown company). */
export const CompanyHistoryRpc = defineRpc('settings.companies.history', StreamHistoryRequest, StreamHistoryReply);
