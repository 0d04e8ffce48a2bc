import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { Store, storage } from 'nestjs-pino/storage';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { Observable } from 'rxjs';
import { contextFromHeaders } from '../nats/context-headers';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Runs every NATS handler with a child logger carrying the caller's correlation id, so each log line a
 * service writes while handling a message can be traced back to the HTTP request that caused it.
 */
@Injectable()
export class RpcLoggingInterceptor implements NestInterceptor {
  constructor(@Inject(ROOT_LOGGER) private readonly root: Logger) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'rpc') return next.handle();
    const nats = execution.switchToRpc().getContext<NatsContext>();
    const { correlationId } = contextFromHeaders(nats.getHeaders?.(), randomUUID());
    const store = new Store(this.root.child({ correlationId }));
    return new Observable((subscriber) => storage.run(store, () => next.handle().subscribe(subscriber)));
  }
}
