import { normaliseServiceOrigin, serviceOriginMatches } from './service-origin';

function normalised(input: string): string {
  const result = normaliseServiceOrigin(input);
  if (!result.ok) throw new Error(`expected ${input} to be accepted: ${result.message}`);
  return result.value;
}

function rejection(input: string): string {
  const result = normaliseServiceOrigin(input);
  if (result.ok) throw new Error(`expected ${input} to be rejected, got ${result.value}`);
  return result.message;
}

describe('normaliseServiceOrigin', () => {
  it.each([
    ['idp.example.com', 'idp.example.com'],
    ['  IdP.Example.COM  ', 'idp.example.com'],
    ['idp.example.com.', 'idp.example.com'],
    ['idp.example.com:8443', 'idp.example.com:8443'],
    ['idp.example.com:443', 'idp.example.com:443'],
    ['localhost', 'localhost'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['https://IDP.example.com', 'https://idp.example.com'],
    ['https://idp.example.com/', 'https://idp.example.com'],
    ['HTTPS://idp.example.com:443', 'https://idp.example.com'],
    ['http://idp.example.com:80/', 'http://idp.example.com'],
    ['https://idp.example.com:8443', 'https://idp.example.com:8443'],
    ['https://203.0.113.7', 'https://203.0.113.7'],
    ['https://[2001:DB8::1]:8443', 'https://[2001:db8::1]:8443'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalised(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const input of ['IdP.Example.com:8443', 'HTTPS://Idp.Example.com:443/', 'bücher.example']) {
      const once = normalised(input);
      expect(normalised(once)).toBe(once);
    }
  });

  it.each(['', '   '])('rejects an empty value %j', (input) => {
    expect(rejection(input)).toContain('empty');
  });

  it.each([
    ['https://idp.example.com/scim', 'has a path'],
    ['https://idp.example.com/scim/', 'has a path'],
    ['ftp://idp.example.com', 'not an http or https origin'],
    ['idp.example.com/scim', 'is not a host name'],
    ['https://user:pw@idp.example.com', 'is not a host name'],
    ['https://idp.example.com?x=1', 'is not a host name'],
    ['https://idp.example.com#top', 'is not a host name'],
    ['idp example.com', 'is not a host name'],
    ['idp..example.com', 'is not a host name'],
    ['-idp.example.com', 'is not a host name'],
    ['idp.example.com:99999', 'is not a host name'],
    ['https://', 'not an http or https origin'],
  ])('rejects %s', (input, message) => {
    expect(rejection(input)).toContain(message);
  });

  it('rejects an overlong value without echoing it', () => {
    expect(rejection(`${'a'.repeat(400)}.com`)).toContain('longer than');
  });
});

describe('serviceOriginMatches', () => {
  const configured = normalised('https://idp.example.com');

  it('matches the same origin in any case, with or without default port and slash', () => {
    expect(serviceOriginMatches(configured, 'https://idp.example.com')).toBe(true);
    expect(serviceOriginMatches(configured, 'HTTPS://IDP.EXAMPLE.COM:443/')).toBe(true);
  });

  it('does not match another host, scheme, port, a bare host, or no header', () => {
    expect(serviceOriginMatches(configured, 'https://evil.example.com')).toBe(false);
    expect(serviceOriginMatches(configured, 'http://idp.example.com')).toBe(false);
    expect(serviceOriginMatches(configured, 'https://idp.example.com:8443')).toBe(false);
    expect(serviceOriginMatches(configured, 'idp.example.com')).toBe(false);
    expect(serviceOriginMatches(configured, undefined)).toBe(false);
    expect(serviceOriginMatches(configured, 'not a host')).toBe(false);
  });

  it('matches a configured bare host case-insensitively', () => {
    expect(serviceOriginMatches(normalised('idp.example.com'), 'IDP.Example.Com')).toBe(true);
  });
});
