import { ConfigError } from '../config/load-config';

/**
 * Runs a service's start-up. A configuration error prints its one line and exits 1; any other start-up
 * failure prints one line too (with the cause) instead of an unhandled rejection dump.
 */
export function runMain(service: string, start: () => Promise<unknown>): void {
  Promise.resolve().then(start).catch((error: unknown) => {
    const message = error instanceof ConfigError ? error.message : `failed to start: ${describe(error)}`;
    process.stderr.write(`${service}: ${message}\n`);
    process.exit(1);
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
