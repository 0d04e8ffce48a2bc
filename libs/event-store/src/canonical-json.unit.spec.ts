import { runInNewContext } from 'node:vm';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text before and after a JSON round trip', () => {
    const value = { when: new Date('2026-01-02T03:04:05.000Z'), missing: undefined, list: [undefined, -0, 1.5], text: 'é"\n' };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });

  it('refuses values without a JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('canonicalJson across realms', () => {
  it('sorts the keys of objects whose prototype comes from another realm', () => {
    const foreign = structuredClone({ b: 1, a: 2 });
    const vmObject: unknown = runInNewContext('({ b: 1, a: 2 })');
    expect(canonicalJson(foreign)).toBe('{"a":2,"b":1}');
    expect(canonicalJson(vmObject)).toBe('{"a":2,"b":1}');
  });
});
