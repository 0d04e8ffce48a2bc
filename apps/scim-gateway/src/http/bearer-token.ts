/** The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1), or undefined for any other header. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
