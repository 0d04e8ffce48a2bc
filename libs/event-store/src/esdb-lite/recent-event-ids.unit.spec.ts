import { RecentEventIds } from './recent-event-ids';

describe('RecentEventIds', () => {
  it('answers the position of each id remembered, and nothing for others', () => {
    const ids = new RecentEventIds(3);
    ids.remember('a', 10);
    ids.remember('b', 11);
    expect([ids.positionOf('a'), ids.positionOf('b'), ids.positionOf('c')]).toEqual([10, 11, undefined]);
  });

  it('forgets the oldest once more than its capacity are remembered', () => {
    const ids = new RecentEventIds(3);
    ['a', 'b', 'c', 'd', 'e'].forEach((id, i) => ids.remember(id, i));
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => ids.positionOf(id))).toEqual([undefined, undefined, 2, 3, 4]);
    expect(ids.size).toBe(3);
  });

  it('keeps an id remembered again until its latest turn is the oldest, with its latest position', () => {
    const ids = new RecentEventIds(3);
    ids.remember('a', 1);
    ids.remember('b', 2);
    ids.remember('a', 3);
    ids.remember('c', 4); // the first 'a' leaves the ring; the second keeps it
    expect([ids.positionOf('a'), ids.positionOf('b'), ids.positionOf('c')]).toEqual([3, 2, 4]);
    ids.remember('d', 5); // 'b' is the oldest now
    ids.remember('e', 6); // then the second 'a'
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => ids.positionOf(id))).toEqual([undefined, undefined, 4, 5, 6]);
  });

  it('holds exactly its capacity over many turns of the ring', () => {
    const ids = new RecentEventIds(1_000);
    for (let i = 0; i < 10_500; i++) ids.remember(`id-${i}`, i);
    expect(ids.size).toBe(1_000);
    expect(ids.positionOf('id-9499')).toBeUndefined();
    expect(ids.positionOf('id-9500')).toBe(9_500);
    expect(ids.positionOf('id-10499')).toBe(10_499);
  });

  it('refuses a capacity below one', () => {
    expect(() => new RecentEventIds(0)).toThrow(/capacity/);
  });
});
