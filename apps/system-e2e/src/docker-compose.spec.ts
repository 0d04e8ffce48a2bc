import { configVariables, loadConfig } from '@scim/platform';
import { GatewayConfigSchema } from '@scim/scim-gateway';
import { SettingsServiceConfigSchema } from '@scim/settings-service';
import { TokenServiceConfigSchema } from '@scim/token-service';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';

interface ComposeService {
  build?: { args?: Record<string, string> };
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync(join(__dirname, '../../../docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

const APPS: Record<string, z.ZodObject> = {
  'scim-gateway': GatewayConfigSchema,
  'settings-service': SettingsServiceConfigSchema,
  'token-service': TokenServiceConfigSchema,
};

/** Resolves compose interpolation the way `docker compose` would with a typical operator environment. */
function interpolate(value: string, operatorEnv: Record<string, string>): string {
  return value.replace(/\$\{([A-Z_]+)(?::?([-?])([^}]*))?\}/g, (_match, name: string, kind?: string, fallback?: string) => {
    if (operatorEnv[name] !== undefined) return operatorEnv[name];
    if (kind === '?') throw new Error(`${name} is required by docker-compose.yml: ${fallback}`);
    return fallback ?? '';
  });
}

describe('docker-compose.yml', () => {
  it.each(Object.keys(APPS))('%s is built from the Dockerfile with its app folder and has a healthcheck', (app) => {
    const service = compose.services[app];
    expect(service?.build?.args?.['APP']).toMatch(new RegExp(`/${app}$`));
    expect(service?.healthcheck?.test.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(APPS))('%s sets only variables its config schema knows', (app, schema) => {
    const known = configVariables(schema).map((variable) => variable.name);
    const set = Object.keys(compose.services[app]?.environment ?? {});
    expect(set.filter((name) => !known.includes(name))).toEqual([]);
  });

  it.each(Object.entries(APPS))('%s sets every variable its config schema requires', (app, schema) => {
    const required = configVariables(schema).filter((variable) => variable.required).map((variable) => variable.name);
    const set = Object.keys(compose.services[app]?.environment ?? {});
    expect(required.filter((name) => !set.includes(name))).toEqual([]);
  });

  it.each(Object.entries(APPS))('%s environment passes its config schema once interpolated', (app, schema) => {
    const environment = compose.services[app]?.environment ?? {};
    const operatorEnv = { ADMIN_TOKEN: 'a'.repeat(40) };
    const resolved = Object.fromEntries(
      Object.entries(environment).map(([name, value]) => [name, interpolate(String(value), operatorEnv)]),
    );
    expect(() => loadConfig(schema, resolved)).not.toThrow();
  });

  it('refuses to start the gateway without an ADMIN_TOKEN from the operator', () => {
    const adminToken = compose.services['scim-gateway']?.environment?.['ADMIN_TOKEN'] ?? '';
    expect(() => interpolate(adminToken, {})).toThrow(/ADMIN_TOKEN is required/);
  });

  it('runs KurrentDB as an insecure single node and NATS with JetStream', () => {
    expect(compose.services['kurrentdb']?.environment).toMatchObject({
      KURRENTDB_CLUSTER_SIZE: '1',
      KURRENTDB_INSECURE: 'true',
    });
    expect((compose.services['nats'] as { command?: string[] }).command).toContain('-js');
  });
});
