/*
 * scim2-parse-filter's errors name tokens as the parser sees them ("[(EOT)] is not json", "Unexpected token
 * userName  as valFilter operator"). These say the same in the terms of the filter the client wrote.
 */

const END = 'EOT';

interface Translation {
  readonly pattern: RegExp;
  readonly say: (literal: string, type: string) => string;
}

const quoted = (literal: string) => `"${literal}"`;

const TRANSLATIONS: readonly Translation[] = [
  {
    pattern: /^\[(.*)\((\w+)\)\] is not json$/s,
    say: (literal, type) =>
      type === END
        ? 'a value is missing at the end'
        : `expected a value (a quoted string, a number, true, false or null), found ${quoted(literal)}`,
  },
  {
    pattern: /^Unexpected token \[(.*)\((\w+)\)\] expected '\)'$/s,
    say: (literal, type) => (type === END ? 'a "(" is not closed' : `expected ")", found ${quoted(literal)}`),
  },
  {
    pattern: /^Unexpected token (.*) expected '\]'$/s,
    say: (literal) => (literal === '' ? 'a "[" is not closed' : `expected "]", found ${quoted(literal)}`),
  },
  {
    pattern: /^Unexpected token (\S*) (\S*) as valFilter operator$/s,
    say: (attribute, operator) => `expected an operator after ${quoted(attribute)}${operator ? `, found ${quoted(operator)}` : ''}`,
  },
  {
    pattern: /^Unexpected token (.*) expected Word$/s,
    say: (literal) => `expected an attribute name, found ${quoted(literal)}`,
  },
  {
    pattern: /^Unexpected token (.*) \((\w+)\)$/s,
    say: (literal, type) => (type === END ? 'the filter ends too early' : `unexpected ${quoted(literal)}`),
  },
];

/** The parser's message for a malformed filter, as the client would put it; unknown ones pass unchanged. */
export function describeParserError(message: string): string {
  for (const { pattern, say } of TRANSLATIONS) {
    const match = pattern.exec(message);
    if (match) return say(match[1]?.trim() ?? '', match[2] ?? '');
  }
  return message;
}
