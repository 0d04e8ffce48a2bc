import type { FieldIssue } from './api';

/**
 * Groups the issues a 400 names by form field: `ipAllowlist[2]` belongs to the allowlist field, and says which
 * entry (1-based for people) was refused, as the API reports it.
 */
export function issuesByField(issues: readonly FieldIssue[]): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const issue of issues) {
    const entry = /^([A-Za-z]+)\[(\d+)\]$/.exec(issue.path);
    const field = entry?.[1] ?? (issue.path.split('.')[0] || '(form)');
    const message = entry ? `Entry ${Number(entry[2]) + 1}: ${issue.message}` : issue.message;
    (byField[field] ??= []).push(message);
  }
  return byField;
}
