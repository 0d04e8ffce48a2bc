import { eventStoreUrlField, logLevelField, natsUrlField, positiveMsField } from '@scim/platform';
import { z } from 'zod';

export const TokenServiceConfigSchema = z.object({
  NATS_URL: natsUrlField,
  EVENT_STORE_URL: eventStoreUrlField,
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: logLevelField,
  SHUTDOWN_GRACE_MS: positiveMsField.default(2_000),
});
export type TokenServiceConfig = z.infer<typeof TokenServiceConfigSchema>;
