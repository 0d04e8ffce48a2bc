import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import {
  CreateDashboardUserRpc,
  DeleteDashboardUserRpc,
  GetDashboardUserRpc,
  PatchDashboardUserRpc,
  ReplaceDashboardUserRpc,
  USER_CHANGED_CONCURRENTLY,
  type DashboardUserResource,
} from '@scim/contracts';
import { NatsRpcClient, RpcCallError } from '@scim/platform';
import {
  applyPatch,
  assertUserNameUnchanged,
  buildListResponse,
  etagMatches,
  expectedRevisionFromIfMatch,
  formatEtag,
  parseEtagPrecondition,
  parseListQuery,
  parseSearchRequest,
  parseUserInput,
  ScimError,
  type AttributeSelection,
  type EtagPrecondition,
  type ListQuery,
  type ScimResource,
} from '@scim/scim';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { GATEWAY_CONFIG } from '../../app/gateway-config.token';
import type { GatewayConfig } from '../../config';
import { ScimGate, type ScimRequest } from '../gate/scim-gate.guard';
import { scimBaseUrl, SCIM_PREFIX } from '../http/scim-base-url';
import { ScimErrorFilter } from '../http/scim-error.filter';
import { BatchedUserReads } from './batched-user-reads';
import { CompanyWritePositions } from './company-write-positions';
import { scimCallerOf } from './scim-request-context';
import { searchUsersPage } from './search-users-page';
import { renderScimUser, toScimUser, userLocation } from './scim-user.representation';
import { UserIdPipe } from './user-id.pipe';
import { UserWriteQueue } from './user-write-queue';
import { WriteAdmission } from './write-admission';
import { changesFromPatchedUser, toCreateInput, toReplaceInput } from './user-input.mapping';

/**
 * How often a PATCH without If-Match is re-applied when another write slipped in between its read and its write.
 * Each round lets at least one of the writers through, so this many concurrent PATCHes of one user all land.
 */
export const PATCH_ATTEMPTS = 10;

/** A pause before re-applying, random so that writers that collided do not collide again in lockstep. */
const reapplyPause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));

/** /scim/v2/Users (RFC 7644 §3): the company's dashboard users, as the verified token's company. */
@Controller(`${SCIM_PREFIX}/Users`)
@UseGuards(ScimGate)
@UseFilters(ScimErrorFilter)
export class UsersController {
  constructor(
    private readonly nats: NatsRpcClient,
    private readonly writes: CompanyWritePositions,
    private readonly reads: BatchedUserReads,
    private readonly userWrites: UserWriteQueue,
    private readonly admission: WriteAdmission,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Req() request: ScimRequest, @Res({ passthrough: true }) reply: FastifyReply, @Body() body: unknown, @Query() query: Record<string, unknown>) {
    const { caller, context } = scimCallerOf(request);
    const parsed = parseUserInput(body, { mode: 'create' });
    if (parsed.userName === undefined) throw ScimError.badRequest('invalidValue', 'Attribute "userName" is required');
    const input = toCreateInput({ ...parsed, userName: parsed.userName });
    const { user, position } = await this.admission.admit(() =>
      this.nats.request(CreateDashboardUserRpc, { companyId: caller.companyId, commandId: randomUUID(), user: input }, context),
    );
    this.writes.record(caller.companyId, position, context);
    return this.respondWith(request, reply, user, query, { location: true });
  }

  @Post('.search')
  @HttpCode(200)
  async search(@Req() request: ScimRequest, @Body() body: unknown) {
    return this.list(request, parseSearchRequest(body), rawFilterOf(body));
  }

  @Get()
  async query(@Req() request: ScimRequest, @Query() query: Record<string, unknown>) {
    return this.list(request, parseListQuery(query), rawFilterOf(query));
  }

  @Get(':id')
  async get(@Req() request: ScimRequest, @Res({ passthrough: true }) reply: FastifyReply, @Param('id', UserIdPipe) id: string, @Query() query: Record<string, unknown>) {
    const user = await this.fetch(request, id);
    const ifNoneMatch = parseEtagPrecondition(request.headers['if-none-match']);
    if (ifNoneMatch && etagMatches(ifNoneMatch, user.revision)) {
      reply.header('etag', formatEtag(user.revision)).status(304);
      return undefined;
    }
    return this.respondWith(request, reply, user, query);
  }

