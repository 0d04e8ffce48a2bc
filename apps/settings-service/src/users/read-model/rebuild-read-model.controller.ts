import { Controller } from '@nestjs/common';
import { RebuildUsersReadModelRpc, type RequestContext, type RpcReply, type RpcRequest } from '@scim/contracts';
import { RpcHandler } from '@scim/platform';
import { PinoLogger } from 'nestjs-pino';
import { UsersProjection } from './users-projection';

/** The maintenance command behind `POST /admin/v1/maintenance/users-read-model/rebuild`. */
@Controller()
export class RebuildUsersReadModelController {
  constructor(
    private readonly projection: UsersProjection,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(RebuildUsersReadModelController.name);
  }

  @RpcHandler(RebuildUsersReadModelRpc)
  async rebuild(
    request: RpcRequest<typeof RebuildUsersReadModelRpc>,
    context: RequestContext,
  ): Promise<RpcReply<typeof RebuildUsersReadModelRpc>> {
    const startedAt = performance.now();
    this.logger.info({ actor: context.actor }, 'rebuilding the users read model from the log');
    const caughtUp = await this.projection.rebuild(request.timeoutMs);
    const tookMs = Math.round(performance.now() - startedAt);
    const usersInReadModel = this.projection.readModel.count();
    this.logger.info({ caughtUp, usersInReadModel, tookMs }, 'users read model rebuilt');
    return { caughtUp, usersInReadModel, tookMs };
  }
}
