/**
 * A body the gateway's own parser refuses, worded for the client (Fastify's own parser errors are not): a 4xx
 * that both APIs' filters answer in their format (SCIM: a 400 as invalidSyntax), with any headers it names.
 */
export class RefusedBodyError extends Error {
  constructor(
    message: string,
    readonly statusCode: 400 | 415 = 400,
    readonly responseHeaders: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
