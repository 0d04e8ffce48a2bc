import { UserNameReleased, UserNameReserved, eventOf, type UserNameReservationEvent } from '@scim/contracts';
import type { Decider } from '@scim/event-store';
import { userNameTaken } from './dashboard-user.errors';

/*
 * The `username-{sha256}` reservation stream: who holds a userName. A claim is appended with the exact
 * revision read (`no_stream` for a free or released name), so of any number of concurrent claims on any
 * number of instances exactly one is written.
 */

export interface UserNameHolder {
  readonly userId: string;
  readonly companyId: string;
  readonly reservedAt: string;
}

export interface ReservationState {
  readonly holder: UserNameHolder | null;
}

export interface ReserveUserName {
  readonly type: 'ReserveUserName';
  readonly userNameSha256: string;
  readonly userId: string;
  readonly companyId: string;
  /**
   * The current holder, when the caller has made sure it will never become a user (deprovisioned, or its
   * create was abandoned): the claim then takes the name over. Any other holder makes the claim UNIQUENESS.
   */
  readonly releasableHolder?: string;
  readonly occurredAt: string;
}

export interface ReleaseUserName {
  readonly type: 'ReleaseUserName';
  readonly userNameSha256: string;
  readonly userId: string;
  readonly occurredAt: string;
}

export type ReservationCommand = ReserveUserName | ReleaseUserName;

export function initialReservationState(): ReservationState {
  return { holder: null };
}

export function evolveReservation(_state: ReservationState, event: UserNameReservationEvent): ReservationState {
  switch (event.type) {
    case 'UserNameReserved.v1':
      return { holder: { userId: event.data.userId, companyId: event.data.companyId, reservedAt: event.data.occurredAt } };
    case 'UserNameReleased.v1':
      return { holder: null };
  }
}

export function decideReservation(command: ReservationCommand, state: ReservationState): UserNameReservationEvent[] {
  const holder = state.holder;
  if (command.type === 'ReleaseUserName') {
    if (!holder || holder.userId !== command.userId) return [];
    return [
      eventOf(UserNameReleased, {
        userNameSha256: command.userNameSha256,
        userId: holder.userId,
        companyId: holder.companyId,
        occurredAt: command.occurredAt,
      }),
    ];
  }
  if (holder?.userId === command.userId) return [];
  if (holder && holder.userId !== command.releasableHolder) throw userNameTaken();
  return [
    eventOf(UserNameReserved, {
      userNameSha256: command.userNameSha256,
      userId: command.userId,
      companyId: command.companyId,
      ...(holder ? { takesOverFrom: holder.userId } : {}),
      occurredAt: command.occurredAt,
    }),
  ];
}

export const userNameReservationDecider: Decider<ReservationState, ReservationCommand, UserNameReservationEvent> = {
  decide: decideReservation,
  evolve: evolveReservation,
  initialState: initialReservationState,
};
