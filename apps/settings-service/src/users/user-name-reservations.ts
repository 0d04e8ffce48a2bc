import { DomainError, dashboardUserStreamName, userNameStreamName, type RequestContext } from '@scim/contracts';
import {
  ConcurrencyConflict,
  handleCommand,
  loadStream,
  StreamNotFound,
  uuidV5,
  WrongExpectedVersion,
  type EventStorePort,
} from '@scim/event-store';
import { sealingDecider } from './dashboard-user-event-codec';
import { userNameTaken } from './dashboard-user.errors';
import { userNameReservationDecider, type ReservationCommand, type UserNameHolder } from './user-name-reservation.decider';

export interface UserNameReservationsOptions {
  /**
   * A reservation whose user stream still does not exist after this long is taken to be left by a crashed
   * create and may be taken over. Far longer than any create takes; it only decides when a dangling name
   * is freed, never whether two users can get it (the fence in `takeOverIfDangling` sees to that).
   */
  readonly danglingAfterMs?: number;
  readonly maxAttempts?: number;
  readonly clock?: () => Date;
}

export interface ClaimRequest {
  readonly userNameSha256: string;
  readonly userId: string;
  readonly companyId: string;
  /** The create's command id: a retry of the same create finds its own claim and goes on. */
  readonly commandId: string;
  readonly context: RequestContext;
}

export interface ReleaseRequest {
  readonly userNameSha256: string;
  readonly userId: string;
  readonly commandId: string;
  readonly context: RequestContext;
}

type HolderStatus = 'live' | 'ended' | 'absent';

export const DEFAULT_DANGLING_AFTER_MS = 60_000;

/**
 * Installation-wide userName uniqueness on `username-{sha256(lower(userName))}` streams.
 *
 * Claim: append at `no_stream` unread (a name never claimed, the common case); otherwise read the stream; free (never claimed, or released and soft-deleted) -> append UserNameReserved at
 * `no_stream` / the revision read. Held by another user -> UNIQUENESS, unless that user will never exist:
 * deprovisioned (a delete that stopped before releasing), abandoned, or a create that crashed between its
 * reservation and its user stream (no user stream after `danglingAfterMs`). Such a crashed create is fenced
 * first: DashboardUserProvisioningAbandoned is appended to its user stream at `no_stream`, so if it was only
 * slow, either its user was written first (then it is live and the claim fails) or it never can be.
 */
export class UserNameReservations {
  private readonly danglingAfterMs: number;
  private readonly maxAttempts: number;
  private readonly clock: () => Date;

  constructor(
    private readonly store: EventStorePort,
    options: UserNameReservationsOptions = {},
  ) {
    this.danglingAfterMs = options.danglingAfterMs ?? DEFAULT_DANGLING_AFTER_MS;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.clock = options.clock ?? (() => new Date());
  }

