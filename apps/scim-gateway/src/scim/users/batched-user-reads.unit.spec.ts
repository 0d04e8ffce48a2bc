import { GetDashboardUsersRpc, MAX_USERS_PER_GET_MANY, type DashboardUserResource, type RequestContext, type RpcRequest } from '@scim/contracts';
import type { NatsRpcClient } from '@scim/platform';
import { RpcCallError } from '@scim/platform';
import { BatchedUserReads } from './batched-user-reads';
import type { CompanyWritePositions } from './company-write-positions';

type GetManyRequest = RpcRequest<typeof GetDashboardUsersRpc>;

const ACME = '00000000-0000-4000-8000-00000000000a';
const GLOBEX = '00000000-0000-4000-8000-00000000000b';
const contextOf = (correlationId: string): RequestContext => ({ correlationId, actor: { type: 'scim-token', id: 'token-1' } });
const userFor = (companyId: string, id: string) => ({ id, userName: `${id}@${companyId}` }) as unknown as DashboardUserResource;

/** settings-service as the reads see it: every call recorded; a company's users are the ids that start with "u". */
function setUp(positions: Record<string, string> = {}, fail?: RpcCallError) {
  const calls: Array<{ request: GetManyRequest; context: RequestContext }> = [];
  const nats = {
    request: async (contract: unknown, request: GetManyRequest, context: RequestContext) => {
      expect(contract).toBe(GetDashboardUsersRpc);
      calls.push({ request, context });
      if (fail) throw fail;
      return { users: request.userIds.map((id) => (id.startsWith('u') ? userFor(request.companyId, id) : null)) };
    },
  } as unknown as NatsRpcClient;
  const writes = { latestFor: (companyId: string) => positions[companyId] } as unknown as CompanyWritePositions;
  return { reads: new BatchedUserReads(nats, writes), calls };
}

