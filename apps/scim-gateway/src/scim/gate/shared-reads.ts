/**
 * Cache misses for one key that happen while a read of it is under way wait for that read instead of starting
 * their own: when a cache entry expires under load, or right after a gateway starts, one NATS call answers every
 * request that needed it. A read started before `generation` last changed (a change or revocation notice) is not
 * joined: what it brings back may predate the notice.
 */
export class SharedReads<K, V> {
  private readonly reads = new Map<K, { readonly generation: unknown; readonly value: Promise<V> }>();

  read(key: K, generation: unknown, start: () => Promise<V>): Promise<V> {
    const underWay = this.reads.get(key);
    if (underWay && underWay.generation === generation) return underWay.value;
    const entry = { generation, value: start() };
    this.reads.set(key, entry);
    const forget = () => {
      if (this.reads.get(key) === entry) this.reads.delete(key);
    };
    entry.value.then(forget, forget);
    return entry.value;
  }
}
