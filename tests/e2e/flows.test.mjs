// The start page offers every flow, and each flow can be walked to an outcome (a request
// confirmed, a self-service outcome answered "did this solve it?"), with numbers typed the way people type them and checklists answered item by item.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, answer, answerSolved, assertSelfService, launchBrowser, queryRows, typeNumber } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function start(flow) {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/`);
  await page.getByTestId(`start-${flow}`).click();
  return page;
}

test('the start page lists the four flows', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/`);
  for (const flow of ['join', 'buy_with_prime', 'link_sellers', 'recover_access']) {
    await page.getByTestId(`start-${flow}`).waitFor();
  }
  await page.close();
});

test('buy with prime: a Professional seller is shown how to link, does it on Amazon, and says it worked', async () => {
  const page = await start('buy_with_prime');
  await answer(page, 'link', 'has_account', 'professional');
  await page.getByTestId('outcome').and(page.locator('[data-outcome="link_account"]')).waitFor();
  await assertSelfService(page);
  const actions = queryRows('SELECT count(*) AS n FROM actions')[0].n;
  const row = await answerSolved(page, { solved: true });
  assert.equal(row.flow_id, 'buy_with_prime');
  assert.equal(row.outcome, 'link_account');
  assert.equal(row.solved, 1);
  assert.equal(row.comment, null);
  assert.equal(queryRows('SELECT count(*) AS n FROM actions')[0].n, actions, 'nothing is queued');
  await page.close();
});

test('link sellers: a checklist all yes and figures within target lead to the link request', async () => {
  const page = await start('link_sellers');
  for (const item of ['same_owner', 'business_info', 'no_alerts']) {
    await page.getByTestId(`eligibility-${item}-yes`).check();
  }
  await page.getByTestId('continue').click();
  await answer(page, 'know');
  await typeNumber(page, '0,8');
  await typeNumber(page, '1.2 %');
  await typeNumber(page, '2');
  await page.locator('[data-outcome="request_link"]').waitFor();
  // Amazon links the accounts: the person asks it, so the organisation is asked nothing.
  await assertSelfService(page);
  const row = await answerSolved(page, { solved: false, comment: 'Amazon asked for both seller IDs again.' });
  assert.equal(row.outcome, 'request_link');
  assert.equal(row.solved, 0);
  assert.equal(row.comment, 'Amazon asked for both seller IDs again.');
  await page.close();
});

test('link sellers: a failed check goes to its remedy', async () => {
  const page = await start('link_sellers');
  await page.getByTestId('continue').click();
  await page.getByTestId('checklist-problem').getByText('yes or no for each item').waitFor();
  await page.getByTestId('eligibility-same_owner-yes').check();
  await page.getByTestId('eligibility-business_info-no').check();
  await page.getByTestId('eligibility-no_alerts-yes').check();
  await page.getByTestId('continue').click();
  await page.locator('[data-outcome="update_business_info"]').waitFor();
  await page.close();
});

test('recover access: a suspended seller is told which figures are over the limits', async () => {
  const page = await start('recover_access');
  await answer(page, 'suspended', 'know');
  await typeNumber(page, 'abc');
  await page.getByTestId('number-problem').getByText('Please type a number').waitFor();
  await typeNumber(page, '101');
  await page.getByTestId('number-problem').getByText('from 0 to 100').waitFor();
  await typeNumber(page, '1,4');
  await typeNumber(page, '1');
  await typeNumber(page, '5 %');
  await page.locator('[data-outcome="reactivate"]').waitFor();
  const notes = await page.getByTestId('notes').innerText();
  assert.match(notes, /order defect rate of 1\.4% is over/);
  assert.match(notes, /cancel rate of 1% is within/);
  assert.match(notes, /late shipment rate of 5% is over/);
  // The figures over a limit say so in words and with a sign, not by colour alone.
  const marked = await page.getByTestId('over-limit').allInnerTexts();
  assert.equal(marked.length, 2, marked.join(' | '));
  assert.ok(marked.every((text) => text.includes('Over the limit:') && text.includes('⚠')), marked.join(' | '));
  await assertSelfService(page);
  // Saving the steps takes the figures over a limit with them.
  const mailto = decodeURIComponent(await page.getByTestId('email-steps').getAttribute('href'));
  assert.ok(mailto.startsWith('mailto:?subject=Ask Amazon to reactivate your seller account&body='), mailto);
  assert.match(mailto, /Over the limit: Your order defect rate of 1\.4% is over/);
  await page.close();
});
