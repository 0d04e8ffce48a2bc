import { ConfigError, loadConfig } from '@scim/platform';
import { GatewayConfigSchema, writeWaitMs } from './config';

describe('GatewayConfigSchema', () => {
  const minimal = { NATS_URL: 'nats://127.0.0.1:4222', ADMIN_TOKEN: 'x'.repeat(32) };

  it('applies the documented defaults', () => {
    expect(loadConfig(GatewayConfigSchema, minimal)).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      TRUSTED_PROXIES: [],
      LOG_LEVEL: 'info',
      NATS_REQUEST_TIMEOUT_MS: 5_000,
      READINESS_TIMEOUT_MS: 2_000,
      BODY_LIMIT_BYTES: 1_048_576,
      SCIM_WRITES_IN_FLIGHT: 64,
    });
  });

  it('waits 2 s for a write turn by default, or half the NATS request timeout when that is shorter', () => {
    expect(writeWaitMs(loadConfig(GatewayConfigSchema, minimal))).toBe(2_000);
    expect(writeWaitMs(loadConfig(GatewayConfigSchema, { ...minimal, NATS_REQUEST_TIMEOUT_MS: '1000' }))).toBe(500);
    expect(writeWaitMs(loadConfig(GatewayConfigSchema, { ...minimal, SCIM_WRITE_WAIT_MS: '300' }))).toBe(300);
  });

  it('refuses a write wait that is not below the NATS request timeout', () => {
    expect(() => loadConfig(GatewayConfigSchema, { ...minimal, SCIM_WRITE_WAIT_MS: '5000' })).toThrow(
      new ConfigError('Invalid configuration: SCIM_WRITE_WAIT_MS must be below NATS_REQUEST_TIMEOUT_MS'),
    );
    expect(loadConfig(GatewayConfigSchema, { ...minimal, SCIM_WRITE_WAIT_MS: '5000', NATS_REQUEST_TIMEOUT_MS: '10000' })).toMatchObject({
      SCIM_WRITE_WAIT_MS: 5_000,
    });
  });

  it('refuses a missing or short admin token, naming the variable', () => {
    expect(() => loadConfig(GatewayConfigSchema, { NATS_URL: minimal.NATS_URL })).toThrow(/ADMIN_TOKEN is required/);
    expect(() => loadConfig(GatewayConfigSchema, { ...minimal, ADMIN_TOKEN: 'short' })).toThrow(
      new ConfigError('Invalid configuration: ADMIN_TOKEN must be at least 32 characters'),
    );
  });

  it('refuses a public base URL that is not http(s)', () => {
    expect(() => loadConfig(GatewayConfigSchema, { ...minimal, PUBLIC_BASE_URL: 'ftp://x' })).toThrow(
      /PUBLIC_BASE_URL must be an http\(s\) URL/,
    );
  });

  it('splits trusted proxies', () => {
    const config = loadConfig(GatewayConfigSchema, { ...minimal, TRUSTED_PROXIES: '10.0.0.1, 10.1.0.0/16' });
    expect(config.TRUSTED_PROXIES).toEqual(['10.0.0.1', '10.1.0.0/16']);
  });
});
