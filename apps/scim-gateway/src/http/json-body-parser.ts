import type { FastifyBodyParser } from 'fastify';
import { MAX_JSON_NESTING, nestsDeeperThan, TOO_DEEPLY_NESTED } from './json-nesting';
import { RefusedBodyError } from './refused-body';

export const PROTOTYPE_KEY_REFUSED =
  'The request body has a "__proto__" or "constructor.prototype" key; such keys are refused (prototype poisoning)';

const IDENTITY = /^\s*identity\s*$/i;

/**
 * The body parser for both JSON media types, around Fastify's own (which refuses prototype-poisoning keys).
 * An empty body is no body, whatever the content type says: scripts send their JSON content type on every
 * call, DELETE included; the routes that need a body refuse its absence in their own error format.
 * Refused, each with a message that says why: a compressed body (nothing here decodes one: RFC 9110 §15.5.16
 * answers 415 with the codings accepted), a body with prototype-poisoning keys (Fastify calls it invalid JSON),
 * and one nested deeper than any real request (the code that walks a body recurses).
 */
export function jsonBodyParser(parseJson: FastifyBodyParser<string>): FastifyBodyParser<string> {
  return (request, body, done) => {
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && !IDENTITY.test(encoding)) return done(unsupportedEncoding(encoding), undefined);
    if (body === '') return done(null, undefined);
    parseJson(request, body, (error, value) => {
      if (error) return done(isPlainJson(body) ? new RefusedBodyError(PROTOTYPE_KEY_REFUSED) : error, undefined);
      if (nestsDeeperThan(value, MAX_JSON_NESTING)) return done(new RefusedBodyError(TOO_DEEPLY_NESTED), undefined);
      done(null, value);
    });
  };
}

function unsupportedEncoding(encoding: string): RefusedBodyError {
  const named = encoding.length > 40 ? `${encoding.slice(0, 40)}…` : encoding;
  return new RefusedBodyError(`Content-Encoding "${named}" is not supported: send the body uncompressed`, 415, {
    'accept-encoding': 'identity',
  });
}

/** Only on the error path: JSON that the plain parser reads was refused for its keys, not its syntax. */
function isPlainJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}
