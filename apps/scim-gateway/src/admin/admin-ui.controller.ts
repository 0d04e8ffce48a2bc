import { Controller, Get, type OnModuleInit, Param, Req, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AdminUiFiles } from './admin-ui-files';

/**
 * The page is a client of the admin API on the same origin: everything it loads comes from the gateway (no CDN,
 * no inline script or style), so the policy can be strict.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Admin page not built</title>' +
  '<p>The SCIM Provisioning page is not built. Run <code>npx nx build admin-ui</code> (or <code>npm start</code>), ' +
  'or point ADMIN_UI_DIR at a build, then restart the gateway.</p></html>';

/**
 * Serves the SCIM Provisioning settings page (apps/admin-ui's build) at /admin; its own files under /admin/.
 * No credential is needed for these: the page asks for one and sends it to the admin API.
 */
@Controller('admin')
export class AdminUiController implements OnModuleInit {
  constructor(
    private readonly files: AdminUiFiles,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /**
   * Nest strips trailing slashes from route paths: unless the router ignores them, `/admin/` (as people type it)
   * needs a plain Fastify route of its own, which sends them to the page.
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (fastify.hasRoute({ method: 'GET', url: '/admin/' })) return;
    fastify.get('/admin/', (request, reply) => {
      const query = request.url.indexOf('?');
      void reply.redirect(`/admin${query >= 0 ? request.url.slice(query) : ''}`, 308);
    });
  }

  @Get()
  page(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.send(request, reply, 'index.html');
  }

  @Get('favicon.svg')
  favicon(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.send(request, reply, 'favicon.svg');
  }

  @Get('assets/:file')
  asset(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('file') file: string): void {
    this.send(request, reply, `assets/${file}`);
  }

  private send(request: FastifyRequest, reply: FastifyReply, path: string): void {
    const file = this.files.get(path);
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    if (!file) {
      const missingPage = path === 'index.html';
      reply
        .status(missingPage ? 503 : 404)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(missingPage ? NOT_BUILT : '<!doctype html><title>Not found</title><p>Not found</p>');
      return;
    }
    reply.header('etag', file.etag).header('cache-control', file.cacheControl).header('content-type', file.contentType);
    if (path === 'index.html') reply.header('content-security-policy', CONTENT_SECURITY_POLICY).header('x-frame-options', 'DENY');
    if (request.headers['if-none-match'] === file.etag) {
      reply.status(304).send();
      return;
    }
    reply.status(200).send(file.body);
  }
}
