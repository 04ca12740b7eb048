import { languages, presidentialDefinition, presidentialSampleValues } from '@crosstally/shared';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noOcr } from '../../apps/worker/src/adapters/ocr.adapter.js';
import { createProtocolOcr } from '../../apps/worker/src/adapters/ocr/read-protocol.js';
import { handleReadPhoto } from '../../apps/worker/src/jobs/read-photo.job.js';
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
import { electionCode, honestProtocol } from '../support/election-fixture.js';
import { generatePhotoSet } from '../support/photo-set/photo-set.js';
import { uploadPhoto } from '../support/pipeline.js';
import { renderProtocolPhoto } from '../support/protocol-image.js';
import { setupWebElection } from '../support/web-election.js';

let server: TWebServer;
let browser: Browser;
const lines = [...presidentialDefinition.form.lines].sort((a, b) => a.number - b.number);
const minsk = [{ election: electionCode, region: 'Minsk' }];
// Two photos in Minsk (the digitizers' region) and one in Hrodna, which they must never get.
const protocols = [
  { station: '0001', values: { ...presidentialSampleValues } },
  { station: '0002', values: honestProtocol(2) },
  { station: '0003', values: honestProtocol(3) },
];
const photoIds: string[] = [];
const cookies: Record<string, string> = {};
const timings: Record<string, number[]> = { typeAndSubmitMs: [], serverSubmitToNextMs: [] };

