import { z } from 'zod';
import { LogPositionText } from '../events/log-position-text';
import { EntityId } from './company.schemas';

/**
 * Published (not request/reply) by settings-service after a company's SCIM settings or request limit change,
 * so every gateway drops its cached copy at once instead of waiting for it to expire, and reads them again no
 * older than `position` (the change's place in the log): a read model a moment behind must not hand back, and
 * have cached, what was there before.
 */
export const ScimSettingsChangedNotice = Object.freeze({
  subject: 'settings.events.scim-settings-changed',
  schema: z.object({ companyId: EntityId, position: LogPositionText.optional() }),
} as const);
export type ScimSettingsChangedNotice = z.infer<(typeof ScimSettingsChangedNotice)['schema']>;
