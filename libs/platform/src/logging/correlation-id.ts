import { randomUUID } from 'node:crypto';

/** HTTP header that carries the correlation id in and out of the gateway. */
export const CORRELATION_HEADER = 'x-request-id';

// Accept what common proxies and clients generate (uuids, trace ids), refuse anything that could forge log lines.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The caller's id when it is sane, otherwise a fresh uuid. */
export function correlationIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}
