import type { CompanyView, PermissionSetView, RoleView, TeamView, WorkspaceView } from '@scim/contracts';
import { nameKey } from './entity-name';

/*
 * Name -> entity resolution on a company view, as SCIM payloads name workspaces, teams, roles and
 * permission sets by name or by id (`appGroupName` / `appGroupId`). Names compare case-insensitively.
 */

export function findWorkspace(company: CompanyView, ref: { id?: string; name?: string }): WorkspaceView | undefined {
  return findByRef(company.workspaces, ref);
}

export function findTeam(workspace: WorkspaceView, ref: { id?: string; name?: string }): TeamView | undefined {
  return findByRef(workspace.teams, ref);
}

export function findRole(company: CompanyView, ref: { id?: string; name?: string }): RoleView | undefined {
  return findByRef(company.roles, ref);
}

export function findPermissionSet(workspace: WorkspaceView, ref: { id?: string; name?: string }): PermissionSetView | undefined {
  return findByRef(workspace.permissionSets, ref);
}

/** By id when one is given (the name must then agree, if given too), else by name. */
function findByRef<T extends { readonly id: string; readonly name: string }>(
  items: readonly T[],
  ref: { id?: string; name?: string },
): T | undefined {
  if (ref.id !== undefined) {
    const byId = items.find((item) => item.id === ref.id);
    return byId && (ref.name === undefined || nameKey(ref.name) === nameKey(byId.name)) ? byId : undefined;
  }
  if (ref.name === undefined) return undefined;
  const key = nameKey(ref.name);
  return items.find((item) => nameKey(item.name) === key);
}
