import type { ServiceError } from '@grpc/grpc-js';

/** The part of a grpc-js server stream (server-streaming or bidi) a sink needs. */
export interface WritableCall<T> {
  write(message: T): boolean;
  end(): void;
  emit(event: 'error', error: ServiceError): boolean;
  on(event: 'cancelled' | 'close' | 'finish' | 'drain', listener: () => void): unknown;
  once(event: 'drain', listener: () => void): unknown;
  removeListener(event: 'drain', listener: () => void): unknown;
}

/**
 * Writes responses with backpressure: `send` resolves once the call can take more, or with `false`
 * once the call is gone (cancelled by the client, ended, failed, or the server stopping).
 */
export class CallSink<T> {
  private closed = false;
  private readonly closeListeners = new Set<() => void>();

  constructor(private readonly call: WritableCall<T>) {
    const markClosed = () => this.markClosed();
    call.on('cancelled', markClosed);
    call.on('close', markClosed);
    call.on('finish', markClosed);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs once when the call is gone, however it ends. */
  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.add(listener);
  }

  async send(message: T): Promise<boolean> {
    if (this.closed) return false;
    if (this.call.write(message)) return true;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.call.removeListener('drain', done);
        this.closeListeners.delete(done);
        resolve();
      };
      this.call.once('drain', done);
      this.closeListeners.add(done);
    });
    return !this.closed;
  }

  /** Ends the call with status OK after the messages already written. */
  end(): void {
    if (this.closed) return;
    this.markClosed();
    this.call.end();
  }

  /** Ends the call with an error status (after the messages already written). */
  fail(error: ServiceError): void {
    if (this.closed) return;
    this.markClosed();
    this.call.emit('error', error);
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) listener();
  }
}
