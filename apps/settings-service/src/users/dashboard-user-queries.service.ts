import {
  DomainError,
  parseLogPosition,
  type DashboardUserResource,
  type GetDashboardUserRpc,
  type GetDashboardUsersRpc,
  type LogPositionText,
  type RpcReply,
  type RpcRequest,
  type SearchDashboardUsersRpc,
} from '@scim/contracts';
import type { EventStorePort } from '@scim/event-store';
import type { CompanyViews } from './company-views';
import type { UserKeyStore } from './crypto/user-key-store';
import { guard, userIdOf } from './dashboard-user-commands.service';
import { userNotFound } from './dashboard-user.errors';
import type { UsersProjection } from './read-model/users-projection';
import type { SqliteUsersReadModel } from './read-model/users-read-model';
import { liveUserIn, loadUserStream } from './user-stream';
import { renderDashboardUser } from './render-dashboard-user';

export interface DashboardUserQueriesDependencies {
  readonly store: EventStorePort;
  readonly keys: UserKeyStore;
  readonly companies: CompanyViews;
  readonly projection: UsersProjection;
  /** How long a search waits for the read model to reach its minPosition. */
  readonly readYourWritesTimeoutMs?: number;
}

export const DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

/**
 * The read side of settings.users.*, from the users read model once it holds the caller's latest write.
 * A read by id that the read model cannot answer (not there yet, or not holding the user) folds the user's
 * stream instead, so it is never behind a write the caller made and never misses a user that exists.
 */
export class DashboardUserQueries {
  private readonly timeoutMs: number;

  constructor(private readonly dependencies: DashboardUserQueriesDependencies) {
    this.timeoutMs = dependencies.readYourWritesTimeoutMs ?? DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS;
  }

  async get(request: RpcRequest<typeof GetDashboardUserRpc>): Promise<RpcReply<typeof GetDashboardUserRpc>> {
    const readModel = request.source === 'log' ? undefined : this.readModelHolding(request.minPosition);
    return this.one(request.companyId, request.userId, readModel);
  }

  /**
   * Each id as `get` finds it; null for one the company does not have. The position is checked and the
   * company looked up once for all; only ids the read model cannot answer wait for a stream read.
   */
  async getMany(request: RpcRequest<typeof GetDashboardUsersRpc>): Promise<RpcReply<typeof GetDashboardUsersRpc>> {
    const { companyId } = request;
    const readModel = this.readModelHolding(request.minPosition);
    const company = readModel ? await guard(() => this.dependencies.companies.get(companyId)) : undefined;
    const users: Array<DashboardUserResource | null> = [];
    for (const id of request.userIds) {
      const userId = entityIdOrUndefined(id);
      const record = userId === undefined ? undefined : readModel?.find(companyId, userId);
      if (record) {
        users.push(renderDashboardUser(record.user, company, record.revision));
      } else {
        users.push(userId === undefined ? null : await this.fromLog(companyId, userId).then(({ user }) => user, nullWhenNotFound));
      }
    }
    return { users };
  }

  private async one(companyId: string, id: string, readModel: SqliteUsersReadModel | undefined): Promise<RpcReply<typeof GetDashboardUserRpc>> {
    const userId = userIdOf(id);
    const record = readModel?.find(companyId, userId);
    if (!record) return this.fromLog(companyId, userId);
    const company = await guard(() => this.dependencies.companies.get(companyId));
    return { user: renderDashboardUser(record.user, company, record.revision), position: null };
  }

  /** The users read model once it holds `minPosition` (the caller's latest write); undefined while it is behind. */
  private readModelHolding(minPosition: LogPositionText | undefined): SqliteUsersReadModel | undefined {
    const { projection } = this.dependencies;
    if (minPosition !== undefined && !projection.hasReached(parseLogPosition(minPosition))) return undefined;
    return projection.readModel;
  }

  private async fromLog(companyId: string, userId: string): Promise<RpcReply<typeof GetDashboardUserRpc>> {
    const { store, keys, companies } = this.dependencies;
    const found = liveUserIn(await guard(() => loadUserStream(store, keys, userId)), companyId);
    if (!found) throw userNotFound();
    const company = await guard(() => companies.get(companyId));
    return { user: renderDashboardUser(found.user, company, found.revision), position: found.position };
  }

  /** UNAVAILABLE when the read model has not reached `minPosition` in time: a stale answer could make an IdP create a duplicate. */
  async search(request: RpcRequest<typeof SearchDashboardUsersRpc>): Promise<RpcReply<typeof SearchDashboardUsersRpc>> {
    const { companies, projection } = this.dependencies;
    if (request.minPosition !== undefined) {
      const reached = await projection.waitUntil(parseLogPosition(request.minPosition), this.timeoutMs);
      if (!reached) throw new DomainError('UNAVAILABLE', 'The users read model has not caught up with the requested position yet; retry');
    }
    const page = projection.readModel.search(request.companyId, request);
    const company = page.records.length > 0 ? await guard(() => companies.get(request.companyId)) : undefined;
    return {
      totalResults: page.totalResults,
      startIndex: page.startIndex,
      itemsPerPage: page.records.length,
      users: page.records.map((record) => renderDashboardUser(record.user, company, record.revision)),
    };
  }
}

function entityIdOrUndefined(id: string): string | undefined {
  try {
    return userIdOf(id);
  } catch {
    return undefined;
  }
}

function nullWhenNotFound(error: unknown): null {
  if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
  throw error;
}
