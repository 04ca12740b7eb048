import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { formTokenOf } from '../../apps/api/src/auth/cross-site.js';
import { sessionCookie } from '../../apps/api/src/plugins/auth.js';
import { createTestApi, type TTestApi } from './test-api.js';

/** Where the browser tests leave their screenshots for a person to look at (kept by the run). */
export const screenshotDir = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // No sandbox: CI runs as root. No background networking: the browser itself must not
    // contact anyone, or the "no other origin" checks would be measuring Google, not us.
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--no-first-run',
      '--disable-features=Translate,OptimizationHints,MediaRouter',
    ],
  });
}

export type TWebServer = TTestApi & { origin: string };

/** The real API with its pages, listening on a loopback port for the browser. */
export async function startWebServer(
  overrides: Record<string, string> = {},
  options: { pipeline?: boolean } = {},
): Promise<TWebServer> {
  const api = await createTestApi(overrides, options);
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = api.app.server.address() as AddressInfo;
  return { ...api, origin: `http://127.0.0.1:${port}` };
}

export type TWatchedPage = { page: Page; context: BrowserContext; foreign: string[]; consoleErrors: string[] };

/**
 * A page that records every request to another origin (there must be none) and every
 * console error (a CSP violation shows up there).
 */
export async function openPage(
  browser: Browser,
  origin: string,
  options: { javaScript?: boolean } = {},
): Promise<TWatchedPage> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const foreign: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return { page, context, foreign, consoleErrors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type TA11yViolation = { id: string; impact: string | null; help: string; targets: string[] };

/**
 * axe-core's WCAG 2 A/AA rules on the page as it stands: labels, names, contrast, landmarks.
 * Evaluated through the DevTools protocol, which the page's CSP does not govern, so the check
 * needs no hole in the policy.
 */
export async function accessibilityViolations(page: Page): Promise<TA11yViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

/** The form token of this context's session: what a resent or hand-made form of its pages posts. */
export async function formTokenOfContext(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === sessionCookie);
  if (!cookie) throw new Error('no session in this browser context');
  return formTokenOf(cookie.value);
}
