import {
  CompanyRegistered,
  eventOf,
  isWorkspacePermission,
  PermissionSetAdded,
  RoleAdded,
  RoleRenamed,
  ScimDailyRequestLimitSet,
  ScimProvisioningConfigured,
  TeamAdded,
  TeamRenamed,
  WorkspaceAdded,
  WorkspaceRenamed,
  type CompanyEvent,
  type CompanyView,
  type RpcErrorIssue,
  type WorkspaceView,
} from '@scim/contracts';
import type { Decider } from '@scim/event-store';
import type {
  AddPermissionSet,
  AddRole,
  AddTeam,
  AddWorkspace,
  CompanyCommand,
  ConfigureScimProvisioning,
  RegisterCompany,
  RenameRole,
  RenameTeam,
  RenameWorkspace,
  SetScimDailyRequestLimit,
  TeamSpec,
} from './company.commands';
import { applyCompanyEvent } from './company-view.reducer';
import { companyAlreadyRegistered, companyNotFound, idInUse, invalid, nameTaken, notFound } from './company.errors';
import { findNameClash, nameKey, nameProblem, normaliseName } from './entity-name';
import { sameSettings, validateScimSettings } from './scim-settings.validation';

/** The decider's state is the company's view folded from its stream; undefined until registered. */
export interface CompanyState {
  readonly company: CompanyView | undefined;
}

export function initialState(): CompanyState {
  return { company: undefined };
}

export function evolve(state: CompanyState, event: CompanyEvent): CompanyState {
  return { company: applyCompanyEvent(state.company, event) };
}

export function decide(command: CompanyCommand, state: CompanyState): CompanyEvent[] {
  if (command.type === 'RegisterCompany') return register(command, state);
  const company = state.company;
  if (!company) throw companyNotFound(command.companyId);
  switch (command.type) {
    case 'AddWorkspace':
      return addWorkspace(command, company);
    case 'RenameWorkspace':
      return renameWorkspace(command, company);
    case 'AddTeam':
      return addTeam(command, company);
    case 'RenameTeam':
      return renameTeam(command, company);
    case 'AddRole':
      return addRole(command, company);
    case 'RenameRole':
      return renameRole(command, company);
    case 'AddPermissionSet':
      return addPermissionSet(command, company);
    case 'ConfigureScimProvisioning':
      return configureScimProvisioning(command, company);
    case 'SetScimDailyRequestLimit':
      return setScimDailyRequestLimit(command, company);
  }
}

export const companyDecider: Decider<CompanyState, CompanyCommand, CompanyEvent> = { decide, evolve, initialState };

function register(command: RegisterCompany, state: CompanyState): CompanyEvent[] {
  if (state.company) throw companyAlreadyRegistered(command.companyId);
  const companyId = command.companyId;
  const issues: RpcErrorIssue[] = [
    ...checkName(command.name, 'name'),
    ...checkNewNames(command.workspaces.map((workspace) => workspace.name), 'workspaces', 'company'),
    ...command.workspaces.flatMap((workspace, index) =>
      checkNewNames(workspace.teams.map((team) => team.name), `workspaces[${index}].teams`, 'workspace'),
    ),
    ...checkNewNames(command.roles.map((role) => role.name), 'roles', 'company'),
  ];
  if (issues.length > 0) throw invalid('Invalid company registration', issues);
  assertDistinctIds([
    companyId,
    ...command.workspaces.flatMap((workspace) => [workspace.workspaceId, ...workspace.teams.map((team) => team.teamId)]),
    ...command.roles.map((role) => role.roleId),
  ]);

  return [
    eventOf(CompanyRegistered, { companyId, name: normaliseName(command.name) }),
    ...command.workspaces.flatMap((workspace) => workspaceEvents(companyId, workspace.workspaceId, workspace.name, workspace.teams)),
    ...command.roles.map((role) => eventOf(RoleAdded, { companyId, roleId: role.roleId, name: normaliseName(role.name) })),
  ];
}

function addWorkspace(command: AddWorkspace, company: CompanyView): CompanyEvent[] {
  const issues = [
    ...checkName(command.name, 'name'),
    ...checkNewNames(command.teams.map((team) => team.name), 'teams', 'workspace'),
  ];
  if (issues.length > 0) throw invalid('Invalid workspace', issues);
  if (company.workspaces.some((workspace) => workspace.id === command.workspaceId)) {
    throw idInUse('Workspace', 'workspaceId', command.workspaceId);
  }
  assertDistinctIds([command.workspaceId, ...command.teams.map((team) => team.teamId), ...allIds(company)]);
  if (findNameClash(company.workspaces, command.name)) throw nameTaken('workspace', 'company', normaliseName(command.name));
  return workspaceEvents(company.id, command.workspaceId, command.name, command.teams);
}

function renameWorkspace(command: RenameWorkspace, company: CompanyView): CompanyEvent[] {
  throwIfInvalidName(command.name);
  const workspace = findWorkspace(company, command.workspaceId);
  const name = normaliseName(command.name);
  if (name === workspace.name) return [];
  if (findNameClash(company.workspaces, name, workspace.id)) throw nameTaken('workspace', 'company', name);
  return [eventOf(WorkspaceRenamed, { companyId: company.id, workspaceId: workspace.id, name, previousName: workspace.name })];
}

function addTeam(command: AddTeam, company: CompanyView): CompanyEvent[] {
  throwIfInvalidName(command.name);
  const workspace = findWorkspace(company, command.workspaceId);
  if (allIds(company).includes(command.teamId)) throw idInUse('Team', 'teamId', command.teamId);
  const name = normaliseName(command.name);
  if (findNameClash(workspace.teams, name)) throw nameTaken('team', 'workspace', name);
  return [eventOf(TeamAdded, { companyId: company.id, workspaceId: workspace.id, teamId: command.teamId, name })];
}