  async claim(request: ClaimRequest): Promise<void> {
    const stream = userNameStreamName(request.userNameSha256);
    if (await this.claimNewName(stream, request)) return;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      const current = await loadStream(this.store, stream, userNameReservationDecider);
      const holder = current.state.holder;
      let releasableHolder: string | undefined;
      if (holder && holder.userId !== request.userId) {
        const status = await this.statusOf(holder.userId);
        if (status === 'live') throw userNameTaken();
        if (status === 'absent' && !(await this.takeOverIfDangling(holder, request))) continue;
        releasableHolder = holder.userId;
      }
      try {
        await handleCommand({
          store: this.store,
          stream,
          decider: userNameReservationDecider,
          command: this.reserveCommand(request, releasableHolder),
          commandId: uuidV5(`${request.commandId}:reserve-user-name`),
          context: request.context,
          expectedRevision: current.revision,
        });
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict)) throw error;
      }
    }
    throw new DomainError('CONFLICT', 'The userName is being claimed by concurrent requests; retry');
  }

  /**
   * Most names were never claimed: append at `no_stream` without reading first. False when the stream
   * exists (held, or claimed by a concurrent request), which then takes the reading path.
   */
  private async claimNewName(stream: string, request: ClaimRequest): Promise<boolean> {
    try {
      await handleCommand({
        store: this.store,
        stream,
        decider: userNameReservationDecider,
        command: this.reserveCommand(request),
        commandId: uuidV5(`${request.commandId}:reserve-user-name`),
        context: request.context,
        expectedRevision: 'no_stream',
      });
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyConflict) return false;
      throw error;
    }
  }

  private reserveCommand(request: ClaimRequest, releasableHolder?: string): ReservationCommand {
    return {
      type: 'ReserveUserName',
      userNameSha256: request.userNameSha256,
      userId: request.userId,
      companyId: request.companyId,
      ...(releasableHolder ? { releasableHolder } : {}),
      occurredAt: this.clock().toISOString(),
    };
  }

  /**
   * Frees the name if `userId` holds it: UserNameReleased, then a soft delete (never a tombstone), after which
   * a claim at `no_stream` succeeds again. Also finishes a release that stopped before its soft delete.
   */
  async release(request: ReleaseRequest): Promise<void> {
    const stream = userNameStreamName(request.userNameSha256);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      const current = await loadStream(this.store, stream, userNameReservationDecider);
      const holder = current.state.holder;
      if (holder && holder.userId !== request.userId) return;
      try {
        const result = await handleCommand({
          store: this.store,
          stream,
          decider: userNameReservationDecider,
          command: {
            type: 'ReleaseUserName',
            userNameSha256: request.userNameSha256,
            userId: request.userId,
            occurredAt: this.clock().toISOString(),
          },
          commandId: uuidV5(`${request.commandId}:release-user-name`),
          context: request.context,
          expectedRevision: current.revision,
        });
        if (result.state.holder === null && result.nextExpectedRevision !== 'no_stream') {
          await this.softDelete(stream, result.nextExpectedRevision);
        }
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict)) throw error;
      }
    }
    throw new DomainError('CONFLICT', 'The userName could not be released because of concurrent requests; retry');
  }

  /**
   * After a create's user append failed without an answer (the store unreachable, or its reply lost), settles what
   * happened at once instead of leaving the name to dangle for `danglingAfterMs` (a retry in that time would be
   * told the name is taken): fences the user stream as a takeover would. 'abandoned': the user was never written,
   * and the name is released. 'exists': the user stream exists, so the append did land.
   */
  async settleFailedCreate(request: ReleaseRequest & { readonly companyId: string }): Promise<'abandoned' | 'exists'> {
    if (!(await this.fence(request.companyId, request.userId, request.commandId, request.context))) return 'exists';
    await this.release(request);
    return 'abandoned';
  }

  /** Fences a holder whose user stream does not exist, once it is old enough to count as dangling. */
  private async takeOverIfDangling(holder: UserNameHolder, request: ClaimRequest): Promise<boolean> {
    const age = this.clock().getTime() - Date.parse(holder.reservedAt);
    if (!(age >= this.danglingAfterMs)) throw userNameTaken();
    return this.fence(holder.companyId, holder.userId, request.commandId, request.context);
  }

  /** AbandonProvisioning at `no_stream` on the user's stream: false when that stream exists (the user was written). */
  private async fence(companyId: string, userId: string, commandId: string, context: RequestContext): Promise<boolean> {
    try {
      await handleCommand({
        store: this.store,
        stream: dashboardUserStreamName(userId),
        decider: sealingDecider(undefined),
        command: { type: 'AbandonProvisioning', companyId, userId, occurredAt: this.clock().toISOString() },
        commandId: uuidV5(`${commandId}:abandon:${userId}`),
        context,
        expectedRevision: 'no_stream',
      });
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyConflict) return false;
      throw error;
    }
  }

  private async statusOf(userId: string): Promise<HolderStatus> {
    const { state } = await loadStream(this.store, dashboardUserStreamName(userId), sealingDecider(undefined));
    if (state.status === 'live') return 'live';
    return state.status === 'absent' ? 'absent' : 'ended';
  }

  private async softDelete(stream: string, revision: bigint): Promise<void> {
    try {
      await this.store.deleteStream(stream, { expectedRevision: revision });
    } catch (error) {
      // Someone claimed the released name in between (or finished this delete): nothing left to do.
      if (error instanceof WrongExpectedVersion || error instanceof StreamNotFound) return;
      throw error;
    }
  }
}
