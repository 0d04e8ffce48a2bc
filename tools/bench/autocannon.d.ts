// The part of autocannon 8's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  function autocannon(options: autocannon.AutocannonOptions): autocannon.AutocannonInstance;

  namespace autocannon {
    interface AutocannonRequest {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
    }

    interface AutocannonRequestSpec extends AutocannonRequest {
      /** Called before each request; returns the request to send. */
      setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
      onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
    }

    interface AutocannonOptions {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Total requests; overrides duration. */
      amount?: number;
      /** Seconds before a request counts as a timeout. */
      timeout?: number;
      headers?: Record<string, string>;
      requests?: AutocannonRequestSpec[];
    }

    interface AutocannonResult {
      /** Seconds the run took. */
      duration: number;
      /** Socket errors, timeouts included. */
      errors: number;
      timeouts: number;
      non2xx: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
      requests: { total: number };
    }

    /** Emits 'response' (client, statusCode, resBytes, responseTimeMs) per response; awaitable for the result. */
    interface AutocannonInstance extends EventEmitter, PromiseLike<AutocannonResult> {
      stop(): void;
    }
  }

  export = autocannon;
}
