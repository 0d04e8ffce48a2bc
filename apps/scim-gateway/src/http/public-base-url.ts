import type { FastifyRequest } from 'fastify';

/** The base URL clients use: PUBLIC_BASE_URL when configured, else what the request itself says. */
export function publicBaseUrl(request: FastifyRequest, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}
