import { randomUUID } from 'node:crypto';
import {
  DomainError,
  EntityId,
  dashboardUserStreamName,
  formatLogPosition,
  isDomainError,
  type CompanyView,
  type CreateDashboardUserRpc,
  type DeleteDashboardUserRpc,
  type PatchDashboardUserRpc,
  type ReplaceDashboardUserRpc,
  type RequestContext,
  type RpcReply,
  type RpcRequest,
  type StoredDashboardUserEvent,
  USER_CHANGED_CONCURRENTLY,
  userNameSha256,
} from '@scim/contracts';
import {
  asCallerFailure,
  ConcurrencyConflict,
  EventStoreUnavailable,
  handleCommand,
  loadStream,
  uuidV5,
  type EventStorePort,
  type HandleCommandResult,
  type KnownStreamHead,
} from '@scim/event-store';
import { CallDeadline, CallerStoppedWaiting } from '@scim/platform';
import type { CompanyViews } from './company-views';
import type { UserKeyStore } from './crypto/user-key-store';
import type { DashboardUserCommand } from './dashboard-user.commands';
import { companyNotFound, userNameTaken, userNotFound } from './dashboard-user.errors';
import { sealingDecider } from './dashboard-user-event-codec';
import type { DashboardUserState } from './dashboard-user.model';
import { renderDashboardUser } from './render-dashboard-user';
import { normaliseNewUser } from './user-input.normalisation';
import type { ClaimRequest, UserNameReservations } from './user-name-reservations';
import { liveUserIn, loadUserStream } from './user-stream';

type UserReply = RpcReply<typeof CreateDashboardUserRpc>;

/** Who asked, and until when they wait for the answer: nothing is appended once they stopped waiting. */
interface CommandCall {
  readonly context: RequestContext;
  readonly deadline: CallDeadline;
}

/**
 * How often a write that pins no revision (PUT or DELETE without If-Match) decides again after another write
 * won the race. Each loss means another writer got through, so this many concurrent writes of one user all land.
 */
export const UNPINNED_WRITE_RETRIES = 10;

export interface DashboardUserCommandsDependencies {
  readonly store: EventStorePort;
  readonly keys: UserKeyStore;
  /** Always current (folds the company's stream). */
  readonly companies: CompanyViews;
  /**
   * The company read model, tried first: it saves a stream read per command. A command it cannot satisfy
   * (a workspace, team, role or set it does not hold yet) is decided again on `companies`.
   */
  readonly companyReadModel?: { get(companyId: string): CompanyView | undefined };
  readonly reservations: UserNameReservations;
  /**
   * Users as this instance's read model has applied them: a command pinned to the revision the model holds
   * (every PATCH, and PUT/DELETE with If-Match) decides on that copy instead of folding the user's stream.
   */
  readonly heads?: { head(companyId: string, userId: string): KnownStreamHead<DashboardUserState> | undefined };
  readonly clock?: () => Date;
}

/** The id a create gives its user: derived from the command id, so a retried create targets the same stream. */
export function userIdForCreate(commandId: string): string {
  return uuidV5(`dashboard-user:${commandId}`);
}

/**
 * The write side of settings.users.*: each command reads the user's stream, decides with the pure decider
 * (through the sealing adapter) and appends at the revision it read (or the If-Match revision).
 */
export class DashboardUserCommands {
  private readonly store: EventStorePort;
  private readonly keys: UserKeyStore;
  private readonly companies: CompanyViews;
  private readonly companyReadModel: DashboardUserCommandsDependencies['companyReadModel'];
  private readonly reservations: UserNameReservations;
  private readonly heads: DashboardUserCommandsDependencies['heads'];
  private readonly clock: () => Date;

  constructor(dependencies: DashboardUserCommandsDependencies) {
    this.store = dependencies.store;
    this.keys = dependencies.keys;
    this.companies = dependencies.companies;
    this.companyReadModel = dependencies.companyReadModel;
    this.reservations = dependencies.reservations;
    this.heads = dependencies.heads;
    this.clock = dependencies.clock ?? (() => new Date());
  }

