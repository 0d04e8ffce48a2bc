import { SearchDashboardUsersRpc, type DashboardUserResource, type RequestContext, type RpcRequest } from '@scim/contracts';
import { RpcCallError, type NatsRpcClient } from '@scim/platform';
import { searchUsersPage } from './search-users-page';

type SearchRequest = RpcRequest<typeof SearchDashboardUsersRpc>;

const COMPANY = '00000000-0000-4000-8000-00000000000a';
const context: RequestContext = { correlationId: 'c', actor: { type: 'scim-token', id: 'token-1' } };
const MAX_REPLY_BYTES = 1_048_576;

/** settings-service over a company of `total` users of `userBytes` each: a reply over 1 MiB is REPLY_TOO_LARGE. */
function settingsService(total: number, userBytes: number) {
  const calls: Array<{ startIndex: number; count: number }> = [];
  const nats = {
    request: async (contract: unknown, request: SearchRequest) => {
      expect(contract).toBe(SearchDashboardUsersRpc);
      calls.push({ startIndex: request.startIndex, count: request.count });
      const first = Math.max(1, request.startIndex);
      const ids = Array.from({ length: Math.max(0, Math.min(request.count, total - first + 1)) }, (_, index) => `user-${first + index}`);
      const replyBytes = ids.length * userBytes;
      if (replyBytes > MAX_REPLY_BYTES) {
        throw new RpcCallError(contract === SearchDashboardUsersRpc ? SearchDashboardUsersRpc.subject : '', {
          code: 'REPLY_TOO_LARGE',
          message: 'too large',
          replyBytes,
          maxReplyBytes: MAX_REPLY_BYTES,
        });
      }
      const users = ids.map((id) => ({ id }) as unknown as DashboardUserResource);
      return { totalResults: total, startIndex: first, itemsPerPage: users.length, users };
    },
  } as unknown as NatsRpcClient;
  return { nats, calls };
}

const ids = (page: { users: readonly DashboardUserResource[] }) => page.users.map((user) => user.id);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => `user-${from + index}`);

describe('searchUsersPage', () => {
  it('asks once when the page fits', async () => {
    const { nats, calls } = settingsService(30, 1_000);
    const page = await searchUsersPage(nats, { companyId: COMPANY, startIndex: 1, count: 100 }, context);
    expect(ids(page)).toEqual(range(1, 30));
    expect(page).toMatchObject({ totalResults: 30, startIndex: 1, itemsPerPage: 30 });
    expect(calls).toEqual([{ startIndex: 1, count: 100 }]);
  });

  it('puts a page too large for one message together from parts: never cut short, as clients page by count', async () => {
    const { nats, calls } = settingsService(250, 100_000);
    const page = await searchUsersPage(nats, { companyId: COMPANY, startIndex: 101, count: 100 }, context);
    expect(ids(page)).toEqual(range(101, 200));
    expect(page).toMatchObject({ totalResults: 250, startIndex: 101, itemsPerPage: 100 });
    // Each part starts where the one before ended.
    const answered = calls.filter((call) => call.count * 100_000 <= MAX_REPLY_BYTES);
    expect(answered[0]?.startIndex).toBe(101);
    for (let index = 1; index < answered.length; index++) {
      const before = answered[index - 1];
      expect(answered[index]?.startIndex).toBe((before?.startIndex ?? 0) + (before?.count ?? 0));
    }
  });

  it('stops at the end of the results, and answers a count of 0 with the totals alone', async () => {
    const { nats } = settingsService(25, 100_000);
    const lastPage = await searchUsersPage(nats, { companyId: COMPANY, startIndex: 11, count: 100 }, context);
    expect(ids(lastPage)).toEqual(range(11, 25));
    const totals = await searchUsersPage(nats, { companyId: COMPANY, startIndex: 1, count: 0 }, context);
    expect(totals).toMatchObject({ totalResults: 25, itemsPerPage: 0, users: [] });
  });

  it('fails when a single user does not fit, and passes other failures on as they are', async () => {
    const huge = settingsService(3, 2 * MAX_REPLY_BYTES);
    await expect(searchUsersPage(huge.nats, { companyId: COMPANY, startIndex: 1, count: 10 }, context)).rejects.toMatchObject({ code: 'REPLY_TOO_LARGE' });
    expect(huge.calls.at(-1)?.count).toBe(1);
    const unavailable = new RpcCallError(SearchDashboardUsersRpc.subject, { code: 'UNAVAILABLE', message: 'down' }, 'timeout');
    const down = { request: async () => Promise.reject(unavailable) } as unknown as NatsRpcClient;
    await expect(searchUsersPage(down, { companyId: COMPANY, startIndex: 1, count: 10 }, context)).rejects.toBe(unavailable);
  });
});
