const SCIM_API_PATH = /^\/scim\/v2(?:[/?]|$)/i;

/** A request for the SCIM API (`/scim/v2` and below, any case), whose query string may follow. */
export function isScimApiPath(url: string): boolean {
  return SCIM_API_PATH.test(url);
}

/** `/scim/v2/Users/?filter=…` and `/scim/v2/Users/` name the same resource as without the slash. */
export function withoutScimTrailingSlash(url: string): string {
  if (!url.startsWith('/scim/')) return url;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  if (path.length <= 1 || !path.endsWith('/')) return url;
  return path.replace(/\/+$/, '') + (query === -1 ? '' : url.slice(query));
}
