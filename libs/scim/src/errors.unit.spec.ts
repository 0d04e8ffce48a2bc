import { isScimError, SCIM_ERROR_SCHEMA, ScimError, toScimErrorBody } from './errors';

describe('ScimError', () => {
  it('renders the RFC 7644 §3.12 error body with status as a string', () => {
    const error = ScimError.badRequest('invalidFilter', 'Invalid filter: unknown attribute "nickName"');
    expect(toScimErrorBody(error)).toEqual({
      schemas: [SCIM_ERROR_SCHEMA],
      status: '400',
      scimType: 'invalidFilter',
      detail: 'Invalid filter: unknown attribute "nickName"',
    });
  });

  it('leaves scimType out when there is none', () => {
    expect(toScimErrorBody(new ScimError(404, undefined, 'Resource not found'))).toEqual({
      schemas: [SCIM_ERROR_SCHEMA],
      status: '404',
      detail: 'Resource not found',
    });
  });

  it('is an Error that can be recognised', () => {
    const error = new ScimError(409, 'uniqueness', 'User already exists');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('User already exists');
    expect(isScimError(error)).toBe(true);
    expect(isScimError(new Error('x'))).toBe(false);
  });
});
