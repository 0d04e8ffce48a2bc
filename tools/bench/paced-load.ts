/**
 * Open-loop load: requests at a fixed rate, evenly spaced, whether or not the earlier ones were answered.
 *
 * autocannon's connections are a closed loop (each sends its next request when the last is answered), so at
 * 50 connections its latency is what saturation queues up (Little's law: 50 / req/s), not the latency at a
 * given load; and its `overallRate` releases each connection's share of a second in one burst as the second
 * starts. Here request i is due at start + i / rate; it goes out on a free keep-alive connection (at most
 * `connections`), or waits for one. Its latency runs from when it was due, so time spent waiting because the
 * server fell behind counts (no coordinated omission).
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PacedRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: string;
}

export interface PacedLoadOptions {
  readonly baseUrl: string;
  readonly headers: Record<string, string>;
  /** Requests per second offered. */
  readonly rate: number;
  readonly durationS: number;
  /** At most this many requests in flight on as many keep-alive connections; the rest wait for one. */
  readonly connections: number;
  readonly timeoutMs: number;
  readonly next: () => PacedRequest;
  readonly onResponse?: (status: number) => void;
}

export interface PacedLoadResult {
  readonly offered: number;
  /** Responses by status; 0 counts requests that failed without one (socket error, timeout). */
  readonly statuses: ReadonlyMap<number, number>;
  /** Latencies in ms of 2xx responses, from when each request was due; sorted. */
  readonly latencies: Float64Array;
  /**
   * 2xx answers a second, from the first to the last of them: the offered rate when the server keeps up, less
   * when answers fall behind.
   */
  readonly servedPerSecond: number;
}

const TICK_MS = 1;

export async function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(options.rate * options.durationS);
  const intervalMs = 1000 / options.rate;
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let due = 0;
  let answered = 0;
  let firstOkAt = 0;
  let lastOkAt = 0;
  const start = performance.now();

  return new Promise((resolveAll) => {
    const settle = (dueAt: number, status: number) => {
      const now = performance.now();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 200 && status < 300) {
        if (latencies.length === 0) firstOkAt = now;
        lastOkAt = now;
        latencies.push(now - dueAt);
      }
      options.onResponse?.(status);
      if (++answered === total) {
        agent.destroy();
        resolveAll({
          offered: options.rate,
          statuses,
          latencies: Float64Array.from(latencies).sort(),
          servedPerSecond: latencies.length > 1 ? ((latencies.length - 1) * 1000) / (lastOkAt - firstOkAt) : 0,
        });
      }
    };

    const send = (dueAt: number) => {
      const { method, path, body } = options.next();
      let settled = false;
      const once = (status: number) => {
        if (!settled) {
          settled = true;
          settle(dueAt, status);
        }
      };
      const req = request(
        `${options.baseUrl}${path}`,
        {
          method,
          agent,
          timeout: options.timeoutMs,
          headers: body === undefined ? options.headers : { ...options.headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.once('end', () => once(res.statusCode ?? 0));
          res.once('error', () => once(0));
        },
      );
      req.once('timeout', () => req.destroy(new Error('timeout')));
      req.once('error', () => once(0));
      req.end(body);
    };

    const tick = () => {
      const elapsed = performance.now() - start;
      while (due < total && due * intervalMs <= elapsed) send(start + due++ * intervalMs);
      if (due < total) setTimeout(tick, TICK_MS);
    };
    tick();
  });
}
