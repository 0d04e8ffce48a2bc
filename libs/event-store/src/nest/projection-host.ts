import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { EventStorePort } from '../port';
import { ProjectionRunner, type Projection, type ProjectionStatus } from '../projection/projection-runner';

/**
 * Runs a service's projections for the life of the Nest app: started once the app is up, stopped on
 * shutdown. Provide it with a factory (`new ProjectionHost(store, [readModelA, readModelB], onError)`).
 */
export class ProjectionHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runners = new Map<string, ProjectionRunner>();

  constructor(
    store: EventStorePort,
    projections: readonly Projection[],
    onError: (projection: string, error: unknown) => void = () => undefined,
  ) {
    for (const projection of projections) {
      this.runners.set(projection.name, new ProjectionRunner(store, projection, (error) => onError(projection.name, error)));
    }
  }

  runner(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new Error(`No projection named ${name}`);
    return runner;
  }

  status(): ProjectionStatus[] {
    return [...this.runners.values()].map((runner) => runner.status());
  }

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.start()));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }
}
