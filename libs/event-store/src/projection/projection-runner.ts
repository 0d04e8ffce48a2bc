import type { AllFilter, EventStorePort, LogPosition, RecordedEvent, Subscription } from '../port';

/** A read model fed from the log. Applying an event and recording its position must be one atomic step. */
export interface Projection {
  readonly name: string;
  readonly filter: AllFilter;
  /** Where the read model stopped last time (exclusive), or undefined to start from the beginning. */
  loadCheckpoint(): Promise<LogPosition | undefined> | LogPosition | undefined;
  apply(event: RecordedEvent): Promise<void> | void;
  /** The subscription passed this position without a matching event (keeps an idle read model current). */
  saveCheckpoint(position: LogPosition): Promise<void> | void;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly caughtUp: boolean;
  readonly position: LogPosition | undefined;
}

interface Waiter {
  readonly commit: bigint;
  readonly resolve: (reached: boolean) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Runs one projection on a checkpointed catch-up subscription to $all, and lets queries wait until the read
 * model has reached a command's log position (read-your-writes, bounded in time).
 */
export class ProjectionRunner {
  private subscription: Subscription | undefined;
  private position: LogPosition | undefined;
  private caughtUp = false;
  private waiters: Waiter[] = [];

  constructor(
    private readonly store: EventStorePort,
    private readonly projection: Projection,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.position = (await this.projection.loadCheckpoint()) ?? undefined;
    this.subscription = this.store.subscribeToAll(
      { fromPosition: this.position ?? 'start', filter: this.projection.filter },
      {
        onEvent: async (event) => {
          await this.projection.apply(event);
          this.advance(event.position);
        },
        onCheckpoint: async (position) => {
          if (this.position && position.commit <= this.position.commit) return;
          await this.projection.saveCheckpoint(position);
          this.advance(position);
        },
        onCaughtUp: () => {
          this.caughtUp = true;
        },
        onError: this.onError,
      },
    );
  }

  /** Whether the read model holds everything up to `position` (by commit) now. */
  hasReached(position: LogPosition): boolean {
    return this.reached(position.commit);
  }

  /** True once the read model holds everything up to `position` (by commit); false after `timeoutMs`. */
  waitUntil(position: LogPosition, timeoutMs: number): Promise<boolean> {
    if (this.reached(position.commit)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        commit: position.commit,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  status(): ProjectionStatus {
    return { name: this.projection.name, caughtUp: this.caughtUp, position: this.position };
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
    this.waiters = [];
  }

  private reached(commit: bigint): boolean {
    return this.position !== undefined && this.position.commit >= commit;
  }

  private advance(position: LogPosition): void {
    if (!this.position || position.commit > this.position.commit) this.position = position;
    const [done, pending] = partition(this.waiters, (waiter) => this.reached(waiter.commit));
    this.waiters = pending;
    for (const waiter of done) {
      clearTimeout(waiter.timer);
      waiter.resolve(true);
    }
  }
}

function partition<T>(items: readonly T[], predicate: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (predicate(item) ? yes : no).push(item);
  return [yes, no];
}
