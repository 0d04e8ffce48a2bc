import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Calls the gateway's admin API in-process, with the admin token unless told otherwise. */
export class AdminClient {
  constructor(
    private readonly gateway: NestFastifyApplication,
    private readonly adminToken: string,
  ) {}

  async call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, token: string | null = this.adminToken) {
    const response = await this.gateway.inject({
      method,
      url,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body ? (JSON.parse(response.body) as Record<string, any>) : undefined,
      raw: response.body,
    };
  }

  /**
   * Registers a company with one workspace (two teams), `extraWorkspaces` more without teams ("Workspace 1", …)
   * and one role; returns the created ids.
   */
  async registerCompany(name = `Acme ${Math.random().toString(36).slice(2, 8)}`, extraWorkspaces = 0) {
    const response = await this.call('POST', '/admin/v1/companies', {
      name,
      workspaces: [
        { name: 'Production', teams: [{ name: 'Growth' }, { name: 'Support' }] },
        ...Array.from({ length: extraWorkspaces }, (_, index) => ({ name: `Workspace ${index + 1}` })),
      ],
      roles: [{ name: 'Marketer' }],
    });
    if (response.status !== 201) throw new Error(`register failed: ${response.status} ${response.raw}`);
    return response.body as { id: string; name: string; workspaces: { id: string; name: string; teams: { id: string }[] }[]; roles: { id: string }[] };
  }
}
