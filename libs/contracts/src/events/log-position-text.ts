import { z } from 'zod';

/**
 * A position in the global log as it travels in replies and queries (read-your-writes): `<commit>/<prepare>`
 * in decimal. Strings, because JSON has no 64-bit integers.
 */
export const LogPositionText = z.string().regex(/^\d{1,20}\/\d{1,20}$/, 'a log position is "<commit>/<prepare>"');
export type LogPositionText = z.infer<typeof LogPositionText>;

export function formatLogPosition(position: { readonly commit: bigint; readonly prepare: bigint }): LogPositionText {
  return `${position.commit}/${position.prepare}`;
}

export function parseLogPosition(text: LogPositionText): { commit: bigint; prepare: bigint } {
  const [commit, prepare] = LogPositionText.parse(text).split('/');
  return { commit: BigInt(commit), prepare: BigInt(prepare) };
}

/** Orders log positions by commit, then prepare: negative, zero or positive. */
export function compareLogPositions(
  a: { readonly commit: bigint; readonly prepare: bigint },
  b: { readonly commit: bigint; readonly prepare: bigint },
): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
