import {
  CompanyPermission,
  isTeamPermission,
  isWorkspacePermission,
  type CompanyView,
  type DashboardUserPermissions,
  type DashboardUserPermissionsInput,
  type PermissionSetRefInput,
  type RpcErrorIssue,
  type StoredPermissions,
  type TeamPermissionsInput,
  type WorkspacePermissionsInput,
  type WorkspaceView,
} from '@scim/contracts';
import { findPermissionSet, findRole, findTeam, findWorkspace } from '../company/company-lookup';
import { invalidValue, noDefaultWorkspace } from './dashboard-user.errors';

/*
 * The product's `permissions` object resolved against the company: every workspace (appGroup), team, role and
 * permission set named by name or id must exist, every permission string must be in the catalogue (granular
 * or legacy). The result holds ids only, in a canonical order (entities by id, permission strings
 * de-duplicated and sorted), so two requests that mean the same compare equal. All problems are reported at once, each naming its entry.
 */

type Ref = { id?: string; name?: string };

interface Resolution {
  readonly issues: RpcErrorIssue[];
}

/** No workspace given (no or empty `appGroup`): the user lands in the company's default workspace. */
export function resolvePermissions(
  company: CompanyView,
  input: DashboardUserPermissionsInput | null | undefined,
  root = 'permissions',
): StoredPermissions {
  const resolution: Resolution = { issues: [] };
  const companyPermissions = checkStrings(input?.companyPermissions, `${root}.companyPermissions`, 'company', resolution, (value) =>
    CompanyPermission.safeParse(value).success,
  );
  const roles = resolveRoles(company, input?.roles ?? [], `${root}.roles`, resolution);
  const workspaces = input?.appGroup ?? [];
  const appGroup =
    workspaces.length > 0
      ? resolveWorkspaces(company, workspaces, `${root}.appGroup`, resolution)
      : [defaultWorkspaceGrant(company)];
  if (resolution.issues.length > 0) {
    const named = resolution.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw invalidValue(`Invalid permissions: ${named}`, resolution.issues);
  }
  const permissions = { companyPermissions, roles, appGroup };
  assertPermissionsFitOneMessage(company, permissions, root);
  return permissions;
}

/**
 * The most bytes a user's permissions may take as shown (JSON, names resolved): a user travels between the
 * services in one NATS message (max_payload, 1 MiB by default) with its profile and the message's envelope. That
 * is about 190 workspaces with every granular permission each; company permissions grant more in less.
 */
export const MAX_PERMISSIONS_JSON_BYTES = 512 * 1024;

function assertPermissionsFitOneMessage(company: CompanyView, permissions: StoredPermissions, root: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(renderPermissions(company, permissions)));
  if (bytes <= MAX_PERMISSIONS_JSON_BYTES) return;
  const message = `take ${bytes} bytes as shown; at most ${MAX_PERMISSIONS_JSON_BYTES}`;
  throw invalidValue(`The permissions ${message}: grant fewer workspace or team permissions, or company permissions`, [
    { path: root, message },
  ]);
}

/** Stored permissions with the current names of their entities (null for an id the company no longer has). */
export function renderPermissions(company: CompanyView | undefined, permissions: StoredPermissions): DashboardUserPermissions {
  return {
    companyPermissions: [...permissions.companyPermissions],
    roles: permissions.roles.map(({ roleId }) => ({
      roleId,
      roleName: company?.roles.find((role) => role.id === roleId)?.name ?? null,
    })),
    appGroup: permissions.appGroup.map((grant) => {
      const workspace = company?.workspaces.find((candidate) => candidate.id === grant.appGroupId);
      return {
        appGroupId: grant.appGroupId,
        appGroupName: workspace?.name ?? null,
        appGroupPermissions: [...grant.appGroupPermissions],
        appGroupPermissionSets: grant.appGroupPermissionSets.map(({ appGroupPermissionSetId }) => {
          const set = workspace?.permissionSets.find((candidate) => candidate.id === appGroupPermissionSetId);
          return {
            appGroupPermissionSetId,
            appGroupPermissionSetName: set?.name ?? null,
            permissions: set ? [...set.permissions] : [],
          };
        }),
        team: grant.team.map(({ teamId, teamPermissions }) => ({
          teamId,
          teamName: workspace?.teams.find((team) => team.id === teamId)?.name ?? null,
          teamPermissions: [...teamPermissions],
        })),
      };
    }),
  };
}

function defaultWorkspaceGrant(company: CompanyView): StoredPermissions['appGroup'][number] {
  const workspaceId = company.scimSettings?.defaultWorkspaceId;
  const workspace = workspaceId ? company.workspaces.find((candidate) => candidate.id === workspaceId) : undefined;
  if (!workspace) throw noDefaultWorkspace();
  return { appGroupId: workspace.id, appGroupPermissions: [], appGroupPermissionSets: [], team: [] };
}

function resolveRoles(
  company: CompanyView,
  roles: readonly { roleName?: string | null; roleId?: string | null }[],
  path: string,
  resolution: Resolution,
): StoredPermissions['roles'] {
  const ids = new Set<string>();
  roles.forEach((input, index) => {
    const ref = refOf(input.roleId, input.roleName);
    const role = resolveRef(ref, `${path}[${index}]`, { kind: 'role', idKey: 'roleId', nameKey: 'roleName' }, resolution, (r) =>
      findRole(company, r),
    );
    if (role) ids.add(role.id);
  });
  return [...ids].sort().map((roleId) => ({ roleId }));
}