  @Put(':id')
  async replace(
    @Req() request: ScimRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', UserIdPipe) id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ) {
    const { caller, context } = scimCallerOf(request);
    const input = parseUserInput(body, { mode: 'replace' });
    const { user, position } = await this.userWrites.run(caller.companyId, id, () => this.admission.admit(async () => {
      const expectedRevision = await this.pinnedRevision(request, id);
      return this.nats
        .request(
          ReplaceDashboardUserRpc,
          { companyId: caller.companyId, userId: id, expectedRevision, commandId: randomUUID(), user: toReplaceInput(input) },
          context,
        )
        .catch(preconditionFailedAs412);
    }));
    this.writes.record(caller.companyId, position, context);
    return this.respondWith(request, reply, user, query);
  }

  @Patch(':id')
  async patch(
    @Req() request: ScimRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', UserIdPipe) id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ) {
    const { caller, context } = scimCallerOf(request);
    const ifMatch = parseEtagPrecondition(request.headers['if-match']);
    const { user, position } = await this.userWrites.run(caller.companyId, id, () => this.admission.admit(async () => {
      for (let attempt = 1; ; attempt++) {
        // The read model's copy is enough to build on: a stale one fails the append's expected revision, and the
        // retry starts from the stream. An If-Match is judged against the stream, never against a stale copy.
        const current = await this.fetch(request, id, attempt === 1 && !ifMatch ? 'read-model' : 'log');
        assertIfMatch(ifMatch, current.revision);
        const baseUrl = this.baseUrl(request);
        const patched = applyPatch(toScimUser(current, baseUrl), body);
        const input = parseUserInput(patched, { mode: 'replace' });
        assertUserNameUnchanged(current.userName, input);
        try {
          return await this.nats.request(
            PatchDashboardUserRpc,
            {
              companyId: caller.companyId,
              userId: id,
              expectedRevision: current.revision,
              commandId: randomUUID(),
              changes: changesFromPatchedUser(input),
            },
            context,
          );
        } catch (error) {
          // Someone wrote between our read and our write: re-read and re-apply, unless the client pinned a version.
          if (!isPreconditionFailed(error) || ifMatch) throw preconditionFailedAs412(error);
          // The client asked for no precondition: a 412 would name one it never set.
          if (attempt >= PATCH_ATTEMPTS) throw new ScimError(409, undefined, USER_CHANGED_CONCURRENTLY);
          await reapplyPause(attempt);
        }
      }
    }));
    this.writes.record(caller.companyId, position, context);
    return this.respondWith(request, reply, user, query);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Req() request: ScimRequest, @Param('id', UserIdPipe) id: string): Promise<void> {
    const { caller, context } = scimCallerOf(request);
    const { position } = await this.userWrites.run(caller.companyId, id, () => this.admission.admit(async () => {
      const expectedRevision = await this.pinnedRevision(request, id);
      return this.nats
        .request(DeleteDashboardUserRpc, { companyId: caller.companyId, userId: id, expectedRevision, commandId: randomUUID() }, context)
        .catch(preconditionFailedAs412);
    }));
    this.writes.record(caller.companyId, position, context);
  }

  private async list(request: ScimRequest, listQuery: ListQuery, filter: string | undefined) {
    const { caller, context } = scimCallerOf(request);
    const page = await searchUsersPage(
      this.nats,
      {
        companyId: caller.companyId,
        filter,
        startIndex: listQuery.startIndex,
        count: listQuery.count,
        sortBy: listQuery.sortBy ? rawSortByOf(request) : undefined,
        sortOrder: listQuery.sortOrder,
        minPosition: this.writes.latestFor(caller.companyId),
      },
      context,
    );
    const baseUrl = this.baseUrl(request);
    const selection = { attributes: listQuery.attributes, excludedAttributes: listQuery.excludedAttributes };
    const resources = page.users.map((user) => renderScimUser(user, baseUrl, selection));
    return buildListResponse(resources, { totalResults: page.totalResults, startIndex: page.startIndex });
  }

