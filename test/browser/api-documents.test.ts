import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineSecurityHeaders } from '../../apps/api/src/web/security-headers.js';
import { launchBrowser, openPage, startWebServer, type TWebServer } from '../support/browser.js';
import { setupElection } from '../support/pipeline.js';

// Issue 14 item 17: the /v1 answers, the CSV and /docs carried none of the pages' security
// headers. Every response now has nosniff, no-referrer, no framing and a policy fitting it;
// /docs keeps working under its own policy, in a real browser.
let server: TWebServer;
let browser: Browser;
beforeAll(async () => {
  server = await startWebServer();
  await setupElection(server, 2);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('security headers on every response', () => {
  it('are on JSON, CSV, errors, /docs and pages; data responses run nothing', async () => {
    const paths = [
      '/health',
      '/v1/elections',
      '/v1/elections/nonesuch',
      '/v1/elections/by-2025/report.csv',
      '/docs/json',
      '/docs',
      '/docs/static/index.html',
      '/en/',
    ];
    for (const path of paths) {
      const res = await fetch(`${server.origin}${path}`);
      await res.arrayBuffer();
      const h = (name: string) => res.headers.get(name) ?? '';
      expect(h('x-content-type-options'), path).toBe('nosniff');
      expect(h('referrer-policy'), path).toBe('no-referrer');
      expect(h('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(h('strict-transport-security'), `${path}: no HSTS over plain HTTP`).toBe('');
      if (path.startsWith('/v1') || path === '/health') {
        expect(h('content-security-policy'), path).toContain('sandbox');
      }
    }
    expect(baselineSecurityHeaders(true)['strict-transport-security']).toMatch(/^max-age=\d+/);
  });

  it('lets /docs show the API under its own policy, with nothing from another origin', async () => {
    const { page, context, foreign, consoleErrors } = await openPage(browser, server.origin);
    await page.goto(`${server.origin}/docs`);
    await page.getByText('CrossTally API').first().waitFor({ timeout: 15_000 });
    expect(await page.getByText('/v1/elections/{election}/self-reports').count()).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
