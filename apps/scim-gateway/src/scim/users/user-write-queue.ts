import { Injectable } from '@nestjs/common';
import { ScimError } from '@scim/scim';
import AsyncLock from 'async-lock';

/** Writes waiting for one user beyond this are refused (503) rather than queued without bound. */
export const MAX_WAITING_WRITES_PER_USER = 200;

/**
 * Writes (PUT, PATCH, DELETE) to one user through this gateway run one at a time, in arrival order. Concurrent
 * writers to a user otherwise race between reading it and appending to its stream: each round one wins and the
 * rest re-read, so a burst of 30 PATCHes to one user left some without a turn in their ten attempts (409). The
 * retries stay for writers on other gateway instances. Writes to different users never wait for each other.
 */
@Injectable()
export class UserWriteQueue {
  private readonly lock = new AsyncLock({ maxPending: MAX_WAITING_WRITES_PER_USER });

  async run<T>(companyId: string, userId: string, write: () => Promise<T>): Promise<T> {
    let started = false;
    try {
      // Ids are UUIDs, which settings-service reads in any case: /Users/ABC… and /Users/abc… are one user.
      return await this.lock.acquire(`${companyId}/${userId.toLowerCase()}`, () => {
        started = true;
        return write();
      });
    } catch (error) {
      // Refused by the lock before its turn: the queue is full.
      if (!started) throw new ScimError(503, undefined, 'Too many writes to this user are waiting; retry later');
      throw error;
    }
  }
}
