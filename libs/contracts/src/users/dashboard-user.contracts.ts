import { z } from 'zod';
import { EntityId } from '../company/company.schemas';
import { LogPositionText } from '../events/log-position-text';
import { defineRpc } from '../rpc/rpc-contract';
import {
  DashboardUserChanges,
  DashboardUserInput,
  DashboardUserReplaceInput,
  DashboardUserResource,
} from './dashboard-user.schemas';

/*
 * NATS contracts of settings-service for dashboard users (what the SCIM gateway calls for /scim/v2/Users).
 * `companyId` is the company of the verified SCIM token, never a value from the client. Who asks travels in
 * the request context headers. Errors: NOT_FOUND (no such user in this company, or deleted), UNIQUENESS
 * (userName taken anywhere in the installation; the message never says where), MUTABILITY (userName change),
 * INVALID_VALUE (unknown workspace/team/role/permission set/permission string/department; issues name the
 * entry, e.g. `permissions.appGroup[0].team[1].teamName`), PRECONDITION_FAILED (expectedRevision is stale),
 * CONFLICT (concurrent writers kept winning), UNAVAILABLE (read model did not reach minPosition in time),
 * VALIDATION_FAILED with an issue on `filter` / `sortBy` (unsupported or malformed: SCIM invalidFilter).
 */

export const MAX_USERS_PAGE_SIZE = 1000;
export const DEFAULT_USERS_PAGE_SIZE = 100;

/** A SCIM resource id from a URL: anything; ids that are not ours are simply NOT_FOUND. */
/** Longer than any id a user can have: such an id names no user (the gateway answers 404 without asking). */
export const MAX_USER_ID_LENGTH = 200;
const UserIdParam = z.string().min(1).max(MAX_USER_ID_LENGTH);
/** The If-Match ETag's revision; absent means "whatever is current". */
const ExpectedRevision = z.number().int().nonnegative().optional();
/**
 * Idempotency key: the same command id twice applies once and replies with the same result (a NATS retry
 * after a lost reply). Absent: a fresh one, so a retry is a second command.
 */
const CommandId = z.uuid().optional();

const UserReply = z.object({
  user: DashboardUserResource,
  /** Log position of the last event written; null when nothing changed. Pass it as minPosition to search. */
  position: LogPositionText.nullable(),
});

export const CreateDashboardUserRpc = defineRpc(
  'settings.users.create',
  z.object({ companyId: EntityId, commandId: CommandId, user: DashboardUserInput }),
  UserReply,
);

/**
 * One user. By default from the users read model once it holds `minPosition` (the caller's latest write),
 * else from the user's stream; `source: 'log'` always folds the stream (a write that must start from the
 * latest revision). `position` is null when the answer came from the read model.
 */
export const GetDashboardUserRpc = defineRpc(
  'settings.users.get',
  z.object({
    companyId: EntityId,
    userId: UserIdParam,
    minPosition: LogPositionText.optional(),
    source: z.enum(['read-model', 'log']).optional(),
  }),
  UserReply,
);

/** The most ids one GetDashboardUsers call may carry. */
export const MAX_USERS_PER_GET_MANY = 100;

/**
 * What a write of a user says when other writes of it kept winning through every retry (a CONFLICT from
 * settings-service, a 409 from the gateway's PATCH): the same words wherever it is decided.
 */
export const USER_CHANGED_CONCURRENTLY = 'The user was changed by concurrent requests; retry';

/**
 * Several users of one company, each found as GetDashboardUser finds it (the read model once it holds
 * `minPosition`, else the user's stream): the gateway sends the GETs by id of one event-loop turn together.
 * `users[i]` answers `userIds[i]`, null when the company has no such user. `correlationIds[i]`, when given,
 * names the HTTP request that asked for `userIds[i]` (the message's own context is the batch's).
 */
