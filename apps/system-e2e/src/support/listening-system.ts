import type { AddressInfo } from 'node:net';
import type { RunningSystem } from './system';

/** Puts the in-process gateway on a real loopback port, for clients that speak HTTP (conformance suites). */
export async function listenOnLoopback(system: RunningSystem): Promise<string> {
  await system.gateway.listen(0, '127.0.0.1');
  const address = system.gateway.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}