function resolveWorkspaces(
  company: CompanyView,
  workspaces: readonly WorkspacePermissionsInput[],
  path: string,
  resolution: Resolution,
): StoredPermissions['appGroup'] {
  const seen = new Set<string>();
  const grants = workspaces.flatMap((input, index) => {
    const at = `${path}[${index}]`;
    const ref = refOf(input.appGroupId, input.appGroupName);
    const workspace = resolveRef(ref, at, { kind: 'workspace', idKey: 'appGroupId', nameKey: 'appGroupName' }, resolution, (r) =>
      findWorkspace(company, r),
    );
    const appGroupPermissions = checkStrings(input.appGroupPermissions, `${at}.appGroupPermissions`, 'workspace', resolution, isWorkspacePermission);
    if (!workspace) return [];
    if (seen.has(workspace.id)) {
      resolution.issues.push({ path: at, message: `workspace "${workspace.name}" is listed more than once` });
      return [];
    }
    seen.add(workspace.id);
    return [
      {
        appGroupId: workspace.id,
        appGroupPermissions,
        appGroupPermissionSets: resolvePermissionSets(workspace, input.appGroupPermissionSets ?? [], `${at}.appGroupPermissionSets`, resolution),
        team: resolveTeams(workspace, input.team ?? [], `${at}.team`, resolution),
      },
    ];
  });
  return grants.sort((a, b) => compare(a.appGroupId, b.appGroupId));
}

function resolvePermissionSets(
  workspace: WorkspaceView,
  sets: readonly PermissionSetRefInput[],
  path: string,
  resolution: Resolution,
): StoredPermissions['appGroup'][number]['appGroupPermissionSets'] {
  if (sets.length > 1) {
    resolution.issues.push({ path, message: 'a workspace takes at most one permission set' });
    return [];
  }
  return sets.flatMap((input, index) => {
    const ref = refOf(input.appGroupPermissionSetId ?? input.appGroupPermissionSetID, input.appGroupPermissionSetName);
    const spec = { kind: 'permission set', idKey: 'appGroupPermissionSetId', nameKey: 'appGroupPermissionSetName' };
    const set = resolveRef(ref, `${path}[${index}]`, spec, resolution, (r) => findPermissionSet(workspace, r));
    return set ? [{ appGroupPermissionSetId: set.id }] : [];
  });
}

function resolveTeams(
  workspace: WorkspaceView,
  teams: readonly TeamPermissionsInput[],
  path: string,
  resolution: Resolution,
): StoredPermissions['appGroup'][number]['team'] {
  const seen = new Set<string>();
  const grants = teams.flatMap((input, index) => {
    const at = `${path}[${index}]`;
    const ref = refOf(input.teamId, input.teamName);
    const team = resolveRef(ref, at, { kind: 'team', idKey: 'teamId', nameKey: 'teamName' }, resolution, (r) => findTeam(workspace, r));
    const teamPermissions = checkStrings(input.teamPermissions, `${at}.teamPermissions`, 'team', resolution, isTeamPermission);
    if (!team) return [];
    if (seen.has(team.id)) {
      resolution.issues.push({ path: at, message: `team "${team.name}" is listed more than once` });
      return [];
    }
    seen.add(team.id);
    return [{ teamId: team.id, teamPermissions }];
  });
  return grants.sort((a, b) => compare(a.teamId, b.teamId));
}

interface RefSpec {
  readonly kind: string;
  readonly idKey: string;
  readonly nameKey: string;
}

/** Looks an entity up by id and/or name, recording an issue on the key that does not match. */
function resolveRef<T extends { readonly id: string; readonly name: string }>(
  ref: Ref,
  path: string,
  spec: RefSpec,
  resolution: Resolution,
  find: (ref: Ref) => T | undefined,
): T | undefined {
  if (ref.id === undefined && ref.name === undefined) {
    resolution.issues.push({ path, message: `needs ${spec.nameKey} or ${spec.idKey}` });
    return undefined;
  }
  const found = find(ref);
  if (found) return found;
  if (ref.id !== undefined) {
    const byId = find({ id: ref.id });
    resolution.issues.push(
      byId
        ? { path: `${path}.${spec.nameKey}`, message: `"${ref.name}" is not the name of ${spec.kind} ${ref.id}` }
        : { path: `${path}.${spec.idKey}`, message: `no ${spec.kind} with id "${ref.id}"` },
    );
  } else {
    resolution.issues.push({ path: `${path}.${spec.nameKey}`, message: `no ${spec.kind} named "${ref.name}"` });
  }
  return undefined;
}

/** Permission strings in catalogue order-independent form (de-duplicated, sorted); unknown ones are issues. */
function checkStrings(
  values: readonly string[] | null | undefined,
  path: string,
  level: string,
  resolution: Resolution,
  isValid: (value: string) => boolean,
): string[] {
  const accepted = new Set<string>();
  (values ?? []).forEach((raw, index) => {
    const value = raw.trim();
    if (isValid(value)) accepted.add(value);
    else resolution.issues.push({ path: `${path}[${index}]`, message: `"${raw}" is not a ${level} permission` });
  });
  return [...accepted].sort();
}

function refOf(id: string | null | undefined, name: string | null | undefined): Ref {
  const trimmedId = id?.trim();
  const trimmedName = name?.trim();
  return {
    ...(trimmedId ? { id: trimmedId } : {}),
    ...(trimmedName ? { name: trimmedName } : {}),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
