import type { DashboardUserChanges, DashboardUserInput, DashboardUserReplaceInput } from '@scim/contracts';
import type { UserInput } from '@scim/scim';

/** A validated POST body as settings-service takes it (same attribute names; absent stays absent). */
export function toCreateInput(input: UserInput & { userName: string }): DashboardUserInput {
  return input;
}

/** A validated PUT body: userName may be left out (the modelled product's PUT omits it). */
export function toReplaceInput(input: UserInput): DashboardUserReplaceInput {
  return input;
}

/** Attributes a PATCH can remove: absent after the patch means "clear it". */
const CLEARABLE = ['externalId', 'name', 'displayName', 'emails', 'department'] as const;

/**
 * The user after the PATCH operations were applied, as changes: every attribute it has replaces the current
 * value, and a clearable attribute it no longer has is cleared (a `remove` op). `active` and `permissions`
 * keep their current value when absent, as with PUT.
 */
export function changesFromPatchedUser(input: UserInput): DashboardUserChanges {
  const changes: Record<string, unknown> = { ...input };
  for (const attribute of CLEARABLE) if (changes[attribute] === undefined) changes[attribute] = null;
  return changes as DashboardUserChanges;
}
