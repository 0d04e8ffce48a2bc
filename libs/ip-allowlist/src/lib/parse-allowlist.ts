import { parseEntry, type AllowlistEntry } from './allowlist-entry';

export const MAX_ALLOWLIST_ENTRIES = 1000;
const MAX_ENTRY_LENGTH = 100;

/** A rejected entry: its position among the non-empty entries (0-based), the text as typed, and why. */
export interface AllowlistError {
  readonly index: number;
  readonly entry: string;
  readonly message: string;
}

export type AllowlistParseResult =
  | { readonly ok: true; readonly entries: AllowlistEntry[] }
  | { readonly ok: false; readonly errors: AllowlistError[] };

/**
 * Parses an IP allowlist as an admin types it (`"203.0.113.0/24, 198.51.100.7, 10.0.0.1-10.0.0.9"`; commas,
 * semicolons or line breaks separate entries; blanks are ignored) or as a list of entries (e.g. the stored,
 * canonical form). Every bad entry is reported, not just the first. Duplicates (after normalisation) are
 * dropped, keeping the first occurrence's position; overlapping entries are kept as written.
 */
export function parseAllowlist(input: string | readonly string[]): AllowlistParseResult {
  const rawEntries = splitEntries(input);
  if (rawEntries.length > MAX_ALLOWLIST_ENTRIES) {
    return {
      ok: false,
      errors: [{ index: MAX_ALLOWLIST_ENTRIES, entry: rawEntries[MAX_ALLOWLIST_ENTRIES], message: `an allowlist holds at most ${MAX_ALLOWLIST_ENTRIES} entries` }],
    };
  }

  const entries: AllowlistEntry[] = [];
  const errors: AllowlistError[] = [];
  const seen = new Set<string>();
  rawEntries.forEach((entry, index) => {
    if (entry.length > MAX_ENTRY_LENGTH) {
      errors.push({ index, entry: `${entry.slice(0, MAX_ENTRY_LENGTH)}…`, message: `an entry is at most ${MAX_ENTRY_LENGTH} characters long` });
      return;
    }
    const result = parseEntry(entry);
    if (!result.ok) {
      errors.push({ index, entry, message: result.message });
    } else if (!seen.has(result.entry.text)) {
      seen.add(result.entry.text);
      entries.push(result.entry);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries };
}

/** The canonical form to store and show: one string per entry. */
export function formatAllowlist(entries: readonly AllowlistEntry[]): string[] {
  return entries.map((entry) => entry.text);
}

function splitEntries(input: string | readonly string[]): string[] {
  const pieces = typeof input === 'string' ? input.split(/[,;\r\n]+/) : input.flatMap((item) => item.split(/[,;\r\n]+/));
  return pieces.map((piece) => piece.trim()).filter((piece) => piece.length > 0);
}
