import { attribute, type SchemaDefinition } from './attribute-definition';
import { CORE_USER_SCHEMA } from './urns';

/**
 * The RFC 7643 §4.1 User attributes this server supports. `id`, `externalId` and `meta` are common
 * attributes (§3.1) that RFC 7643 leaves out of the schema; we list them so that clients which discover
 * attributes from /Schemas (Entra's validator maps `externalId`) find every attribute they can use.
 */
export const coreUserSchema: SchemaDefinition = {
  id: CORE_USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    attribute('id', 'string', 'Unique identifier for the SCIM resource, assigned by the service provider.', {
      caseExact: true,
      mutability: 'readOnly',
      returned: 'always',
      uniqueness: 'server',
    }),
    attribute('externalId', 'string', "Identifier of the resource in the provisioning client's domain.", {
      caseExact: true,
    }),
    attribute('userName', 'string', "The user's email address; unique across the installation; cannot be changed.", {
      required: true,
      uniqueness: 'server',
      // RFC 7643 makes userName readWrite; the modelled product forbids changing it, which is what "immutable" means.
      mutability: 'immutable',
    }),
    attribute('name', 'complex', "The components of the user's name.", {
      subAttributes: [
        attribute('formatted', 'string', 'The full name, formatted for display.'),
        attribute('familyName', 'string', 'The family name of the user.'),
        attribute('givenName', 'string', 'The given name of the user.'),
      ],
    }),
    attribute('displayName', 'string', 'The name of the user, suitable for display.'),
    attribute('emails', 'complex', 'Email addresses for the user.', {
      multiValued: true,
      subAttributes: [
        attribute('value', 'string', 'Email address.'),
        attribute('type', 'string', "A label indicating the email's function.", {
          canonicalValues: ['work', 'home', 'other'],
        }),
        attribute('primary', 'boolean', 'Whether this is the preferred email address.'),
      ],
    }),
    attribute('active', 'boolean', "The user's administrative status; inactive users remain readable."),
    attribute('meta', 'complex', 'Resource metadata.', {
      mutability: 'readOnly',
      subAttributes: [
        attribute('resourceType', 'string', 'The name of the resource type.', { caseExact: true, mutability: 'readOnly' }),
        attribute('created', 'dateTime', 'When the resource was added.', { mutability: 'readOnly' }),
        attribute('lastModified', 'dateTime', 'When the resource was last changed.', { mutability: 'readOnly' }),
        attribute('location', 'reference', 'The URI of the resource.', {
          caseExact: true,
          mutability: 'readOnly',
          referenceTypes: ['uri'],
        }),
        attribute('version', 'string', 'The weak ETag of the resource.', { caseExact: true, mutability: 'readOnly' }),
      ],
    }),
  ],
};
