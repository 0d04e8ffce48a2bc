import { DomainError, type RpcErrorIssue } from '@scim/contracts';

/* The users context's failures, each a DomainError with a shared code; messages are safe to show to clients. */

/**
 * Also for users of other companies and deleted users: a caller learns nothing about them. Worded as the
 * gateway words a batched GET's miss, so every 404 on a user reads the same.
 */
export function userNotFound(): DomainError {
  return new DomainError('NOT_FOUND', 'User not found');
}

/** Says nothing about where the userName is used: another company's users must stay invisible. */
export function userNameTaken(): DomainError {
  return new DomainError('UNIQUENESS', 'A user with this userName already exists (userNames are unique, ignoring case)', [
    { path: 'userName', message: 'already exists' },
  ]);
}

export function userNameImmutable(): DomainError {
  return new DomainError('MUTABILITY', 'userName cannot be changed', [{ path: 'userName', message: 'immutable' }]);
}

export function invalidValue(message: string, issues: readonly RpcErrorIssue[]): DomainError {
  return new DomainError('INVALID_VALUE', message, issues);
}

export function companyNotFound(companyId: string): DomainError {
  return new DomainError('NOT_FOUND', `Company ${companyId} not found`, [{ path: 'companyId', message: 'no such company' }]);
}

export function noDefaultWorkspace(): DomainError {
  return new DomainError(
    'SETTINGS_INCOMPLETE',
    'No workspace given and no default workspace configured in the SCIM provisioning settings',
    [{ path: 'permissions.appGroup', message: 'name a workspace, or configure a default workspace' }],
  );
}
