import { compareLogPositions, parseLogPosition } from '@scim/contracts';
import { ProjectionHost, type EventStorePort, type LogPosition } from '@scim/event-store';
import type { InMemoryTokenReadModel } from './token-read-model';

export const TOKEN_PROJECTIONS = Symbol('TOKEN_PROJECTIONS');

/**
 * The token read model's subscription. It also remembers the last position this instance wrote, so a
 * verification of a token issued a moment ago through this instance waits for the read model to hold it.
 */
export class TokenProjections extends ProjectionHost {
  private lastWrite: LogPosition | undefined;

  constructor(
    store: EventStorePort,
    private readonly readModel: InMemoryTokenReadModel,
  ) {
    super(store, [readModel]);
  }

  waitUntil(position: LogPosition, timeoutMs: number): Promise<boolean> {
    return this.runner(this.readModel.name).waitUntil(position, timeoutMs);
  }

  recordWrite(position: string | null): void {
    if (position === null) return;
    const parsed = parseLogPosition(position);
    if (!this.lastWrite || compareLogPositions(parsed, this.lastWrite) > 0) this.lastWrite = parsed;
  }

  /** Resolves once the read model holds every write this instance made (bounded). */
  async catchUpWithOwnWrites(timeoutMs: number): Promise<void> {
    if (this.lastWrite) await this.waitUntil(this.lastWrite, timeoutMs);
  }
}
