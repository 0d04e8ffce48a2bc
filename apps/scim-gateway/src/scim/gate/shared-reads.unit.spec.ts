import { SharedReads } from './shared-reads';

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SharedReads', () => {
  it('starts one read for a key while it is under way, and a new one once it has settled', async () => {
    const reads = new SharedReads<string, number>();
    const first = deferred<number>();
    const start = jest.fn(() => first.promise);
    const together = [reads.read('a', 0, start), reads.read('a', 0, start), reads.read('a', 0, start)];
    expect(start).toHaveBeenCalledTimes(1);
    first.resolve(7);
    expect(await Promise.all(together)).toEqual([7, 7, 7]);
    const later = reads.read('a', 0, () => Promise.resolve(8));
    expect(await later).toBe(8);
  });

  it('keeps keys apart and does not join a read of an older generation', async () => {
    const reads = new SharedReads<string, string>();
    const old = deferred<string>();
    const a = reads.read('a', 1, () => old.promise);
    const b = reads.read('b', 1, () => Promise.resolve('b'));
    const newer = reads.read('a', 2, () => Promise.resolve('a after the notice'));
    old.resolve('a before the notice');
    expect(await Promise.all([a, b, newer])).toEqual(['a before the notice', 'b', 'a after the notice']);
  });

  it('shares a failure with every caller that joined, and the next read starts afresh', async () => {
    const reads = new SharedReads<string, number>();
    const failing = deferred<number>();
    const joined = [reads.read('a', 0, () => failing.promise), reads.read('a', 0, () => Promise.resolve(1))];
    failing.reject(new Error('unavailable'));
    await expect(joined[0]).rejects.toThrow('unavailable');
    await expect(joined[1]).rejects.toThrow('unavailable');
    expect(await reads.read('a', 0, () => Promise.resolve(2))).toBe(2);
  });
});
