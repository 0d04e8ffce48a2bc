import { randomUUID } from 'node:crypto';
import {
  companyStreamName,
  formatLogPosition,
  type AddPermissionSetRpc,
  type AddRoleRpc,
  type AddTeamRpc,
  type AddWorkspaceRpc,
  type CompanyView,
  type ConfigureScimSettingsRpc,
  type SetScimDailyRequestLimitRpc,
  type RegisterCompanyRpc,
  type RenameRoleRpc,
  type RenameTeamRpc,
  type RenameWorkspaceRpc,
  type RequestContext,
  type RpcReply,
  type RpcRequest,
  type ScimSettingsChangedNotice,
} from '@scim/contracts';
import { handleCommand, type EventStorePort } from '@scim/event-store';
import type { CompanyCommand } from './company.commands';
import { companyDecider } from './company.decider';
import { asCallerFailure } from '@scim/event-store';

export interface CompanyCommandServiceOptions {
  readonly store: EventStorePort;
  /** Mints ids for new companies, workspaces, teams, roles, permission sets and commands. */
  readonly newId?: () => string;
  readonly maxRetries?: number;
  /**
   * Publishes `settings.events.scim-settings-changed` after the SCIM settings or the request limit changed, so
   * gateways drop their copy and read past the change.
   */
  readonly publishSettingsChanged?: (notice: ScimSettingsChangedNotice, context: RequestContext) => Promise<void>;
  /** A change that could not be announced (it is in the log; gateway caches expire on their own). */
  readonly onPublishFailure?: (error: unknown, notice: ScimSettingsChangedNotice) => void;
}

interface Outcome {
  readonly company: CompanyView;
  readonly position: string | null;
}

/**
 * Company configuration commands: each request becomes a decider command (ids minted here, once, so a retry
 * after a concurrency conflict decides on the same ids), run through handleCommand on `company-{id}`. Replies
 * carry what the command produced, read from the state after it, and the log position for read-your-writes.
 */
export class CompanyCommandService {
  private readonly newId: () => string;

  constructor(private readonly options: CompanyCommandServiceOptions) {
    this.newId = options.newId ?? randomUUID;
  }

  async register(
    request: RpcRequest<typeof RegisterCompanyRpc>,
    context: RequestContext,
  ): Promise<RpcReply<typeof RegisterCompanyRpc>> {
    const companyId = this.newId();
    const outcome = await this.run(
      {
        type: 'RegisterCompany',
        companyId,
        name: request.name,
        workspaces: request.workspaces.map((workspace) => ({
          workspaceId: this.newId(),
          name: workspace.name,
          teams: workspace.teams.map((team) => ({ teamId: this.newId(), name: team.name })),
        })),
        roles: request.roles.map((role) => ({ roleId: this.newId(), name: role.name })),
      },
      context,
    );
    return { company: outcome.company, position: outcome.position };
  }

  async addWorkspace(request: RpcRequest<typeof AddWorkspaceRpc>, context: RequestContext): Promise<RpcReply<typeof AddWorkspaceRpc>> {
    const workspaceId = this.newId();
    const teams = request.teams.map((team) => ({ teamId: this.newId(), name: team.name }));
    const outcome = await this.run({ type: 'AddWorkspace', companyId: request.companyId, workspaceId, name: request.name, teams }, context);
    return { workspace: workspaceOf(outcome.company, workspaceId), position: outcome.position };
  }

  async renameWorkspace(
    request: RpcRequest<typeof RenameWorkspaceRpc>,
    context: RequestContext,
  ): Promise<RpcReply<typeof RenameWorkspaceRpc>> {
    const outcome = await this.run({ type: 'RenameWorkspace', ...request }, context);
    return { workspace: workspaceOf(outcome.company, request.workspaceId), position: outcome.position };
  }

  async addTeam(request: RpcRequest<typeof AddTeamRpc>, context: RequestContext): Promise<RpcReply<typeof AddTeamRpc>> {
    const teamId = this.newId();
    const outcome = await this.run({ type: 'AddTeam', ...request, teamId }, context);
    return { team: teamOf(outcome.company, request.workspaceId, teamId), position: outcome.position };
  }

  async renameTeam(request: RpcRequest<typeof RenameTeamRpc>, context: RequestContext): Promise<RpcReply<typeof RenameTeamRpc>> {
    const outcome = await this.run({ type: 'RenameTeam', ...request }, context);
    return { team: teamOf(outcome.company, request.workspaceId, request.teamId), position: outcome.position };
  }

