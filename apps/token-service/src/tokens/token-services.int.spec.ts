import { randomUUID } from 'node:crypto';
import {
  DomainError,
  IssueScimTokenRpc,
  RevokeScimTokenRpc,
  ScimTokenRevokedNotice,
  scimTokenSha256,
  scimTokenStreamName,
  TOKEN_EVENT_DEFINITIONS,
  type RequestContext,
} from '@scim/contracts';
import { EventRegistry, InMemoryEventStore, ProjectionRunner } from '@scim/event-store';
import { CallDeadline, CallerStoppedWaiting } from '@scim/platform';
import type { ScimSettingsSnapshot } from './token.commands';
import { ScimTokenCommandService } from './token-command.service';
import { ScimTokenQueryService } from './token-query.service';
import { InMemoryTokenReadModel } from './token-read-model';

const context: RequestContext = { correlationId: 'test-correlation', actor: { type: 'admin', id: 'admin@acme.test' } };
const complete: ScimSettingsSnapshot = { provisioningMethod: 'custom', defaultWorkspaceId: randomUUID(), serviceOrigin: 'idp.example.com' };

function setUp(settingsByCompany: Map<string, ScimSettingsSnapshot | null>) {
  const store = new InMemoryEventStore({ registry: new EventRegistry([...TOKEN_EVENT_DEFINITIONS]) });
  const readModel = new InMemoryTokenReadModel();
  const runner = new ProjectionRunner(store, readModel);
  const published: unknown[] = [];
  const commands = new ScimTokenCommandService({
    store,
    loadSettings: async (companyId) => {
      if (!settingsByCompany.has(companyId)) throw new DomainError('NOT_FOUND', `Company ${companyId} not found`);
      return settingsByCompany.get(companyId) ?? null;
    },
    publishRevoked: async (notice) => {
      published.push(ScimTokenRevokedNotice.schema.parse(notice));
    },
  });
  const queries = new ScimTokenQueryService({ reader: readModel, waitUntil: (position, timeoutMs) => runner.waitUntil(position, timeoutMs), store });
  return { store, readModel, runner, commands, queries, published };
}

