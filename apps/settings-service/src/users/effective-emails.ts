import type { StoredEmail } from '@scim/contracts';

/** A user without emails has one: the userName as the primary work address (what replies and filters see). */
export function effectiveEmails(userName: string, emails: readonly StoredEmail[]): StoredEmail[] {
  if (emails.length > 0) return emails.map((email) => ({ ...email }));
  return [{ value: userName, type: 'work', primary: true }];
}
