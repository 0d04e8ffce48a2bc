/**
 * JSON with object keys sorted (recursively) and no whitespace, so equal values always give equal text.
 * Otherwise it follows JSON.stringify exactly (undefined properties dropped, toJSON honoured), which makes the
 * text of a value the same before and after a JSON round trip through the event store.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, current: unknown) => (isObject(current) ? sortKeys(current) : current));
  if (text === undefined) throw new TypeError('Value has no JSON representation');
  return text;
}

/**
 * Any non-array object: JSON.stringify has already applied toJSON, and it writes the own enumerable keys of
 * every object alike. (No prototype check: objects from another realm, e.g. structuredClone under Jest, count.)
 */
function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = value[key];
  return sorted;
}
