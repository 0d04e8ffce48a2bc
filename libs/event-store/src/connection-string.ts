/** Where a local install finds its event store: esdb-lite (or a single EventStoreDB node) without TLS. */
export const DEFAULT_EVENT_STORE_URL = 'esdb://127.0.0.1:2113?tls=false';

const SCHEMES: Readonly<Record<string, string>> = {
  'esdb:': 'esdb:',
  'esdb+discover:': 'esdb+discover:',
  'kurrentdb:': 'esdb:',
  'kurrentdb+discover:': 'esdb+discover:',
};

/**
 * Turns an EVENT_STORE_URL into a connection string @eventstore/db-client 6.2.1 accepts: `esdb://` and
 * `esdb+discover://` pass unchanged, `kurrentdb://` and `kurrentdb+discover://` (what KurrentDB and its
 * Testcontainers module hand out) get the equivalent esdb scheme; hosts and settings are kept as they are.
 */
export function toEsdbConnectionString(url: string): string {
  const trimmed = url.trim();
  const match = /^([a-z][a-z0-9+.-]*:)\/\/(.*)$/i.exec(trimmed);
  if (!match) throw new InvalidEventStoreUrl(url, 'expected <scheme>://<host>[:port][,...][?settings]');
  const [, scheme, rest] = match;
  const translated = SCHEMES[scheme.toLowerCase()];
  if (!translated) {
    throw new InvalidEventStoreUrl(url, `unsupported scheme '${scheme}//', use esdb://, esdb+discover://, kurrentdb:// or kurrentdb+discover://`);
  }
  const hosts = rest.replace(/^[^@/?]*@/, '').split(/[/?]/, 1)[0];
  if (hosts.length === 0 || hosts.split(',').some((host) => host.trim().length === 0)) {
    throw new InvalidEventStoreUrl(url, 'no host');
  }
  return `${translated}//${rest}`;
}

export class InvalidEventStoreUrl extends Error {
  constructor(url: string, reason: string) {
    super(`Invalid event store URL '${redactCredentials(url)}': ${reason}`);
    this.name = 'InvalidEventStoreUrl';
  }
}

/** Hides `user:password@` so a bad URL can be logged. */
export function redactCredentials(url: string): string {
  return url.replace(/\/\/[^@/?]*@/, '//***@');
}