export const GetDashboardUsersRpc = defineRpc(
  'settings.users.get-many',
  z
    .object({
      companyId: EntityId,
      userIds: z.array(UserIdParam).min(1).max(MAX_USERS_PER_GET_MANY),
      correlationIds: z.array(z.string().max(200)).max(MAX_USERS_PER_GET_MANY).optional(),
      minPosition: LogPositionText.optional(),
    })
    .refine((request) => !request.correlationIds || request.correlationIds.length === request.userIds.length, {
      message: 'correlationIds, when given, has one entry per user id',
      path: ['correlationIds'],
    }),
  z.object({ users: z.array(DashboardUserResource.nullable()) }),
);

/** PUT. See DashboardUserReplaceInput for what an absent attribute means. */
export const ReplaceDashboardUserRpc = defineRpc(
  'settings.users.replace',
  z.object({
    companyId: EntityId,
    userId: UserIdParam,
    expectedRevision: ExpectedRevision,
    commandId: CommandId,
    user: DashboardUserReplaceInput,
  }),
  UserReply,
);

/**
 * PATCH, after the gateway has applied the SCIM operations (libs/scim applyPatch) to the resource it read:
 * the attributes that result (all, or only the changed ones) with the revision of the resource it patched as
 * expectedRevision. PRECONDITION_FAILED then means "re-read and re-apply" unless the client's own If-Match
 * was stale.
 */
export const PatchDashboardUserRpc = defineRpc(
  'settings.users.patch',
  z.object({
    companyId: EntityId,
    userId: UserIdParam,
    expectedRevision: ExpectedRevision,
    commandId: CommandId,
    changes: DashboardUserChanges,
  }),
  UserReply,
);

/** DELETE: deprovisions the user, frees the userName and erases the personal data in the user's events. */
export const DeleteDashboardUserRpc = defineRpc(
  'settings.users.delete',
  z.object({ companyId: EntityId, userId: UserIdParam, expectedRevision: ExpectedRevision, commandId: CommandId }),
  z.object({ position: LogPositionText }),
);

export const UsersSortOrder = z.enum(['ascending', 'descending']);

/**
 * A page of the company's users matching an RFC 7644 filter (text, as in `?filter=`), from the users read
 * model. `startIndex` is 1-based (values below 1 count as 1); `count` below 0 counts as 0 (totals only) and
 * above MAX_USERS_PAGE_SIZE as that. `sortBy` is an attribute path (`userName`, `name.familyName`,
 * `meta.created`, ...); without it the order is stable (by creation, then id).
 */
export const SearchDashboardUsersRpc = defineRpc(
  'settings.users.search',
  z.object({
    companyId: EntityId,
    filter: z.string().max(10_000).optional(),
    startIndex: z.number().int().default(1),
    count: z.number().int().default(DEFAULT_USERS_PAGE_SIZE),
    sortBy: z.string().max(300).optional(),
    sortOrder: UsersSortOrder.optional(),
    minPosition: LogPositionText.optional(),
  }),
  z.object({
    totalResults: z.number().int().nonnegative(),
    startIndex: z.number().int().positive(),
    itemsPerPage: z.number().int().nonnegative(),
    users: z.array(DashboardUserResource),
  }),
);

/**
 * Drops the users read model of the settings-service instance that answers and replays the log into it.
 * Each instance keeps its own read model: with several instances, call once per instance or restart them.
 */
export const RebuildUsersReadModelRpc = defineRpc(
  'settings.users.rebuild-read-model',
  z.object({ timeoutMs: z.number().int().positive().max(600_000).default(60_000) }),
  z.object({ caughtUp: z.boolean(), usersInReadModel: z.number().int().nonnegative(), tookMs: z.number().nonnegative() }),
);

/**
 * Published by a gateway after each user write it made, so every gateway sends that company's latest write
 * position with its reads (read-your-writes whichever gateway the next request reaches).
 */
export const CompanyUserWriteNotice = Object.freeze({
  subject: 'scim-gateway.events.company-user-write',
  schema: z.object({ companyId: EntityId, position: LogPositionText }),
} as const);
export type CompanyUserWriteNotice = z.infer<(typeof CompanyUserWriteNotice)['schema']>;
