import type { CompanyView, DashboardUserChanges, DashboardUserInput, DashboardUserReplaceInput } from '@scim/contracts';

/*
 * Commands of the dashboard user decider. They carry the request's attributes as the gateway sent them and
 * the company's current view; the decider normalises them and resolves permissions against that view (both
 * pure), after checking that the user exists in that company. Ids and times are chosen by the command
 * handler once per request, so a retried command decides the same.
 */

export interface ProvisionDashboardUser {
  readonly type: 'ProvisionDashboardUser';
  readonly userId: string;
  readonly company: CompanyView;
  readonly user: DashboardUserInput;
  readonly occurredAt: string;
}

/** PUT: the whole profile and department; `active` and `permissions` only when given. */
export interface ReplaceDashboardUser {
  readonly type: 'ReplaceDashboardUser';
  readonly company: CompanyView;
  readonly user: DashboardUserReplaceInput;
  readonly occurredAt: string;
}

/** PATCH: only the attributes given change. */
export interface PatchDashboardUser {
  readonly type: 'PatchDashboardUser';
  readonly company: CompanyView;
  readonly changes: DashboardUserChanges;
  readonly occurredAt: string;
}

export interface DeprovisionDashboardUser {
  readonly type: 'DeprovisionDashboardUser';
  readonly companyId: string;
  readonly occurredAt: string;
}

/** Claims the stream of a create that reserved a userName and never wrote its user (see user-name-reservations.ts). */
export interface AbandonProvisioning {
  readonly type: 'AbandonProvisioning';
  readonly companyId: string;
  readonly userId: string;
  readonly occurredAt: string;
}

export type DashboardUserCommand =
  | ProvisionDashboardUser
  | ReplaceDashboardUser
  | PatchDashboardUser
  | DeprovisionDashboardUser
  | AbandonProvisioning;
