import { z } from 'zod';

/** Reusable zod fields for environment variables shared by several services. */

export const logLevelField = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

const NATS_SERVER = /^(nats|tls|ws|wss):\/\/[^\s,]+$/;

/** One or more NATS servers, comma-separated: `nats://a:4222,nats://b:4222`. */
export const natsUrlField = z
  .string({ error: 'is required (e.g. nats://127.0.0.1:4222)' })
  .trim()
  .refine((value) => value.split(',').every((server) => NATS_SERVER.test(server.trim())), {
    message: 'must be a comma-separated list of nats:// URLs',
  })
  .transform((value) => value.split(',').map((server) => server.trim()));

const EVENT_STORE_SCHEMES = /^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kurrent\+discover):\/\//;

export const eventStoreUrlField = z
  .string({ error: 'is required (e.g. esdb://127.0.0.1:2113?tls=false)' })
  .trim()
  .regex(EVENT_STORE_SCHEMES, 'must start with esdb://, esdb+discover://, kurrentdb:// or kurrentdb+discover://');

export const portField = z.coerce.number().int().min(0).max(65535);

export const positiveMsField = z.coerce.number().int().positive();

/** Boolean env values: true/false/1/0/yes/no. */
export const booleanField = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
