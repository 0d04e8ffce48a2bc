/**
 * The paths of fields in `input` that parsing dropped from `parsed` (zod objects strip keys they do not
 * know), walking both side by side through objects and arrays. Where a transform changed a value's shape (a
 * string into a list, say) there is nothing to compare, and the walk stops there.
 */
export function droppedFields(input: unknown, parsed: unknown, path = ''): string[] {
  if (Array.isArray(input) && Array.isArray(parsed)) {
    return input.flatMap((item, index) => droppedFields(item, parsed[index], `${path}[${index}]`));
  }
  if (!isPlainObject(input) || !isPlainObject(parsed)) return [];
  return Object.keys(input).flatMap((key) => {
    const at = path ? `${path}.${key}` : key;
    return Object.hasOwn(parsed, key) ? droppedFields(input[key], parsed[key], at) : [at];
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
