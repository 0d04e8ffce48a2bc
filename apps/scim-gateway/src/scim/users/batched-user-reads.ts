import { Injectable } from '@nestjs/common';
import { GetDashboardUsersRpc, MAX_USERS_PER_GET_MANY, type DashboardUserResource, type LogPositionText, type RequestContext } from '@scim/contracts';
import { NatsRpcClient } from '@scim/platform';
import DataLoader from 'dataloader';
import { CompanyWritePositions } from './company-write-positions';
import { countThatFits, isReplyTooLarge } from './reply-too-large';

interface UserRead {
  readonly userId: string;
  readonly context: RequestContext;
}

type UserLoader = DataLoader<UserRead, DashboardUserResource | null>;

/**
 * GETs by id travel to settings-service together: the reads of one company that arrive in the same event-loop
 * turn become one GetDashboardUsers call. Its read-your-writes position is the company's latest write known when
 * the call is sent, so a write announced by another gateway in the same turn as a read is seen by it too. A call costs both sides
 * about the same for one user as for many (NATS, Nest's dispatch, validation), so under concurrent load this
 * is most of a read's cost saved (tools/bench). Nothing is cached: every request waits for a call made after
 * it arrived. A failed call fails each of its reads with the same error. A batch whose reply would not fit in one
 * NATS message (large users: hundreds of permissions in many workspaces) is split and asked for again in parts.
 */
@Injectable()
export class BatchedUserReads {
  /** Loaders still collecting reads, by company; each leaves this map when it sends its call. */
  private readonly collecting = new Map<string, UserLoader>();

  constructor(
    private readonly nats: NatsRpcClient,
    private readonly writes: CompanyWritePositions,
  ) {}

  /** The user, or null when the company has no such user. */
  get(companyId: string, userId: string, context: RequestContext): Promise<DashboardUserResource | null> {
    let loader = this.collecting.get(companyId);
    if (!loader) {
      loader = new DataLoader<UserRead, DashboardUserResource | null>(
        (reads) => {
          this.collecting.delete(companyId);
          return this.readMany(companyId, this.writes.latestFor(companyId), reads);
        },
        { cache: false, maxBatchSize: MAX_USERS_PER_GET_MANY, batchScheduleFn: (send) => setImmediate(send) },
      );
      this.collecting.set(companyId, loader);
    }
    return loader.load({ userId, context });
  }

  private async readMany(
    companyId: string,
    minPosition: LogPositionText | undefined,
    reads: readonly UserRead[],
  ): Promise<Array<DashboardUserResource | null | Error>> {
    try {
      return await this.readTogether(companyId, minPosition, reads);
    } catch (error) {
      if (!isReplyTooLarge(error) || reads.length === 1) throw error;
      const size = countThatFits(reads.length, error);
      const parts = Array.from({ length: Math.ceil(reads.length / size) }, (_, part) => reads.slice(part * size, (part + 1) * size));
      // A part that fails (one user too large on its own) fails its own reads only.
      const answers = await Promise.all(
        parts.map((part) => this.readMany(companyId, minPosition, part).catch((failure: Error) => part.map(() => failure))),
      );
      return answers.flat();
    }
  }

  private async readTogether(companyId: string, minPosition: LogPositionText | undefined, reads: readonly UserRead[]) {
    const [first] = reads;
    if (!first) return [];
    const { users } = await this.nats.request(
      GetDashboardUsersRpc,
      { companyId, userIds: reads.map((read) => read.userId), correlationIds: reads.map((read) => read.context.correlationId), minPosition },
      // The message carries the first request's context; correlationIds names every request it answers.
      first.context,
      // The loader already sends once per loop turn; queueing would hold the call behind the next turn's work.
      { sendNow: true },
    );
    return users;
  }
}
