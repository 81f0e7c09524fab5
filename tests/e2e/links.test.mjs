// Links, bookmarks and reloads across a publish: a walk in progress finishes on its version,
// a link whose answers no longer fit resumes where they stop fitting, and `&to=` opens a step
// by its id on the live version's shortest way there.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_URL, answer, confirmAndReadRow, flowFolder, launchBrowser, ownServer, publish } from './support.mjs';

const ACCOUNT_KIND = 'Is that account an ordinary Amazon account, or an Amazon Business account of its own?';
const REWORDED = 'Which kind of Amazon account is it?';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const search = (page) => new URL(page.url()).searchParams;

test('an open walk reloaded after a publish finishes on its version, and its feedback names that version', async () => {
  const folder = await flowFolder();
  const server = await ownServer({ env: { SIGNPOST_FLOWS: folder, SIGNPOST_RATE_LIMIT: '0' } });
  await server.start();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/?flow=join`);
    await answer(page, 'join', 'received', 'used');
    await page.getByTestId('question-text').getByText(ACCOUNT_KIND).waitFor();
    const began = search(page).get('v');
    assert.match(began ?? '', /^[0-9a-f]{16}$/, page.url());

    // A publish rewords this question and moves an answer of an earlier one.
    const file = join(folder, '1-join.toml');
    let text = readFileSync(file, 'utf8').replace(ACCOUNT_KIND, REWORDED);
    text = text.replace('next = "request_invitation"', 'next = "swapped"')
      .replace('next = "who_invited"', 'next = "request_invitation"')
      .replace('next = "swapped"', 'next = "who_invited"');
    writeFileSync(file, text);
    await publish(server, REWORDED);

    await page.reload();
    await page.getByTestId('question-text').getByText(ACCOUNT_KIND).waitFor();
    await page.getByTestId('newer-version').waitFor();
    assert.equal(search(page).get('v'), began);
    await answer(page, 'ordinary', 'yes', 'business_only', 'none');
    await page.locator('[data-testid="outcome"][data-outcome="migrate"]').waitFor();
    await page.getByTestId('solved-yes').click();
    await page.getByTestId('solved-status').getByText('Thank you').waitFor();
    const rows = server.rows('SELECT version, outcome FROM feedback');
    assert.deepEqual(rows, [{ version: began, outcome: 'migrate' }]);

    // Starting again takes the new version.
    await page.getByTestId('start-new-version').click();
    await answer(page, 'join', 'received', 'used');
    await page.getByTestId('question-text').getByText(REWORDED).waitFor();
    assert.notEqual(search(page).get('v'), began);
    assert.equal(await page.getByTestId('newer-version').count(), 0);
    await context.close();
  } finally {
    await server.stop();
  }
});

test('a link whose last answer no longer exists resumes at that question, keeping the earlier ones', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join&answers=join/received/gone`);
  await page.getByTestId('link-notice').getByText('This guide was updated. Please check your answer from here.').waitFor();
  await page.getByTestId('question-text').getByText('Have you ever used your work email').waitFor();
  assert.equal(await page.getByTestId('answers-summary').locator('dt').count(), 2);
  assert.equal(search(page).get('answers'), 'join/received');
  assert.match(search(page).get('v') ?? '', /^[0-9a-f]{16}$/);
  // Answering moves on, and the notice has done its work.
  await answer(page, 'used');
  await page.getByTestId('question-text').getByText(ACCOUNT_KIND).waitFor();
  assert.equal(await page.getByTestId('link-notice').count(), 0);
  await page.close();
});

test('a link whose first answer no longer exists starts again, and says why', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join&answers=gone/received`);
  await page.getByTestId('link-notice').getByText('no longer fit it, so it starts again from the beginning').waitFor();
  await page.getByTestId('question-text').getByText('What do you need help with?').waitFor();
  assert.equal(search(page).get('answers'), null);
  await page.close();
});

test('a link to a version the server no longer has is read against the live one', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join&answers=join/received&v=0000000000000000`);
  await page.getByTestId('question-text').getByText('Have you ever used your work email').waitFor();
  assert.equal(await page.getByTestId('newer-version').count(), 0);
  await page.waitForURL((url) => url.searchParams.get('v') !== '0000000000000000');
  assert.match(search(page).get('v') ?? '', /^[0-9a-f]{16}$/);
  await page.close();
});

test('&to= opens an outcome on the shortest way there, with those answers listed and kept', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join&to=request_invitation`);
  await page.locator('[data-testid="outcome"][data-outcome="request_invitation"]').waitFor();
  await page.getByTestId('link-notice').getByText('A link brought you to this step').waitFor();
  const listed = await page.getByTestId('answers-summary').locator('dt').count();
  assert.equal(listed, 2);
  const answers = search(page).get('answers').split('/');
  assert.equal(answers.length, listed);
  assert.equal(search(page).get('to'), null);
  assert.match(search(page).get('v') ?? '', /^[0-9a-f]{16}$/);
  // Confirming stores the answers the link filled in.
  const row = await confirmAndReadRow(page);
  assert.equal(row.outcome, 'request_invitation');
  assert.deepEqual(JSON.parse(row.answers), answers);
  await page.close();
});

test('&to= a question lists the answers that lead to it; an unknown step says so plainly', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join&to=purchases`);
  await page.getByTestId('question-text').getByText('What have you bought with that account?').waitFor();
  assert.ok(await page.getByTestId('answers-summary').locator('dt').count() >= 4);

  await page.goto(`${BASE_URL}/?flow=join&to=nowhere`);
  await page.getByTestId('link-notice').getByText('does not have (“nowhere”)').waitFor();
  await page.getByTestId('question-text').getByText('What do you need help with?').waitFor();
  assert.equal(search(page).get('to'), null);
  await page.close();
});

test('the trainer map offers a link to each step by its id', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join&mode=trainer`);
  const link = page.getByTestId('link-separate');
  assert.equal(await link.getAttribute('href'), '?flow=join&to=separate');
  await link.click();
  await page.locator('[data-testid="outcome"][data-outcome="separate"]').waitFor();
  await page.close();
});
