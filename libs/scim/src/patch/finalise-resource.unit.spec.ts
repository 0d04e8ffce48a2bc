import { ScimError } from '../errors';
import { attribute, type ResourceTypeDefinition } from '../schemas/attribute-definition';
import { PATCH_OP_SCHEMA } from '../schemas/urns';
import { applyPatch } from './apply-patch';

const team: ResourceTypeDefinition = {
  id: 'Team',
  name: 'Team',
  endpoint: '/Teams',
  description: 'A resource type with a required, writable attribute',
  schema: {
    id: 'urn:example:Team',
    name: 'Team',
    description: 'Team',
    attributes: [attribute('displayName', 'string', 'Name', { required: true }), attribute('note', 'string', 'Note')],
  },
  schemaExtensions: [],
};

const patch = (operations: unknown[]) =>
  applyPatch({ displayName: 'A', note: 'n' }, { schemas: [PATCH_OP_SCHEMA], Operations: operations }, { resourceType: team });

describe('applyPatch: required attributes', () => {
  it.each([
    ['remove', [{ op: 'remove', path: 'displayName' }]],
    ['replace with null', [{ op: 'replace', path: 'displayName', value: null }]],
    ['replace with ""', [{ op: 'replace', value: { displayName: '' } }]],
  ])('rejects unassigning a required attribute by %s with 400 mutability', (_case, operations) => {
    expect(() => patch(operations)).toThrow(ScimError);
    expect(() => patch(operations)).toThrow(expect.objectContaining({ scimType: 'mutability' }));
  });

  it('allows the same operations on optional attributes', () => {
    expect(patch([{ op: 'remove', path: 'note' }])).toEqual({ displayName: 'A' });
  });
});
