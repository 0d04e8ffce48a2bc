/**
 * The SCIM filter behind the users search box: `userName sw "<text>"`, with the text as a JSON string
 * (quotes and backslashes escaped, as RFC 7644 compValue strings are). Empty text: no filter.
 */
export function userNameStartsWith(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed ? `userName sw ${JSON.stringify(trimmed)}` : undefined;
}
