import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NatsContext, RpcException } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { CreateDashboardUserRpc, SearchDashboardUsersRpc, type RpcContract, type RpcRequestInput } from '@scim/contracts';
import { EventStoreModule } from '@scim/event-store';
import { contextToHeaders } from '@scim/platform';
import { companyFixture, newEventStore, seedCompany, TEST_CONTEXT } from './testing/users-fixtures';
import { UsersController } from './users.controller';
import { UsersModule } from './users.module';

/** Calls a controller method as the NATS transport does: raw payload plus a NATS context with the headers. */
function deliver<C extends RpcContract>(handler: (...args: never[]) => unknown, contract: C, payload: RpcRequestInput<C>): Promise<unknown> {
  const context = new NatsContext([contract.subject, contextToHeaders(TEST_CONTEXT)]);
  return (handler as unknown as (data: unknown, nats: NatsContext) => Promise<unknown>)(payload, context);
}

describe('UsersModule', () => {
  let app: INestApplicationContext;
  let dataDir: string;

  afterEach(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('wires the users context onto EVENT_STORE, keeps its SQLite files in DATA_DIR, and answers through the contracts', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'users-module-'));
    const store = newEventStore();
    const acme = companyFixture('Acme');
    await seedCompany(store, acme);
    const moduleRef = await Test.createTestingModule({
      imports: [EventStoreModule.forStore(store), UsersModule.register({ dataDir: join(dataDir, 'nested') })],
    }).compile();
    app = await moduleRef.init();
    const controller = app.get(UsersController);

    const created = (await deliver(controller.create.bind(controller), CreateDashboardUserRpc, {
      companyId: acme.companyId,
      user: { userName: 'jane@example.com', name: { givenName: 'Jane' } },
    })) as { user: { id: string }; position: string };
    expect(created.user.id).toEqual(expect.any(String));

    const found = await deliver(controller.search.bind(controller), SearchDashboardUsersRpc, {
      companyId: acme.companyId,
      filter: 'name.givenName eq "jane"',
      minPosition: created.position,
    });
    expect(found).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1, users: [{ id: created.user.id, userName: 'jane@example.com' }] });

    const refused = await deliver(controller.create.bind(controller), CreateDashboardUserRpc, {
      companyId: acme.companyId,
      user: { userName: 'JANE@example.com' },
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RpcException);
    expect((refused as RpcException).getError()).toEqual({
      code: 'UNIQUENESS',
      message: 'A user with this userName already exists (userNames are unique, ignoring case)',
      issues: [{ path: 'userName', message: 'already exists' }],
    });

    const invalid = await deliver(controller.create.bind(controller), CreateDashboardUserRpc, {
      companyId: 'not-a-company',
    } as never).catch((error: unknown) => error);
    expect((invalid as RpcException).getError()).toMatchObject({ code: 'VALIDATION_FAILED' });

    expect(readdirSync(join(dataDir, 'nested')).sort()).toEqual(expect.arrayContaining(['user-keys.sqlite', `users-read-model.${hostname()}.sqlite`]));
  });
});
