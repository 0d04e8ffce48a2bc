import { ProjectionHost, type EventStorePort, type LogPosition } from '@scim/event-store';
import type { SqliteUsersReadModel } from './users-read-model';

/**
 * The users read model's checkpointed subscription for the life of the service, read-your-writes waits for
 * queries, and `rebuild` (drop the model, replay the log into it).
 */
export class UsersProjection extends ProjectionHost {
  constructor(
    private readonly store: EventStorePort,
    readonly readModel: SqliteUsersReadModel,
    onError: (projection: string, error: unknown) => void = () => undefined,
  ) {
    super(store, [readModel], onError);
  }

  start(): Promise<void> {
    return this.onApplicationBootstrap();
  }

  stop(): Promise<void> {
    return super.onApplicationShutdown();
  }

  /** Whether the read model holds everything up to `position` now. */
  hasReached(position: LogPosition): boolean {
    return this.runner(this.readModel.name).hasReached(position);
  }

  /** True once the read model holds everything up to `position`; false after `timeoutMs`. */
  waitUntil(position: LogPosition, timeoutMs: number): Promise<boolean> {
    return this.runner(this.readModel.name).waitUntil(position, timeoutMs);
  }

  /**
   * Drops the read model and rebuilds it from the log; resolves once it holds every user event written before
   * the call (false if that took longer than `timeoutMs`). Searches meanwhile see a partial model.
   */
  async rebuild(timeoutMs = 60_000): Promise<boolean> {
    const runner = this.runner(this.readModel.name);
    await runner.stop();
    this.readModel.reset();
    await runner.start();
    const [last] = await this.store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1, filter: this.readModel.filter });
    return last ? runner.waitUntil(last.position, timeoutMs) : true;
  }

  override async onApplicationShutdown(): Promise<void> {
    await super.onApplicationShutdown();
    this.readModel.close();
  }
}
