import { correlationIdFrom } from './correlation-id';

describe('correlationIdFrom', () => {
  it('keeps a sane caller id', () => {
    expect(correlationIdFrom('4bf92f3577b34da6a3ce929d0e0e4736')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(correlationIdFrom(['abc-1', 'abc-2'])).toBe('abc-1');
  });

  it.each([undefined, '', 'with space', 'line\nbreak', 'x'.repeat(129), '{"json":1}'])(
    'replaces %p with a fresh uuid',
    (header) => {
      expect(correlationIdFrom(header)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    },
  );
});
