import { z } from 'zod';
import { defineEvent } from '@scim/contracts';
import type { Decider } from '../command-handler';
import { deciderSpec } from './decider-spec';

const Added = defineEvent('CounterAdded', 1, z.object({ by: z.number().int().positive() }));
type CounterEvent = { type: 'CounterAdded.v1'; data: { by: number } };
type CounterCommand = { type: 'Add'; by: number };

class LimitReached extends Error {
  readonly code = 'CONFLICT';
}

const counter: Decider<number, CounterCommand, CounterEvent> = {
  initialState: () => 0,
  evolve: (state, event) => state + event.data.by,
  decide: (command, state) => {
    if (state + command.by > 10) throw new LimitReached('limit');
    return command.by === 0 ? [] : [{ type: 'CounterAdded.v1', data: { by: command.by } }];
  },
};

const spec = deciderSpec(counter, { events: [Added] });
const added = (by: number): CounterEvent => ({ type: 'CounterAdded.v1', data: { by } });

describe('deciderSpec', () => {
  it('passes when the decider emits the expected events and returns the state after them', () => {
    expect(spec.given([added(2)]).when({ type: 'Add', by: 3 }).then([added(3)])).toBe(5);
  });

  it('fails when the decider emits other events', () => {
    expect(() => spec.given([]).when({ type: 'Add', by: 3 }).then([added(4)])).toThrow();
  });

  it('checks no-ops', () => {
    expect(spec.given([added(1)]).when({ type: 'Add', by: 0 }).thenNothing()).toBe(1);
    expect(() => spec.given([]).when({ type: 'Add', by: 1 }).thenNothing()).toThrow();
  });

  it('checks thrown errors by their properties', () => {
    const error = spec.given([added(9)]).when({ type: 'Add', by: 2 }).thenThrows({ code: 'CONFLICT', message: 'limit' });
    expect(error).toBeInstanceOf(LimitReached);
    expect(() => spec.given([added(9)]).when({ type: 'Add', by: 2 }).thenThrows({ code: 'NOT_FOUND' })).toThrow();
    expect(() => spec.given([]).when({ type: 'Add', by: 2 }).thenThrows()).toThrow(/Expected the decider to throw/);
  });

  it('refuses events that do not match their registered schema', () => {
    const sloppy = deciderSpec({ ...counter, decide: () => [added(-1)] }, { events: [Added] });
    expect(() => sloppy.given([]).when({ type: 'Add', by: 1 }).then([added(-1)])).toThrow(/invalid CounterAdded.v1/);
    const unknown = deciderSpec({ ...counter, decide: () => [{ type: 'Other.v1', data: {} } as unknown as CounterEvent] }, { events: [Added] });
    expect(() => unknown.given([]).when({ type: 'Add', by: 1 }).decided()).toThrow(/not among the registered/);
  });
});
