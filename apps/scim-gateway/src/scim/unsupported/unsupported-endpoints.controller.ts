import { All, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ScimError } from '@scim/scim';
import { ScimGate } from '../gate/scim-gate.guard';
import { SCIM_PREFIX } from '../http/scim-base-url';
import { ScimErrorFilter } from '../http/scim-error.filter';

/**
 * RFC 7644 endpoints this server does not offer, answered 501 Not Implemented (as §3.11 asks of /Me) with the
 * reason, rather than a bare 404 that reads like a wrong base URL. Only a known caller gets that far.
 */
@Controller(SCIM_PREFIX)
@UseGuards(ScimGate)
@UseFilters(ScimErrorFilter)
export class UnsupportedEndpointsController {
  @All(['Me', 'Me/*'])
  me(): never {
    throw new ScimError(501, undefined, '/Me is not supported: a SCIM token belongs to a company, not to one of its users');
  }

  @All('Bulk')
  bulk(): never {
    throw new ScimError(501, undefined, 'Bulk operations are not supported (bulk.supported is false in /ServiceProviderConfig)');
  }
}
