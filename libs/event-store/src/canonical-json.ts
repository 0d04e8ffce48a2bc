/**
 * JSON with object keys sorted (recursively) and no whitespace, so equal values always give equal text.
 * Otherwise it follows JSON.stringify exactly (undefined properties dropped, toJSON honoured), which makes the
 * text of a value the same before and after a JSON round trip through the event store.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, current: unknown) => (isPlainObject(current) ? sortKeys(current) : current));
  if (text === undefined) throw new TypeError('Value has no JSON representation');
  return text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = value[key];
  return sorted;
}
