import { Controller } from '@nestjs/common';
import {
  CreateDashboardUserRpc,
  DeleteDashboardUserRpc,
  GetDashboardUserRpc,
  GetDashboardUsersRpc,
  PatchDashboardUserRpc,
  ReplaceDashboardUserRpc,
  SearchDashboardUsersRpc,
  type RequestContext,
  type RpcReply,
  type RpcRequest,
} from '@scim/contracts';
import { RpcHandler, type CallDeadline } from '@scim/platform';
import { storage } from 'nestjs-pino/storage';
import { DashboardUserCommands } from './dashboard-user-commands.service';
import { DashboardUserQueries } from './dashboard-user-queries.service';

/** settings-service's `settings.users.*` subjects (called by the SCIM gateway with the token's company). */
@Controller()
export class UsersController {
  constructor(
    private readonly commands: DashboardUserCommands,
    private readonly queries: DashboardUserQueries,
  ) {}

  @RpcHandler(CreateDashboardUserRpc)
  create(request: RpcRequest<typeof CreateDashboardUserRpc>, context: RequestContext, deadline: CallDeadline): Promise<RpcReply<typeof CreateDashboardUserRpc>> {
    return this.commands.create(request, context, deadline);
  }

  @RpcHandler(GetDashboardUserRpc)
  get(request: RpcRequest<typeof GetDashboardUserRpc>): Promise<RpcReply<typeof GetDashboardUserRpc>> {
    return this.queries.get(request);
  }

  @RpcHandler(GetDashboardUsersRpc)
  getMany(request: RpcRequest<typeof GetDashboardUsersRpc>): Promise<RpcReply<typeof GetDashboardUsersRpc>> {
    // One message answers several HTTP requests: name them all, so each can be followed into this log.
    storage.getStore()?.logger.debug({ correlationIds: request.correlationIds, count: request.userIds.length }, 'reading users for batched requests');
    return this.queries.getMany(request);
  }

  @RpcHandler(ReplaceDashboardUserRpc)
  replace(request: RpcRequest<typeof ReplaceDashboardUserRpc>, context: RequestContext, deadline: CallDeadline): Promise<RpcReply<typeof ReplaceDashboardUserRpc>> {
    return this.commands.replace(request, context, deadline);
  }

  @RpcHandler(PatchDashboardUserRpc)
  patch(request: RpcRequest<typeof PatchDashboardUserRpc>, context: RequestContext, deadline: CallDeadline): Promise<RpcReply<typeof PatchDashboardUserRpc>> {
    return this.commands.patch(request, context, deadline);
  }

  @RpcHandler(DeleteDashboardUserRpc)
  delete(request: RpcRequest<typeof DeleteDashboardUserRpc>, context: RequestContext, deadline: CallDeadline): Promise<RpcReply<typeof DeleteDashboardUserRpc>> {
    return this.commands.delete(request, context, deadline);
  }

  @RpcHandler(SearchDashboardUsersRpc)
  search(request: RpcRequest<typeof SearchDashboardUsersRpc>): Promise<RpcReply<typeof SearchDashboardUsersRpc>> {
    return this.queries.search(request);
  }
}
