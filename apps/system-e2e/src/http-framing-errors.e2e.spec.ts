import { createConnection } from 'node:net';
import { AdminClient } from './support/admin-client';
import { listenOnLoopback } from './support/listening-system';
import { ERROR_SCHEMA } from './support/scim-client';
import { provisionTenant, type ScimTenant } from './support/scim-tenant';
import { startSystem, type RunningSystem } from './support/system';

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** Sends bytes as they are (no client library fixes them up) and reads the answer until the server closes. */
function sendRaw(baseUrl: string, bytes: string, options: { keepOpen?: boolean } = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: body ? JSON.parse(body) : undefined });
    });
    if (options.keepOpen) {
      socket.write(bytes);
      // If the server never answers, give up rather than hold the connection (and the gateway's close) for good.
      setTimeout(() => socket.destroy(), 10_000).unref();
    } else {
      socket.end(bytes);
    }
  });
}

/** Requests the router or Node's HTTP parser refuses before any controller runs still get the API's own errors. */
describe('requests refused before routing', () => {
  let system: RunningSystem;
  let baseUrl: string;
  let tenant: ScimTenant;

  beforeAll(async () => {
    system = await startSystem();
    tenant = await provisionTenant(new AdminClient(system.gateway, system.adminToken));
    baseUrl = await listenOnLoopback(system);
  });
  afterAll(() => system.stop());

  const scimHeaders = () => ({ authorization: `Bearer ${tenant.token}`, 'x-request-origin': tenant.origin });
  const scimGet = (path: string) => fetch(`${baseUrl}/scim/v2${path}`, { headers: scimHeaders() });

  it('answers a SCIM request line over the size limit with a SCIM 431 that points to POST /.search', async () => {
    const filter = encodeURIComponent(`userName eq "${'a'.repeat(20_000)}@example.com"`);
    const answer = await sendRaw(baseUrl, `GET /scim/v2/Users?filter=${filter} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toBe('application/scim+json');
    expect(answer.body).toEqual({ schemas: [ERROR_SCHEMA], status: '431', detail: expect.stringContaining('POST /Users/.search') });
  });

  it('answers malformed HTTP with a SCIM 400 under /scim and problem details under /admin', async () => {
    const scim = await sendRaw(baseUrl, 'GET /scim/v2/Users HTTP/1.1\r\nHost: localhost\r\nThis is not a header\r\n\r\n');
    expect(scim.status).toBe(400);
    expect(scim.body).toEqual({ schemas: [ERROR_SCHEMA], status: '400', detail: 'The request is not valid HTTP' });

    const admin = await sendRaw(baseUrl, 'GET /admin/v1/companies HTTP/1.1\r\nHost: localhost\r\nThis is not a header\r\n\r\n');
    expect(admin.status).toBe(400);
    expect(admin.headers['content-type']).toBe('application/problem+json');
    expect(admin.body).toMatchObject({ status: 400, title: 'Bad Request' });
  });

  it('answers a path with a malformed percent-encoding with a SCIM 400', async () => {
    const response = await scimGet('/Users/%E0%A4%A');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/scim+json');
    expect(await response.json()).toEqual({ schemas: [ERROR_SCHEMA], status: '400', detail: expect.stringContaining('percent-encoding') });
  });

  it.each(['GET', 'PUT', 'PATCH', 'DELETE'])('answers %s of an id far longer than any id with the 404 of a user that does not exist', async (method) => {
    const response = await fetch(`${baseUrl}/scim/v2/Users/${'a'.repeat(5_000)}`, {
      method,
      headers: { ...scimHeaders(), 'content-type': 'application/scim+json' },
      body: method === 'PUT' || method === 'PATCH' ? '{}' : undefined,
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ schemas: [ERROR_SCHEMA], status: '404', detail: 'User not found' });
  });
});

/** A client that starts a request and never finishes it must not hold its connection for good. */
describe('requests that do not arrive in time', () => {
  let system: RunningSystem;
  let baseUrl: string;
  let tenant: ScimTenant;

  beforeAll(async () => {
    system = await startSystem({ gatewayEnv: { HTTP_REQUEST_TIMEOUT_MS: '400' } });
    tenant = await provisionTenant(new AdminClient(system.gateway, system.adminToken));
    baseUrl = await listenOnLoopback(system);
  });
  afterAll(() => system.stop());

  it('answers a body that stops coming with a SCIM 408 and closes the connection', async () => {
    const head = [
      'POST /scim/v2/Users HTTP/1.1',
      'Host: localhost',
      `Authorization: Bearer ${tenant.token}`,
      `X-Request-Origin: ${tenant.origin}`,
      'Content-Type: application/scim+json',
      'Content-Length: 1000',
    ].join('\r\n');
    const answer = await sendRaw(baseUrl, `${head}\r\n\r\n{"schemas":`, { keepOpen: true });
    expect(answer.status).toBe(408);
    expect(answer.body).toEqual({ schemas: [ERROR_SCHEMA], status: '408', detail: 'The request did not arrive in time' });
  });
});
