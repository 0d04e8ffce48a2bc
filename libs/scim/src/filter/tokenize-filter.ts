import type { Token } from 'scim2-parse-filter/lib/src/parser';
import { ScimError } from '../errors';

/*
 * Our own lexer, feeding scim2-parse-filter's parser (its precedence handling of and/or/not and
 * parentheses is what we reuse). We lex ourselves because the library's lexer rewrites backslashes inside
 * quoted strings (`"a\\"` cannot be expressed, `\t` is not a tab), so values are not RFC 7159 strings.
 */
const TOKEN = /\s+|("(?:[^"\\]|\\.)*")|(\]\.|[()[\]])|([A-Za-z0-9_$@+.:/%-]+)/y;

export function tokenizeFilter(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      throw ScimError.badRequest('invalidFilter', `Invalid filter: unexpected character at position ${start + 1}`);
    }
    if (match[1]) tokens.push({ type: 'Quoted', literal: match[1] });
    else if (match[2]) tokens.push({ type: 'Bracket', literal: match[2] });
    else if (match[3]) tokens.push({ type: 'Word', literal: match[3] });
  }
  tokens.push({ type: 'EOT', literal: '' });
  return tokens;
}
