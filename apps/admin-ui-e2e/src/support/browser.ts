import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { WORKSPACE_ROOT } from './started-system';

export const SCREENSHOT_DIR = join(WORKSPACE_ROOT, 'test-output', 'screenshots');

/** Debian's Chromium (`apt-get install -y chromium`); CHROMIUM_PATH names another binary. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    // This machine has no network beyond loopback: without these Chromium keeps calling home and logging failures.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Saves test-output/screenshots/<name>.png: the whole page, or only what the window shows. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/**
 * Every console error and uncaught exception of a page. Chromium also reports each HTTP error response of a
 * fetch as a console error ("Failed to load resource: ... 400"); a test takes out those it provoked on purpose
 * with `expectHttpError`, so anything left at the end is a real problem.
 */
export class ConsoleWatch {
  private readonly errors: string[] = [];

  constructor(page: Page) {
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') this.errors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => this.errors.push(`uncaught: ${error.message}`));
  }

  /** Removes the browser's report of one HTTP error status it was expected to see (waiting for it, bounded). */
  async expectHttpError(status: number): Promise<void> {
    const matches = (line: string) => line.startsWith('Failed to load resource') && line.includes(`status of ${status}`);
    for (let attempt = 0; attempt < 50 && !this.errors.some(matches); attempt++) await new Promise((r) => setTimeout(r, 100));
    const index = this.errors.findIndex(matches);
    if (index < 0) throw new Error(`expected the browser to report an HTTP ${status}; console errors: ${JSON.stringify(this.errors)}`);
    this.errors.splice(index, 1);
  }

  unexpected(): readonly string[] {
    return [...this.errors];
  }
}
