import { Inject, Injectable } from '@nestjs/common';
import { ScimError } from '@scim/scim';
import { Semaphore, withTimeout, type SemaphoreInterface } from 'async-mutex';
import { GATEWAY_CONFIG } from '../../app/gateway-config.token';
import { writeWaitMs, type GatewayConfig } from '../../config';

/** What the semaphore rejects a wait with when its time is up (answered as a fresh ScimError per request). */
const NO_TURN_IN_TIME = new Error('no turn in time');

/**
 * At most SCIM_WRITES_IN_FLIGHT user writes through this gateway are with settings-service at once; the others
 * wait their turn, and one that has not had it after SCIM_WRITE_WAIT_MS is refused (503) without being sent.
 *
 * Why: a write sent to a service that cannot finish it before the gateway's NATS timeout is often written all
 * the same, after the client was told 503 — and its retry then meets 409 for a user it was told was not created.
 * A burst of 2,000 concurrent creates did exactly that to 802 of its 896 503s. Admitting only what the services
 * can finish in time keeps a 503 meaning "nothing changed"; the writes admitted are answered sooner too.
 */
@Injectable()
export class WriteAdmission {
  private readonly turns: SemaphoreInterface;

  constructor(@Inject(GATEWAY_CONFIG) config: Pick<GatewayConfig, 'SCIM_WRITES_IN_FLIGHT' | 'SCIM_WRITE_WAIT_MS' | 'NATS_REQUEST_TIMEOUT_MS'>) {
    this.turns = withTimeout(new Semaphore(config.SCIM_WRITES_IN_FLIGHT), writeWaitMs(config), NO_TURN_IN_TIME);
  }

  /** Runs `write` once it has a turn; a 503 (nothing sent) when none came in time. */
  async admit<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await this.turns.runExclusive(write);
    } catch (error) {
      if (error === NO_TURN_IN_TIME) throw new ScimError(503, undefined, 'Too many writes are under way; nothing was changed; retry later');
      throw error;
    }
  }
}
