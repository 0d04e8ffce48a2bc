import type { FastifyRequest } from 'fastify';
import { publicBaseUrl } from '../../http/public-base-url';

export const SCIM_PREFIX = 'scim/v2';

/** The SCIM base URL as clients reach it, e.g. https://scim.example.com/scim/v2. */
export function scimBaseUrl(request: FastifyRequest, configured: string | undefined): string {
  return `${publicBaseUrl(request, configured)}/${SCIM_PREFIX}`;
}
