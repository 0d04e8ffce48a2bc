/**
 * The admin credential, kept for this tab's session only (sessionStorage: gone when the tab closes, never
 * shared with other tabs, never in localStorage).
 */
const KEY = 'scim-admin.credential';

export interface CredentialStore {
  read(): string | null;
  save(credential: string): void;
  clear(): void;
}

export function sessionCredentialStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): CredentialStore {
  return {
    read: () => storage.getItem(KEY),
    save: (credential) => storage.setItem(KEY, credential),
    clear: () => storage.removeItem(KEY),
  };
}
