import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { NatsRpcClient } from '@scim/platform';
import { PinoLogger } from 'nestjs-pino';
import { DailyRateLimiter, type RateLimitDecision } from './daily-rate-limiter';

export const RATE_LIMIT_BUCKET = 'scim-rate-limits';
const TWO_DAYS_MS = 2 * 86_400_000;

/**
 * Opens the shared rate-limit bucket once NATS is there. Without JetStream the limit cannot be shared, so it
 * is not enforced (a warning says so) rather than refusing every request.
 */
@Injectable()
export class RateLimiterProvider implements OnApplicationShutdown {
  private limiter: Promise<DailyRateLimiter | undefined> | undefined;

  constructor(
    private readonly nats: NatsRpcClient,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('RateLimiter');
  }

  async consume(companyId: string, limit: number): Promise<RateLimitDecision | undefined> {
    const limiter = await (this.limiter ??= this.open());
    return limiter?.consume(companyId, limit);
  }

  async onApplicationShutdown(): Promise<void> {
    const limiter = await this.limiter;
    await limiter?.close();
  }

  private async open(): Promise<DailyRateLimiter | undefined> {
    try {
      const connection = await this.nats.connection();
      const kv = await connection.jetstream().views.kv(RATE_LIMIT_BUCKET, { history: 1, ttl: TWO_DAYS_MS });
      return new DailyRateLimiter(kv, {
        flushIntervalMs: 250,
        onError: (error) => this.logger.warn({ err: error }, 'rate limit counter update failed'),
      });
    } catch (error) {
      this.logger.warn({ err: error }, 'JetStream KV unavailable: the SCIM rate limit is not enforced');
      this.limiter = undefined;
      return undefined;
    }
  }
}
