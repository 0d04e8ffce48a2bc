import { DomainError, userNameSha256, type ProfileField, type StoredPermissions } from '@scim/contracts';
import type { Decider } from '@scim/event-store';
import type {
  AbandonProvisioning,
  DashboardUserCommand,
  DeprovisionDashboardUser,
  PatchDashboardUser,
  ProvisionDashboardUser,
  ReplaceDashboardUser,
} from './dashboard-user.commands';
import { userNameImmutable, userNameTaken, userNotFound } from './dashboard-user.errors';
import type { DashboardUser, DashboardUserEvent, DashboardUserState, UserProfile } from './dashboard-user.model';
import { effectiveEmails } from './effective-emails';
import { resolvePermissions } from './permission-resolution';
import {
  normaliseChanges,
  normaliseDepartment,
  normaliseNewUser,
  normaliseProfile,
  normaliseRequiredUserName,
} from './user-input.normalisation';

/*
 * The dashboard user decider: one user's lifecycle on its `dashboard-user-{userId}` stream.
 * absent --provision--> live (active or suspended) --deprovision--> deprovisioned (final; every command NOT_FOUND)
 * absent --abandon--> abandoned (final; the create that reserved the userName lost it)
 */

export function initialState(): DashboardUserState {
  return { status: 'absent' };
}

export function evolve(state: DashboardUserState, event: DashboardUserEvent): DashboardUserState {
  switch (event.type) {
    case 'DashboardUserProvisioned.v1': {
      const data = event.data;
      return {
        status: 'live',
        user: {
          userId: data.userId,
          companyId: data.companyId,
          userNameSha256: data.userNameSha256,
          userName: data.userName,
          profile: data.profile,
          department: data.department,
          active: data.active,
          permissions: data.permissions,
          createdAt: data.occurredAt,
          lastModified: data.occurredAt,
        },
      };
    }
    case 'DashboardUserProvisioningAbandoned.v1':
      return { status: 'abandoned', companyId: event.data.companyId };
    case 'DashboardUserDeprovisioned.v1':
      return { status: 'deprovisioned', companyId: event.data.companyId, userNameSha256: event.data.userNameSha256 };
  }
  if (state.status !== 'live') return state;
  const user = state.user;
  const at = event.data.occurredAt;
  switch (event.type) {
    case 'DashboardUserProfileChanged.v1':
      return live({ ...user, profile: event.data.profile, department: event.data.department, lastModified: at });
    case 'DashboardUserPermissionsChanged.v1':
      return live({ ...user, permissions: event.data.permissions, lastModified: at });
    case 'DashboardUserDeactivated.v1':
      return live({ ...user, active: false, lastModified: at });
    case 'DashboardUserReactivated.v1':
      return live({ ...user, active: true, lastModified: at });
  }
}

export function decide(command: DashboardUserCommand, state: DashboardUserState): DashboardUserEvent[] {
  switch (command.type) {
    case 'ProvisionDashboardUser':
      return provision(command, state);
    case 'AbandonProvisioning':
      return abandon(command, state);
    case 'ReplaceDashboardUser':
      return replace(command, liveUserOf(state, command.company.id));
    case 'PatchDashboardUser':
      return patch(command, liveUserOf(state, command.company.id));
    case 'DeprovisionDashboardUser':
      return deprovision(command, liveUserOf(state, command.companyId));
  }
}

export const dashboardUserDecider: Decider<DashboardUserState, DashboardUserCommand, DashboardUserEvent> = {
  decide,
  evolve,
  initialState,
};

function provision(command: ProvisionDashboardUser, state: DashboardUserState): DashboardUserEvent[] {
  // The stream was claimed by a takeover of this create's userName reservation: the userName went to another user.
  if (state.status === 'abandoned') {
    throw userNameTaken();
  }
  if (state.status !== 'absent') throw new DomainError('CONFLICT', `User ${command.userId} already exists`);
  const user = normaliseNewUser(command.company, command.user);
  return [
    {
      type: 'DashboardUserProvisioned.v1',
      data: {
        companyId: command.company.id,
        userId: command.userId,
        userNameSha256: userNameSha256(user.userName),
        userName: user.userName,
        profile: user.profile,
        department: user.department,
        active: user.active,
        permissions: user.permissions,
        occurredAt: command.occurredAt,
      },
    },
  ];
}

function abandon(command: AbandonProvisioning, state: DashboardUserState): DashboardUserEvent[] {
  if (state.status === 'abandoned') return [];
  if (state.status !== 'absent') throw new DomainError('CONFLICT', `User ${command.userId} exists`);
  return [
    {
      type: 'DashboardUserProvisioningAbandoned.v1',
      data: { companyId: command.companyId, userId: command.userId, occurredAt: command.occurredAt },
    },
  ];
}

