// A person walks the join flow in the real app, confirms, and the server stores what the
// engine derives from their answers.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, answer, confirmAndReadRow, launchBrowser, queryRows } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('a person with personal purchases is told to separate accounts, confirms, and the row is stored', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/`);
  await page.getByTestId('start-join').click();
  await answer(page, 'join', 'received', 'used', 'ordinary', 'yes', 'personal', 'none');

  await assert.doesNotReject(page.getByTestId('outcome-title').getByText('Keep your personal account apart').waitFor());
  const steps = await page.locator('.steps').innerText();
  assert.match(steps, /A mix of Organization business and personal shopping/);

  const { reference, ...stored } = await confirmAndReadRow(page);
  assert.match(reference, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  assert.deepEqual(stored, {
    flow_id: 'join',
    outcome: 'separate',
    action: 'separate_accounts',
    answers: '["join","received","used","ordinary","yes","personal","none"]',
    flags: '[]',
    name: 'Ada Lovelace',
    email: 'ada@example.edu',
  });
  await page.close();
});

test('an email outside the organisation is refused in the page and nothing is sent', async () => {
  const page = await browser.newPage();
  const before = queryRows('SELECT count(*) AS n FROM actions')[0].n;
  await page.goto(`${BASE_URL}/?flow=join&answers=join/not_received`);
  await page.getByTestId('confirm-name').fill('Grace Hopper');
  await page.getByTestId('confirm-email').fill('grace@gmail.com');
  await page.getByTestId('confirm').click();
  await page.getByTestId('confirm-problem').getByText('ending in @example.edu').waitFor();
  assert.equal(queryRows('SELECT count(*) AS n FROM actions')[0].n, before);
  await page.close();
});

test('browser Back returns to the previous question', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join`);
  await answer(page, 'join', 'received', 'used');
  await page.getByTestId('question-text').getByText('ordinary Amazon account').waitFor();
  await page.goBack();
  await page.getByTestId('question-text').getByText('used your work email').waitFor();
  assert.equal(new URL(page.url()).search, '?flow=join&answers=join/received');
  await page.close();
});
