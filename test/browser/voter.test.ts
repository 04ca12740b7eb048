import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { languages } from '@crosstally/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  launchBrowser,
  openPage,
  screenshot,
  startWebServer,
  type TWebServer,
} from '../support/browser.js';
import { electionCode } from '../support/election-fixture.js';
import { jpegWithGps } from '../support/images.js';
import { setupWebElection } from '../support/web-election.js';

let server: TWebServer;
let browser: Browser;
const files = { photo: '', secondPhoto: '', notImage: '' };

beforeAll(async () => {
  server = await startWebServer();
  await setupWebElection(server);
  browser = await launchBrowser();
  const dir = tmpdir();
  files.photo = join(dir, `ct-protocol-${process.pid}.jpg`);
  files.secondPhoto = join(dir, `ct-protocol-2-${process.pid}.jpg`);
  files.notImage = join(dir, `ct-not-image-${process.pid}.jpg`);
  writeFileSync(files.photo, await jpegWithGps(7));
  writeFileSync(files.secondPhoto, await jpegWithGps(8));
  writeFileSync(files.notImage, 'this is not a photo');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the voter’s page with JavaScript off', () => {
  it('finds a station by a Latin transliteration, uploads a protocol photo and reports a vote', async () => {
    const { page, context, foreign } = await openPage(browser, server.origin, { javaScript: false });
    await page.goto(`${server.origin}/be/`);
    await page.getByLabel('Нумар участка, назва або адрас').fill('Shcherbakova');
    await page.getByRole('button', { name: 'Шукаць' }).click();
    await expect.poll(() => page.locator('.hits li').count()).toBe(1);
    await page.getByRole('link', { name: /0001/ }).click();
    expect(await page.locator('h1').textContent()).toBe('Участак 0001');
    // Both spellings of the address: the reader's first.
    expect(await page.locator('.facts').textContent()).toContain('вуліца Шчарбакова');
    expect(await page.locator('.facts').textContent()).toContain('улица Щербакова');

    await page.getByLabel(/Фота пратакола \(JPEG/).setInputFiles(files.photo);
    await page.getByRole('button', { name: 'Даслаць фота' }).click();
    await page.waitForURL(/\/be\/photos\/[0-9a-f-]{36}$/);
    const shown = (await page.locator('code.hash').textContent())!;
    const stored = await server.deps.db.selectFrom('protocol_photo').select(['id', 'sha256']).execute();
    expect(stored).toHaveLength(1);
    expect(shown).toBe(stored[0]!.sha256);
    expect(page.url()).toContain(stored[0]!.id);
    await screenshot(page, 'voter-receipt-be');

    await page.goto(`${server.origin}/be/e/${electionCode}/s/0001`);
    await page.locator('input[name=candidate]').first().check();
    await page.getByLabel('Нумар або код').fill('+375291234567');
    await page.getByRole('button', { name: 'Паведаміць' }).click();
    expect(await page.locator('[role=status]').textContent()).toContain('Ваш голас запісаны');
    const reports = await server.deps.db.selectFrom('self_report').selectAll().execute();
    expect(reports).toHaveLength(1);
    // Nothing of the phone number is kept as typed.
    expect(JSON.stringify(reports)).not.toContain('375291234567');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('says clearly, in the page’s language, what is wrong with a file that is not a photo', async () => {
    const { page, context, foreign } = await openPage(browser, server.origin, { javaScript: false });
    await page.goto(`${server.origin}/ru/e/${electionCode}/s/0002`);
    await page.getByLabel(/Фото протокола \(JPEG/).setInputFiles(files.notImage);
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Отправить фото' }).click();
    expect((await response).status()).toBe(415);
    const alert = await page.getByRole('alert').textContent();
    expect(alert).toMatch(/[А-Яа-я]/);
    expect(
      await server.deps.db.selectFrom('protocol_photo').select('id').where('sha256', 'like', '%').execute(),
    ).toHaveLength(1);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('finds a station by the Russian spelling, the Belarusian one and the station code', async () => {
    const { page, context } = await openPage(browser, server.origin, { javaScript: false });
    for (const [query, code] of [
      ['Гродно Ожешко', '0003'],
      ['Ажэшкі', '0003'],
      ['Kastsyushki', '0004'],
      ['Kostyushko', '0004'],
      ['0002', '0002'],
    ] as const) {
      await page.goto(`${server.origin}/en/search?election=${electionCode}&q=${encodeURIComponent(query)}`);
      const hits = await page.locator('.hits li strong').allTextContents();
      expect(hits, query).toEqual([code]);
    }
    await context.close();
  });

  it('has labels, names and contrast (axe-core, WCAG 2 AA) and a screenshot in every language', async () => {
    // axe runs as script in the page, so this one has JavaScript on; the markup is the same.
    const { page, context, foreign, consoleErrors } = await openPage(browser, server.origin, { javaScript: true });
    for (const lang of languages) {
      for (const [name, path] of [
        ['home', '/'],
        ['station', `/e/${electionCode}/s/0001`],
      ] as const) {
        await page.goto(`${server.origin}/${lang}${path}`);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        expect(await accessibilityViolations(page), `${lang}${path}`).toEqual([]);
        await screenshot(page, `voter-${name}-${lang}`);
      }
    }
    // The check itself can fail: a field without a label is caught.
    await page.evaluate(() => document.querySelector('main')!.append(document.createElement('input')));
    expect((await accessibilityViolations(page)).map((v) => v.id)).toContain('label');
    expect(foreign).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('the voter’s page with JavaScript on', () => {
  it('keeps an upload made without network on the device and sends it when the network returns', async () => {
    const { page, context, foreign, consoleErrors } = await openPage(browser, server.origin, { javaScript: true });
    await page.goto(`${server.origin}/en/e/${electionCode}/s/0002`);
    const before = (await server.deps.db.selectFrom('protocol_photo').select('id').execute()).length;
    await context.setOffline(true);
    await page.getByLabel(/Photo of the protocol \(JPEG/).setInputFiles(files.secondPhoto);
    await page.getByRole('button', { name: 'Send the photo' }).click();
    await expect.poll(() => page.locator('#outbox li').textContent()).toContain('No connection');
    expect((await server.deps.db.selectFrom('protocol_photo').select('id').execute()).length).toBe(before);
    await screenshot(page, 'voter-offline-queue-en');

    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => page.locator('#outbox li.outbox-sent').count(), { timeout: 15_000 }).toBe(1);
    expect((await server.deps.db.selectFrom('protocol_photo').select('id').execute()).length).toBe(before + 1);
    const receipt = page.locator('#outbox li a');
    expect(await receipt.getAttribute('href')).toMatch(/^\/en\/photos\/[0-9a-f-]{36}$/);
    expect(foreign).toEqual([]);
    expect(consoleErrors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await context.close();
  });

  it('holds a vote reported without network in the page only, never on the device, and sends it when the network returns', async () => {
    const { page, context, foreign, consoleErrors } = await openPage(browser, server.origin, { javaScript: true });
    await page.goto(`${server.origin}/en/e/${electionCode}/s/0002`);
    const before = (await server.deps.db.selectFrom('self_report').select('id').execute()).length;
    await context.setOffline(true);
    await page.locator('input[name=candidate]').first().check();
    await page.getByLabel('Number or code').fill('+375297654321');
    await page.getByRole('button', { name: 'Report my vote' }).click();
    await expect.poll(() => page.locator('#outbox li').textContent()).toContain('Keep this page open');
    // What the device's storage holds: nothing of this report.
    const onDevice = await page.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('crosstally-outbox', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('outbox', { keyPath: 'id' });
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const all = open.result.transaction('outbox').objectStore('outbox').getAll();
        all.onsuccess = () => { open.result.close(); resolve(JSON.stringify(all.result)); };
      };
    })`);
    expect(onDevice).not.toContain('7654321');
    expect((await server.deps.db.selectFrom('self_report').select('id').execute()).length).toBe(before);

    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => page.locator('#outbox li.outbox-sent').count(), { timeout: 15_000 }).toBe(1);
    expect((await server.deps.db.selectFrom('self_report').select('id').execute()).length).toBe(before + 1);
    expect(foreign).toEqual([]);
    expect(consoleErrors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await context.close();
  });
});
