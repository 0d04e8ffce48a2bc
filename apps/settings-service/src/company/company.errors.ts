import { DomainError, type RpcErrorIssue } from '@scim/contracts';

/* The company decider's failures, each a DomainError with a shared code and the field it is about. */

export function companyNotFound(companyId: string): DomainError {
  return new DomainError('NOT_FOUND', `Company ${companyId} not found`, [{ path: 'companyId', message: 'no such company' }]);
}

export function companyAlreadyRegistered(companyId: string): DomainError {
  return new DomainError('CONFLICT', `Company ${companyId} is already registered`, [{ path: 'companyId', message: 'already registered' }]);
}

export function notFound(what: string, path: string, id: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} ${id} not found`, [{ path, message: `no such ${what.toLowerCase()}` }]);
}

export function idInUse(what: string, path: string, id: string): DomainError {
  return new DomainError('CONFLICT', `${what} id ${id} is already in use`, [{ path, message: 'id already in use' }]);
}

export function nameTaken(what: string, parent: string, name: string, path = 'name'): DomainError {
  return new DomainError('UNIQUENESS', `A ${what} named "${name}" already exists in this ${parent}`, [
    { path, message: `"${name}" is taken (names are unique within their ${parent}, ignoring case)` },
  ]);
}

export function invalid(message: string, issues: readonly RpcErrorIssue[]): DomainError {
  return new DomainError('VALIDATION_FAILED', message, issues);
}
