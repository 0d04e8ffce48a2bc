interface QueuedSend {
  readonly send: () => void;
  readonly onError: (error: unknown) => void;
}

/**
 * Runs queued NATS sends together once the event loop has handled everything that is ready (setImmediate).
 * nats.js flushes its outbound buffer in a microtask, so a send made for each incoming HTTP request or NATS
 * message costs its own write(2); sent together, one loop turn's sends share a single write. On loopback a
 * write costs tens of µs, because the kernel delivers it inline (tools/bench). The delay is the rest of the
 * current loop turn, never a timer.
 */
export class SocketWriteBatch {
  private queued: QueuedSend[] = [];

  /** `onError` hears this send's synchronous failure; one failed send never stops the others. */
  add(send: () => void, onError: (error: unknown) => void): void {
    this.queued.push({ send, onError });
    if (this.queued.length === 1) setImmediate(this.sendAll);
  }

  private readonly sendAll = (): void => {
    const queued = this.queued;
    this.queued = [];
    for (const { send, onError } of queued) {
      try {
        send();
      } catch (error) {
        onError(error);
      }
    }
  };
}
