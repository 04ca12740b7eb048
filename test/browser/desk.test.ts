import { languages, presidentialDefinition } from '@crosstally/shared';
import type { InjectOptions } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, testPassword } from '../support/accounts.js';
import {
  accessibilityViolations,
  launchBrowser,
  openPage,
  screenshot,
  startWebServer,
  type TWebServer,
  formTokenOfContext,
} from '../support/browser.js';
import { electionCode, honestProtocol, officialCsv } from '../support/election-fixture.js';
import { recomputeElection } from '../support/election-jobs.js';
import { multipart } from '../support/multipart.js';
import { renderProtocolPhoto } from '../support/protocol-image.js';
import { adminHeaders } from '../support/test-api.js';
import { setupWebElection } from '../support/web-election.js';

// Stations 0001 and 0002 are in Minsk, 0003 in Hrodna (see web-election.ts). 0001's and
// 0003's official numbers count 5 invalid ballots too many, which breaks the form's sums;
// 0001's posted protocol, typed by two digitizers, has the honest numbers: it differs from
// the official result on the invalid-ballots line only.
const codes = ['0001', '0002', '0003', '0004'];
const e = electionCode;
const lines = presidentialDefinition.form.lines;
const invalidLine = lines.find((l) => l.key === 'invalid')!;
const analyst = 'minsk-analyst';

let server: TWebServer;
let browser: Browser;
const cookies = { hrodna: '', digitizer: '' };

async function inject(options: InjectOptions) {
  const res = await server.app.inject(options);
  if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
  return res;
}

async function flagsOf(station: string) {
  return server.deps.db
    .selectFrom('flag')
    .innerJoin('station', 'station.id', 'flag.station_id')
    .select(['flag.id', 'flag.kind'])
    .where('station.code', '=', station)
    .where('flag.cleared_at', 'is', null)
    .execute();
}

const count = async (table: 'flag_review' | 'flag_note' | 'audit_log') =>
  (await server.deps.db.selectFrom(table).select('id').execute()).length;