beforeAll(async () => {
  server = await startWebServer();
  await setupWebElection(server);
  // Station 0002's photo is a handwritten CrossTally sheet: the real OCR finds the sheet but
  // is not sure of every line, so it waits for people, who see each line cut out of it.
  const [handwritten] = await generatePhotoSet({
    seed: 12,
    count: 1,
    level: 'hard',
    form: presidentialDefinition,
    withQr: false,
  });
  const ocr = await createProtocolOcr({ workers: 1 });
  try {
    for (const { station, values } of protocols) {
      const byNumber = Object.fromEntries(lines.map((l) => [l.number, values[l.key]!]));
      const image =
        station === '0002'
          ? handwritten!.photo
          : await renderProtocolPhoto({ election: electionCode, station, lines: byNumber, qr: false });
      const upload = await uploadPhoto(server, station, image);
      if (upload.statusCode >= 300) throw new Error(`upload ${station}: ${upload.body}`);
      const photoId = upload.json().id as string;
      // No QR, and OCR not sure: the photo waits for people, as one the machine could not read.
      const outcome = await handleReadPhoto(
        { photoId },
        {
          db: server.database.db,
          store: server.deps.store,
          ocr: station === '0002' ? ocr : noOcr,
          maxPhotoPixels: 64e6,
        },
      );
      expect(outcome.kind).toBe('unread');
      photoIds.push(photoId);
    }
  } finally {
    await ocr.close();
  }
  for (const name of ['anna', 'boris', 'cora'])
    cookies[name] = (await createUser(server, name, 'digitizer', minsk)).cookie;
  await createUser(server, 'ada-analyst', 'analyst', minsk);
  await createUser(server, 'nell-no-grant', 'digitizer');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const taskUrl = (lang = 'en') => `${server.origin}/${lang}/digitize/e/${electionCode}`;

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(`${server.origin}/en/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
}

const entriesOf = (photoId: string) =>
  server.database.db.selectFrom('digitization_entry').selectAll().where('photo_id', '=', photoId).execute();

/** The server's share of a document request: from the request sent to the first byte back. */
const serverMs = (response: Response) => {
  const t = response.request().timing();
  return t.responseStart - t.requestStart;
};

/**
 * Types a protocol into the focused first field, line after line, the way a digitizer does,
 * and sends it with Enter on the last line; `between` is the key that moves to the next
 * field (Tab always; Enter with digitize.js). Returns once the next task is on screen.
 */
async function typeProtocol(page: Page, values: Record<string, number>, between: 'Tab' | 'Enter') {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST');
  const next = page.waitForResponse((r) => r.request().method() === 'GET' && r.url().includes('?last='));
  const started = performance.now();
  for (const [i, line] of lines.entries()) {
    await page.keyboard.type(String(values[line.key]));
    await page.keyboard.press(i === lines.length - 1 ? 'Enter' : between);
  }
  const [post, get] = [await posted, await next];
  await page.waitForURL(/\?last=/);
  timings.typeAndSubmitMs!.push(Math.round(performance.now() - started));
  timings.serverSubmitToNextMs!.push(Math.round(serverMs(post) + serverMs(get)));
  expect(post.status()).toBe(303);
  expect(get.status()).toBe(200);
}

describe('the digitizers’ desk', () => {
  it('lets a digitizer type two protocols with JavaScript off, keyboard only, and refuses bad or repeated entries', async () => {
    const { page, context, foreign } = await openPage(browser, server.origin, { javaScript: false });
    await logIn(page, 'anna');
    await page.waitForURL(taskUrl());
    expect(await page.locator('h1').textContent()).toBe('Protocol of station 0001');
    // The same choice as the JSON API's next task for this person.
    const next = await server.app.inject({
      method: 'GET',
      url: `/v1/digitize/elections/${electionCode}/next`,
      headers: { cookie: cookies.anna! },
    });
    expect(next.json().photo.id).toBe(photoIds[0]);
    const photo = page.getByRole('img', { name: 'Photo of the protocol sent for station 0001' });
    expect(await photo.getAttribute('src')).toBe(`/v1/digitize/photos/${photoIds[0]}/image`);
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(1000);
    // No sheet was found in this photo (it has no corner marks): no lines cut out of it.
    expect(await page.locator('img.line-photo').count()).toBe(0);
    const first = page.getByLabel('Voters on the list');
    expect(await first.getAttribute('inputmode')).toBe('numeric');
    expect(await first.getAttribute('autocomplete')).toBe('off');
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByLabel('Station code on the photo').inputValue()).toBe('0001');

    await typeProtocol(page, protocols[0]!.values, 'Tab');
    expect(await page.getByRole('status').textContent()).toBe('Saved; waiting for a second entry.');
    expect(await page.locator('h1').textContent()).toBe('Protocol of station 0002');
    expect((await entriesOf(photoIds[0]!)).map((e) => e.line_values)).toEqual([protocols[0]!.values]);

    // A letter in one line, another line left empty: the task again, nothing saved.
    const bad: Record<string, string> = Object.fromEntries(
      lines.map((l) => [l.key, String(protocols[1]!.values[l.key])]),
    );
    bad.received = '16OO';
    bad.invalid = '';
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    for (const line of lines) {
      await page.keyboard.type(bad[line.key]!);
      await page.keyboard.press(line === lines.at(-1) ? 'Enter' : 'Tab');
    }
    expect((await refused).status()).toBe(400);
    await page.getByRole('alert').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Protocol of station 0002');
    expect(await page.getByRole('alert').textContent()).toBe('Nothing was saved: fix the lines marked below (2).');
    const received = page.getByLabel('Ballots received');
    expect(await received.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#line-received-error').textContent()).toContain('Digits only');
    expect(await page.locator('#line-invalid-error').textContent()).toBe('Type the number (0 if the line is empty).');
    expect(await received.inputValue()).toBe('16OO');
    expect(await page.getByLabel('Voters on the list').inputValue()).toBe(bad.voters_on_list);
    expect(await received.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await entriesOf(photoIds[1]!)).toEqual([]);
    const status = await context.request.post(`${taskUrl()}/p/${photoIds[1]}`, {
      form: { 'line.voters_on_list': '1500', _csrf: await formTokenOfContext(context) },
      maxRedirects: 0,
    });
    expect(status.status()).toBe(400);
    expect(await entriesOf(photoIds[1]!)).toEqual([]);

    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(protocols[1]!.values.received));
    await page.getByLabel('Invalid ballots').fill(String(protocols[1]!.values.invalid));
    await Promise.all([page.waitForURL(/\?last=waiting$/), page.keyboard.press('Enter')]);
    expect(await page.getByRole('status').textContent()).toBe('Saved; waiting for a second entry.');
    // Hrodna's photo is outside this digitizer's region: the queue is empty for her.
    expect(await page.locator('h1').textContent()).toBe('Nothing to type now');
    expect(await page.getByRole('link', { name: 'Look again' }).getAttribute('href')).toBe(
      `/en/digitize/e/${electionCode}`,
    );
    expect((await entriesOf(photoIds[1]!)).map((e) => e.line_values)).toEqual([protocols[1]!.values]);

    // The same photo a second time (a resent form): refused, and her first entry stands.
    const form = Object.fromEntries(lines.map((l) => [`line.${l.key}`, '1']));
    const again = await context.request.post(`${taskUrl()}/p/${photoIds[0]}`, {
      form: { ...form, _csrf: await formTokenOfContext(context) },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('You have typed this photo already');
    expect(await entriesOf(photoIds[0]!)).toHaveLength(1);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('accepts the reading when a second digitizer types the same numbers (Enter between fields, JavaScript on)', async () => {
    const { page, context, foreign, consoleErrors } = await openPage(browser, server.origin, { javaScript: true });
    await logIn(page, 'boris');
    await page.waitForURL(taskUrl());
    expect(await page.locator('h1').textContent()).toBe('Protocol of station 0001');
    await typeProtocol(page, protocols[0]!.values, 'Enter');
    expect(await page.getByRole('status').textContent()).toBe('Agreed with the other entry: accepted.');
    const reading = await server.database.db
      .selectFrom('reading')
      .selectAll()
      .where('photo_id', '=', photoIds[0]!)
      .executeTakeFirstOrThrow();
    expect(reading).toMatchObject({
      method: 'double_entry',
      station_code_read: '0001',
      line_values: protocols[0]!.values,
      confidence: 1,
    });
    const photo = await server.database.db
      .selectFrom('protocol_photo')
      .select('status')
      .where('id', '=', photoIds[0]!)
      .executeTakeFirstOrThrow();
    expect(photo.status).toBe('read');

    // With the script, a wrong number is typed over: focusing a field selects what it holds.
    expect(await page.locator('h1').textContent()).toBe('Protocol of station 0002');
    await page.keyboard.type('999');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1500');
    expect(await page.getByLabel('Voters on the list').inputValue()).toBe('1500');
    expect(foreign).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
    console.log(`digitize timings: ${JSON.stringify(timings)}`);
  });

  it('is closed to other roles and to nobody', async () => {
    const { page, context, foreign } = await openPage(browser, server.origin, { javaScript: false });
    const anonymous = await page.goto(taskUrl());
    expect(page.url()).toContain('/en/login?next=');
    expect(anonymous?.status()).toBe(200);
    await logIn(page, 'ada-analyst');
    await page.waitForURL(/\/en\/desk/);
    for (const path of ['/en/digitize', `/en/digitize/e/${electionCode}`]) {
      const response = await page.goto(`${server.origin}${path}`);
      expect(response?.status(), path).toBe(403);
      expect(await page.getByRole('alert').textContent()).toBe('Your role has no access to this page.');
    }
    const post = await context.request.post(`${taskUrl()}/p/${photoIds[1]}`, {
      form: {
        ...Object.fromEntries(lines.map((l) => [`line.${l.key}`, '1'])),
        _csrf: await formTokenOfContext(context),
      },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
    expect(await entriesOf(photoIds[1]!)).toHaveLength(1);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('has labels, names and contrast (axe-core, WCAG 2 AA) and a screenshot in every language', async () => {
    const { page, context, foreign, consoleErrors } = await openPage(browser, server.origin, { javaScript: true });
    await logIn(page, 'cora');
    await page.waitForURL(taskUrl());
    for (const lang of languages) {
      await page.goto(taskUrl(lang));
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.locator('h1').textContent()).toContain('0002');
      // Each line cut out of the photo and turned level, right above its field.
      expect(await page.locator('img.line-photo').count()).toBe(lines.length);
      const firstLine = page.locator('img.line-photo').first();
      expect(await firstLine.getAttribute('src')).toBe(`/v1/digitize/photos/${photoIds[1]}/lines/${lines[0]!.key}`);
      await firstLine.scrollIntoViewIfNeeded();
      await expect.poll(() => firstLine.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(500);
      expect(await accessibilityViolations(page), lang).toEqual([]);
      await screenshot(page, `digitize-task-${lang}`);
    }
    // The task with errors, and the empty queue, pass the same checks.
    await page.getByLabel('Voters on the list').fill('x');
    await page.getByRole('button', { name: 'Save and next' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('.field-error').count()).toBe(lines.length);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'digitize-task-errors-en');
    await context.clearCookies();
    await logIn(page, 'nell-no-grant');
    await page.waitForURL(`${server.origin}/en/digitize`);
    expect(await page.locator('main p').textContent()).toContain('You have no regions');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(foreign).toEqual([]);
    // Chromium logs the refused entry's 400 as an error; nothing else may appear (a CSP breach would).
    expect(consoleErrors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    await context.close();
  });
});