  /**
   * Reserve the userName, then write the user, both appended without reading first (a new name and a new
   * stream are the common case). Bad input fails before the reservation, so a refused create leaves nothing
   * behind; a crash between the two leaves a reservation a later create may take over
   * (user-name-reservations.ts). The same command id again replies with the user it created.
   */
  async create(request: RpcRequest<typeof CreateDashboardUserRpc>, context: RequestContext, deadline = CallDeadline.none): Promise<UserReply> {
    const commandId = request.commandId ?? randomUUID();
    const userId = userIdForCreate(commandId);
    return this.withCompany(request.companyId, async (company) => {
      const user = normaliseNewUser(company, request.user);
      const claim = { userNameSha256: userNameSha256(user.userName), userId, companyId: company.id, commandId, context };
      deadline.throwIfExpired();
      try {
        await guard(() => this.reservations.claim(claim));
      } catch (error) {
        // The claim may have landed with its answer lost: settled now, the name does not dangle for a minute.
        if (isDomainError(error) && error.code === 'UNAVAILABLE' && (await this.settleFailedCreate(claim)) === 'exists') {
          return this.outcomeOfEarlierCreate(userId, company);
        }
        throw error;
      }
      const key = await this.keys.keyFor(userId);
      const decider = sealingDecider(key);
      const command: DashboardUserCommand = { type: 'ProvisionDashboardUser', userId, company, user: request.user, occurredAt: this.now() };
      const stream = dashboardUserStreamName(userId);
      try {
        const beforeAppend = () => deadline.throwIfExpired();
        const result = await handleCommand({
          store: this.store,
          stream,
          decider,
          command,
          commandId,
          context,
          expectedRevision: 'no_stream',
          beforeAppend,
        });
        return reply(result, company);
      } catch (error) {
        // The stream exists: this create ran before (a retry), or a takeover fenced it (abandoned).
        if (error instanceof ConcurrencyConflict) return this.outcomeOfEarlierCreate(userId, company);
        // The claim took so long that the caller has answered 503: the user is not written, the name released.
        if (error instanceof CallerStoppedWaiting && (await this.settleFailedCreate(claim)) === 'exists') {
          return this.outcomeOfEarlierCreate(userId, company);
        }
        // Refused before anything was appended: nothing was sealed with the key.
        if (isDomainError(error)) await this.keys.forget(userId);
        // The append landed and only its answer was lost: this create succeeded.
        if (error instanceof EventStoreUnavailable && (await this.settleFailedCreate(claim)) === 'exists') {
          return this.outcomeOfEarlierCreate(userId, company);
        }
        throw asCallerFailure(error);
      }
    });
  }

  async replace(request: RpcRequest<typeof ReplaceDashboardUserRpc>, context: RequestContext, deadline = CallDeadline.none): Promise<UserReply> {
    return this.withCompany(request.companyId, (company) =>
      this.change(request, { type: 'ReplaceDashboardUser', company, user: request.user, occurredAt: this.now() }, company, { context, deadline }),
    );
  }

  async patch(request: RpcRequest<typeof PatchDashboardUserRpc>, context: RequestContext, deadline = CallDeadline.none): Promise<UserReply> {
    return this.withCompany(request.companyId, (company) =>
      this.change(request, { type: 'PatchDashboardUser', company, changes: request.changes, occurredAt: this.now() }, company, { context, deadline }),
    );
  }

  /**
   * Deprovisions the user, then frees its userName and deletes its key (crypto-shredding). A delete that
   * stopped half-way is finished by the next delete of the same user (which still answers NOT_FOUND).
   */
  async delete(
    request: RpcRequest<typeof DeleteDashboardUserRpc>,
    context: RequestContext,
    deadline = CallDeadline.none,
  ): Promise<RpcReply<typeof DeleteDashboardUserRpc>> {
    const userId = userIdOf(request.userId);
    const commandId = request.commandId ?? randomUUID();
    let result: HandleCommandResult<DashboardUserState, StoredDashboardUserEvent>;
    try {
      result = await this.run(userId, request.companyId, request.expectedRevision, commandId, { context, deadline }, sealingDecider(undefined), {
        type: 'DeprovisionDashboardUser',
        companyId: request.companyId,
        occurredAt: this.now(),
      });
    } catch (error) {
      if (isDomainError(error) && error.code === 'NOT_FOUND') await this.finishDeprovisioning(userId, request.companyId, commandId, context);
      throw error;
    }
    await this.finishDeprovisioning(userId, request.companyId, commandId, context);
    if (!result.position) throw new Error(`Deprovisioning user ${userId} appended nothing`);
    return { position: formatLogPosition(result.position) };
  }

  private async change(
    request: { readonly companyId: string; readonly userId: string; readonly expectedRevision?: number; readonly commandId?: string },
    command: DashboardUserCommand,
    company: CompanyView,
    call: CommandCall,
  ): Promise<UserReply> {
    const userId = userIdOf(request.userId);
    const key = await this.keys.findForUser(userId);
    const commandId = request.commandId ?? randomUUID();
    const result = await this.run(userId, request.companyId, request.expectedRevision, commandId, call, sealingDecider(key), command);
    return reply(result, company);
  }

