// Self-service outcomes ask "Did this solve it?" instead of anyone's details: the answer is
// kept anonymously, trainer mode sends none, and the administrators read the answers per
// outcome beside each flow's funnel. Everything stays accessible in both languages.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { answerSolved, axeViolations, launchBrowser, ownServer } from './support.mjs';

const TOKEN = 'e2e-admin-token-0123456789';
let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await ownServer({ env: { SIGNPOST_ADMIN_TOKENS: TOKEN, SIGNPOST_RATE_LIMIT: '0' } });
  await server.start();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const kept = () => server.rows('SELECT outcome, solved, comment FROM feedback ORDER BY id');

test('the feedback form, open and answered, has no axe violation in either language', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const found = [];
  for (const lang of ['en', 'es']) {
    await page.goto(`${server.url}/?flow=join&answers=who_invited&lang=${lang}`);
    await page.getByTestId('solved').waitFor();
    found.push(...(await axeViolations(page, 'body')).map((v) => `${lang} asking: ${v}`));
    await page.getByTestId('solved-no').click();
    // Focus follows the person to the comment, as the button they pressed is gone.
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'solved-comment');
    found.push(...(await axeViolations(page, 'body')).map((v) => `${lang} explaining: ${v}`));
    await page.getByTestId('solved-send').click();
    await page.getByTestId('solved-status').getByText(lang === 'en' ? 'Thank you' : 'Gracias').waitFor();
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'solved-status');
    found.push(...(await axeViolations(page, 'body')).map((v) => `${lang} thanked: ${v}`));
  }
  assert.deepEqual(found, []);
  await context.close();
});

test('trainer mode shows the question and sends no answer', async () => {
  const page = await browser.newPage();
  const before = kept().length;
  await page.goto(`${server.url}/?flow=recover_access&answers=forgot_password&mode=trainer`);
  await page.getByTestId('solved-yes').click();
  await page.getByTestId('solved-status').getByText('The answer is shown, not sent from this page.').waitFor();
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(kept().length, before);
  await page.close();
});

test('administrators read each self-service outcome\'s answers and comments beside the funnel', async () => {
  const walker = await browser.newPage();
  for (const [solved, comment] of [[true, ''], [false, 'The reset code never arrived.'], [false, '']]) {
    await walker.goto(`${server.url}/?flow=recover_access&answers=forgot_password`);
    await answerSolved(walker, { solved, comment, rows: (sql) => server.rows(sql) });
  }
  await walker.close();
  assert.deepEqual(kept().filter((r) => r.outcome === 'reset_password'), [
    { outcome: 'reset_password', solved: 1, comment: null },
    { outcome: 'reset_password', solved: 0, comment: 'The reset code never arrived.' },
    { outcome: 'reset_password', solved: 0, comment: null },
  ]);

  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/`);
  await page.getByTestId('admin-name').fill('Grace Admin');
  await page.getByTestId('admin-token').fill(TOKEN);
  await page.getByTestId('sign-in').click();
  const table = page.getByTestId('feedback-recover_access');
  const row = table.locator('tr[data-outcome="reset_password"]');
  await row.waitFor();
  assert.match(await table.locator('caption').innerText(), /^Did this solve it\? /);
  const cells = await row.locator('th, td').allInnerTexts();
  assert.equal(cells[0], 'Reset your password');
  assert.deepEqual(cells.slice(1, 3), ['1', '2']);
  assert.match(cells[3], /^\d{4}-\d{2}-\d{2} The reset code never arrived\.$/);
  // A flow nobody answered about says so.
  await page.getByTestId('feedback-link_sellers').getByText('no answers in this period').waitFor();
  assert.deepEqual(await axeViolations(page, '.overview'), []);
  await context.close();
});
