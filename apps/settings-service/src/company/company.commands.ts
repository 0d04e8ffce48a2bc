import type { ProvisioningMethod } from '@scim/contracts';

/*
 * Commands of the company decider. Ids are chosen by the caller (the command handler mints UUIDs once per
 * request, before any retry), so deciding stays pure and a retried command produces the same events.
 */

export interface TeamSpec {
  readonly teamId: string;
  readonly name: string;
}

export interface WorkspaceSpec {
  readonly workspaceId: string;
  readonly name: string;
  readonly teams: readonly TeamSpec[];
}

export interface RoleSpec {
  readonly roleId: string;
  readonly name: string;
}

export interface RegisterCompany {
  readonly type: 'RegisterCompany';
  readonly companyId: string;
  readonly name: string;
  readonly workspaces: readonly WorkspaceSpec[];
  readonly roles: readonly RoleSpec[];
}

export interface AddWorkspace {
  readonly type: 'AddWorkspace';
  readonly companyId: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly teams: readonly TeamSpec[];
}

export interface RenameWorkspace {
  readonly type: 'RenameWorkspace';
  readonly companyId: string;
  readonly workspaceId: string;
  readonly name: string;
}

export interface AddTeam {
  readonly type: 'AddTeam';
  readonly companyId: string;
  readonly workspaceId: string;
  readonly teamId: string;
  readonly name: string;
}

export interface RenameTeam {
  readonly type: 'RenameTeam';
  readonly companyId: string;
  readonly workspaceId: string;
  readonly teamId: string;
  readonly name: string;
}

export interface AddRole {
  readonly type: 'AddRole';
  readonly companyId: string;
  readonly roleId: string;
  readonly name: string;
}

export interface RenameRole {
  readonly type: 'RenameRole';
  readonly companyId: string;
  readonly roleId: string;
  readonly name: string;
}

export interface AddPermissionSet {
  readonly type: 'AddPermissionSet';
  readonly companyId: string;
  readonly workspaceId: string;
  readonly permissionSetId: string;
  readonly name: string;
  readonly permissions: readonly string[];
}

/** Replaces the whole SCIM provisioning configuration (PUT semantics). */
export interface ConfigureScimProvisioning {
  readonly type: 'ConfigureScimProvisioning';
  readonly companyId: string;
  readonly provisioningMethod: ProvisioningMethod;
  readonly defaultWorkspaceId: string;
  /** As typed: a host name or an origin; normalised by the decider. Required for the custom method. */
  readonly serviceOrigin: string | null;
  /** As typed (comma-separated text) or as a list of entries; null or empty allows every address. */
  readonly ipAllowlist: string | readonly string[] | null;
}

/** Sets the company's daily SCIM request limit; null: the installation's default. */
export interface SetScimDailyRequestLimit {
  readonly type: 'SetScimDailyRequestLimit';
  readonly companyId: string;
  readonly dailyRequestLimit: number | null;
}

export type CompanyCommand =
  | RegisterCompany
  | AddWorkspace
  | RenameWorkspace
  | AddTeam
  | RenameTeam
  | AddRole
  | RenameRole
  | AddPermissionSet
  | ConfigureScimProvisioning
  | SetScimDailyRequestLimit;
