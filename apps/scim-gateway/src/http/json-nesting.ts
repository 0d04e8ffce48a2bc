/**
 * How deeply a request body may nest objects and arrays. The deepest real body (a PATCH adding a user's
 * permissions: Operations, op, value, extension, permissions, appGroup, team, teamPermissions) nests 9
 * levels. The code that walks a body (validation, key canonicalisation, the patch engine) recurses, so a
 * body nested thousands of levels deep would exhaust the stack there instead of being refused here.
 */
export const MAX_JSON_NESTING = 32;

/** What both APIs answer such a body with (400: invalidSyntax under /scim, problem details under /admin). */
export const TOO_DEEPLY_NESTED = `The request body nests objects and arrays more than ${MAX_JSON_NESTING} levels deep`;

/** Whether a parsed JSON value nests objects and arrays more than `max` levels deep. Iterative: safe at any depth. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: Array<{ readonly node: unknown; readonly depth: number }> = [{ node: value, depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, depth } = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) pending.push({ node: child, depth: depth + 1 });
  }
  return false;
}
