import type { HistoryEntry } from './api';

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function actorLabel(actor: HistoryEntry['actor']): string {
  if (actor.type === 'admin') return actor.id === 'admin' ? 'admin' : `admin (${actor.id})`;
  if (actor.type === 'scim-token') return `SCIM token ${actor.id}`;
  return actor.id === 'system' ? 'system' : `system (${actor.id})`;
}

export function personName(name: { givenName: string | null; familyName: string | null; formatted: string | null }): string {
  return name.formatted ?? ([name.givenName, name.familyName].filter(Boolean).join(' ') || '—');
}

/** The masked token an admin sees after the one time it was shown: only its last four characters. */
export function maskedToken(hint: string): string {
  return `${'•'.repeat(12)}${hint}`;
}

/** "Comma-separated" as the admin typed it, from the normalised list the API keeps. */
export function allowlistText(entries: readonly string[]): string {
  return entries.join(', ');
}

/** How many SCIM requests a day the company's identity provider may make, and who decided it. */
export function requestLimitText(company: { scimEffectiveDailyRequestLimit: number; scimDailyRequestLimit: number | null }): string {
  const limit = `${company.scimEffectiveDailyRequestLimit.toLocaleString()} SCIM requests a day, shared by every endpoint`;
  return company.scimDailyRequestLimit === null ? `The identity provider may make ${limit}.` : `The identity provider may make ${limit}: a limit set for this company.`;
}
