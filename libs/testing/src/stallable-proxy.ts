import { createServer, connect, type Server, type Socket } from 'node:net';

/** A TCP link that can stop passing bytes for a while, as a stalled server or network would, then go on. */
export interface StallableProxy {
  readonly host: string;
  readonly port: number;
  /** Holds every byte sent either way (nothing is lost: it waits in the sockets) until `resume`. */
  stall(): void;
  resume(): void;
  stop(): Promise<void>;
}

/** Forwards 127.0.0.1:<free port> to `target`. */
export async function startStallableProxy(target: { host: string; port: number }): Promise<StallableProxy> {
  const sockets = new Set<Socket>();
  let stalled = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (stalled) socket.pause();
  };
  const server: Server = createServer((downstream) => {
    const upstream = connect(target.port, target.host);
    track(downstream);
    track(upstream);
    downstream.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => downstream.write(chunk));
    downstream.on('close', () => upstream.destroy());
    upstream.on('close', () => downstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address');
  return {
    host: '127.0.0.1',
    port: address.port,
    stall: () => {
      stalled = true;
      for (const socket of sockets) socket.pause();
    },
    resume: () => {
      stalled = false;
      for (const socket of sockets) socket.resume();
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