function renameTeam(command: RenameTeam, company: CompanyView): CompanyEvent[] {
  throwIfInvalidName(command.name);
  const workspace = findWorkspace(company, command.workspaceId);
  const team = workspace.teams.find((candidate) => candidate.id === command.teamId);
  if (!team) throw notFound('Team', 'teamId', command.teamId);
  const name = normaliseName(command.name);
  if (name === team.name) return [];
  if (findNameClash(workspace.teams, name, team.id)) throw nameTaken('team', 'workspace', name);
  return [eventOf(TeamRenamed, { companyId: company.id, workspaceId: workspace.id, teamId: team.id, name, previousName: team.name })];
}

function addRole(command: AddRole, company: CompanyView): CompanyEvent[] {
  throwIfInvalidName(command.name);
  if (allIds(company).includes(command.roleId)) throw idInUse('Role', 'roleId', command.roleId);
  const name = normaliseName(command.name);
  if (findNameClash(company.roles, name)) throw nameTaken('role', 'company', name);
  return [eventOf(RoleAdded, { companyId: company.id, roleId: command.roleId, name })];
}

function renameRole(command: RenameRole, company: CompanyView): CompanyEvent[] {
  throwIfInvalidName(command.name);
  const role = company.roles.find((candidate) => candidate.id === command.roleId);
  if (!role) throw notFound('Role', 'roleId', command.roleId);
  const name = normaliseName(command.name);
  if (name === role.name) return [];
  if (findNameClash(company.roles, name, role.id)) throw nameTaken('role', 'company', name);
  return [eventOf(RoleRenamed, { companyId: company.id, roleId: role.id, name, previousName: role.name })];
}

function addPermissionSet(command: AddPermissionSet, company: CompanyView): CompanyEvent[] {
  const issues: RpcErrorIssue[] = [...checkName(command.name, 'name')];
  if (command.permissions.length === 0) issues.push({ path: 'permissions', message: 'a permission set needs at least one permission' });
  command.permissions.forEach((permission, index) => {
    if (!isWorkspacePermission(permission)) {
      issues.push({ path: `permissions[${index}]`, message: `"${permission}" is not a workspace permission` });
    }
  });
  if (issues.length > 0) throw invalid('Invalid permission set', issues);
  const workspace = findWorkspace(company, command.workspaceId);
  if (allIds(company).includes(command.permissionSetId)) throw idInUse('Permission set', 'permissionSetId', command.permissionSetId);
  const name = normaliseName(command.name);
  if (findNameClash(workspace.permissionSets, name)) throw nameTaken('permission set', 'workspace', name);
  return [
    eventOf(PermissionSetAdded, {
      companyId: company.id,
      workspaceId: workspace.id,
      permissionSetId: command.permissionSetId,
      name,
      permissions: [...new Set(command.permissions)],
    }),
  ];
}

function configureScimProvisioning(command: ConfigureScimProvisioning, company: CompanyView): CompanyEvent[] {
  const settings = validateScimSettings(command, company);
  if (sameSettings(company.scimSettings, settings)) return [];
  return [eventOf(ScimProvisioningConfigured, { companyId: company.id, ...settings })];
}

function setScimDailyRequestLimit(command: SetScimDailyRequestLimit, company: CompanyView): CompanyEvent[] {
  const previous = company.scimDailyRequestLimit;
  if (command.dailyRequestLimit === previous) return [];
  return [
    eventOf(ScimDailyRequestLimitSet, { companyId: company.id, dailyRequestLimit: command.dailyRequestLimit, previousDailyRequestLimit: previous }),
  ];
}

function workspaceEvents(companyId: string, workspaceId: string, name: string, teams: readonly TeamSpec[]): CompanyEvent[] {
  return [
    eventOf(WorkspaceAdded, { companyId, workspaceId, name: normaliseName(name) }),
    ...teams.map((team) => eventOf(TeamAdded, { companyId, workspaceId, teamId: team.teamId, name: normaliseName(team.name) })),
  ];
}

function findWorkspace(company: CompanyView, workspaceId: string): WorkspaceView {
  const workspace = company.workspaces.find((candidate) => candidate.id === workspaceId);
  if (!workspace) throw notFound('Workspace', 'workspaceId', workspaceId);
  return workspace;
}

function checkName(raw: string, path: string): RpcErrorIssue[] {
  const problem = nameProblem(normaliseName(raw));
  return problem ? [{ path, message: problem }] : [];
}

function throwIfInvalidName(raw: string): void {
  const issues = checkName(raw, 'name');
  if (issues.length > 0) throw invalid('Invalid name', issues);
}

/** Names of new siblings: each valid, and no two the same ignoring case. */
function checkNewNames(names: readonly string[], path: string, parent: string): RpcErrorIssue[] {
  const seen = new Set<string>();
  return names.flatMap((raw, index) => {
    const issues = checkName(raw, `${path}[${index}].name`);
    const key = nameKey(raw);
    if (issues.length === 0 && seen.has(key)) {
      issues.push({ path: `${path}[${index}].name`, message: `"${normaliseName(raw)}" appears twice (names are unique within their ${parent}, ignoring case)` });
    }
    seen.add(key);
    return issues;
  });
}

function allIds(company: CompanyView): string[] {
  return [
    company.id,
    ...company.workspaces.flatMap((workspace) => [
      workspace.id,
      ...workspace.teams.map((team) => team.id),
      ...workspace.permissionSets.map((set) => set.id),
    ]),
    ...company.roles.map((role) => role.id),
  ];
}

function assertDistinctIds(ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw idInUse('Entity', 'id', id);
    seen.add(id);
  }
}
