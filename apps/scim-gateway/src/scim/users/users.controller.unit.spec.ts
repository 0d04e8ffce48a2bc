import {
  GetDashboardUserRpc,
  PatchDashboardUserRpc,
  type DashboardUserResource,
  type RequestContext,
  type RpcContract,
  type RpcRequest,
} from '@scim/contracts';
import { RpcCallError, type NatsRpcClient } from '@scim/platform';
import { PATCH_OP_SCHEMA } from '@scim/scim';
import type { FastifyReply } from 'fastify';
import type { GatewayConfig } from '../../config';
import type { ScimRequest } from '../gate/scim-gate.guard';
import type { BatchedUserReads } from './batched-user-reads';
import type { CompanyWritePositions } from './company-write-positions';
import { UserWriteQueue } from './user-write-queue';
import { WriteAdmission } from './write-admission';
import { PATCH_ATTEMPTS, UsersController } from './users.controller';

const COMPANY = '00000000-0000-4000-8000-00000000000c';
const USER = '00000000-0000-4000-8000-0000000000a1';

const user = (revision: number, displayName: string): DashboardUserResource => ({
  id: USER,
  externalId: null,
  userName: 'jane@example.com',
  name: { givenName: 'Jane', familyName: 'Doe', formatted: null },
  displayName,
  emails: [{ value: 'jane@example.com', type: 'work', primary: true }],
  active: true,
  department: null,
  permissions: { companyPermissions: [], roles: [], appGroup: [] },
  createdAt: '2026-11-01T10:00:00.000Z',
  lastModified: '2026-11-01T10:00:00.000Z',
  lastSignInAt: null,
  revision,
});

/**
 * The read model holds revision 1 of the user while the stream is at revision 2 (a write through another
 * gateway not applied yet): settings-service refuses a patch built on revision 1 as PRECONDITION_FAILED.
 */
function setUp(answer: (contract: RpcContract, request: RpcRequest<RpcContract>, sentSoFar: number) => unknown = answerFromRevision2) {
  const sent: Array<{ subject: string; request: unknown }> = [];
  const nats = {
    request: async (contract: RpcContract, request: RpcRequest<RpcContract>, _context: RequestContext) => {
      sent.push({ subject: contract.subject, request });
      return answer(contract, request, sent.length);
    },
  } as unknown as NatsRpcClient;
  const reads = { get: async () => user(1, 'From the read model') } as unknown as BatchedUserReads;
  const writes = { record: () => undefined, latestFor: () => undefined } as unknown as CompanyWritePositions;
  const admission = new WriteAdmission({ SCIM_WRITES_IN_FLIGHT: 64, SCIM_WRITE_WAIT_MS: 2_000, NATS_REQUEST_TIMEOUT_MS: 5_000 });
  const controller = new UsersController(nats, writes, reads, new UserWriteQueue(), admission, { PUBLIC_BASE_URL: 'https://scim.example.com' } as GatewayConfig);
  const headers: Record<string, string> = {};
  const reply = { header: (name: string, value: string) => ((headers[name] = value), reply), status: () => reply } as unknown as FastifyReply;
  const request = (ifMatch?: string) =>
    ({
      id: 'request-1',
      headers: ifMatch ? { 'if-match': ifMatch } : {},
      scimCaller: { companyId: COMPANY, tokenId: 'token-1', sourceIp: '127.0.0.1', requestOrigin: undefined },
    }) as unknown as ScimRequest;
  const deactivate = { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', path: 'active', value: false }] };
  return { controller, sent, reply, headers, request, deactivate };
}

function answerFromRevision2(contract: RpcContract, request: RpcRequest<RpcContract>): unknown {
  if (contract === GetDashboardUserRpc) return { user: user(2, 'From the stream'), position: null };
  if (contract === PatchDashboardUserRpc) {
    const patch = request as RpcRequest<typeof PatchDashboardUserRpc>;
    if (patch.expectedRevision !== 2) throw new RpcCallError(contract.subject, { code: 'PRECONDITION_FAILED', message: 'stale' });
    return { user: { ...user(3, 'Patched'), active: false }, position: null };
  }
  throw new Error(`unexpected ${contract.subject}`);
}

/** Another write always lands between the read and the patch. */
function answerAlwaysBeaten(contract: RpcContract, _request: RpcRequest<RpcContract>, sentSoFar: number): unknown {
  if (contract === GetDashboardUserRpc) return { user: user(sentSoFar, 'From the stream'), position: null };
  throw new RpcCallError(contract.subject, { code: 'PRECONDITION_FAILED', message: 'stale' });
}

describe('UsersController PATCH', () => {
  it("starts from the read model's copy and, when that copy was stale, re-applies the operations to the stream's", async () => {
    const { controller, sent, reply, headers, request, deactivate } = setUp();
    const patched = await controller.patch(request(), reply, USER, deactivate, {});
    expect(patched).toMatchObject({ active: false, meta: { version: 'W/"3"' } });
    expect(headers['etag']).toBe('W/"3"');
    expect(sent.map(({ subject, request: sentRequest }) => [subject, (sentRequest as { expectedRevision?: number }).expectedRevision])).toEqual([
      [PatchDashboardUserRpc.subject, 1],
      [GetDashboardUserRpc.subject, undefined],
      [PatchDashboardUserRpc.subject, 2],
    ]);
  });

  it('keeps re-applying while other writes win, and after PATCH_ATTEMPTS answers 409 (the client set no precondition), never 412', async () => {
    const { controller, sent, reply, request, deactivate } = setUp(answerAlwaysBeaten);
    await expect(controller.patch(request(), reply, USER, deactivate, {})).rejects.toMatchObject({ status: 409, scimType: undefined });
    expect(sent.filter(({ subject }) => subject === PatchDashboardUserRpc.subject)).toHaveLength(PATCH_ATTEMPTS);
  });

  it('judges If-Match against the stream, never against a stale copy', async () => {
    const { controller, sent, reply, request, deactivate } = setUp();
    await expect(controller.patch(request('W/"2"'), reply, USER, deactivate, {})).resolves.toMatchObject({ active: false });
    expect(sent.map(({ subject }) => subject)).toEqual([GetDashboardUserRpc.subject, PatchDashboardUserRpc.subject]);
  });
});
