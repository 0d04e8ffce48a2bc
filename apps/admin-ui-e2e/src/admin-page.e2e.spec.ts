import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ConsoleWatch, launchChromium, screenshot } from './support/browser';
import { startBuiltSystem, type StartedSystem } from './support/started-system';

/**
 * Issue 6's journey in a real browser against `npm start`'s processes: sign in, register a company, save the
 * SCIM settings (one bad allowlist entry refused inline first), generate a token, provision a user with it over
 * HTTP, see the user on the page, reset the token and check which token works.
 */
describe('SCIM Provisioning settings page in Chromium', () => {
  let system: StartedSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let consoleWatch: ConsoleWatch;
  let firstToken = '';
  let secondToken = '';
  let endpoint = '';
  const userName = `jane.doe.${Date.now()}@example.com`;

  beforeAll(async () => {
    system = await startBuiltSystem();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: system.baseUrl });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    consoleWatch = new ConsoleWatch(page);
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  /** SCIM over plain HTTP, as an identity provider calls it. */
  const scim = (token: string, method: 'GET' | 'POST', path: string, body?: unknown) =>
    fetch(`${endpoint}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'x-request-origin': 'idp.example.com',
        ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** Asks again (bounded) while the answer is not the wanted one yet: reads that follow a write may lag. */
  async function until<T>(read: () => Promise<T>, wanted: (value: T) => boolean, attempts = 50, pauseMs = 200): Promise<T> {
    let value = await read();
    for (let attempt = 1; attempt < attempts && !wanted(value); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      value = await read();
    }
    return value;
  }

  it('is served by the gateway itself, with a strict content security policy and cacheable assets', async () => {
    const html = await fetch(`${system.baseUrl}/admin`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const body = await html.text();
    const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(body)?.[1];
    expect(script).toBeDefined();
    expect(body).not.toMatch(/https?:\/\//); // nothing from elsewhere: no CDN

    const asset = await fetch(`${system.baseUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const notModified = await fetch(`${system.baseUrl}${script}`, { headers: { 'if-none-match': asset.headers.get('etag') ?? '' } });
    expect(notModified.status).toBe(304);

    const slash = await fetch(`${system.baseUrl}/admin/`);
    expect([slash.status, await slash.text()]).toEqual([200, body]);
    expect((await fetch(`${system.baseUrl}/admin/assets/missing.js`)).status).toBe(404);
  });

  it('signs in with the admin token, keeping it for the tab only (sessionStorage, never localStorage)', async () => {
    await page.goto(`${system.baseUrl}/admin`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, '01-sign-in');

    await page.getByLabel('Admin token').fill('adm_this-is-not-the-admin-token');
    await page.keyboard.press('Enter');
    await page.getByText('That admin token was not accepted.').waitFor();
    await consoleWatch.expectHttpError(401);

    await page.getByLabel('Admin token').fill(system.adminToken);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Choose a company' }).waitFor();
    const storage = await page.evaluate(() => ({
      session: Object.values(sessionStorage),
      local: Object.keys(localStorage).length,
    }));
    expect(storage).toEqual({ session: [system.adminToken], local: 0 });
  });

  it('registers a company and opens its SCIM Provisioning page, where Generate waits for saved settings', async () => {
    await page.getByText('No company is registered yet').waitFor();
    await page.getByLabel('Company name').fill('Acme Corp');
    await page.getByLabel('Workspaces').fill('Production, Staging');
    await page.getByRole('button', { name: 'Register company' }).click();
    await page.getByRole('heading', { name: /SCIM Provisioning · Acme Corp/ }).waitFor();
    expect(page.url()).toMatch(/\/admin#\/companies\/[0-9a-f-]{36}$/);

    const generate = page.getByRole('button', { name: 'Generate SCIM token' });
    expect(await generate.isDisabled()).toBe(true);
    await page.getByText('Save the default workspace and service origin first.').waitFor();
  });

  it('refuses a bad allowlist entry inline, naming it, and saves once it is corrected', async () => {
    await page.getByLabel('Default workspace').selectOption({ label: 'Production' });
    await page.getByLabel('Service origin').fill('idp.example.com');
    await page.getByLabel('IP allowlist').fill('127.0.0.1, 300.1.1.1');
    await page.getByRole('button', { name: 'Save' }).click();

    const entryError = page.locator('#ipAllowlist-error');
    await entryError.waitFor();
    expect(await entryError.innerText()).toContain('Entry 2: "300.1.1.1" is not an IPv4 or IPv6 address');
    expect(await page.getByLabel('IP allowlist').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('IP allowlist').getAttribute('aria-describedby')).toContain('ipAllowlist-error');
    await consoleWatch.expectHttpError(400);
    expect(await page.getByRole('button', { name: 'Generate SCIM token' }).isDisabled()).toBe(true);
    await screenshot(page, '02-allowlist-entry-refused');

    // The SCIM calls below come from 127.0.0.1, so the allowlist lets them in.
    await page.getByLabel('IP allowlist').fill('127.0.0.1, ::1');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect(await entryError.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Generate SCIM token' }).isEnabled()).toBe(true);
  });

  it('generates the token: in full once, with a "shown only once" warning, copy buttons and the endpoint', async () => {
    await page.getByRole('button', { name: 'Generate SCIM token' }).click();
    await page.getByText('Copy this token now: it is shown only once.').waitFor();
    firstToken = await page.getByRole('textbox', { name: 'SCIM token', exact: true }).inputValue();
    endpoint = await page.getByRole('textbox', { name: 'SCIM API endpoint', exact: true }).inputValue();
    expect(firstToken).toMatch(/^scim_[A-Za-z0-9_-]{43,}$/);
    expect(endpoint).toBe(`${system.baseUrl}/scim/v2`);

    await page.getByRole('button', { name: 'Copy SCIM token' }).click();
    await page.getByText('SCIM token copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(firstToken);
    await page.getByRole('button', { name: 'Copy SCIM API endpoint' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(endpoint);
    await screenshot(page, '03-token-generated');
  });

  it('provisions a user with that token over HTTP and lists it on the page, searched with userName sw', async () => {
    const created = await scim(firstToken, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      name: { givenName: 'Jane', familyName: 'Doe' },
      department: 'finance',
    });
    expect(created.status).toBe(201);

    await page.getByLabel('Search by userName (starts with)').fill('jane.doe');
    const row = page.getByRole('row', { name: new RegExp(userName.replace(/[.]/g, '\\.')) });
    await until(
      async () => {
        await page.getByRole('button', { name: 'Search' }).click();
        await page.getByRole('status').filter({ hasText: /Showing|No user/ }).first().waitFor();
        return row.count();
      },
      (count) => count > 0,
    );
    expect(await row.innerText()).toMatch(/Jane Doe\s+finance\s+Yes/);
    await page.getByText('Showing 1–1 of 1').waitFor();
    await screenshot(page, '04-provisioned-user-listed');
  });

  it('after a reload shows only the masked hint and the issue time, never the token', async () => {
    await page.reload();
    await page.getByRole('heading', { name: /SCIM Provisioning · Acme Corp/ }).waitFor();
    await page.getByText(`••••••••••••${firstToken.slice(-4)}`).waitFor();
    await page.getByText('Issued', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(firstToken);
    expect(await page.getByText('shown only once').count()).toBe(0);
  });

  it("says how many SCIM requests a day the identity provider may make, the company's own limit once one is set", async () => {
    await page.getByText('The identity provider may make 5,000 SCIM requests a day, shared by every endpoint.').waitFor();
    const companyId = decodeURIComponent(new URL(page.url()).hash.replace('#/companies/', ''));
    const set = await fetch(`${system.baseUrl}/admin/v1/companies/${companyId}/scim-request-limit`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${system.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ dailyRequestLimit: 250_000 }),
    });
    expect(set.status).toBe(200);
    await page.reload();
    await page.getByText('The identity provider may make 250,000 SCIM requests a day, shared by every endpoint: a limit set for this company.').waitFor();
  });

  it('resets the token only after confirmation; the old token is refused (401), the new one works', async () => {
    await page.getByRole('button', { name: 'Reset token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset the SCIM token?' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await scim(firstToken, 'GET', '/Users?count=1')).status).toBe(200);

    await page.getByRole('button', { name: 'Reset token' }).click();
    await dialog.getByRole('button', { name: 'Reset token' }).click();
    await page.getByText('Copy this token now: it is shown only once.').waitFor();
    secondToken = await page.getByRole('textbox', { name: 'SCIM token', exact: true }).inputValue();
    expect(secondToken).toMatch(/^scim_/);
    expect(secondToken).not.toBe(firstToken);
    await screenshot(page, '05-token-reset');

    // Gateways drop a revoked token on the revocation notice: within a second.
    const old = await until(() => scim(firstToken, 'GET', '/Users?count=1'), (response) => response.status === 401, 10, 100);
    expect(old.status).toBe(401);
    const fresh = await scim(secondToken, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(fresh.status).toBe(200);
    expect((await fresh.json()) as { totalResults: number }).toMatchObject({ totalResults: 1 });
  });

  it('shows the settings and token history newest first: what, who, from where', async () => {
    const history = page.getByRole('table', { name: 'History of settings and token events' });
    const firstRow = history.getByRole('row').nth(1);
    await until(() => firstRow.innerText(), (text) => text.includes('SCIM token reset'));
    expect(await firstRow.innerText()).toContain(`SCIM token reset: new token …${secondToken.slice(-4)} issued`);
    const text = await history.innerText();
    for (const expected of ['SCIM token revoked (replaced by a reset)', `SCIM token issued (…${firstToken.slice(-4)})`, 'SCIM settings saved: method custom, origin idp.example.com, 2 IP allowlist entries', 'Company registered: Acme Corp', 'admin', '127.0.0.1']) {
      expect(text).toContain(expected);
    }
    expect(text.indexOf('SCIM token reset')).toBeLessThan(text.indexOf('SCIM settings saved'));
    expect(text.indexOf('SCIM settings saved')).toBeLessThan(text.indexOf('Company registered'));
    await screenshot(page, '06-scim-provisioning-page');
  });

  it('labels every field, works with the keyboard and stays readable in a narrow window', async () => {
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll('input, select, textarea'))
        .filter((field) => (field as HTMLInputElement).labels?.length === 0 && !field.getAttribute('aria-label'))
        .map((field) => field.outerHTML),
    );
    expect(unlabelled).toEqual([]);

    // The skip link comes first: one Shift+Tab back from the breadcrumb, and Enter moves the focus to the content.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByRole('button', { name: 'Reset token' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Reset the SCIM token?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('heading', { name: 'SCIM token' }).scrollIntoViewIfNeeded();
    await screenshot(page, '07-narrow-window-token', false);
    await page.getByRole('heading', { name: 'History' }).scrollIntoViewIfNeeded();
    await screenshot(page, '08-narrow-window-history', false);
  });

  it('pages the company picker and finds a company by part of its name', async () => {
    const admin = { authorization: `Bearer ${system.adminToken}`, 'content-type': 'application/json' };
    for (let index = 1; index <= 60; index++) {
      const name = `Tenant ${String(index).padStart(2, '0')}`;
      const registered = await fetch(`${system.baseUrl}/admin/v1/companies`, { method: 'POST', headers: admin, body: JSON.stringify({ name, workspaces: [{ name: 'Main' }] }) });
      expect(registered.status).toBe(201);
    }
    const total = async () => ((await (await fetch(`${system.baseUrl}/admin/v1/companies?count=0`, { headers: admin })).json()) as { totalResults: number }).totalResults;
    expect(await until(total, (count) => count === 61)).toBe(61);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${system.baseUrl}/admin#/`);
    await page.getByRole('heading', { name: 'Choose a company' }).waitFor();
    await page.getByText('Showing 1–50 of 61').waitFor();
    const links = page.getByRole('list', { name: 'Companies' }).getByRole('link');
    expect(await links.count()).toBe(50);
    expect(await links.first().innerText()).toBe('Acme Corp');
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Showing 51–61 of 61').waitFor();
    expect(await links.last().innerText()).toBe('Tenant 60');

    await page.getByLabel('Find a company (part of its name)').fill('acme');
    await page.keyboard.press('Enter');
    await page.getByText('Showing 1–1 of 1').waitFor();
    expect(await links.allInnerTexts()).toEqual(['Acme Corp']);
    await screenshot(page, '09-company-picker-search');
    await page.getByLabel('Find a company (part of its name)').fill('Umbrella');
    await page.keyboard.press('Enter');
    await page.getByText('No company name contains this text.').waitFor();
  });

  it('wrote no errors to the browser console besides the refusals provoked above', () => {
    expect(consoleWatch.unexpected()).toEqual([]);
  });
});
