import { DomainError, isDomainError } from './domain-error';
import { RpcErrorEnvelope } from './rpc-error';

describe('DomainError', () => {
  it('becomes a valid error envelope with its issues', () => {
    const error = new DomainError('VALIDATION_FAILED', 'bad input', [{ path: 'name', message: 'required' }]);
    const envelope = error.toEnvelope();
    expect(RpcErrorEnvelope.parse(envelope)).toEqual({ code: 'VALIDATION_FAILED', message: 'bad input', issues: [{ path: 'name', message: 'required' }] });
    expect(isDomainError(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
  });

  it('leaves issues out of the envelope when there are none', () => {
    expect(new DomainError('NOT_FOUND', 'no such company').toEnvelope()).toEqual({ code: 'NOT_FOUND', message: 'no such company' });
    expect(isDomainError(new Error('x'))).toBe(false);
  });
});
