// A person walks the join flow in the real app: a request is confirmed and the server stores
// what the engine derives from the answers; a self-service outcome asks for no details.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, answer, answerSolved, assertSelfService, confirmAndReadRow, launchBrowser, queryRows, route } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('a person with personal purchases is told to separate accounts on Amazon, is asked for no details, and may say what did not work', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/`);
  await page.getByTestId('start-join').click();
  await answer(page, 'join', 'received', 'used', 'ordinary', 'yes', 'personal', 'none');

  await assert.doesNotReject(page.getByTestId('outcome-title').getByText('Keep your personal account apart').waitFor());
  const steps = await page.locator('.steps').innerText();
  assert.match(steps, /A mix of Organization business and personal shopping/);

  await assertSelfService(page);
  const actions = queryRows('SELECT count(*) AS n FROM actions')[0].n;
  const row = await answerSolved(page, { solved: false, comment: 'Amazon said the personal email was taken.' });
  const { id, day, version, ...kept } = row;
  assert.match(day, /^\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(kept, {
    flow_id: 'join',
    outcome: 'separate',
    solved: 0,
    comment: 'Amazon said the personal email was taken.',
  });
  assert.equal(queryRows('SELECT count(*) AS n FROM actions')[0].n, actions, 'nothing is queued');
  // Answered once: the question gives way to the thanks.
  assert.equal(await page.getByTestId('solved-yes').count(), 0);
  await page.close();
});

test('a person without an invitation is told who sends a new one and when, before confirming', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join`);
  await answer(page, 'join', 'not_received');
  await page.getByRole('heading', { name: 'Send this to the purchasing team' }).waitFor();
  assert.equal(
    await page.getByTestId('team-next').innerText(),
    'The purchasing team will send you a new invitation within two working days.',
  );
  assert.equal(await page.getByTestId('solved').count(), 0, 'a request is not asked whether it solved anything');
  const { reference, ...stored } = await confirmAndReadRow(page);
  assert.match(reference, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  assert.deepEqual(stored, {
    flow_id: 'join',
    outcome: 'request_invitation',
    action: 'request_invitation',
    answers: '["join","not_received"]',
    flags: '[]',
    name: 'Ada Lovelace',
    email: 'ada@example.edu',
  });
  await page.close();
});

/** The data-testid of the element that has keyboard focus, once it is `testid`. */
async function focusReaches(page, testid) {
  await page.waitForFunction((testid) => document.activeElement?.dataset.testid === testid, testid);
}

test('after Confirm focus is on the receipt, a reload shows it rather than the form, and another request is a deliberate step', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join&answers=join/not_received`);
  const { reference } = await confirmAndReadRow(page, { name: 'Ada Direct' });
  const receipt = page.getByTestId('receipt');
  await focusReaches(page, 'receipt');
  assert.equal(await receipt.getAttribute('role'), 'status');
  await receipt.getByRole('heading', { name: 'Sent' }).waitFor();
  assert.match(await page.getByTestId('received-at').innerText(), /^Received on \p{L}+ \d+, \d{4} at \d+:\d\d/u);

  await page.reload();
  await receipt.waitFor();
  assert.equal(await page.getByTestId('reference').innerText(), reference);
  assert.equal(await page.getByTestId('confirm-name').count(), 0, 'no blank form invites a second confirmation');

  await page.getByTestId('send-another').click();
  await focusReaches(page, 'confirm-name');
  assert.equal(await receipt.count(), 0);
  const second = await confirmAndReadRow(page, { name: 'Ada Direct' });
  assert.notEqual(second.reference, reference, 'another request is stored as one of its own');
  await page.reload();
  assert.equal(await page.getByTestId('reference').innerText(), second.reference);
  assert.equal(queryRows("SELECT count(*) AS n FROM actions WHERE name = 'Ada Direct'")[0].n, 2);
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
  assert.equal(route(page), '?flow=join&answers=join/received');
  await page.close();
});

test('each answer is one history entry, the first one naming the version it was given on', async () => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__historyWrites = [];
    for (const name of ['pushState', 'replaceState']) {
      const write = History.prototype[name];
      History.prototype[name] = function (...args) {
        window.__historyWrites.push(`${name} ${args[2]}`);
        return write.apply(this, args);
      };
    }
  });
  await page.goto(`${BASE_URL}/?flow=join`);
  await page.getByTestId('choice-join').waitFor();
  await page.evaluate(() => { window.__historyWrites.length = 0; });
  await answer(page, 'join', 'received');
  await page.getByTestId('question-text').getByText('used your work email').waitFor();
  const writes = await page.evaluate(() => window.__historyWrites);
  assert.equal(writes.length, 2, writes.join('\n'));
  assert.match(writes[0], /^pushState \?flow=join&answers=join&v=[0-9a-f]{16}$/);
  assert.match(writes[1], /^pushState \?flow=join&answers=join\/received&v=[0-9a-f]{16}$/);
  await page.close();
});

test('changing an earlier answer drops the answers of the branch the person left', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join&answers=join/received/used/ordinary/yes/personal/none`);
  await page.locator('[data-outcome="separate"]').waitFor();
  const summary = await page.getByTestId('answers-summary').innerText();
  assert.match(summary, /What have you bought with that account\?\s*Personal things, or a mix/);
  await page.getByTestId('change-5').click();
  await page.getByTestId('question-text').getByText('What have you bought').waitFor();
  assert.equal(route(page), '?flow=join&answers=join/received/used/ordinary/yes');
  await answer(page, 'business_only', 'none');
  await page.locator('[data-outcome="migrate"]').waitFor();
  assert.equal(route(page), '?flow=join&answers=join/received/used/ordinary/yes/business_only/none');
  const changed = await page.getByTestId('answers-summary').innerText();
  assert.match(changed, /Only things for work/);
  assert.doesNotMatch(changed, /Personal things/);
  await page.close();
});

test('progress counts the questions asked and the longest way left', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join`);
  assert.equal(await page.getByTestId('progress').innerText(), 'Question 1 · at most 8 more');
  await answer(page, 'join');
  await page.getByTestId('progress').getByText('Question 2 · at most 7 more').waitFor();
  await page.goto(`${BASE_URL}/?flow=join&answers=join/received/used/ordinary/yes/business_only/purchasing_card`);
  assert.equal(await page.getByTestId('progress').innerText(), 'Question 8 · the last one');
  await answer(page, 'after_2019_04');
  await page.locator('[data-outcome="migrate"]').waitFor();
  assert.equal(await page.getByTestId('progress').count(), 0);
  await page.close();
});
