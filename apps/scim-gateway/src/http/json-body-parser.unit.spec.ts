import Fastify, { type FastifyRequest } from 'fastify';
import { jsonBodyParser, PROTOTYPE_KEY_REFUSED } from './json-body-parser';
import { TOO_DEEPLY_NESTED } from './json-nesting';
import { RefusedBodyError } from './refused-body';

const parse = jsonBodyParser(Fastify().getDefaultJsonParser('error', 'error'));

function parsed(body: string, headers: Record<string, string> = {}): { error: Error | null; value: unknown } {
  let outcome: { error: Error | null; value: unknown } | undefined;
  parse.call(undefined as never, { headers } as FastifyRequest, body, (error, value) => (outcome = { error, value }));
  if (!outcome) throw new Error('the parser did not answer at once');
  return outcome;
}

describe('jsonBodyParser', () => {
  it('reads JSON, and an empty body as no body', () => {
    expect(parsed('{"userName":"a@example.com","emails":[{"value":"a@example.com"}]}')).toEqual({
      error: null,
      value: { userName: 'a@example.com', emails: [{ value: 'a@example.com' }] },
    });
    expect(parsed('')).toEqual({ error: null, value: undefined });
  });

  it.each(['gzip', 'deflate', 'br', 'gzip, identity'])('refuses Content-Encoding %s with 415 and Accept-Encoding: identity', (encoding) => {
    const { error } = parsed('{}', { 'content-encoding': encoding });
    expect(error).toBeInstanceOf(RefusedBodyError);
    expect(error).toMatchObject({ statusCode: 415, responseHeaders: { 'accept-encoding': 'identity' } });
    expect(error?.message).toBe(`Content-Encoding "${encoding}" is not supported: send the body uncompressed`);
  });

  it('reads a body whose Content-Encoding is identity', () => {
    expect(parsed('{"a":1}', { 'content-encoding': ' Identity ' })).toEqual({ error: null, value: { a: 1 } });
  });

  it('shortens a long Content-Encoding it names', () => {
    expect(parsed('{}', { 'content-encoding': 'x'.repeat(5_000) }).error?.message).toBe(`Content-Encoding "${'x'.repeat(40)}…" is not supported: send the body uncompressed`);
  });

  it.each(['{"a":1,"__proto__":{"admin":true}}', '{"a":{"constructor":{"prototype":{"admin":true}}}}'])(
    'refuses prototype-poisoning keys as such, with 400: %s',
    (body) => {
      const { error } = parsed(body);
      expect(error).toBeInstanceOf(RefusedBodyError);
      expect(error).toMatchObject({ statusCode: 400, message: PROTOTYPE_KEY_REFUSED });
      expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
    },
  );

  it("leaves malformed JSON to Fastify's own error", () => {
    const { error } = parsed('{"schemas": [');
    expect(error).not.toBeInstanceOf(RefusedBodyError);
    expect(error).toMatchObject({ statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
  });

  it('refuses a body nested deeper than any real request', () => {
    const { error } = parsed('['.repeat(100) + ']'.repeat(100));
    expect(error).toBeInstanceOf(RefusedBodyError);
    expect(error).toMatchObject({ statusCode: 400, message: TOO_DEEPLY_NESTED });
  });
});
