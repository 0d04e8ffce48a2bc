import type { CompanyEvent, CompanyView, WorkspaceView } from '@scim/contracts';

/**
 * Folds one company event into the company's view: the single pure fold behind both the decider's state
 * and the company read model. `undefined` means "no such company yet"; events before registration are
 * ignored rather than invented into a half company.
 */
export function applyCompanyEvent(view: CompanyView | undefined, event: CompanyEvent): CompanyView | undefined {
  if (event.type === 'CompanyRegistered.v1') {
    return view ?? { id: event.data.companyId, name: event.data.name, workspaces: [], roles: [], scimSettings: null, scimDailyRequestLimit: null };
  }
  if (!view) return undefined;

  switch (event.type) {
    case 'WorkspaceAdded.v1':
      return {
        ...view,
        workspaces: [...view.workspaces, { id: event.data.workspaceId, name: event.data.name, teams: [], permissionSets: [] }],
      };
    case 'WorkspaceRenamed.v1':
      return updateWorkspace(view, event.data.workspaceId, (workspace) => ({ ...workspace, name: event.data.name }));
    case 'TeamAdded.v1':
      return updateWorkspace(view, event.data.workspaceId, (workspace) => ({
        ...workspace,
        teams: [...workspace.teams, { id: event.data.teamId, name: event.data.name }],
      }));
    case 'TeamRenamed.v1':
      return updateWorkspace(view, event.data.workspaceId, (workspace) => ({
        ...workspace,
        teams: workspace.teams.map((team) => (team.id === event.data.teamId ? { ...team, name: event.data.name } : team)),
      }));
    case 'PermissionSetAdded.v1':
      return updateWorkspace(view, event.data.workspaceId, (workspace) => ({
        ...workspace,
        permissionSets: [
          ...workspace.permissionSets,
          { id: event.data.permissionSetId, name: event.data.name, permissions: [...event.data.permissions] },
        ],
      }));
    case 'RoleAdded.v1':
      return { ...view, roles: [...view.roles, { id: event.data.roleId, name: event.data.name }] };
    case 'RoleRenamed.v1':
      return {
        ...view,
        roles: view.roles.map((role) => (role.id === event.data.roleId ? { ...role, name: event.data.name } : role)),
      };
    case 'ScimProvisioningConfigured.v1': {
      const { provisioningMethod, defaultWorkspaceId, serviceOrigin, ipAllowlist } = event.data;
      return { ...view, scimSettings: { provisioningMethod, defaultWorkspaceId, serviceOrigin, ipAllowlist: [...ipAllowlist] } };
    }
    case 'ScimDailyRequestLimitSet.v1':
      return { ...view, scimDailyRequestLimit: event.data.dailyRequestLimit };
  }
}

function updateWorkspace(view: CompanyView, workspaceId: string, update: (workspace: WorkspaceView) => WorkspaceView): CompanyView {
  return { ...view, workspaces: view.workspaces.map((workspace) => (workspace.id === workspaceId ? update(workspace) : workspace)) };
}