function replace(command: ReplaceDashboardUser, user: DashboardUser): DashboardUserEvent[] {
  const input = command.user;
  assertSameUserName(input.userName ?? undefined, user);
  return changesOf(user, {
    profile: normaliseProfile(input),
    department: normaliseDepartment(input.department),
    active: input.active ?? user.active,
    permissions: input.permissions ? resolvePermissions(command.company, input.permissions) : user.permissions,
    occurredAt: command.occurredAt,
  });
}

function patch(command: PatchDashboardUser, user: DashboardUser): DashboardUserEvent[] {
  assertSameUserName(command.changes.userName, user);
  const changes = normaliseChanges(command.changes);
  const current = profileOf(user);
  const profile: UserProfile = {
    externalId: changes.externalId !== undefined ? changes.externalId : current.externalId,
    name: changes.name ?? current.name,
    displayName: changes.displayName !== undefined ? changes.displayName : current.displayName,
    emails: changes.emails ? [...changes.emails] : current.emails,
  };
  return changesOf(user, {
    profile,
    department: changes.department !== undefined ? changes.department : user.department,
    active: changes.active ?? user.active,
    permissions: command.changes.permissions ? resolvePermissions(command.company, command.changes.permissions) : user.permissions,
    occurredAt: command.occurredAt,
  });
}

function deprovision(command: DeprovisionDashboardUser, user: DashboardUser): DashboardUserEvent[] {
  return [
    {
      type: 'DashboardUserDeprovisioned.v1',
      data: { companyId: user.companyId, userId: user.userId, userNameSha256: user.userNameSha256, occurredAt: command.occurredAt },
    },
  ];
}

interface TargetState {
  readonly profile: UserProfile;
  readonly department: string | null;
  readonly active: boolean;
  readonly permissions: StoredPermissions;
  readonly occurredAt: string;
}

/** The events that take `user` to `target`, one per aspect that changed; none when nothing did. */
function changesOf(user: DashboardUser, requested: TargetState): DashboardUserEvent[] {
  const { companyId, userId } = user;
  const occurredAt = requested.occurredAt;
  const current = profileOf(user);
  const target = { ...requested, profile: withoutImplicitEmails(requested.profile, current, user.userName) };
  const changed: ProfileField[] = [];
  if (target.profile.externalId !== current.externalId) changed.push('externalId');
  if (!sameJson(target.profile.name, current.name)) changed.push('name');
  if (target.profile.displayName !== current.displayName) changed.push('displayName');
  if (!sameJson(target.profile.emails, current.emails)) changed.push('emails');
  if (target.department !== user.department) changed.push('department');

  const events: DashboardUserEvent[] = [];
  if (changed.length > 0) {
    events.push({
      type: 'DashboardUserProfileChanged.v1',
      data: { companyId, userId, profile: target.profile, department: target.department, changed, occurredAt },
    });
  }
  if (!sameJson(target.permissions, user.permissions)) {
    events.push({ type: 'DashboardUserPermissionsChanged.v1', data: { companyId, userId, permissions: target.permissions, occurredAt } });
  }
  if (target.active !== user.active) {
    events.push(
      target.active
        ? { type: 'DashboardUserReactivated.v1', data: { companyId, userId, occurredAt } }
        : { type: 'DashboardUserDeactivated.v1', data: { companyId, userId, occurredAt } },
    );
  }
  return events;
}

/**
 * A user stored without emails is shown with the userName as its primary work email; a client that sends that
 * shown value back (a PATCH applies its operations to the shown user) changes nothing.
 */
function withoutImplicitEmails(profile: UserProfile, current: UserProfile, userName: string | null): UserProfile {
  if (userName === null || !sameJson(effectiveEmails(userName, profile.emails), effectiveEmails(userName, current.emails))) return profile;
  return { ...profile, emails: current.emails };
}

/** Users of other companies, deleted users and abandoned streams all look like "no such user". */
function liveUserOf(state: DashboardUserState, companyId: string): DashboardUser {
  if (state.status !== 'live' || state.user.companyId !== companyId) {
    throw userNotFound();
  }
  return state.user;
}

/** userName may be repeated (in any case) but not changed. */
function assertSameUserName(userName: string | undefined, user: DashboardUser): void {
  if (userName !== undefined && userNameSha256(normaliseRequiredUserName(userName)) !== user.userNameSha256) throw userNameImmutable();
}

function profileOf(user: DashboardUser): UserProfile {
  // Only a live user whose key was lost gets here without a profile: an operational fault, not a client error.
  if (!user.profile) throw new Error(`The personal data of user ${user.userId} cannot be read (its key is missing)`);
  return user.profile;
}

function live(user: DashboardUser): DashboardUserState {
  return { status: 'live', user };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
