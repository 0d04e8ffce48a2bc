import { useEffect, useMemo, useState } from 'preact/hooks';
import { AdminApi } from './lib/api';
import { parseRoute, type Route } from './lib/route';
import type { CredentialStore } from './lib/session';
import { Companies } from './pages/companies';
import { ScimProvisioning } from './pages/scim-provisioning';
import { SignIn } from './pages/sign-in';

export function App({ credentials }: { readonly credentials: CredentialStore }) {
  const [credential, setCredential] = useState<string | null>(() => credentials.read());
  const [notice, setNotice] = useState<string | undefined>();
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));

  useEffect(() => {
    const onHashChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHashChange);
    return () => removeEventListener('hashchange', onHashChange);
  }, []);

  const api = useMemo(
    () =>
      credential
        ? new AdminApi(credential, {
            onUnauthorized: () => {
              credentials.clear();
              setCredential(null);
              setNotice('The gateway no longer accepts this admin token. Sign in again.');
            },
          })
        : null,
    [credential, credentials],
  );

  function signOut() {
    credentials.clear();
    setCredential(null);
    setNotice('Signed out.');
  }

  return (
    <>
      <a class="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header class="top">
        <nav aria-label="Breadcrumb" class="breadcrumb">
          <ol>
            <li>Settings</li>
            <li>Admin Settings</li>
            <li>{route.page === 'company' && api ? <a href="#/">SCIM Provisioning</a> : <span aria-current="page">SCIM Provisioning</span>}</li>
          </ol>
        </nav>
        {api && (
          <div class="session">
            <a href="#/">Companies</a>
            <button type="button" class="link" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      {!api ? (
        <SignIn
          notice={notice}
          onSignedIn={(typed) => {
            credentials.save(typed);
            setNotice(undefined);
            setCredential(typed);
          }}
        />
      ) : route.page === 'company' ? (
        <ScimProvisioning api={api} companyId={route.companyId} />
      ) : (
        <Companies api={api} onOpen={(companyId) => (location.hash = `#/companies/${companyId}`)} />
      )}
    </>
  );
}

/** The hash is the router's: move the focus to the content instead of navigating. */
function skipToMain(event: Event) {
  event.preventDefault();
  const main = document.getElementById('main');
  main?.setAttribute('tabindex', '-1');
  main?.focus();
}