beforeAll(async () => {
  server = await startWebServer({}, { pipeline: true });
  await setupWebElection(server);
  await inject({
    method: 'POST',
    url: `/v1/admin/elections/${e}/official`,
    headers: { ...adminHeaders, 'content-type': 'text/csv' },
    payload: officialCsv(codes, (code, v) => {
      if (code === '0001' || code === '0003') v.invalid! += 5;
    }),
  });
  const honest = honestProtocol(0);
  const image = await renderProtocolPhoto({
    election: e,
    station: '0001',
    lines: Object.fromEntries(lines.map((l) => [l.number, honest[l.key]!])),
    qr: false,
    width: 620,
    height: 877,
  });
  const upload = await inject({
    method: 'POST',
    url: `/v1/elections/${e}/stations/0001/photos`,
    ...multipart({}, [{ field: 'photo', filename: 'protocol.jpg', contentType: 'image/jpeg', data: image }]),
  });
  const minsk = [{ election: e, region: 'Minsk' }];
  for (const typist of ['typist-1', 'typist-2']) {
    const { cookie } = await createUser(server, typist, 'digitizer', minsk);
    cookies.digitizer = cookie;
    await inject({
      method: 'POST',
      url: `/v1/digitize/photos/${upload.json().id}/entries`,
      headers: { cookie },
      payload: { stationCode: '0001', lines: honest },
    });
  }
  const candidate = presidentialDefinition.candidates[0]!.key;
  for (const phone of ['+375291000001', '+375291000002']) {
    await inject({
      method: 'POST',
      url: `/v1/elections/${e}/self-reports`,
      payload: { station: '0001', candidate, voterKind: 'phone', voterToken: phone },
    });
  }
  await recomputeElection(server.app, e);
  await createUser(server, analyst, 'analyst', minsk);
  cookies.hrodna = (await createUser(server, 'hrodna-analyst', 'analyst', [{ election: e, region: 'Hrodna' }])).cookie;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Through the login page, as a person would; it sends an analyst to the desk. */
async function logIn(page: Page) {
  await page.goto(`${server.origin}/en/login`);
  await page.getByLabel('Username').fill(analyst);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${server.origin}/en/desk`);
}

async function withCookie(context: BrowserContext, cookie: string) {
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.origin }]);
}

const finding = (page: Page, kindLabel: string) => page.locator('article.finding', { hasText: kindLabel });

describe('the analysts’ desk with JavaScript off', () => {
  it('logs in, shows only the region’s flags, highlights the differing line and records a confirmation', async () => {
    const { page, context, foreign } = await openPage(browser, server.origin, { javaScript: false });
    await logIn(page);

    const stations = await page.locator('#queue tbody th[scope=row]').allTextContents();
    expect(stations.length).toBeGreaterThanOrEqual(2);
    expect(new Set(stations)).toEqual(new Set(['0001'])); // nothing of Hrodna's 0003
    expect(await page.locator('#queue').textContent()).toContain('The protocol does not add up');

    // Filters are a plain GET form.
    await page.getByLabel('Kind of finding').selectOption('arithmetic');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(page.url()).toContain('kind=arithmetic');
    expect(await page.locator('#queue tbody tr').count()).toBe(1);

    await page.getByRole('link', { name: '0001' }).click();
    expect(await page.locator('h1').textContent()).toBe('Station 0001: review');
    const differing = page.locator('table.desk-numbers tbody tr.differs');
    expect(await differing.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-line')))).toEqual(['invalid']);
    expect(await differing.locator('th').textContent()).toContain(`${invalidLine.number}.`);
    expect(await differing.locator('td.differs').textContent()).toContain('differs from the official');
    // The photo is shown beside the numbers, and the voters' counts per candidate.
    expect(await page.locator('.desk-photos img').count()).toBe(1);
    expect(await page.locator('table.desk-numbers thead').textContent()).toContain('double entry');
    expect(await page.locator('table.desk-numbers').textContent()).toContain('0 / 2');

    const arithmetic = finding(page, 'The protocol does not add up');
    expect(await arithmetic.locator('.review-status').textContent()).toContain('open');
    const before = { reviews: await count('flag_review'), audit: await count('audit_log') };
    await arithmetic.getByRole('button', { name: 'Confirm' }).click();
    expect(page.url()).toMatch(/\/en\/desk\/e\/[^/]+\/s\/0001\?flag=\d+&from=[^&#]+&saved=decision#flag-\d+$/);
    expect(await page.getByRole('status').first().textContent()).toContain('The decision is recorded.');
    expect(await arithmetic.locator('.review-status').textContent()).toContain('confirmed');
    expect(await arithmetic.locator('.history').textContent()).toContain(analyst);
    expect(await count('flag_review')).toBe(before.reviews + 1);
    expect(await count('audit_log')).toBe(before.audit + 1);

    // The way back, even after the decision's redirect, is to the queue as it was filtered.
    await page.getByRole('link', { name: 'Back to the findings' }).click();
    expect(page.url()).toContain('kind=arithmetic');
    expect(await page.getByLabel('Kind of finding').inputValue()).toBe('arithmetic');
    // A doctored way back is dropped, not followed or echoed: the queue of the station's election.
    const station = new URL(page.url()).origin + (await page.getByRole('link', { name: '0001' }).getAttribute('href'))!;
    await page.goto(`${station.replace(/&from=[^&#]*/, '')}&from=${encodeURIComponent('kind=nonsense&x=<b>')}`);
    expect(await page.getByRole('link', { name: 'Back to the findings' }).getAttribute('href')).toBe(
      `/en/desk?election=${e}`,
    );

    // The report, read with the analyst's own session: their station with the finding,
    // nothing of another region, and the finding confirmed; the review API says the same.
    const report = await (await context.request.get(`${server.origin}/v1/elections/${e}/report.json`)).json();
    const rows = report.stations as { station: string; findings: { kind: string; review: string }[] }[];
    expect(rows.map((r) => r.station)).toEqual(['0001']);
    expect(rows[0]!.findings.find((f) => f.kind === 'arithmetic')?.review).toBe('confirmed');
    expect(rows[0]!.findings.filter((f) => f.kind !== 'arithmetic').map((f) => f.review)).not.toContain('confirmed');
    const queue = await context.request.get(`${server.origin}/v1/review/elections/${e}/flags?status=confirmed`);
    expect((await queue.json()).flags.map((f: { station: string; kind: string }) => `${f.station} ${f.kind}`)).toEqual([
      '0001 arithmetic',
    ]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('answers a dismissal without a reason with the page again, the field named, 400, nothing written', async () => {
    const { page, context, foreign } = await openPage(browser, server.origin, { javaScript: false });
    await logIn(page);
    await page.goto(`${server.origin}/en/desk/e/${e}/s/0001`);
    const mismatch = finding(page, 'The posted protocol differs from the official result');
    // Without JavaScript, accesskeys: once per page, on the finding the shortcuts act on.
    const keys = page.locator('[accesskey]');
    expect(await keys.evaluateAll((els) => els.map((el) => el.getAttribute('accesskey')))).toEqual([
      'd',
      'c',
      'm',
      'n',
    ]);
    expect(await page.locator('article[data-current] [accesskey]').count()).toBe(4);
    const before = { reviews: await count('flag_review'), audit: await count('audit_log') };
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await mismatch.getByRole('button', { name: 'Dismiss' }).click();
    expect((await response).status()).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain('Field “Reason”');
    const reason = mismatch.getByLabel('Reason (required to dismiss)');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await mismatch.locator('.review-status').textContent()).toContain('open');
    expect({ reviews: await count('flag_review'), audit: await count('audit_log') }).toEqual(before);

    // An empty note is refused the same way.
    await mismatch.getByRole('button', { name: 'Add the note' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Field “Note”');
    expect(await count('flag_note')).toBe(0);
    // A note and an assignment are written and shown.
    await mismatch.getByLabel('Note').fill('photo is sharp; line 13 differs by 5');
    await mismatch.getByRole('button', { name: 'Add the note' }).click();
    await mismatch.getByRole('button', { name: 'Assign to me' }).click();
    expect(await mismatch.locator('.history').textContent()).toContain('line 13 differs by 5');
    expect(await mismatch.locator('dl').textContent()).toContain(analyst);
    await page.goto(`${server.origin}/en/desk?mine=1`);
    expect(await page.locator('#queue tbody tr').count()).toBe(1);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('reads a station of another region as missing and refuses a digitizer', async () => {
    const { page, context, foreign } = await openPage(browser, server.origin, { javaScript: false });
    await withCookie(context, cookies.hrodna);
    expect((await page.goto(`${server.origin}/en/desk/e/${e}/s/0001`))!.status()).toBe(404);
    expect((await page.goto(`${server.origin}/en/desk/e/${e}/s/9999`))!.status()).toBe(404);
    expect((await page.goto(`${server.origin}/en/desk/e/${e}/s/0003`))!.status()).toBe(200);
    await page.goto(`${server.origin}/en/desk`);
    expect(new Set(await page.locator('#queue tbody th[scope=row]').allTextContents())).toEqual(new Set(['0003']));
    const [flag] = await flagsOf('0001');
    const before = await count('flag_review');
    const post = await context.request.post(`${server.origin}/en/desk/e/${e}/s/0001/flags/${flag!.id}/decision`, {
      form: { decision: 'confirm', reason: '', _csrf: await formTokenOfContext(context) },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(404);
    expect(await count('flag_review')).toBe(before);
    await context.close();

    const digitizer = await openPage(browser, server.origin, { javaScript: false });
    await withCookie(digitizer.context, cookies.digitizer);
    expect((await digitizer.page.goto(`${server.origin}/en/desk`))!.status()).toBe(403);
    expect((await digitizer.page.goto(`${server.origin}/en/desk/e/${e}/s/0001`))!.status()).toBe(403);
    expect([...foreign, ...digitizer.foreign]).toEqual([]);
    await digitizer.context.close();
  });
});

describe('the analysts’ desk with JavaScript on', () => {
  it('moves through the queue with j/k, opens with Enter, and c goes to Confirm, Enter confirms', async () => {
    const { page, context, foreign, consoleErrors } = await openPage(browser, server.origin, { javaScript: true });
    await logIn(page);
    await page.keyboard.press('j');
    const focusedRow = () => page.evaluate(() => document.activeElement?.closest('tr')?.rowIndex ?? -1);
    expect(await focusedRow()).toBe(1);
    await page.keyboard.press('j');
    expect(await focusedRow()).toBe(2);
    await page.keyboard.press('k');
    expect(await focusedRow()).toBe(1);
    expect(await page.locator('#queue tbody tr.selected').count()).toBe(1);
    expect(await page.locator('#shortcuts').textContent()).toContain('next / previous finding');
    await page.keyboard.press('?');
    expect(await page.locator('#shortcuts').getAttribute('open')).toBeNull();
    await page.keyboard.press('?');
    expect(await page.locator('#shortcuts').getAttribute('open')).not.toBeNull();

    const mismatchId = (await flagsOf('0001')).find((f) => f.kind === 'protocol_mismatch')!.id;
    const firstRow = await page.locator('#queue tbody tr').first().locator('a').getAttribute('href');
    await page.keyboard.press('k'); // stays on the first row
    await Promise.all([page.waitForURL(`${server.origin}${firstRow}`), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe('Station 0001: review');
    await page.goto(`${server.origin}/en/desk/e/${e}/s/0001?flag=${mismatchId}`);
    const mismatch = page.locator(`#flag-${mismatchId}`);
    // Typing in a field never fires a shortcut.
    await page.keyboard.press('d');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`reason-${mismatchId}`);
    await page.keyboard.type('cm');
    expect(await mismatch.getByLabel('Reason (required to dismiss)').inputValue()).toBe('cm');
    await mismatch.getByLabel('Reason (required to dismiss)').fill('');
    await page.locator('h1').click();

    await page.keyboard.press('c');
    const focused = await page.evaluate(() => ({
      text: document.activeElement?.textContent?.trim(),
      flag: document.activeElement?.closest('article')?.id,
    }));
    expect(focused).toEqual({ text: 'Confirm', flag: `flag-${mismatchId}` });
    expect(await mismatch.locator('.review-status').textContent()).toContain('open'); // c alone decides nothing
    await Promise.all([page.waitForURL(/saved=decision/), page.keyboard.press('Enter')]);
    expect(await page.locator(`#flag-${mismatchId} .review-status`).textContent()).toContain('confirmed');
    expect(foreign).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('passes axe (WCAG 2 AA) on the queue and the station view, with a screenshot in every language', async () => {
    const { page, context, foreign, consoleErrors } = await openPage(browser, server.origin, { javaScript: true });
    await logIn(page);
    for (const lang of languages) {
      for (const [name, path] of [
        ['queue', '/desk'],
        ['station', `/desk/e/${e}/s/0001`],
      ] as const) {
        await page.goto(`${server.origin}/${lang}${path}`);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        expect(await accessibilityViolations(page), `${lang}${path}`).toEqual([]);
        await screenshot(page, `desk-${name}-${lang}`);
      }
    }
    expect(foreign).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
