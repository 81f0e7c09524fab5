// Access for everyone: axe-core finds no WCAG A/AA violation on any node of any flow in either
// language, and the join flow can be completed with the keyboard alone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, axeViolations, launchBrowser, queryRows } from './support.mjs';

const FLOWS = ['join', 'buy_with_prime', 'link_sellers', 'recover_access'];
const LANGS = ['en', 'es'];

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('axe-core finds no violation on any node of any flow, in English and in Spanish', async () => {
  // Injecting axe needs the page's script policy set aside; the policy itself is tested elsewhere.
  // Each flow is opened once in trainer mode, whose map visits every node; the page an employee
  // sees is everything but the trainer's panel, which is checked once per flow on its own.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const found = [];
  let checked = 0;
  for (const [lang, flow] of LANGS.flatMap((lang) => FLOWS.map((flow) => [lang, flow]))) {
    await page.goto(`${BASE_URL}/?flow=${flow}&lang=${lang}&mode=trainer`);
    await page.getByTestId('trainer-map').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    found.push(...(await axeViolations(page, '[data-testid="trainer"]')).map((v) => `${lang} ${flow} trainer panel: ${v}`));
    const ids = await page.getByTestId('trainer-map').locator('[data-testid^="map-"]').evaluateAll(
      (buttons) => buttons.map((b) => b.dataset.testid),
    );
    for (const id of ids) {
      await page.getByTestId(id).click();
      await page.locator(`[data-testid="${id}"][aria-current="step"]`).waitFor();
      const violations = await axeViolations(page, 'body', '[data-testid="trainer"]');
      found.push(...violations.map((v) => `${lang} ${flow} ${id}: ${v}`));
      checked += 1;
    }
  }
  assert.ok(checked >= 120, `only ${checked} nodes checked`);
  assert.deepEqual(found, []);
  await context.close();
});

test('the join flow can be completed with the keyboard alone', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join`);
  await page.getByTestId('question-text').waitFor();

  /** Presses Tab until the element with this test id has focus. */
  async function tabTo(testId) {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((id) => document.activeElement?.dataset?.testid === id, testId)) return;
    }
    throw new Error(`Tab never reached ${testId}`);
  }

  for (const choice of ['join', 'received', 'never']) {
    await tabTo(`choice-${choice}`);
    await page.keyboard.press('Enter');
  }
  await page.locator('[data-outcome="new_to_amazon"]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'outcome-title', 'focus moved to the outcome');
  // A self-service outcome: the person says, by keyboard too, whether it solved the problem.
  const before = queryRows('SELECT count(*) AS n FROM feedback')[0].n;
  await tabTo('solved-no');
  await page.keyboard.press('Enter');
  await tabTo('solved-comment');
  await page.keyboard.type('Kim could not find the invitation link.');
  await tabTo('solved-send');
  await page.keyboard.press('Enter');
  await page.getByTestId('solved-status').getByText('Thank you').waitFor();
  assert.deepEqual(
    queryRows(`SELECT outcome, solved, comment FROM feedback LIMIT -1 OFFSET ${before}`),
    [{ outcome: 'new_to_amazon', solved: 0, comment: 'Kim could not find the invitation link.' }],
  );
  await page.close();
});

test('at 320 px wide and at 200 % zoom no screen scrolls sideways', async () => {
  const screens = [
    '/',
    '/?flow=join',
    '/?flow=recover_access&answers=suspended/know',
    '/?flow=link_sellers',
    '/?flow=join&answers=join/received/used/separate_business/not_yet',
    '/?flow=join&answers=join/received/used/ordinary/yes/personal/none&mode=trainer',
  ];
  // 320 CSS px is a small phone; a 1280 px window at 200 % zoom is 640 CSS px.
  for (const width of [320, 640]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    for (const screen of screens) {
      await page.goto(`${BASE_URL}${screen}`);
      await page.locator('main h1').first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${screen} at ${width}px scrolls sideways by ${overflow}px`);
    }
    await page.close();
  }
});