  private async run(
    userId: string,
    companyId: string,
    expectedRevision: number | undefined,
    commandId: string,
    { context, deadline }: CommandCall,
    decider: ReturnType<typeof sealingDecider>,
    command: DashboardUserCommand,
  ): Promise<HandleCommandResult<DashboardUserState, StoredDashboardUserEvent>> {
    const stream = dashboardUserStreamName(userId);
    const pinned =
      expectedRevision === undefined
        ? { maxRetries: UNPINNED_WRITE_RETRIES }
        : { expectedRevision: BigInt(expectedRevision), known: this.heads?.head(companyId, userId) };
    try {
      const beforeAppend = () => deadline.throwIfExpired();
      return await guard(() => handleCommand({ store: this.store, stream, decider, command, commandId, context, beforeAppend, ...pinned }));
    } catch (error) {
      // A stale If-Match on a user that is not there (any more, or in this company) is still "not found".
      if (isDomainError(error) && error.code === 'PRECONDITION_FAILED') {
        const { state } = await loadStream(this.store, stream, sealingDecider(undefined));
        if (state.status !== 'live' || state.user.companyId !== companyId) throw userNotFound();
      }
      throw error;
    }
  }

  /**
   * A create whose claim or user append failed without an answer: whether it landed is settled now (see
   * UserNameReservations.settleFailedCreate), 'unknown' while the store stays unreachable (a later takeover settles it).
   */
  private async settleFailedCreate(claim: ClaimRequest): Promise<'abandoned' | 'exists' | 'unknown'> {
    const settled = await this.reservations.settleFailedCreate(claim).catch(() => 'unknown' as const);
    if (settled === 'abandoned') await this.keys.forget(claim.userId);
    return settled;
  }

  private async finishDeprovisioning(userId: string, companyId: string, commandId: string, context: RequestContext): Promise<void> {
    const { state } = await loadStream(this.store, dashboardUserStreamName(userId), sealingDecider(undefined));
    if (state.status !== 'deprovisioned' || state.companyId !== companyId) return;
    await guard(() => this.reservations.release({ userNameSha256: state.userNameSha256, userId, commandId, context }));
    await this.keys.forget(userId);
  }

  private async outcomeOfEarlierCreate(userId: string, company: CompanyView): Promise<UserReply> {
    const earlier = await guard(() => loadUserStream(this.store, this.keys, userId));
    if (earlier.state.status === 'abandoned') throw userNameTaken();
    const found = liveUserIn(earlier, company.id);
    if (!found) throw new DomainError('CONFLICT', 'This command id was used by an earlier request for another outcome');
    return { user: renderDashboardUser(found.user, company, found.revision), position: found.position };
  }

  /**
   * Runs a command with the company as its read model holds it, and once more with the company folded from
   * its stream when the first run is refused for naming something the read model may not hold yet. A run
   * refused that way has appended nothing, so running it again is safe.
   */
  private async withCompany<T>(companyId: string, run: (company: CompanyView) => Promise<T>): Promise<T> {
    const cached = this.companyReadModel?.get(companyId);
    if (cached) {
      try {
        return await run(cached);
      } catch (error) {
        if (!isDomainError(error) || !MAYBE_STALE_COMPANY.has(error.code)) throw error;
      }
    }
    return run(await this.companyOf(companyId));
  }

  private async companyOf(companyId: string): Promise<CompanyView> {
    const company = await guard(() => this.companies.get(companyId));
    if (!company) throw companyNotFound(companyId);
    return company;
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

/** Refusals a company view a few milliseconds old could cause (a name or id added since, a default workspace set since). */
const MAYBE_STALE_COMPANY = new Set(['INVALID_VALUE', 'SETTINGS_INCOMPLETE']);

function reply(result: HandleCommandResult<DashboardUserState, StoredDashboardUserEvent>, company: CompanyView): UserReply {
  const { state } = result;
  if (state.status !== 'live' || result.nextExpectedRevision === 'no_stream') throw new Error('A user command left no live user');
  return {
    user: renderDashboardUser(state.user, company, Number(result.nextExpectedRevision)),
    position: result.position ? formatLogPosition(result.position) : null,
  };
}

/** SCIM ids come from URLs: anything that is not one of ours is simply not found. */
export function userIdOf(id: string): string {
  const parsed = EntityId.safeParse(id.toLowerCase());
  if (!parsed.success) throw userNotFound();
  return parsed.data;
}

/** Event store failures a client can act on, as shared error codes. */
export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw asCallerFailure(error, {
      preconditionFailed: 'The user has changed since the version given in If-Match',
      conflict: USER_CHANGED_CONCURRENTLY,
    });
  }
}
