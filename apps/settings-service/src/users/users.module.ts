import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { DASHBOARD_USER_EVENT_DEFINITIONS, USER_NAME_RESERVATION_EVENT_DEFINITIONS } from '@scim/contracts';
import { EVENT_STORE, type EventStorePort } from '@scim/event-store';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EventStoreCompanyViews, ReadModelFirstCompanyViews } from './company-views';
import { InMemoryCompanyReadModel } from '../company/company-read-model';
import { SqliteUserKeyStore } from './crypto/sqlite-user-key-store';
import type { UserKeyStore } from './crypto/user-key-store';
import { DashboardUserCommands } from './dashboard-user-commands.service';
import { DashboardUserQueries } from './dashboard-user-queries.service';
import { UsersProjection } from './read-model/users-projection';
import { SqliteUsersReadModel } from './read-model/users-read-model';
import { UserNameReservations } from './user-name-reservations';
import { RebuildUsersReadModelController } from './read-model/rebuild-read-model.controller';
import { UsersController } from './users.controller';

/** Every event type of the users context: add them to the service's event registry. */
export const USERS_EVENT_DEFINITIONS = [...DASHBOARD_USER_EVENT_DEFINITIONS, ...USER_NAME_RESERVATION_EVENT_DEFINITIONS];

export const USER_KEY_STORE = Symbol('USER_KEY_STORE');

export interface UsersModuleOptions {
  /** DATA_DIR: holds `users-read-model.<host>.sqlite` and, unless `keyStore` is given, `user-keys.sqlite`. */
  readonly dataDir: string;
  /**
   * `:memory:` in tests; default `<dataDir>/users-read-model.<host name>.sqlite`: each instance owns its read
   * model, so copies sharing a DATA_DIR volume (and its key store) never write one another's.
   */
  readonly readModelFile?: string;
  /** The user key store shared by every instance (see users/README.md); default a SQLite file in dataDir. */
  readonly keyStore?: UserKeyStore;
  readonly readYourWritesTimeoutMs?: number;
  readonly danglingReservationAfterMs?: number;
}

/**
 * Dashboard users: `dashboard-user-{id}` and `username-{sha256}` streams, the SQLite users read model, the
 * `settings.users.*` subjects. Needs EVENT_STORE (EventStoreModule, global) with USERS_EVENT_DEFINITIONS
 * registered, and the company events (it folds `company-{id}` streams to resolve permissions).
 */
@Module({})
export class UsersModule {
  static register(options: UsersModuleOptions): DynamicModule {
    const logger = new Logger('UsersModule');
    return {
      module: UsersModule,
      providers: [
        {
          provide: USER_KEY_STORE,
          useFactory: (): UserKeyStore => options.keyStore ?? new SqliteUserKeyStore(join(ensureDir(options.dataDir), 'user-keys.sqlite')),
        },
        {
          provide: UsersProjection,
          useFactory: (store: EventStorePort, keys: UserKeyStore) => {
            const file = options.readModelFile ?? join(ensureDir(options.dataDir), `users-read-model.${hostname()}.sqlite`);
            return new UsersProjection(store, new SqliteUsersReadModel(file, keys), (projection, error) =>
              logger.error(`Projection ${projection} stopped: ${error instanceof Error ? error.message : String(error)}`),
            );
          },
          inject: [EVENT_STORE, USER_KEY_STORE],
        },
        {
          provide: DashboardUserCommands,
          useFactory: (store: EventStorePort, keys: UserKeyStore, projection: UsersProjection, companyReadModel?: InMemoryCompanyReadModel) =>
            new DashboardUserCommands({
              store,
              keys,
              companies: new EventStoreCompanyViews(store),
              companyReadModel,
              reservations: new UserNameReservations(store, { danglingAfterMs: options.danglingReservationAfterMs }),
              heads: projection.readModel,
            }),
          inject: [EVENT_STORE, USER_KEY_STORE, UsersProjection, { token: InMemoryCompanyReadModel, optional: true }],
        },
        {
          provide: DashboardUserQueries,
          useFactory: (store: EventStorePort, keys: UserKeyStore, projection: UsersProjection, companyReadModel?: InMemoryCompanyReadModel) =>
            new DashboardUserQueries({
              store,
              keys,
              // Replies only render names: the in-memory company read model saves a stream read per query.
              companies: companyReadModel
                ? new ReadModelFirstCompanyViews(companyReadModel, new EventStoreCompanyViews(store))
                : new EventStoreCompanyViews(store),
              projection,
              readYourWritesTimeoutMs: options.readYourWritesTimeoutMs,
            }),
          inject: [EVENT_STORE, USER_KEY_STORE, UsersProjection, { token: InMemoryCompanyReadModel, optional: true }],
        },
      ],
      controllers: [UsersController, RebuildUsersReadModelController],
      exports: [UsersProjection, DashboardUserCommands, DashboardUserQueries, USER_KEY_STORE],
    };
  }
}

function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
