#!/usr/bin/env node
// The two baselines of the SCIM API benchmark (tools/bench/scim-api.bench.ts), each run as its own process:
//   bare      <port> <bodyFile>          a bare node:http server answering every request with a fixed user
//   ceiling   <port> <natsUrl> <subject> a bare node:http server doing one NATS request/reply per request
//   responder <natsUrl> <subject> <bodyFile>  the NATS side of the ceiling: replies with the fixed user
// `ceiling` and `responder` use the client options the services use (noAsyncTraces), so the ceiling is
// what the NATS hop alone allows. Prints "ready" on stdout once it serves.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'nats';

const [mode, ...args] = process.argv.slice(2);
const natsOptions = (servers, name) => ({ servers, name, noAsyncTraces: true });
const headers = { 'content-type': 'application/scim+json; charset=utf-8' };

function listen(port, handler) {
  const server = createServer(handler);
  server.keepAliveTimeout = 60_000;
  server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
  return server;
}

async function main() {
  if (mode === 'bare') {
    const [port, bodyFile] = args;
    const body = readFileSync(bodyFile);
    listen(port, (_request, response) => {
      response.writeHead(200, { ...headers, 'content-length': body.length });
      response.end(body);
    });
  } else if (mode === 'ceiling') {
    const [port, natsUrl, subject] = args;
    const nc = await connect(natsOptions(natsUrl, 'bench-ceiling'));
    // A request the size of the gateway's GetDashboardUser call (company id + user id).
    const payload = new TextEncoder().encode(JSON.stringify({ companyId: crypto.randomUUID(), userId: crypto.randomUUID() }));
    listen(port, (_request, response) => {
      nc.request(subject, payload, { timeout: 5_000 }).then(
        (reply) => {
          response.writeHead(200, { ...headers, 'content-length': reply.data.length });
          response.end(reply.data);
        },
        () => {
          response.writeHead(503);
          response.end();
        },
      );
    });
  } else if (mode === 'responder') {
    const [natsUrl, subject, bodyFile] = args;
    const body = readFileSync(bodyFile);
    const nc = await connect(natsOptions(natsUrl, 'bench-responder'));
    nc.subscribe(subject, { queue: 'bench-responder', callback: (_error, message) => message.respond(body) });
    await nc.flush();
    process.stdout.write('ready\n');
  } else {
    throw new Error(`unknown mode ${mode ?? '(none)'}: bare | ceiling | responder`);
  }
}

process.on('SIGTERM', () => process.exit(0));
main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
