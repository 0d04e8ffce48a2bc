import type { Token } from 'scim2-parse-filter/lib/src/parser';
import { ScimError } from '../errors';

const COMPARE_OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const KEYWORDS = new Set(['and', 'or', 'not', 'pr', ...COMPARE_OPERATORS]);
const word = (literal: string): Token => ({ type: 'Word', literal });
const bracket = (literal: string): Token => ({ type: 'Bracket', literal });

/**
 * Token rewrites applied before scim2-parse-filter's parser sees the filter:
 *
 * 1. `emails[type eq "work"].value eq "x"` (the PATCH-path form Entra ID sends as a filter) becomes
 *    `emails[(type eq "work") and value eq "x"]`. The library turns it into
 *    `emails[type eq "work"] and emails.value eq "x"`, which may match on two different emails.
 * 2. An unquoted value that is not a JSON literal (`externalId eq jyoung`, as in Entra's docs and the
 *    Microsoft test collection) is read as a string. RFC 7644's ABNF requires quotes; we are lenient.
 */
export function rewriteFilterTokens(tokens: readonly Token[]): Token[] {
  return quoteBareValues(lowerSubAttributeIntoValuePath(tokens));
}

function lowerSubAttributeIntoValuePath(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  const openBrackets: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.literal === '[') {
      openBrackets.push(out.length);
      out.push(token);
    } else if (token.literal === ']') {
      openBrackets.pop();
      out.push(token);
    } else if (token.literal === '].') {
      const open = openBrackets.pop();
      const subAttribute = tokens[i + 1];
      const operator = tokens[i + 2];
      if (open === undefined || subAttribute?.type !== 'Word' || operator?.type !== 'Word') {
        const detail = 'Invalid filter: expected "].subAttribute operator" after a value filter';
        throw ScimError.badRequest('invalidFilter', detail);
      }
      const isPresence = operator.literal.toLowerCase() === 'pr';
      const value = isPresence ? [] : [tokens[i + 3]];
      if (!isPresence && (!value[0] || value[0].type === 'EOT' || value[0].type === 'Bracket')) {
        throw ScimError.badRequest('invalidFilter', `Invalid filter: missing value after "${operator.literal}"`);
      }
      out.splice(open + 1, 0, bracket('('));
      out.push(bracket(')'), word('and'), subAttribute, operator, ...value, bracket(']'));
      i += 2 + value.length;
    } else {
      out.push(token);
    }
  }
  return out;
}

function quoteBareValues(tokens: readonly Token[]): Token[] {
  return tokens.map((token, i) => {
    const operator = tokens[i - 1];
    const attribute = tokens[i - 2];
    const isValuePosition =
      operator?.type === 'Word' &&
      COMPARE_OPERATORS.has(operator.literal.toLowerCase()) &&
      attribute?.type === 'Word' &&
      !KEYWORDS.has(attribute.literal.toLowerCase());
    if (!isValuePosition || token.type !== 'Word' || isJsonLiteral(token.literal)) return token;
    return { type: 'Quoted', literal: JSON.stringify(token.literal) };
  });
}

function isJsonLiteral(literal: string): boolean {
  if (literal === 'true' || literal === 'false' || literal === 'null') return true;
  return /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(literal);
}
