/**
 * The SCIM "service origin": what a custom SCIM client sends in `X-Request-Origin`. The admin may type a host
 * name (`idp.example.com`, optionally with a port) or an origin (`https://idp.example.com`). It is stored
 * normalised (lower case, punycode, no default port, no trailing slash or dot) and a header matches when it
 * normalises to the same text, so the comparison is case-insensitive. A host and an origin naming the same
 * host are different values: a client sends what the admin configured.
 */
export type ServiceOriginResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };

export const MAX_SERVICE_ORIGIN_LENGTH = 300;

const HOST_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const FORBIDDEN_CHARACTERS = /[\s?#@\\]/;

export function normaliseServiceOrigin(input: string): ServiceOriginResult {
  const text = input.trim();
  if (text.length === 0) return { ok: false, message: 'the service origin is empty' };
  if (text.length > MAX_SERVICE_ORIGIN_LENGTH) {
    return { ok: false, message: `the service origin is longer than ${MAX_SERVICE_ORIGIN_LENGTH} characters` };
  }
  if (FORBIDDEN_CHARACTERS.test(text)) return invalid(text);
  return text.includes('://') ? normaliseOrigin(text) : normaliseHost(text);
}

/** Whether a request's `X-Request-Origin` header names the configured (normalised) service origin. */
export function serviceOriginMatches(configured: string, header: string | undefined): boolean {
  if (header === undefined) return false;
  const normalised = normaliseServiceOrigin(header);
  return normalised.ok && normalised.value === configured;
}

function normaliseOrigin(text: string): ServiceOriginResult {
  const url = parseUrl(text);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return { ok: false, message: `"${text}" is not an http or https origin such as https://idp.example.com` };
  }
  if (url.pathname !== '/' || /^[a-z][a-z0-9+.-]*:\/\/[^/]*\/./i.test(text)) {
    return { ok: false, message: `"${text}" has a path; the service origin is a scheme and host only` };
  }
  const host = normaliseHostPart(url);
  return host ? { ok: true, value: `${url.protocol}//${host}` } : invalid(text);
}

function normaliseHost(text: string): ServiceOriginResult {
  if (text.includes('/')) return invalid(text);
  const url = parseUrl(`https://${text}`);
  if (!url) return invalid(text);
  const host = normaliseHostPart(url);
  if (!host) return invalid(text);
  // A bare host keeps the port it was typed with, even 443: there is no scheme that makes it a default.
  const typedPort = /\]?:(\d{1,5})$/.exec(text);
  return { ok: true, value: typedPort && url.port === '' ? `${host}:${Number(typedPort[1])}` : host };
}

/** The URL's host with a trailing dot dropped, or undefined when its name is not a valid DNS name or IP. */
function normaliseHostPart(url: URL): string | undefined {
  const hostname = url.hostname.replace(/\.$/, '');
  if (hostname.length === 0 || hostname.length > 253) return undefined;
  const isIpLiteral = hostname.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(hostname);
  if (!isIpLiteral && !hostname.split('.').every((label) => HOST_LABEL.test(label))) return undefined;
  return url.port === '' ? hostname : `${hostname}:${url.port}`;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function invalid(text: string): ServiceOriginResult {
  return { ok: false, message: `"${text}" is not a host name (idp.example.com) or an origin (https://idp.example.com)` };
}
