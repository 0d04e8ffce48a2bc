import { z } from 'zod';
import { EntityId } from './company.schemas';

/**
 * Published (not request/reply) by settings-service after a company's SCIM settings change, so every
 * gateway drops its cached copy at once instead of waiting for it to expire.
 */
export const ScimSettingsChangedNotice = Object.freeze({
  subject: 'settings.events.scim-settings-changed',
  schema: z.object({ companyId: EntityId }),
} as const);
export type ScimSettingsChangedNotice = z.infer<(typeof ScimSettingsChangedNotice)['schema']>;
