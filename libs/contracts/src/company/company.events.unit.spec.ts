import { randomUUID } from 'node:crypto';
import {
  COMPANY_EVENT_DEFINITIONS,
  CompanyRegistered,
  isCompanyEvent,
  PermissionSetAdded,
  ScimProvisioningConfigured,
  WorkspaceRenamed,
} from './company.events';

describe('company events', () => {
  const companyId = randomUUID();

  it('are versioned and uniquely typed', () => {
    const types = COMPANY_EVENT_DEFINITIONS.map((definition) => definition.type);
    expect(types).toContain('CompanyRegistered.v1');
    expect(types).toContain('ScimProvisioningConfigured.v1');
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(type).toMatch(/^[A-Z][A-Za-z]+\.v\d+$/);
  });

  it('accept a well-formed payload and refuse a non-UUID id or an empty name', () => {
    expect(CompanyRegistered.schema.safeParse({ companyId, name: 'Acme' }).success).toBe(true);
    expect(CompanyRegistered.schema.safeParse({ companyId: 'acme', name: 'Acme' }).success).toBe(false);
    expect(CompanyRegistered.schema.safeParse({ companyId, name: '' }).success).toBe(false);
    expect(
      WorkspaceRenamed.schema.safeParse({ companyId, workspaceId: randomUUID(), name: 'New', previousName: 'Old' }).success,
    ).toBe(true);
  });

  it('keep permissions as plain strings so old events stay readable when the catalogue changes', () => {
    const payload = {
      companyId,
      workspaceId: randomUUID(),
      permissionSetId: randomUUID(),
      name: 'Viewers',
      permissions: ['retired_permission'],
    };
    expect(PermissionSetAdded.schema.safeParse(payload).success).toBe(true);
  });

  it('store SCIM settings with a nullable origin and the canonical allowlist', () => {
    const payload = {
      companyId,
      provisioningMethod: 'okta',
      defaultWorkspaceId: randomUUID(),
      serviceOrigin: null,
      ipAllowlist: ['203.0.113.0/24'],
    };
    expect(ScimProvisioningConfigured.schema.safeParse(payload).success).toBe(true);
    expect(ScimProvisioningConfigured.schema.safeParse({ ...payload, provisioningMethod: 'saml' }).success).toBe(false);
    expect(ScimProvisioningConfigured.schema.safeParse({ ...payload, ipAllowlist: undefined }).success).toBe(false);
  });

  it('isCompanyEvent tells company events from others', () => {
    expect(isCompanyEvent({ type: 'TeamAdded.v1', data: {} })).toBe(true);
    expect(isCompanyEvent({ type: 'ScimTokenIssued.v1', data: {} })).toBe(false);
  });
});
