import { createInbox, ErrorCode, NatsError, type Msg, type MsgHdrs, type NatsConnection } from 'nats';

interface PendingReply {
  readonly resolve: (message: Msg) => void;
  readonly reject: (error: NatsError) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Request/reply over one wildcard reply subscription per connection (`<inbox>.*`, a token per call), as
 * nats.js's own request() does, minus what that costs on every call: nats.js settles each finished request
 * by also rejecting an already-resolved promise with a freshly built NatsError, whose stack capture was a
 * tenth of the gateway's CPU per batched GET (tools/bench). Failures keep nats.js's error codes (Timeout,
 * NoResponders, ConnectionClosed), so callers map them as before.
 */
export class ReplyMultiplexer {
  private readonly inbox = createInbox();
  private readonly pending = new Map<string, PendingReply>();
  private nextToken = 0;

  constructor(private readonly connection: NatsConnection) {
    connection.subscribe(`${this.inbox}.*`, { callback: (_error, message) => this.settle(message) });
    void connection.closed().then(() => this.rejectAll(ErrorCode.ConnectionClosed));
  }

  /** Publishes `data` with a reply subject of its own; resolves with the reply, or rejects after `timeoutMs`. */
  request(subject: string, data: Uint8Array, headers: MsgHdrs, timeoutMs: number): Promise<Msg> {
    const token = (this.nextToken++).toString(36);
    return new Promise<Msg>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(token, ErrorCode.Timeout), timeoutMs);
      this.pending.set(token, { resolve, reject, timer });
      try {
        this.connection.publish(subject, data, { reply: `${this.inbox}.${token}`, headers });
      } catch (error) {
        this.forget(token);
        reject(error as NatsError);
      }
    });
  }

  private settle(message: Msg): void {
    const token = message.subject.slice(this.inbox.length + 1);
    const waiting = this.forget(token);
    if (!waiting) return; // late, after its timeout
    // The server answers a request nobody subscribes to with an empty 503 status message.
    if (message.data.length === 0 && message.headers?.code === 503) waiting.reject(NatsError.errorForCode(ErrorCode.NoResponders));
    else waiting.resolve(message);
  }

  private fail(token: string, code: ErrorCode): void {
    this.forget(token)?.reject(NatsError.errorForCode(code));
  }

  private forget(token: string): PendingReply | undefined {
    const waiting = this.pending.get(token);
    if (!waiting) return undefined;
    clearTimeout(waiting.timer);
    this.pending.delete(token);
    return waiting;
  }

  private rejectAll(code: ErrorCode): void {
    for (const token of [...this.pending.keys()]) this.fail(token, code);
  }
}
