import type { RequestContext } from '@scim/contracts';
import { ScimError } from '@scim/scim';
import type { ScimCaller, ScimRequest } from '../gate/scim-gate.guard';

/** The gate's verdict (company, token) as the request context that travels to the services and into events. */
export function scimCallerOf(request: ScimRequest): { caller: ScimCaller; context: RequestContext } {
  const caller = request.scimCaller;
  if (!caller) throw new ScimError(401, undefined, 'Authorization failure');
  return {
    caller,
    context: {
      correlationId: request.id,
      causationId: request.id,
      actor: { type: 'scim-token', id: caller.tokenId },
      sourceIp: caller.sourceIp,
      requestOrigin: caller.requestOrigin,
    },
  };
}