  /**
   * A GET answers from the read model once it holds this company's latest write (through any gateway), batched
   * with the other GETs of the moment. `If-Match: *` and a PATCH's retries ask for the stream ('log'), which is
   * never behind.
   */
  private async fetch(request: ScimRequest, id: string, source: 'read-model' | 'log' = 'read-model'): Promise<DashboardUserResource> {
    const { caller, context } = scimCallerOf(request);
    if (source === 'log') {
      const { user } = await this.nats.request(GetDashboardUserRpc, { companyId: caller.companyId, userId: id, source }, context);
      return user;
    }
    const user = await this.reads.get(caller.companyId, id, context);
    if (!user) throw new ScimError(404, undefined, 'User not found');
    return user;
  }

  /**
   * If-Match on PUT/DELETE: the revision the write must find, checked atomically by the append (412 when it
   * does not match); `*` or a list is checked against the current revision first. None without the header.
   */
  private async pinnedRevision(request: ScimRequest, id: string): Promise<number | undefined> {
    const ifMatch = parseEtagPrecondition(request.headers['if-match']);
    if (!ifMatch) return undefined;
    const pinned = expectedRevisionFromIfMatch(ifMatch);
    if (typeof pinned === 'bigint') {
      // No stream grows that long: a version beyond this is one the user never had.
      if (pinned > BigInt(Number.MAX_SAFE_INTEGER)) throw staleIfMatch();
      return Number(pinned);
    }
    const current = await this.fetch(request, id, 'log');
    assertIfMatch(ifMatch, current.revision);
    return pinned === 'exists' ? undefined : current.revision;
  }

  private respondWith(
    request: ScimRequest,
    reply: FastifyReply,
    user: DashboardUserResource,
    query: Record<string, unknown>,
    options: { location?: boolean } = {},
  ): ScimResource {
    const baseUrl = this.baseUrl(request);
    reply.header('etag', formatEtag(user.revision));
    if (options.location) reply.header('location', userLocation(baseUrl, user.id));
    return renderScimUser(user, baseUrl, selectionOf(query));
  }

  private baseUrl(request: ScimRequest): string {
    return scimBaseUrl(request, this.config.PUBLIC_BASE_URL);
  }
}

function selectionOf(query: Record<string, unknown>): AttributeSelection {
  // Most requests have no query string at all: skip parsing one.
  if (Object.keys(query).length === 0) return {};
  const { attributes, excludedAttributes } = parseListQuery(pickSelection(query));
  return { attributes, excludedAttributes };
}

function pickSelection(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([key]) => /^(attributes|excludedattributes)$/i.test(key)));
}

function assertIfMatch(ifMatch: EtagPrecondition | undefined, revision: number): void {
  if (ifMatch && !etagMatches(ifMatch, revision)) throw staleIfMatch();
}

function staleIfMatch(): ScimError {
  return new ScimError(412, undefined, 'The resource has changed since the version given in If-Match');
}

function isPreconditionFailed(error: unknown): boolean {
  return error instanceof RpcCallError && error.code === 'PRECONDITION_FAILED';
}

function preconditionFailedAs412(error: unknown): never {
  if (isPreconditionFailed(error)) throw new ScimError(412, undefined, 'The resource has changed since the version given in If-Match');
  throw error;
}

/** The filter text as the client wrote it (already validated by parseListQuery/parseSearchRequest). */
function rawFilterOf(source: unknown): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const entry = Object.entries(source).find(([key]) => key.toLowerCase() === 'filter');
  const value = Array.isArray(entry?.[1]) ? entry?.[1][0] : entry?.[1];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function rawSortByOf(request: ScimRequest): string | undefined {
  const source = request.method === 'POST' ? (request.body as Record<string, unknown>) : (request.query as Record<string, unknown>);
  const entry = Object.entries(source ?? {}).find(([key]) => key.toLowerCase() === 'sortby');
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}
