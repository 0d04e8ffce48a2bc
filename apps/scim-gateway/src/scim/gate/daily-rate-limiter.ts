import type { KV } from 'nats';

export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** When the current window ends (next UTC midnight), in epoch seconds. */
  readonly resetAt: number;
}

export interface RateLimiterOptions {
  /** How often local increments are added to the shared count. */
  readonly flushIntervalMs: number;
  readonly now?: () => number;
  readonly onError?: (error: unknown) => void;
}

const DAY_MS = 86_400_000;

/**
 * A per-company daily request count shared by every gateway instance through a JetStream KV bucket.
 * Each instance counts locally and adds its increments to the shared count every flush interval with a
 * compare-and-set, so a request costs no NATS round trip; the first request of a company's day on an
 * instance reads the shared count once. Across N instances the limit can be overshot by at most what those
 * instances accept within one flush interval. If the bucket cannot be reached, requests are allowed (the
 * limit protects capacity; it is not an access control) and the error is reported.
 */
export class DailyRateLimiter {
  private readonly shared = new Map<string, number>();
  private readonly pending = new Map<string, number>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private day: { readonly number: number; readonly key: string } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly kv: KV,
    private readonly options: RateLimiterOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async consume(companyId: string, limit: number): Promise<RateLimitDecision> {
    const now = this.now();
    const key = `${companyId}.${this.dayKey(now)}`;
    const resetAt = Math.floor((Math.floor(now / DAY_MS) + 1) * DAY_MS / 1000);
    if (!this.shared.has(key)) await this.load(key);
    const used = (this.shared.get(key) ?? 0) + (this.pending.get(key) ?? 0);
    if (used >= limit) return { allowed: false, limit, remaining: 0, resetAt };
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    this.scheduleFlush();
    return { allowed: true, limit, remaining: limit - used - 1, resetAt };
  }

  /** Adds every local increment to the shared counts now. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.flushing = this.flushPending().finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private scheduleFlush(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.options.flushIntervalMs);
    this.timer.unref();
  }

  private async load(key: string): Promise<void> {
    let loading = this.loading.get(key);
    if (!loading) {
      loading = this.kv
        .get(key)
        .then((entry) => {
          if (!this.shared.has(key)) this.shared.set(key, entry ? decodeCount(entry.value) : 0);
        })
        .catch((error: unknown) => {
          this.shared.set(key, 0);
          this.options.onError?.(error);
        })
        .finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    await loading;
  }

  private async flushPending(): Promise<void> {
    const batch = [...this.pending];
    this.pending.clear();
    for (const [key, delta] of batch) {
      try {
        this.shared.set(key, await this.addShared(key, delta));
      } catch (error) {
        this.pending.set(key, (this.pending.get(key) ?? 0) + delta);
        this.options.onError?.(error);
      }
    }
    this.forgetPastDays();
  }

  /** Compare-and-set loop: concurrent instances never lose each other's increments. */
  private async addShared(key: string, delta: number): Promise<number> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const entry = await this.kv.get(key);
      const next = (entry ? decodeCount(entry.value) : 0) + delta;
      try {
        if (entry && entry.operation === 'PUT') await this.kv.update(key, encodeCount(next), entry.revision);
        else await this.kv.create(key, encodeCount(next));
        return next;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new Error(`rate limit counter ${key} kept changing; increment deferred`);
  }

  /** The UTC day as `yyyymmdd`, formatted once per day rather than on every request. */
  private dayKey(now: number): string {
    const number = Math.floor(now / DAY_MS);
    if (this.day?.number !== number) this.day = { number, key: new Date(number * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '') };
    return this.day.key;
  }

  private forgetPastDays(): void {
    const today = this.dayKey(this.now());
    for (const key of this.shared.keys()) if (!key.endsWith(today) && !this.pending.has(key)) this.shared.delete(key);
  }
}

function encodeCount(count: number): Uint8Array {
  return new TextEncoder().encode(String(count));
}

function decodeCount(value: Uint8Array): number {
  const count = Number(new TextDecoder().decode(value));
  return Number.isFinite(count) && count >= 0 ? count : 0;
}

function isConflict(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ''} ${(error as Error)?.message ?? ''}`;
  return /wrong last sequence|key exists|10071|10164/i.test(text);
}
