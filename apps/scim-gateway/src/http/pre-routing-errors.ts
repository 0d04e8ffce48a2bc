import { ScimError, toScimErrorBody } from '@scim/scim';
import type { ConnectionError, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { problem, PROBLEM_CONTENT_TYPE } from '../admin/problem-details';
import { SCIM_CONTENT_TYPE } from '../scim/http/scim-error.filter';

/*
 * Requests refused before any route (and so any Nest filter) sees them are answered in the error format of the
 * API they were meant for, as routed errors are (RoutingExceptionFilter): a SCIM error under /scim, problem
 * details under /admin, plain JSON elsewhere.
 */

/** Fastify's router refusing a path it cannot decode (a malformed percent-encoding). */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  const detail = error.code === 'FST_ERR_BAD_URL' ? 'The request path is not valid: it holds a malformed percent-encoding' : error.message;
  const { contentType, body } = errorBodyFor(request.url, status, detail);
  void reply.status(status).header('content-type', contentType).send(body);
}

/**
 * Node's HTTP parser refusing a request (a request line or headers over the size limit, malformed framing, a
 * header timeout). The path comes from the request line as received, when there is one.
 */
export function answerClientError(error: ConnectionError, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, detail } = describe(error);
  if (socket.writable) {
    // Node hands over the bytes read so far as a Buffer (Fastify's type describes its JSON form); a request that
    // timed out had its request line parsed already, and its path is on the request being read.
    const rawPacket: unknown = error.rawPacket;
    const path = requestPathOf(Buffer.isBuffer(rawPacket) ? rawPacket : undefined) || urlBeingRead(socket) || '';
    const { contentType, body } = errorBodyFor(path, status, detail);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** The URL of the request this socket is reading, through Node's response to it (`_httpMessage`, node:http's own). */
function urlBeingRead(socket: Socket): string | undefined {
  return (socket as Socket & { _httpMessage?: { req?: { url?: string } } | null })._httpMessage?.req?.url;
}

function describe(error: ConnectionError): { status: number; detail: string } {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, detail: 'The request did not arrive in time' };
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, detail: 'The request line and headers are over the size limit; send long filters with POST /Users/.search' };
  }
  return { status: 400, detail: 'The request is not valid HTTP' };
}

/** The path of the request line at the start of the raw bytes (`GET /scim/v2/Users?… HTTP/1.1`), if any. */
function requestPathOf(rawPacket: Buffer | undefined): string {
  const firstLine = rawPacket?.subarray(0, 256).toString('latin1').split('\r\n', 1)[0] ?? '';
  return /^[A-Z]+ (\/\S*)/.exec(firstLine)?.[1] ?? '';
}

function errorBodyFor(path: string, status: number, detail: string): { contentType: string; body: string } {
  if (/^\/scim\//i.test(path)) {
    return { contentType: SCIM_CONTENT_TYPE, body: JSON.stringify(toScimErrorBody(new ScimError(status, undefined, detail))) };
  }
  if (path.startsWith('/admin/')) return { contentType: PROBLEM_CONTENT_TYPE, body: JSON.stringify(problem(status, detail)) };
  return { contentType: 'application/json', body: JSON.stringify({ statusCode: status, message: detail }) };
}
