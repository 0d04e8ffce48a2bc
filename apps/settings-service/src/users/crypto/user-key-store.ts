import { randomUUID } from 'node:crypto';
import { generateKeyMaterial, type UserKey } from './pii-cipher';

/**
 * Where the per-user data keys live (see README.md: why not in the event log). Every settings-service
 * instance must see the same store: a user created by one instance is read by all of them.
 */
export interface UserKeyStore {
  /** The user's key, created on first use. Concurrent calls for one user (any instance) get the same key. */
  keyFor(userId: string): Promise<UserKey>;
  /** The user's key, or undefined when it was never created or has been forgotten. */
  findForUser(userId: string): Promise<UserKey | undefined>;
  /** The key named in a sealed payload, or undefined when it has been forgotten. */
  findById(keyId: string): Promise<UserKey | undefined>;
  /** Crypto-shredding: deletes the user's key for good; a no-op when there is none. */
  forget(userId: string): Promise<void>;
}

/** For tests and single-process tools: keys in memory, lost on exit. */
export class InMemoryUserKeyStore implements UserKeyStore {
  private readonly byUser = new Map<string, UserKey>();

  async keyFor(userId: string): Promise<UserKey> {
    const existing = this.byUser.get(userId);
    if (existing) return existing;
    const created = { keyId: randomUUID(), key: generateKeyMaterial() };
    this.byUser.set(userId, created);
    return created;
  }

  async findForUser(userId: string): Promise<UserKey | undefined> {
    return this.byUser.get(userId);
  }

  async findById(keyId: string): Promise<UserKey | undefined> {
    return [...this.byUser.values()].find((key) => key.keyId === keyId);
  }

  async forget(userId: string): Promise<void> {
    this.byUser.delete(userId);
  }

  get size(): number {
    return this.byUser.size;
  }
}
