import { z } from 'zod';
import { defineEvent } from '@scim/contracts';
import { InvalidEventPayload, UnknownEventType } from './errors';
import { EventRegistry } from './event-registry';

const NameGivenV1 = defineEvent('NameGiven', 1, z.object({ fullName: z.string() }));
const NameGivenV2 = defineEvent('NameGiven', 2, z.object({ givenName: z.string(), familyName: z.string() }));
const NameGivenV3 = defineEvent('NameGiven', 3, z.object({ name: z.object({ given: z.string(), family: z.string() }) }));

function v1ToV2(data: unknown) {
  const [givenName = '', ...rest] = (data as { fullName: string }).fullName.split(' ');
  return { givenName, familyName: rest.join(' ') };
}

describe('EventRegistry', () => {
  describe('on write', () => {
    const registry = new EventRegistry([NameGivenV2]);

    it('returns the payload as it will be stored (unknown keys dropped)', () => {
      expect(registry.validateForWrite(NameGivenV2.type, { givenName: 'Ada', familyName: 'Lovelace', extra: 1 })).toEqual({
        givenName: 'Ada',
        familyName: 'Lovelace',
      });
    });

    it('rejects an unknown type', () => {
      expect(() => registry.validateForWrite('NameGiven.v9', {})).toThrow(UnknownEventType);
    });

    it('rejects an invalid payload with the zod issues', () => {
      const error = captureError(() => registry.validateForWrite(NameGivenV2.type, { givenName: 3 }));
      expect(error).toBeInstanceOf(InvalidEventPayload);
      expect((error as InvalidEventPayload).type).toBe(NameGivenV2.type);
      expect((error as InvalidEventPayload).issues.map((issue) => issue.path.join('.')).sort()).toEqual(['familyName', 'givenName']);
    });

    it('refuses the same type registered twice with different schemas', () => {
      const other = defineEvent('NameGiven', 2, z.object({}));
      expect(() => new EventRegistry([NameGivenV2, other])).toThrow(/registered twice/);
    });
  });

  describe('on read', () => {
    it('returns a current event as stored, after checking it', () => {
      const registry = new EventRegistry([NameGivenV2]);
      expect(registry.decode(NameGivenV2.type, { givenName: 'Ada', familyName: 'L' })).toEqual({
        type: NameGivenV2.type,
        data: { givenName: 'Ada', familyName: 'L' },
      });
      expect(() => registry.decode(NameGivenV2.type, { givenName: 'Ada' })).toThrow(InvalidEventPayload);
      expect(() => registry.decode('Other.v1', {})).toThrow(UnknownEventType);
    });

    it('upcasts through a chain of upcasters, keeping the stored form', () => {
      const registry = new EventRegistry([NameGivenV3])
        .registerUpcaster({ from: NameGivenV1.type, to: NameGivenV2, upcast: v1ToV2 })
        .registerUpcaster({
          from: NameGivenV2.type,
          to: NameGivenV3,
          upcast: (data) => {
            const { givenName, familyName } = data as { givenName: string; familyName: string };
            return { name: { given: givenName, family: familyName } };
          },
        });
      expect(registry.decode(NameGivenV1.type, { fullName: 'Ada King Lovelace' })).toEqual({
        type: NameGivenV3.type,
        data: { name: { given: 'Ada', family: 'King Lovelace' } },
        original: { type: NameGivenV1.type, data: { fullName: 'Ada King Lovelace' } },
      });
    });

    it('checks the upcast result against the new schema', () => {
      const registry = new EventRegistry().registerUpcaster({ from: NameGivenV1.type, to: NameGivenV2, upcast: () => ({ givenName: 'x' }) as never });
      expect(() => registry.decode(NameGivenV1.type, { fullName: 'x' })).toThrow(InvalidEventPayload);
    });

    it('no longer writes a type that has an upcaster', () => {
      const registry = new EventRegistry([NameGivenV1]).registerUpcaster({ from: NameGivenV1.type, to: NameGivenV2, upcast: v1ToV2 });
      expect(registry.has(NameGivenV1.type)).toBe(false);
      expect(registry.has(NameGivenV2.type)).toBe(true);
      expect(() => registry.validateForWrite(NameGivenV1.type, { fullName: 'x' })).toThrow(UnknownEventType);
    });

    it('refuses upcasters that form a cycle', () => {
      const registry = new EventRegistry().registerUpcaster({ from: NameGivenV1.type, to: NameGivenV2, upcast: v1ToV2 });
      expect(() => registry.registerUpcaster({ from: NameGivenV2.type, to: NameGivenV1, upcast: (data) => data as never })).toThrow(
        /cycle/,
      );
    });
  });
});

function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