describe('BatchedUserReads', () => {
  it("sends one company's reads of one loop turn as one call and gives each read its own user", async () => {
    const { reads, calls } = setUp();
    const answers = await Promise.all(['u1', 'missing', 'u2', 'u1'].map((id, index) => reads.get(ACME, id, contextOf(`request-${index}`))));
    expect(answers).toEqual([userFor(ACME, 'u1'), null, userFor(ACME, 'u2'), userFor(ACME, 'u1')]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.request).toEqual({
      companyId: ACME,
      userIds: ['u1', 'missing', 'u2', 'u1'],
      correlationIds: ['request-0', 'request-1', 'request-2', 'request-3'],
      minPosition: undefined,
    });
    expect(calls[0]?.context.correlationId).toBe('request-0');
  });

  it('collects reads arriving from separate loop callbacks, as requests on different connections do', async () => {
    const { reads, calls } = setUp();
    const arriving = ['u1', 'u2', 'u3'].map((id) => new Promise((done) => setImmediate(() => done(reads.get(ACME, id, contextOf(id))))));
    await Promise.all(arriving);
    expect(calls.map((call) => call.request.userIds)).toEqual([['u1', 'u2', 'u3']]);
  });

  it('asks for the latest write known when the call is sent, also one announced after the read arrived', async () => {
    const positions: Record<string, string> = { [ACME]: '5/5' };
    const { reads, calls } = setUp(positions);
    const before = reads.get(ACME, 'u1', contextOf('before'));
    // Another gateway's notice, handled in the same loop turn as the read.
    positions[ACME] = '9/9';
    const after = reads.get(ACME, 'u2', contextOf('after'));
    await Promise.all([before, after]);
    expect(calls.map(({ request }) => [request.userIds, request.minPosition])).toEqual([[['u1', 'u2'], '9/9']]);
  });

  it('never mixes companies, each call carrying its own company\'s latest write', async () => {
    const { reads, calls } = setUp({ [GLOBEX]: '12/12' });
    const [acmeUser, globexUser] = await Promise.all([reads.get(ACME, 'u1', contextOf('a')), reads.get(GLOBEX, 'u1', contextOf('g'))]);
    expect(acmeUser).toEqual(userFor(ACME, 'u1'));
    expect(globexUser).toEqual(userFor(GLOBEX, 'u1'));
    expect(calls.map(({ request }) => [request.companyId, request.minPosition])).toEqual([
      [ACME, undefined],
      [GLOBEX, '12/12'],
    ]);
  });

  it('splits a turn with more reads than one call may carry', async () => {
    const { reads, calls } = setUp();
    const ids = Array.from({ length: MAX_USERS_PER_GET_MANY + 20 }, (_, index) => `u${index}`);
    const answers = await Promise.all(ids.map((id) => reads.get(ACME, id, contextOf(id))));
    expect(answers.map((user) => user?.id)).toEqual(ids);
    expect(calls.map((call) => call.request.userIds.length)).toEqual([MAX_USERS_PER_GET_MANY, 20]);
  });

  it('caches nothing: a read after a call was sent makes a new call', async () => {
    const { reads, calls } = setUp();
    await reads.get(ACME, 'u1', contextOf('first'));
    await reads.get(ACME, 'u1', contextOf('second'));
    expect(calls).toHaveLength(2);
  });

  it('fails every read of a failed call with its error', async () => {
    const unavailable = new RpcCallError(GetDashboardUsersRpc.subject, { code: 'UNAVAILABLE', message: 'No service answers' }, 'no-responders');
    const { reads } = setUp({}, unavailable);
    const outcomes = await Promise.allSettled([reads.get(ACME, 'u1', contextOf('a')), reads.get(ACME, 'u2', contextOf('b'))]);
    expect(outcomes).toEqual([
      { status: 'rejected', reason: unavailable },
      { status: 'rejected', reason: unavailable },
    ]);
  });

  it('asks again in parts, each as large as fits, when a reply would not fit in one message; every read still gets its own user', async () => {
    const maxReplyBytes = 1_048_576;
    const bytesOf = (id: string) => (id === 'u-huge' ? 2 * maxReplyBytes : 300_000);
    const calls: string[][] = [];
    const nats = {
      request: async (_contract: unknown, request: GetManyRequest) => {
        calls.push(request.userIds);
        const replyBytes = request.userIds.reduce((sum, id) => sum + bytesOf(id), 0);
        if (replyBytes > maxReplyBytes) {
          throw new RpcCallError(GetDashboardUsersRpc.subject, { code: 'REPLY_TOO_LARGE', message: 'too large', replyBytes, maxReplyBytes });
        }
        return { users: request.userIds.map((id) => userFor(request.companyId, id)) };
      },
    } as unknown as NatsRpcClient;
    const reads = new BatchedUserReads(nats, { latestFor: () => undefined } as unknown as CompanyWritePositions);
    const ids = Array.from({ length: 10 }, (_, index) => `u${index}`);
    const answers = await Promise.all(ids.map((id) => reads.get(ACME, id, contextOf(id))));
    expect(answers.map((user) => user?.id)).toEqual(ids);
    const answered = calls.filter((userIds) => userIds.reduce((sum, id) => sum + bytesOf(id), 0) <= maxReplyBytes);
    expect(answered.flat().sort()).toEqual([...ids].sort());
    // One refused call for all ten, then parts sized by the sizes it reported (10 × 300 kB against 1 MiB: 2 each).
    expect(calls[0]).toEqual(ids);
    expect(calls.length).toBeLessThanOrEqual(1 + 5 + 5);

    // A single user too large for a message is a failure of that read alone.
    calls.length = 0;
    const outcomes = await Promise.allSettled([reads.get(ACME, 'u-huge', contextOf('huge')), reads.get(ACME, 'u1', contextOf('small'))]);
    expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: { code: 'REPLY_TOO_LARGE' } });
    expect(outcomes[1]).toEqual({ status: 'fulfilled', value: userFor(ACME, 'u1') });
  });
});
