import type { CompanyView, DashboardUserResource } from '@scim/contracts';
import type { DashboardUser } from './dashboard-user.model';
import { effectiveEmails } from './effective-emails';
import { renderPermissions } from './permission-resolution';

/** A user as replies carry it: personal data in clear, permissions with the company's current names. */
export function renderDashboardUser(user: DashboardUser, company: CompanyView | undefined, revision: number): DashboardUserResource {
  const { profile, userName } = user;
  // Only a live user whose key was lost gets here without personal data: an operational fault.
  if (!profile || userName === null) throw new Error(`The personal data of user ${user.userId} cannot be read (its key is missing)`);
  return {
    id: user.userId,
    externalId: profile.externalId,
    userName,
    name: { ...profile.name },
    displayName: profile.displayName,
    emails: effectiveEmails(userName, profile.emails),
    active: user.active,
    department: user.department,
    permissions: renderPermissions(company, user.permissions),
    createdAt: user.createdAt,
    lastModified: user.lastModified,
    lastSignInAt: null,
    revision,
  };
}
