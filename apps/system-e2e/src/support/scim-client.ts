import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ScimTenant } from './scim-tenant';

export interface ScimResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
  raw: string;
}

/** A SCIM client for one tenant, talking to a gateway in-process (inject) with the tenant's token and origin. */
export class ScimClient {
  constructor(
    private readonly gateway: NestFastifyApplication,
    readonly tenant: ScimTenant,
  ) {}

  async call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ScimResponse> {
    const response = await this.gateway.inject({
      method,
      url: `/scim/v2${path}`,
      headers: {
        authorization: `Bearer ${this.tenant.token}`,
        'x-request-origin': this.tenant.origin,
        ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
    });
    let parsed: unknown;
    try {
      parsed = response.body ? JSON.parse(response.body) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.statusCode, headers: response.headers, body: parsed, raw: response.body };
  }

  /** Another gateway instance, same tenant. */
  via(gateway: NestFastifyApplication): ScimClient {
    return new ScimClient(gateway, this.tenant);
  }
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@example.com`;
}
