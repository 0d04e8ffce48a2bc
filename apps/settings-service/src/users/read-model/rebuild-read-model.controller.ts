import { Controller, Logger } from '@nestjs/common';
import { RebuildUsersReadModelRpc, type RequestContext, type RpcReply, type RpcRequest } from '@scim/contracts';
import { RpcHandler } from '@scim/platform';
import { UsersProjection } from './users-projection';

/** The maintenance command behind `POST /admin/v1/maintenance/users-read-model/rebuild`. */
@Controller()
export class RebuildUsersReadModelController {
  private readonly logger = new Logger(RebuildUsersReadModelController.name);

  constructor(private readonly projection: UsersProjection) {}

  @RpcHandler(RebuildUsersReadModelRpc)
  async rebuild(
    request: RpcRequest<typeof RebuildUsersReadModelRpc>,
    context: RequestContext,
  ): Promise<RpcReply<typeof RebuildUsersReadModelRpc>> {
    const startedAt = performance.now();
    this.logger.log({ actor: context.actor, msg: 'rebuilding the users read model from the log' });
    const caughtUp = await this.projection.rebuild(request.timeoutMs);
    const tookMs = Math.round(performance.now() - startedAt);
    const usersInReadModel = this.projection.readModel.count();
    this.logger.log({ caughtUp, usersInReadModel, tookMs, msg: 'users read model rebuilt' });
    return { caughtUp, usersInReadModel, tookMs };
  }
}
