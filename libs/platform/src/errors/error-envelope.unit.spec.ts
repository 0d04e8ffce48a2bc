import { DomainError } from '@scim/contracts';
import { asErrorEnvelope } from './error-envelope';

describe('asErrorEnvelope', () => {
  it('turns a DomainError into its envelope', () => {
    expect(asErrorEnvelope(new DomainError('NOT_FOUND', 'no such company'))).toEqual({
      code: 'NOT_FOUND',
      message: 'no such company',
    });
  });

  it('accepts domain errors shaped with a known code and keeps their issues', () => {
    const error = Object.assign(new Error('bad entry'), {
      code: 'INVALID_VALUE',
      issues: [{ path: 'ipAllowlist[1]', message: '300.1.1.1 is not an address' }],
    });
    expect(asErrorEnvelope(error)).toEqual({
      code: 'INVALID_VALUE',
      message: 'bad entry',
      issues: [{ path: 'ipAllowlist[1]', message: '300.1.1.1 is not an address' }],
    });
  });

  it('refuses anything else, so unexpected failures stay internal', () => {
    expect(asErrorEnvelope(new Error('boom'))).toBeUndefined();
    expect(asErrorEnvelope(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(asErrorEnvelope('string')).toBeUndefined();
  });
});
