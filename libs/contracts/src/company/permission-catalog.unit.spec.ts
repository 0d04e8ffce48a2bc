import {
  COMPANY_PERMISSIONS,
  DEPARTMENTS,
  isTeamPermission,
  isWorkspacePermission,
  TEAM_PERMISSIONS,
  WORKSPACE_PERMISSIONS,
  WorkspacePermission,
} from './permission-catalog';

describe('permission catalogue', () => {
  it('has the documented number of strings per list (reference §4)', () => {
    expect(COMPANY_PERMISSIONS).toHaveLength(3);
    expect(WORKSPACE_PERMISSIONS.granular).toHaveLength(111);
    expect(WORKSPACE_PERMISSIONS.legacy).toHaveLength(25);
    expect(TEAM_PERMISSIONS.granular).toHaveLength(47);
    expect(TEAM_PERMISSIONS.legacy).toHaveLength(10);
    expect(DEPARTMENTS).toHaveLength(7);
  });

  it('accepts granular and legacy workspace permissions once each in the enum', () => {
    const values = WorkspacePermission.options;
    expect(new Set(values).size).toBe(values.length);
    expect(isWorkspacePermission('view_campaigns')).toBe(true);
    expect(isWorkspacePermission('basic_access')).toBe(true);
    expect(isWorkspacePermission('view_reports')).toBe(false);
  });

  it('keeps team permissions separate from workspace permissions', () => {
    expect(isTeamPermission('view_reports')).toBe(true);
    expect(isTeamPermission('view_api_keys')).toBe(false);
  });
});
