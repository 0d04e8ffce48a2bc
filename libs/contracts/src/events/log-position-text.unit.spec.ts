import { compareLogPositions, formatLogPosition, LogPositionText, parseLogPosition } from './log-position-text';

describe('log position text', () => {
  it('round-trips 64-bit positions exactly', () => {
    const position = { commit: 18446744073709551615n, prepare: 18446744073709551614n };
    expect(parseLogPosition(formatLogPosition(position))).toEqual(position);
  });

  it('refuses other shapes', () => {
    expect(LogPositionText.safeParse('12/12').success).toBe(true);
    for (const text of ['12', '12/', '-1/2', 'C:1/P:1', '1.5/2']) expect(LogPositionText.safeParse(text).success).toBe(false);
    expect(() => parseLogPosition('x')).toThrow();
  });
});

describe('compareLogPositions', () => {
  it('orders by commit, then prepare', () => {
    expect(compareLogPositions({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 0n })).toBe(-1);
    expect(compareLogPositions({ commit: 2n, prepare: 1n }, { commit: 2n, prepare: 0n })).toBe(1);
    expect(compareLogPositions({ commit: 3n, prepare: 3n }, { commit: 3n, prepare: 3n })).toBe(0);
  });
});
