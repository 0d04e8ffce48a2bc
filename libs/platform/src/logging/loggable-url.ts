/** Query parameters whose values say how a list was asked for and hold nothing personal or secret. */
const PLAIN_PARAMETERS = new Set(['startindex', 'count', 'sortby', 'sortorder', 'attributes', 'excludedattributes', 'limit']);
const REDACTED = '[redacted]';

/**
 * A request URL as a log line may hold it: every query value but the plain paging and sorting ones is
 * replaced. A SCIM filter names users (`userName eq "jane@example.com"`), whose personal data must be gone from
 * everywhere once they are deleted (crypto-shredding), and a client may put a token in `access_token`.
 */
export function loggableUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  const parameters = url
    .slice(queryStart + 1)
    .split('&')
    .map((parameter) => {
      const equals = parameter.indexOf('=');
      if (equals === -1) return parameter;
      const name = parameter.slice(0, equals);
      return PLAIN_PARAMETERS.has(decodedName(name).toLowerCase()) ? parameter : `${name}=${REDACTED}`;
    });
  return `${url.slice(0, queryStart)}?${parameters.join('&')}`;
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll('+', ' '));
  } catch {
    return name;
  }
}
