import { formatLogPosition, LogPositionText, parseLogPosition } from './log-position-text';

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
