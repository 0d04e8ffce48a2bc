import { booleanField, logLevelField, natsUrlField, portField, positiveMsField } from '@scim/platform';
import { z } from 'zod';

export const GatewayConfigSchema = z.object({
  PORT: portField.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  NATS_URL: natsUrlField,
  ADMIN_TOKEN: z
    .string({ error: 'is required (the bearer credential of the admin API)' })
    .min(32, 'must be at least 32 characters'),
  /** Base URL clients use to reach the gateway, e.g. https://scim.example.com (else taken from the request). */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** Comma-separated addresses/CIDRs of proxies whose X-Forwarded-For is believed. */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((entry) => entry.trim()).filter(Boolean) : [])),
  LOG_LEVEL: logLevelField,
  LOG_REQUESTS: booleanField.default(true),
  NATS_REQUEST_TIMEOUT_MS: positiveMsField.default(5_000),
  READINESS_TIMEOUT_MS: positiveMsField.default(2_000),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** The longest a client may take to send a whole request, headers and body; then 408 and the connection closes. */
  HTTP_REQUEST_TIMEOUT_MS: positiveMsField.default(30_000),
  /** The admin page's build (index.html and assets/); default: admin-ui/ beside the gateway's bundle. */
  ADMIN_UI_DIR: z.string().min(1).optional(),
  /** SCIM requests a company may make per UTC day, shared by all endpoints and gateway instances. */
  SCIM_DAILY_REQUEST_LIMIT: z.coerce.number().int().positive().default(5_000),
  /** User writes this gateway has with settings-service at once (write-admission.ts). */
  SCIM_WRITES_IN_FLIGHT: z.coerce.number().int().positive().default(64),
  /**
   * How long a write may wait for its turn before it is refused with 503, unsent; below NATS_REQUEST_TIMEOUT_MS.
   * Unset: 2 s, or half of NATS_REQUEST_TIMEOUT_MS when that is shorter (writeWaitMs).
   */
  SCIM_WRITE_WAIT_MS: positiveMsField.optional(),
}).refine((config) => config.SCIM_WRITE_WAIT_MS === undefined || config.SCIM_WRITE_WAIT_MS < config.NATS_REQUEST_TIMEOUT_MS, {
  // A write admitted after waiting that long could not finish before its call times out: its 503 would lie.
  path: ['SCIM_WRITE_WAIT_MS'],
  message: 'must be below NATS_REQUEST_TIMEOUT_MS',
});
export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;

/** How long a user write waits for its turn (SCIM_WRITE_WAIT_MS, or its default). */
export function writeWaitMs(config: Pick<GatewayConfig, 'SCIM_WRITE_WAIT_MS' | 'NATS_REQUEST_TIMEOUT_MS'>): number {
  return config.SCIM_WRITE_WAIT_MS ?? Math.min(2_000, Math.ceil(config.NATS_REQUEST_TIMEOUT_MS / 2));
}
