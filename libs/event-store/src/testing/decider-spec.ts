import { deepStrictEqual, fail } from 'node:assert';
import type { EventDefinition } from '@scim/contracts';
import type { Decider, DomainEvent } from '../command-handler';

/**
 * Given/when/then for pure deciders, with no test framework dependency (plain node:assert):
 *
 *   const spec = deciderSpec(companyDecider, { events: COMPANY_EVENT_DEFINITIONS });
 *   spec.given([registered]).when(addWorkspace).then([workspaceAdded]);
 *   spec.given([]).when(addWorkspace).thenThrows({ code: 'NOT_FOUND' });
 *
 * With `events`, every event the decider emits is also checked against its registered schema, so a decider
 * cannot emit a payload the event store would refuse.
 */
export interface DeciderSpecOptions {
  readonly events?: readonly EventDefinition[];
}

export interface DeciderSpecWhen<TState, TEvent extends DomainEvent> {
  /** The decider emits exactly these events (deep equality, order included). Returns the state after them. */
  then(expected: readonly TEvent[]): TState;
  /** The decider emits nothing: the command is a no-op in this state. */
  thenNothing(): TState;
  /** The decider throws an error with (at least) these properties; returns the error for further checks. */
  thenThrows(expected?: Readonly<Record<string, unknown>>): unknown;
  /** Runs the decider and returns what it emitted, for assertions the helper does not cover. */
  decided(): { readonly events: readonly TEvent[]; readonly state: TState };
}

export interface DeciderSpec<TState, TCommand, TEvent extends DomainEvent> {
  given(events: readonly TEvent[]): { when(command: TCommand): DeciderSpecWhen<TState, TEvent> };
}

export function deciderSpec<TState, TCommand, TEvent extends DomainEvent>(
  decider: Decider<TState, TCommand, TEvent>,
  options: DeciderSpecOptions = {},
): DeciderSpec<TState, TCommand, TEvent> {
  const schemas = new Map<string, EventDefinition['schema']>(
    (options.events ?? []).map((definition) => [definition.type, definition.schema]),
  );

  function checkSchemas(events: readonly TEvent[]): void {
    if (schemas.size === 0) return;
    for (const event of events) {
      const schema = schemas.get(event.type);
      if (!schema) fail(`The decider emitted ${event.type}, which is not among the registered event types`);
      const result = schema.safeParse(event.data);
      if (!result.success) fail(`The decider emitted an invalid ${event.type}: ${JSON.stringify(result.error.issues)}`);
    }
  }

  return {
    given(history) {
      return {
        when(command) {
          const run = () => {
            const before = history.reduce((state, event) => decider.evolve(state, event), decider.initialState());
            const events = decider.decide(command, before);
            checkSchemas(events);
            return { events, state: events.reduce((state, event) => decider.evolve(state, event), before) };
          };
          return {
            then(expected) {
              const { events, state } = run();
              deepStrictEqual(events, expected);
              return state;
            },
            thenNothing() {
              const { events, state } = run();
              deepStrictEqual(events, []);
              return state;
            },
            thenThrows(expected = {}) {
              let outcome: { events: readonly TEvent[] } | undefined;
              try {
                outcome = run();
              } catch (error) {
                const actual = error as Record<string, unknown>;
                for (const [key, value] of Object.entries(expected)) {
                  deepStrictEqual(actual?.[key], value, `error.${key}`);
                }
                return error;
              }
              return fail(`Expected the decider to throw, but it emitted ${JSON.stringify(outcome.events)}`);
            },
            decided: run,
          };
        },
      };
    },
  };
}
