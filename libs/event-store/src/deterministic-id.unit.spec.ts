import { eventIdFor, uuidV5 } from './deterministic-id';

describe('uuidV5', () => {
  it('matches the RFC example (www.example.com in the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is a version 5, RFC variant UUID', () => {
    expect(uuidV5('anything')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('eventIdFor', () => {
  it('gives the same id for the same command and index, and different ids otherwise', () => {
    expect(eventIdFor('command-1', 0)).toBe(eventIdFor('command-1', 0));
    const ids = new Set([eventIdFor('command-1', 0), eventIdFor('command-1', 1), eventIdFor('command-2', 0)]);
    expect(ids.size).toBe(3);
  });
});
