// The app runs under the server's Content-Security-Policy without a single violation.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, answer, launchBrowser, typeNumber, watchCspViolations } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('walking flows breaks no rule of the Content-Security-Policy', async () => {
  const page = await browser.newPage();
  const violations = await watchCspViolations(page);
  const response = await page.goto(`${BASE_URL}/?flow=recover_access`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  await answer(page, 'suspended', 'know');
  await typeNumber(page, '0.5');
  await typeNumber(page, '3');
  await typeNumber(page, '1');
  await page.locator('[data-outcome="reactivate"]').waitFor();
  await page.goto(`${BASE_URL}/?flow=link_sellers`);
  await page.getByTestId('eligibility-same_owner-yes').check();
  await page.getByTestId('question-text').waitFor();
  assert.deepEqual(violations, []);
  await page.close();
});