describe('token command and query services (in-memory event store)', () => {
  const companyId = randomUUID();
  const settings = new Map<string, ScimSettingsSnapshot | null>([[companyId, complete]]);
  let env: ReturnType<typeof setUp>;

  beforeEach(async () => {
    settings.set(companyId, complete);
    env = setUp(settings);
    await env.runner.start();
  });

  afterEach(async () => {
    await env.runner.stop();
    await env.store.close();
  });

  async function waitFor(position: string) {
    const [commit, prepare] = position.split('/').map(BigInt);
    expect(await env.runner.waitUntil({ commit, prepare }, 5000)).toBe(true);
  }

  it('issues a token once: the reply has it, verification by hash finds the company, nothing stores it', async () => {
    const issued = await env.commands.issue({ companyId }, context);
    expect(IssueScimTokenRpc.reply.safeParse(issued).success).toBe(true);
    expect(issued.token).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
    expect(issued.hint).toBe(issued.token.slice(-4));
    expect(issued.replacedTokenId).toBeNull();

    await waitFor(issued.position);
    expect(await env.queries.verify({ tokenSha256: scimTokenSha256(issued.token) })).toEqual({ valid: true, companyId, tokenId: issued.tokenId });
    const shown = await env.queries.get({ companyId, minPosition: issued.position });
    expect(shown.activeToken).toMatchObject({ tokenId: issued.tokenId, hint: issued.hint, issuedBy: context.actor });

    const stored = await env.store.readAll();
    expect(JSON.stringify(stored, (_key, value) => (typeof value === 'bigint' ? value.toString() : value))).not.toContain(issued.token);
    expect(JSON.stringify(shown)).not.toContain(issued.token);
  });

  it('issuing again resets: the old token stops verifying, the revocation is announced by hash', async () => {
    const first = await env.commands.issue({ companyId }, context);
    const second = await env.commands.issue({ companyId }, context);
    expect(second.replacedTokenId).toBe(first.tokenId);
    expect(env.published).toEqual([
      { companyId, tokenId: first.tokenId, tokenSha256: scimTokenSha256(first.token), reason: 'reset', revokedAt: second.issuedAt },
    ]);
    expect(JSON.stringify(env.published)).not.toContain(first.token);

    await waitFor(second.position);
    expect(await env.queries.verify({ tokenSha256: scimTokenSha256(first.token) })).toEqual({ valid: false });
    expect((await env.queries.verify({ tokenSha256: scimTokenSha256(second.token) })).valid).toBe(true);
  });

  it('refuses a just-revoked token even while the read model still lists it', async () => {
    const issued = await env.commands.issue({ companyId }, context);
    await waitFor(issued.position);
    const laggingReader = { activeToken: () => null, verify: () => ({ companyId, tokenId: issued.tokenId }) };
    const queries = new ScimTokenQueryService({ reader: laggingReader, waitUntil: async () => true, store: env.store });
    expect((await queries.verify({ tokenSha256: scimTokenSha256(issued.token) })).valid).toBe(true);
    await env.commands.revoke({ companyId }, context);
    expect(await queries.verify({ tokenSha256: scimTokenSha256(issued.token) })).toEqual({ valid: false });
  });

  it('revoke: no token works until a new one is issued; revoking again is a no-op', async () => {
    const issued = await env.commands.issue({ companyId }, context);
    const revoked = await env.commands.revoke({ companyId }, context);
    expect(RevokeScimTokenRpc.reply.safeParse(revoked).success).toBe(true);
    expect(revoked.revokedTokenId).toBe(issued.tokenId);
    expect(env.published).toMatchObject([{ tokenId: issued.tokenId, reason: 'revoked' }]);
    if (!revoked.position) throw new Error('a revoke that revoked something has a position');
    await waitFor(revoked.position);
    expect(await env.queries.verify({ tokenSha256: scimTokenSha256(issued.token) })).toEqual({ valid: false });
    expect((await env.queries.get({ companyId })).activeToken).toBeNull();

    expect(await env.commands.revoke({ companyId }, context)).toEqual({ revokedTokenId: null, position: null });
    expect(env.published).toHaveLength(1);

    const next = await env.commands.issue({ companyId }, context);
    expect(next.replacedTokenId).toBeNull();
    await waitFor(next.position);
    expect((await env.queries.verify({ tokenSha256: scimTokenSha256(next.token) })).valid).toBe(true);
  });

  it('writes nothing once the admin stopped waiting: a reset that comes too late leaves the old token working', async () => {
    const first = await env.commands.issue({ companyId }, context);
    let now = 0;
    const deadline = new CallDeadline(1_000, () => now);
    const slowSettings = new ScimTokenCommandService({
      store: env.store,
      loadSettings: async () => {
        now = 2_000; // settings-service took longer than the admin's request waits
        return complete;
      },
      publishRevoked: async () => undefined,
    });
    const before = await env.store.readStream(scimTokenStreamName(companyId));
    await expect(slowSettings.issue({ companyId }, context, deadline)).rejects.toBeInstanceOf(CallerStoppedWaiting);
    now = 2_000;
    await expect(slowSettings.revoke({ companyId }, context, deadline)).rejects.toBeInstanceOf(CallerStoppedWaiting);
    expect(await env.store.readStream(scimTokenStreamName(companyId))).toEqual(before);
    await waitFor(first.position);
    expect(await env.queries.verify({ tokenSha256: scimTokenSha256(first.token) })).toMatchObject({ valid: true, tokenId: first.tokenId });
  });

  it('answers SETTINGS_INCOMPLETE naming what is missing, and writes nothing', async () => {
    settings.set(companyId, { ...complete, serviceOrigin: null });
    await expect(env.commands.issue({ companyId }, context)).rejects.toMatchObject({
      code: 'SETTINGS_INCOMPLETE',
      issues: [{ path: 'serviceOrigin', message: expect.any(String) }],
    });
    settings.set(companyId, null);
    await expect(env.commands.issue({ companyId }, context)).rejects.toMatchObject({ code: 'SETTINGS_INCOMPLETE' });
    await expect(env.store.readStream(scimTokenStreamName(companyId))).rejects.toMatchObject({ code: 'STREAM_NOT_FOUND' });
  });

  it('passes on NOT_FOUND for an unknown company', async () => {
    await expect(env.commands.issue({ companyId: randomUUID() }, context)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps the revocation when announcing it fails', async () => {
    const failures: unknown[] = [];
    const commands = new ScimTokenCommandService({
      store: env.store,
      loadSettings: async () => complete,
      publishRevoked: async () => {
        throw new Error('nats down');
      },
      onPublishFailure: (_error, notice) => failures.push(notice.tokenId),
    });
    const issued = await commands.issue({ companyId }, context);
    const revoked = await commands.revoke({ companyId }, context);
    expect(revoked.revokedTokenId).toBe(issued.tokenId);
    expect(failures).toEqual([issued.tokenId]);
  });

  it('treats an unknown hash as invalid', async () => {
    expect(await env.queries.verify({ tokenSha256: scimTokenSha256('scim_unknown') })).toEqual({ valid: false });
  });
});
