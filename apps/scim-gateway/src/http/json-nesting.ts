/**
 * How deeply a request body may nest objects and arrays. The deepest real body (a PATCH adding a user's
 * permissions: Operations, op, value, extension, permissions, appGroup, team, teamPermissions) nests 9
 * levels. The code that walks a body (validation, key canonicalisation, the patch engine) recurses, so a
 * body nested thousands of levels deep would exhaust the stack there instead of being refused here.
 */
export const MAX_JSON_NESTING = 32;

export const TOO_DEEPLY_NESTED = `The request body nests objects and arrays more than ${MAX_JSON_NESTING} levels deep`;

/**
 * Whether a parsed JSON value nests objects and arrays more than `max` levels deep. It stops descending one
 * level past `max`, so it recurses at most `max + 1` frames whatever the body, and allocates nothing: it runs
 * on every request body.
 */
export function nestsDeeperThan(value: unknown, max: number, depth = 1): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth > max) return true;
  if (Array.isArray(value)) return value.some((item) => nestsDeeperThan(item, max, depth + 1));
  for (const key in value) {
    if (nestsDeeperThan((value as Record<string, unknown>)[key], max, depth + 1)) return true;
  }
  return false;
}
