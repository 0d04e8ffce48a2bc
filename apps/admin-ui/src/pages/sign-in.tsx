import { useState } from 'preact/hooks';
import { AdminApi, ApiError } from '../lib/api';

interface SignInProps {
  readonly notice?: string;
  readonly onSignedIn: (credential: string) => void;
}

/** Asks for the admin credential and checks it against the gateway before keeping it for this tab. */
export function SignIn({ notice, onSignedIn }: SignInProps) {
  const [credential, setCredential] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const typed = credential.trim();
    if (!typed) {
      setError('Enter the admin token.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      // The cheapest call the admin token is needed for: a totals-only page of companies.
      await new AdminApi(typed).listCompanies({ startIndex: 1, count: 0 });
      onSignedIn(typed);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 401
          ? 'That admin token was not accepted.'
          : failure instanceof Error
            ? failure.message
            : String(failure),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" class="narrow">
      <h1>Sign in</h1>
      <p>
        Sign in with the gateway's admin token (<code>ADMIN_TOKEN</code>; <code>npm start</code> prints it and keeps it in{' '}
        <code>data/admin-token</code>). It is kept for this browser tab only.
      </p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="admin-token">Admin token</label>
          <input
            id="admin-token"
            type="password"
            autoComplete="current-password"
            value={credential}
            onInput={(event) => setCredential(event.currentTarget.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'admin-token-error' : undefined}
            autoFocus
          />
          {error && (
            <p class="field-error" id="admin-token-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
