import { languages } from '@crosstally/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBallotPhoto } from '../../apps/api/src/demo/ballot-photo.js';
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
import { electionCode } from '../support/election-fixture.js';
import { issueCodes } from '../support/invitation-codes.js';
import { multipart } from '../support/multipart.js';
import { setupWebElection } from '../support/web-election.js';

// The ballot checkers' page with JavaScript off, in be, ru and en: a photo and three
// questions, the answer through the same use case as the JSON API, never a second answer.
let server: TWebServer;
let browser: Browser;
const minsk = [{ election: electionCode, region: 'Minsk' }];
const photoIds: string[] = [];

beforeAll(async () => {
  server = await startWebServer();
  await setupWebElection(server);
  const codes = await issueCodes(server, 4);
  for (const [i, code] of codes.entries()) {
    const data = await renderBallotPhoto(`browser-ballot-${i}`);
    const res = await server.app.inject({
      method: 'POST',
      url: `/v1/elections/${electionCode}/self-reports/form`,
      ...multipart({ station: '0001', candidate: 'adamovich', voterKind: 'code', voterToken: code }, [
        { field: 'ballot', filename: 'b.jpg', contentType: 'image/jpeg', data },
      ]),
    });
    if (res.statusCode !== 201) throw new Error(`report: ${res.body}`);
    const row = await server.database.db
      .selectFrom('ballot_photo')
      .select('id')
      .where('sha256', '=', res.json().ballotPhoto.sha256)
      .executeTakeFirstOrThrow();
    photoIds.push(row.id);
  }
  for (const name of ['vera', 'yan']) await createUser(server, name, 'digitizer', minsk);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const deskUrl = (lang: string) => `${server.origin}/${lang}/check/e/${electionCode}`;
const checksOf = (photoId: string) =>
  server.database.db.selectFrom('ballot_check').selectAll().where('ballot_photo_id', '=', photoId).execute();

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(`${server.origin}/en/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/digitize/);
}

/** Answers the photo on screen and waits for the next one. */
async function answer(page: Page, words: { yes: string; candidate: string; problem?: string; submit: string }) {
  await page.getByLabel(words.yes, { exact: true }).check();
  await page.getByLabel(words.candidate).check();
  if (words.problem) await page.getByLabel(words.problem).check();
  await Promise.all([page.waitForURL(/\?last=/), page.getByRole('button', { name: words.submit }).click()]);
}

describe('the ballot checkers’ page', () => {
  it('takes a check with JavaScript off, refuses an incomplete or repeated one, and shows nothing about the voter', async () => {
    const { page, context, foreign } = await openPage(browser, server.origin, { javaScript: false });
    await logIn(page, 'vera');
    await page.goto(deskUrl('en'));
    expect(await page.locator('h1').textContent()).toBe('Checking ballot photos');
    const photo = page.getByRole('img', { name: 'A ballot photo a voter sent' });
    expect(await photo.getAttribute('src')).toBe(`/v1/checks/ballots/${photoIds[0]}/image`);
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    // Neither the station nor the candidate the voter named is on the page.
    const text = await page.locator('main').innerText();
    expect(text).not.toContain('0001');
    expect(text).not.toContain('Школа');

    // A post without an answer (a resent or hand-made form): the page again, nothing written.
    const _csrf = await formTokenOfContext(context);
    const empty = await context.request.post(`${deskUrl('en')}/b/${photoIds[0]}`, { form: { _csrf }, maxRedirects: 0 });
    expect(empty.status()).toBe(400);
    expect(await empty.text()).toContain('Say whether this is a ballot.');
    const noMark = await context.request.post(`${deskUrl('en')}/b/${photoIds[0]}`, {
      form: { isBallot: 'yes', _csrf },
      maxRedirects: 0,
    });
    expect(noMark.status()).toBe(400);
    expect(await checksOf(photoIds[0]!)).toEqual([]);

    await answer(page, {
      yes: 'Yes',
      candidate: 'Ales Adamovich',
      problem: "Someone's face or hand is visible",
      submit: 'Send my answer',
    });
    expect(await page.getByRole('status').textContent()).toBe('Answer recorded; the photo waits for another checker.');
    expect(await checksOf(photoIds[0]!)).toMatchObject([{ is_ballot: true, problems: ['face_or_hand'] }]);
    // The next photo is another one; her answer to the first can never be sent again.
    expect(await page.getByRole('img').getAttribute('src')).toBe(`/v1/checks/ballots/${photoIds[1]}/image`);
    const again = await context.request.post(`${deskUrl('en')}/b/${photoIds[0]}`, {
      form: { isBallot: 'no', candidate: '', _csrf },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('You have checked this photo already');
    expect(await checksOf(photoIds[0]!)).toHaveLength(1);
    for (let i = 1; i < photoIds.length; i++) {
      await answer(page, { yes: 'Yes', candidate: 'Ales Adamovich', submit: 'Send my answer' });
    }
    expect(await page.locator('h1').textContent()).toBe('Nothing to check');
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('reads in Belarusian and Russian, agrees with the first checker, and passes axe in every language', async () => {
    // axe runs as a script in the page: this one look has JavaScript on, the answers below not.
    const looking = await openPage(browser, server.origin);
    await logIn(looking.page, 'yan');
    for (const lang of languages) {
      await looking.page.goto(deskUrl(lang));
      expect(await accessibilityViolations(looking.page)).toEqual([]);
      await screenshot(looking.page, `ballot-check-${lang}`);
    }
    await looking.context.close();
    const { page, context } = await openPage(browser, server.origin, { javaScript: false });
    await logIn(page, 'yan');
    await page.goto(deskUrl('be'));
    expect(await page.locator('h1').textContent()).toBe('Праверка фота бюлетэняў');
    await answer(page, { yes: 'Так', candidate: 'Алесь Адамовіч', submit: 'Адправіць адказ' });
    expect(await page.getByRole('status').textContent()).toBe('Адказ запісаны; правяраючыя пагадзіліся.');
    await page.goto(deskUrl('ru'));
    await answer(page, { yes: 'Да', candidate: 'Алесь Адамович', submit: 'Отправить ответ' });
    expect(await page.getByRole('status').textContent()).toBe('Ответ записан; проверяющие согласились.');
    const settled = await server.database.db
      .selectFrom('ballot_photo')
      .select(['id', 'agreed_verdict', 'agreed_votes'])
      .where('id', 'in', photoIds.slice(0, 2))
      .orderBy('created_at')
      .execute();
    expect(settled.map((p) => [p.agreed_verdict, p.agreed_votes])).toEqual([
      ['ballot', 2],
      ['ballot', 2],
    ]);
    await context.close();
  });
});