  async addRole(request: RpcRequest<typeof AddRoleRpc>, context: RequestContext): Promise<RpcReply<typeof AddRoleRpc>> {
    const roleId = this.newId();
    const outcome = await this.run({ type: 'AddRole', ...request, roleId }, context);
    return { role: roleOf(outcome.company, roleId), position: outcome.position };
  }

  async renameRole(request: RpcRequest<typeof RenameRoleRpc>, context: RequestContext): Promise<RpcReply<typeof RenameRoleRpc>> {
    const outcome = await this.run({ type: 'RenameRole', ...request }, context);
    return { role: roleOf(outcome.company, request.roleId), position: outcome.position };
  }

  async addPermissionSet(
    request: RpcRequest<typeof AddPermissionSetRpc>,
    context: RequestContext,
  ): Promise<RpcReply<typeof AddPermissionSetRpc>> {
    const permissionSetId = this.newId();
    const outcome = await this.run({ type: 'AddPermissionSet', ...request, permissionSetId }, context);
    const permissionSet = workspaceOf(outcome.company, request.workspaceId).permissionSets.find((set) => set.id === permissionSetId);
    if (!permissionSet) throw new Error(`Permission set ${permissionSetId} missing after it was added`);
    return { permissionSet, position: outcome.position };
  }

  async configureScimSettings(
    request: RpcRequest<typeof ConfigureScimSettingsRpc>,
    context: RequestContext,
  ): Promise<RpcReply<typeof ConfigureScimSettingsRpc>> {
    const outcome = await this.run({ type: 'ConfigureScimProvisioning', ...request }, context);
    const settings = outcome.company.scimSettings;
    if (!settings) throw new Error(`SCIM settings of company ${request.companyId} missing after they were configured`);
    if (outcome.position !== null) await this.announceSettingsChanged({ companyId: request.companyId, position: outcome.position }, context);
    return { settings, position: outcome.position };
  }

  async setScimDailyRequestLimit(
    request: RpcRequest<typeof SetScimDailyRequestLimitRpc>,
    context: RequestContext,
  ): Promise<RpcReply<typeof SetScimDailyRequestLimitRpc>> {
    const outcome = await this.run({ type: 'SetScimDailyRequestLimit', ...request }, context);
    if (outcome.position !== null) await this.announceSettingsChanged({ companyId: request.companyId, position: outcome.position }, context);
    return { dailyRequestLimit: outcome.company.scimDailyRequestLimit, position: outcome.position };
  }

  private async announceSettingsChanged(notice: ScimSettingsChangedNotice, context: RequestContext): Promise<void> {
    if (!this.options.publishSettingsChanged) return;
    try {
      await this.options.publishSettingsChanged(notice, context);
    } catch (error) {
      this.options.onPublishFailure?.(error, notice);
    }
  }

  private async run(command: CompanyCommand, context: RequestContext): Promise<Outcome> {
    try {
      const result = await handleCommand({
        store: this.options.store,
        stream: companyStreamName(command.companyId),
        decider: companyDecider,
        command,
        commandId: this.newId(),
        context,
        maxRetries: this.options.maxRetries,
      });
      const company = result.state.company;
      if (!company) throw new Error(`Company ${command.companyId} missing after ${command.type}`);
      return { company, position: result.position ? formatLogPosition(result.position) : null };
    } catch (error) {
      throw asCallerFailure(error);
    }
  }
}

function workspaceOf(company: CompanyView, workspaceId: string): CompanyView['workspaces'][number] {
  const workspace = company.workspaces.find((candidate) => candidate.id === workspaceId);
  if (!workspace) throw new Error(`Workspace ${workspaceId} missing from company ${company.id}`);
  return workspace;
}

function teamOf(company: CompanyView, workspaceId: string, teamId: string): CompanyView['workspaces'][number]['teams'][number] {
  const team = workspaceOf(company, workspaceId).teams.find((candidate) => candidate.id === teamId);
  if (!team) throw new Error(`Team ${teamId} missing from workspace ${workspaceId}`);
  return team;
}

function roleOf(company: CompanyView, roleId: string): CompanyView['roles'][number] {
  const role = company.roles.find((candidate) => candidate.id === roleId);
  if (!role) throw new Error(`Role ${roleId} missing from company ${company.id}`);
  return role;
}
