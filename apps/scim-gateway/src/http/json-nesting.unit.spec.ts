import { MAX_JSON_NESTING, nestsDeeperThan } from './json-nesting';

const nestedArrays = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));
const nestedObjects = (levels: number): unknown => JSON.parse('{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1));

describe('nestsDeeperThan', () => {
  it.each([
    ['a scalar', 0, 'x'],
    ['an empty object', 1, {}],
    ['an array of scalars', 1, [1, 'a', null, true]],
    ['objects in arrays in objects', 5, { a: [{ b: [{ c: 1 }] }] }],
  ])('counts %s as %d levels', (_case, levels, value) => {
    expect(nestsDeeperThan(value, levels)).toBe(false);
    if (levels > 0) expect(nestsDeeperThan(value, levels - 1)).toBe(true);
  });

  it('allows exactly the maximum and refuses one level more, for arrays and objects alike', () => {
    expect(nestsDeeperThan(nestedArrays(MAX_JSON_NESTING), MAX_JSON_NESTING)).toBe(false);
    expect(nestsDeeperThan(nestedArrays(MAX_JSON_NESTING + 1), MAX_JSON_NESTING)).toBe(true);
    expect(nestsDeeperThan(nestedObjects(MAX_JSON_NESTING), MAX_JSON_NESTING)).toBe(false);
    expect(nestsDeeperThan(nestedObjects(MAX_JSON_NESTING + 1), MAX_JSON_NESTING)).toBe(true);
  });

  it('finds a deep branch beside shallow ones', () => {
    expect(nestsDeeperThan({ shallow: [1, 2], deep: nestedArrays(MAX_JSON_NESTING) }, MAX_JSON_NESTING)).toBe(true);
  });

  it('checks a body nested a million levels deep without exhausting the stack', () => {
    expect(nestsDeeperThan(nestedArrays(1_000_000), MAX_JSON_NESTING)).toBe(true);
  });
});
