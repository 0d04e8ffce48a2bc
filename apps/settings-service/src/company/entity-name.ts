import { MAX_NAME_LENGTH } from '@scim/contracts';

/** How a name is stored: trimmed and in Unicode NFC, so visually equal names compare equal. */
export function normaliseName(raw: string): string {
  return raw.trim().normalize('NFC');
}

/** Names are unique within their parent regardless of case. */
export function nameKey(name: string): string {
  return normaliseName(name).toLowerCase();
}

/** Why a name cannot be used, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a name is required';
  if (name.length > MAX_NAME_LENGTH) return `a name is at most ${MAX_NAME_LENGTH} characters long`;
  return undefined;
}

/** The sibling (other than `exceptId`) that already uses this name, compared case-insensitively. */
export function findNameClash<T extends { readonly id: string; readonly name: string }>(
  siblings: readonly T[],
  name: string,
  exceptId?: string,
): T | undefined {
  const key = nameKey(name);
  return siblings.find((sibling) => sibling.id !== exceptId && nameKey(sibling.name) === key);
}
