import {
  Department,
  normaliseUserName,
  type CompanyView,
  type DashboardUserChanges,
  type DashboardUserInput,
  type EmailInput,
  type PersonNameInput,
  type RpcErrorIssue,
  type StoredEmail,
  type StoredPermissions,
  type StoredPersonName,
} from '@scim/contracts';
import { invalidValue } from './dashboard-user.errors';
import type { UserProfile } from './dashboard-user.model';
import { resolvePermissions } from './permission-resolution';

/*
 * From what the gateway sends (already shape-checked by the contract) to the stored forms: text trimmed and
 * "" read as unassigned (RFC 7643 §2.5), department checked against the seven strings, at most one primary email.
 * Permissions are resolved separately, against the company (permission-resolution.ts).
 */

export interface ProfileInput {
  readonly externalId?: string | null;
  readonly name?: PersonNameInput | null;
  readonly displayName?: string | null;
  readonly emails?: readonly EmailInput[] | null;
}

export interface NewUser {
  readonly userName: string;
  readonly profile: UserProfile;
  readonly department: string | null;
  readonly active: boolean;
  readonly permissions: StoredPermissions;
}

/** A create's attributes in stored form, permissions resolved against the company (INVALID_VALUE naming the entry). */
export function normaliseNewUser(company: CompanyView, input: DashboardUserInput): NewUser {
  return {
    userName: normaliseRequiredUserName(input.userName),
    profile: normaliseProfile(input),
    department: normaliseDepartment(input.department),
    active: input.active ?? true,
    permissions: resolvePermissions(company, input.permissions),
  };
}

export function normaliseRequiredUserName(raw: string): string {
  const userName = normaliseUserName(raw);
  if (userName === '') throw invalidValue('userName is required', [{ path: 'userName', message: 'required' }]);
  return userName;
}

export interface NormalisedChanges {
  readonly externalId?: string | null;
  readonly name?: StoredPersonName;
  readonly displayName?: string | null;
  readonly emails?: readonly StoredEmail[];
  readonly department?: string | null;
  readonly active?: boolean;
}

export function normaliseProfile(input: ProfileInput): UserProfile {
  return {
    externalId: text(input.externalId),
    name: normaliseName(input.name),
    displayName: text(input.displayName),
    emails: normaliseEmails(input.emails),
  };
}

/** A department string in any case, or nothing; INVALID_VALUE for anything else. */
export function normaliseDepartment(raw: string | null | undefined, path = 'department'): string | null {
  const value = text(raw);
  if (value === null) return null;
  const parsed = Department.safeParse(value.toLowerCase());
  if (!parsed.success) {
    throw invalidValue(`"${value}" is not a department`, [
      { path, message: `must be one of ${Department.options.join(', ')}` },
    ]);
  }
  return parsed.data;
}

/** The changes of a PATCH in stored form; permissions are left to the caller (they need the company). */
export function normaliseChanges(changes: DashboardUserChanges): NormalisedChanges {
  return {
    ...(changes.externalId !== undefined ? { externalId: text(changes.externalId) } : {}),
    ...(changes.name !== undefined ? { name: normaliseName(changes.name) } : {}),
    ...(changes.displayName !== undefined ? { displayName: text(changes.displayName) } : {}),
    ...(changes.emails !== undefined ? { emails: normaliseEmails(changes.emails) } : {}),
    ...(changes.department !== undefined ? { department: normaliseDepartment(changes.department) } : {}),
    ...(changes.active !== undefined ? { active: changes.active } : {}),
  };
}

function normaliseName(name: PersonNameInput | null | undefined): StoredPersonName {
  return { givenName: text(name?.givenName), familyName: text(name?.familyName), formatted: text(name?.formatted) };
}

function normaliseEmails(emails: readonly EmailInput[] | null | undefined): StoredEmail[] {
  const result = (emails ?? []).map((email): StoredEmail => {
    const type = text(email.type);
    return {
      value: normaliseUserName(email.value),
      ...(type !== null ? { type } : {}),
      ...(typeof email.primary === 'boolean' ? { primary: email.primary } : {}),
    };
  });
  const primaries = result.flatMap((email, index) => (email.primary ? [index] : []));
  if (primaries.length > 1) {
    const issues: RpcErrorIssue[] = primaries.map((index) => ({ path: `emails[${index}].primary`, message: 'only one email can be primary' }));
    throw invalidValue('More than one primary email', issues);
  }
  return result;
}

function text(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed.normalize('NFC');
}
