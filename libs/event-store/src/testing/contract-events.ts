import { z } from 'zod';
import { defineEvent, type RequestContext } from '@scim/contracts';
import { EventRegistry } from '../event-registry';

/** Event types the contract suite writes. */
export const ContractItemAdded = defineEvent('ContractItemAdded', 1, z.object({ n: z.number().int(), label: z.string() }));
export const ContractNoteTaken = defineEvent('ContractNoteTaken', 1, z.object({ note: z.string().min(1) }));

export function contractEventRegistry(): EventRegistry {
  return new EventRegistry([ContractItemAdded, ContractNoteTaken]);
}

export const contractContext: RequestContext = {
  correlationId: 'contract-correlation',
  causationId: 'contract-causation',
  actor: { type: 'system', id: 'contract-suite' },
  sourceIp: '127.0.0.1',
  requestOrigin: 'contract-suite',
};
