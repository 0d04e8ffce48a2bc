import { Controller, Inject } from '@nestjs/common';
import {
  AddPermissionSetRpc,
  AddRoleRpc,
  AddTeamRpc,
  AddWorkspaceRpc,
  CompanyHistoryRpc,
  ConfigureScimSettingsRpc,
  SetScimDailyRequestLimitRpc,
  GetCompanyRpc,
  GetScimSettingsRpc,
  ListCompaniesRpc,
  RegisterCompanyRpc,
  RenameRoleRpc,
  RenameTeamRpc,
  RenameWorkspaceRpc,
  type RequestContext,
  type RpcReply,
  type RpcRequest,
} from '@scim/contracts';
import { EVENT_STORE, loadStream, StreamNotFound, type EventStorePort } from '@scim/event-store';
import { RpcHandler } from '@scim/platform';
import { companyStreamName, DomainError } from '@scim/contracts';
import { CompanyCommandService } from './company-command.service';
import { companyHistoryEntry } from './company-history';
import { CompanyQueryService } from './company-query.service';
import { InMemoryCompanyReadModel } from './company-read-model';
import { companyDecider } from './company.decider';
import { asCallerFailure } from '@scim/event-store';

/** settings-service's NATS subjects for company configuration. */
@Controller()
export class CompanyController {
  constructor(
    private readonly commands: CompanyCommandService,
    private readonly queries: CompanyQueryService,
    @Inject(EVENT_STORE) private readonly store: EventStorePort,
    private readonly readModel: InMemoryCompanyReadModel,
  ) {}

  @RpcHandler(RegisterCompanyRpc)
  register(request: RpcRequest<typeof RegisterCompanyRpc>, context: RequestContext) {
    return this.commands.register(request, context);
  }

  /** Folds the company's stream: an admin reading right after a write always sees it. */
  @RpcHandler(GetCompanyRpc)
  async get(request: RpcRequest<typeof GetCompanyRpc>): Promise<RpcReply<typeof GetCompanyRpc>> {
    const { state } = await loadStream(this.store, companyStreamName(request.companyId), companyDecider);
    if (!state.company) {
      throw new DomainError('NOT_FOUND', `Company ${request.companyId} not found`, [{ path: 'companyId', message: 'no such company' }]);
    }
    return { company: state.company };
  }

  /** For the admin page's company picker: from the read model (a company registered a moment ago may lag). */
  @RpcHandler(ListCompaniesRpc)
  list(request: RpcRequest<typeof ListCompaniesRpc>): RpcReply<typeof ListCompaniesRpc> {
    return { ...this.readModel.list(request), startIndex: request.startIndex };
  }

  /** The newest events of the company's stream, read backwards from the store: always current. */
  @RpcHandler(CompanyHistoryRpc)
  async history(request: RpcRequest<typeof CompanyHistoryRpc>): Promise<RpcReply<typeof CompanyHistoryRpc>> {
    const stream = companyStreamName(request.companyId);
    try {
      const events = await this.store.readStream(stream, { direction: 'backwards', maxCount: request.limit });
      return { events: events.map(companyHistoryEntry) };
    } catch (error) {
      if (error instanceof StreamNotFound) {
        throw new DomainError('NOT_FOUND', `Company ${request.companyId} not found`, [{ path: 'companyId', message: 'no such company' }]);
      }
      throw asCallerFailure(error);
    }
  }

  @RpcHandler(AddWorkspaceRpc)
  addWorkspace(request: RpcRequest<typeof AddWorkspaceRpc>, context: RequestContext) {
    return this.commands.addWorkspace(request, context);
  }

  @RpcHandler(RenameWorkspaceRpc)
  renameWorkspace(request: RpcRequest<typeof RenameWorkspaceRpc>, context: RequestContext) {
    return this.commands.renameWorkspace(request, context);
  }

  @RpcHandler(AddTeamRpc)
  addTeam(request: RpcRequest<typeof AddTeamRpc>, context: RequestContext) {
    return this.commands.addTeam(request, context);
  }

  @RpcHandler(RenameTeamRpc)
  renameTeam(request: RpcRequest<typeof RenameTeamRpc>, context: RequestContext) {
    return this.commands.renameTeam(request, context);
  }

  @RpcHandler(AddRoleRpc)
  addRole(request: RpcRequest<typeof AddRoleRpc>, context: RequestContext) {
    return this.commands.addRole(request, context);
  }

  @RpcHandler(RenameRoleRpc)
  renameRole(request: RpcRequest<typeof RenameRoleRpc>, context: RequestContext) {
    return this.commands.renameRole(request, context);
  }

  @RpcHandler(AddPermissionSetRpc)
  addPermissionSet(request: RpcRequest<typeof AddPermissionSetRpc>, context: RequestContext) {
    return this.commands.addPermissionSet(request, context);
  }

  @RpcHandler(ConfigureScimSettingsRpc)
  configureScimSettings(request: RpcRequest<typeof ConfigureScimSettingsRpc>, context: RequestContext) {
    return this.commands.configureScimSettings(request, context);
  }

  @RpcHandler(SetScimDailyRequestLimitRpc)
  setScimDailyRequestLimit(request: RpcRequest<typeof SetScimDailyRequestLimitRpc>, context: RequestContext) {
    return this.commands.setScimDailyRequestLimit(request, context);
  }

  /** The gateway's gate asks this on cache misses: from the read model, optionally after a position. */
  @RpcHandler(GetScimSettingsRpc)
  getScimSettings(request: RpcRequest<typeof GetScimSettingsRpc>) {
    return this.queries.getScimSettings(request);
  }
}
